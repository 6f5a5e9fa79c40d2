import { join } from 'node:path';
import { app, type BrowserWindow, dialog, Menu, session as electronSession } from 'electron';
import { AppError } from '../contract/errors';
import { Session } from '../session/session';
import { assertLocalFolder, defaultDataFolder } from '../store/dataFolder';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { parseAnchorDirArg, parseDataArg } from './policy';
import { registerAppScheme, serveRenderer } from './protocol';
import { openExportsWhenSaved } from './downloads';
import { hardenApp, hardenSession } from './security';
import { windowIconPath } from './templates';
import { createAppWindow, focusWindow } from './window';

/** How often the idle lock is checked; the lock itself is the manager's setting (minutes). */
const IDLE_CHECK_MS = 15_000;

/** dist/main/electron → dist/ */
const DIST = join(__dirname, '..', '..');
const RENDERER_DIR = join(DIST, 'renderer');
const PRELOAD = join(DIST, 'preload', 'index.js');

type FolderChoice = { folder: string; anchorDir: string | undefined } | { problem: string };

/**
 * The data folder from `--data DIR` (or the per-user default), refused if it is on a network share;
 * and the folder for the audit anchor's second copy, from `--anchor-dir DIR` or SIGNPOST_ANCHOR_DIR
 * (set by practice IT in the shortcut or the deployment; it may be a network share).
 */
function chooseDataFolder(argv: readonly string[]): FolderChoice {
  try {
    const folder = parseDataArg(argv) ?? defaultDataFolder();
    assertLocalFolder(folder);
    return { folder, anchorDir: parseAnchorDirArg(argv) ?? (process.env.SIGNPOST_ANCHOR_DIR || undefined) };
  } catch (error) {
    return { problem: messageOf(error) };
  }
}

/** An AppError's message is written for the person at the PC; anything else gets a plain sentence. */
function messageOf(error: unknown): string {
  if (error instanceof AppError || error instanceof Error) return error.message;
  return 'Signpost could not start. Please try again, or ask your practice IT for help.';
}

async function refuseToStart(problem: string): Promise<void> {
  await app.whenReady();
  dialog.showErrorBox('Signpost cannot start', problem);
  app.exit(1);
}

function openApp(dataFolder: string, anchorDir: string | undefined): void {
  const session = new Session({ dataFolder, ...(anchorDir ? { anchorDir } : {}) });
  hardenSession(electronSession.defaultSession);
  openExportsWhenSaved(electronSession.defaultSession);
  serveRenderer(RENDERER_DIR);
  Menu.setApplicationMenu(buildMenu(app.isPackaged));

  const icon = windowIconPath({
    isPackaged: app.isPackaged,
    platform: process.platform,
    resourcesPath: process.resourcesPath,
    projectRoot: join(DIST, '..'),
  });
  let window: BrowserWindow | null = createAppWindow(PRELOAD, icon);
  window.on('closed', () => (window = null));
  registerIpc(session, () => window);
  app.on('second-instance', () => focusWindow(window));

  const idle = setInterval(() => {
    session.lockIfIdle().catch((error: unknown) => console.error('Idle lock check failed', error));
  }, IDLE_CHECK_MS);
  app.once('will-quit', () => clearInterval(idle));
  app.on('window-all-closed', () => app.quit());
  signOutBeforeQuit(session);
}

/** Holds the quit (File › Quit, closing the window) until the session has signed out and closed the database. */
function signOutBeforeQuit(session: Session): void {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    session
      .logout()
      .catch((error: unknown) => console.error('Closing the session failed', error))
      .finally(() => {
        state = 'closed';
        app.quit();
      });
  });
}

function start(): void {
  hardenApp();
  registerAppScheme();
  // UK dates everywhere, date fields included, whatever language Windows is set to.
  app.commandLine.appendSwitch('lang', 'en-GB');
  const choice = chooseDataFolder(process.argv);
  if ('problem' in choice) {
    void refuseToStart(choice.problem);
    return;
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app
    .whenReady()
    .then(() => openApp(choice.folder, choice.anchorDir))
    .catch((error: unknown) => {
      console.error('Signpost could not start', error);
      void refuseToStart(messageOf(error));
    });
}

start();
