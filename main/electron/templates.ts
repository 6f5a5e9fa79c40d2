import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';

/**
 * The window's and the menu's settings as plain data. Only types come from electron (erased when
 * compiled), so the unit tests check these settings in Node.
 */
export function appWindowOptions(preloadPath: string, isPackaged: boolean, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    ...(iconPath ? { icon: iconPath } : {}),
    width: 1280,
    height: 860,
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Signpost',
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spellchecker downloads dictionaries on some systems: no request leaves the app.
      spellcheck: false,
      devTools: !isPackaged,
    },
  };
}

export interface IconPlace {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** process.resourcesPath: where electron-builder's extraResources put icon.ico and icon.png. */
  resourcesPath: string;
  /** The project's folder, while developing (resources/ holds the icons there). */
  projectRoot: string;
}

/**
 * The window's icon (title bar, taskbar, Alt+Tab): the ICO on Windows, for its hand-drawn 16, 24
 * and 32 px images; the PNG on Linux; none on macOS, where the app bundle's icon is the window's.
 */
export function windowIconPath(place: IconPlace): string | undefined {
  if (place.platform === 'darwin') return undefined;
  const file = place.platform === 'win32' ? 'icon.ico' : 'icon.png';
  return place.isPackaged ? join(place.resourcesPath, file) : join(place.projectRoot, 'resources', file);
}

export interface MenuChoices {
  isPackaged: boolean;
  platform: NodeJS.Platform;
  onAbout: () => void;
}

const editMenu: MenuItemConstructorOptions = {
  label: 'Edit',
  submenu: [
    { role: 'undo' },
    { role: 'redo' },
    { type: 'separator' },
    { role: 'cut' },
    { role: 'copy' },
    { role: 'paste' },
    { type: 'separator' },
    { role: 'selectAll' },
  ],
};

/** View › Reload and the developer tools exist only while developing, never in a packaged build. */
function viewMenu(isPackaged: boolean): MenuItemConstructorOptions[] {
  if (isPackaged) return [];
  return [{ label: 'View', submenu: [{ role: 'reload' }, { role: 'toggleDevTools' }] }];
}

export function menuTemplate(choices: MenuChoices): MenuItemConstructorOptions[] {
  return [
    ...(choices.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [{ role: 'quit', label: 'Quit Signpost' }] },
    editMenu,
    ...viewMenu(choices.isPackaged),
    { label: 'Help', submenu: [{ label: 'About Signpost', click: () => choices.onAbout() }] },
  ];
}
