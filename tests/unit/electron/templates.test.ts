import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appWindowOptions, menuTemplate, windowIconPath } from '../../../main/electron/templates';

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.map((item) => item.label ?? item.role ?? '');
}

describe('the app window', () => {
  it('isolates and sandboxes the page, with no Node in it', () => {
    const prefs = appWindowOptions('/app/dist/preload/index.js', true).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('has developer tools only while developing', () => {
    expect(appWindowOptions('p', true).webPreferences?.devTools).toBe(false);
    expect(appWindowOptions('p', false).webPreferences?.devTools).toBe(true);
  });
});

describe("the window's icon", () => {
  const root = join(__dirname, '..', '..', '..');
  const place = { resourcesPath: join('C:', 'Program Files', 'Signpost', 'resources'), projectRoot: root };

  it('is the ICO that extraResources puts beside a packaged app on Windows, the PNG on Linux', () => {
    expect(windowIconPath({ ...place, isPackaged: true, platform: 'win32' })).toBe(join(place.resourcesPath, 'icon.ico'));
    expect(windowIconPath({ ...place, isPackaged: true, platform: 'linux' })).toBe(join(place.resourcesPath, 'icon.png'));
  });

  it("is resources/'s own while developing, and those files exist", () => {
    for (const platform of ['win32', 'linux'] as const) {
      const icon = windowIconPath({ ...place, isPackaged: false, platform });
      expect(icon?.startsWith(join(root, 'resources'))).toBe(true);
      expect(existsSync(icon!)).toBe(true);
    }
  });

  it('is left to the app bundle on macOS', () => {
    expect(windowIconPath({ ...place, isPackaged: true, platform: 'darwin' })).toBeUndefined();
  });

  it('is set on the window when there is one', () => {
    expect(appWindowOptions('p', true, '/r/icon.ico').icon).toBe('/r/icon.ico');
    expect(appWindowOptions('p', true, undefined)).not.toHaveProperty('icon');
  });
});

describe('the menu', () => {
  const onAbout = () => undefined;

  it('is File, Edit and Help in a packaged build, with no reload and no developer tools', () => {
    const template = menuTemplate({ isPackaged: true, platform: 'win32', onAbout });
    expect(labels(template)).toEqual(['File', 'Edit', 'Help']);
    expect(roles(template)).not.toContain('reload');
    expect(roles(template)).not.toContain('toggleDevTools');
    expect(roles(template)).not.toContain('forceReload');
  });

  it('has the editing commands text fields need', () => {
    const template = menuTemplate({ isPackaged: true, platform: 'win32', onAbout });
    expect(roles(template)).toEqual(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });

  it('adds View › Reload while developing', () => {
    const template = menuTemplate({ isPackaged: false, platform: 'win32', onAbout });
    expect(labels(template)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(roles(template)).toContain('reload');
  });

  it('opens About Signpost from Help', () => {
    let asked = 0;
    const template = menuTemplate({ isPackaged: true, platform: 'win32', onAbout: () => asked++ });
    const help = template.find((item) => item.label === 'Help');
    const about = Array.isArray(help?.submenu) ? help.submenu.find((item) => item.label === 'About Signpost') : undefined;
    expect(about?.click).toBeTypeOf('function');
    (about?.click as () => void)();
    expect(asked).toBe(1);
  });
});
