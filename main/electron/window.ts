import { app, BrowserWindow } from 'electron';
import { APP_PAGE_URL } from './policy';
import { appWindowOptions } from './templates';

/** The one app window: sandboxed, isolated, no Node in the page; the preload is its only bridge. */
export function createAppWindow(preloadPath: string, iconPath: string | undefined): BrowserWindow {
  const window = new BrowserWindow(appWindowOptions(preloadPath, app.isPackaged, iconPath));
  window.once('ready-to-show', () => window.show());
  window.loadURL(APP_PAGE_URL).catch((error: unknown) => console.error('The Signpost page did not load', error));
  return window;
}

/** Brings the window to the front, e.g. when someone starts Signpost a second time. */
export function focusWindow(window: BrowserWindow | null): void {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
