import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import type { Result } from '../contract/errors';
import { dispatch } from '../dispatch/dispatch';
import type { Session } from '../session/session';
import { isTrustedSender, type SenderFacts } from './policy';

/** The one IPC channel; the preload sends every contract call through it. */
export const INVOKE_CHANNEL = 'signpost:invoke';

function senderFacts(event: IpcMainInvokeEvent, window: BrowserWindow | null): SenderFacts {
  try {
    const frame = event.senderFrame;
    if (!frame || !window || window.isDestroyed()) return { url: undefined, isAppMainFrame: false };
    const main = window.webContents.mainFrame;
    const isAppMainFrame =
      event.sender.id === window.webContents.id && frame.parent === null && frame.processId === main.processId && frame.routingId === main.routingId;
    return { url: frame.url, isAppMainFrame };
  } catch {
    return { url: undefined, isAppMainFrame: false };
  }
}

const REFUSED: Result<unknown> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'Only the Signpost window may talk to Signpost.' },
};

/** Wires the contract's channels to dispatch, for the app's own page in the app's own window only. */
export function registerIpc(session: Session, appWindow: () => BrowserWindow | null): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, channel: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(senderFacts(event, appWindow()))) return REFUSED;
    if (typeof channel !== 'string') return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'A channel name must be text.' } };
    return dispatch(session, channel, input);
  });
}
