import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import { TEST_NOW } from '../../support/installation';

/**
 * The Electron wiring (security.ts, ipc.ts, protocol.ts) against a stand-in for the electron module:
 * the real binary cannot run here, so this checks what each handler answers.
 */
type Listener = (...args: never[]) => unknown;
const fake = vi.hoisted(() => ({
  handlers: new Map<string, Listener>(),
  appEvents: new Map<string, Listener>(),
  enableSandbox: vi.fn(),
  registerSchemesAsPrivileged: vi.fn(),
  openPath: vi.fn(async () => ''),
  documents: '',
}));

vi.mock('electron', () => ({
  app: {
    enableSandbox: fake.enableSandbox,
    on: (name: string, l: Listener) => fake.appEvents.set(name, l),
    getPath: (name: string) => (name === 'documents' ? fake.documents : ''),
  },
  shell: { openPath: fake.openPath },
  ipcMain: { handle: (name: string, l: Listener) => fake.handlers.set(`ipc:${name}`, l) },
  protocol: {
    registerSchemesAsPrivileged: fake.registerSchemesAsPrivileged,
    handle: (scheme: string, l: Listener) => fake.handlers.set(`protocol:${scheme}`, l),
  },
}));

const { hardenApp, hardenSession } = await import('../../../main/electron/security');
const { registerIpc, INVOKE_CHANNEL } = await import('../../../main/electron/ipc');
const { registerAppScheme, serveRenderer } = await import('../../../main/electron/protocol');
const { APP_PAGE_URL, CONTENT_SECURITY_POLICY } = await import('../../../main/electron/policy');
const { Session } = await import('../../../main/session/session');
const { openExportsWhenSaved } = await import('../../../main/electron/downloads');

type Callback<T> = (response: T) => void;

function fakeElectronSession() {
  const got: Record<string, Listener> = {};
  const session = {
    webRequest: {
      onBeforeRequest: (l: Listener) => (got.beforeRequest = l),
      onHeadersReceived: (l: Listener) => (got.headersReceived = l),
    },
    setPermissionRequestHandler: (l: Listener) => (got.permissionRequest = l),
    setPermissionCheckHandler: (l: Listener) => (got.permissionCheck = l),
    setDevicePermissionHandler: (l: Listener) => (got.devicePermission = l),
  };
  return { session, got };
}

function call<T>(listener: Listener | undefined, ...args: unknown[]): T {
  return (listener as unknown as (...a: unknown[]) => T)(...args);
}

describe('the session rules', () => {
  const { session, got } = fakeElectronSession();
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  hardenSession(session as never);

  function cancelled(url: string): boolean | undefined {
    let answer: { cancel?: boolean } = {};
    call(got.beforeRequest, { url }, ((r) => (answer = r)) as Callback<{ cancel?: boolean }>);
    return answer.cancel;
  }

  it('cancels every request to the network and lets the app load its own files', () => {
    expect(cancelled('https://www.nhs.uk/')).toBe(true);
    expect(cancelled('http://127.0.0.1:9229/json')).toBe(true);
    expect(cancelled('file:///C:/Windows/win.ini')).toBe(true);
    expect(cancelled(`${APP_PAGE_URL}`)).toBe(false);
  });

  it('adds the CSP to every response that has headers', () => {
    let answer: { responseHeaders?: Record<string, string[]> } = {};
    call(got.headersReceived, { url: 'https://x/', responseHeaders: { 'Content-Type': ['text/html'] } }, ((r) => (answer = r)) as Callback<typeof answer>);
    expect(answer.responseHeaders?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    expect(answer.responseHeaders?.['Content-Type']).toEqual(['text/html']);
  });

  it('refuses every permission but writing text to the clipboard', () => {
    let granted: boolean | undefined;
    call(got.permissionRequest, {}, 'media', ((g) => (granted = g)) as Callback<boolean>);
    expect(granted).toBe(false);
    expect(call(got.permissionCheck, null, 'clipboard-read', 'app://signpost', {})).toBe(false);
    expect(call(got.devicePermission, {})).toBe(false);
    let clipboard = false;
    call(got.permissionRequest, {}, 'clipboard-sanitized-write', ((g) => (clipboard = g)) as Callback<boolean>);
    expect(clipboard).toBe(true);
    expect(call(got.permissionCheck, null, 'clipboard-sanitized-write', 'app://signpost', {})).toBe(true);
  });
});

describe('the process rules', () => {
  it('sandboxes every renderer and refuses navigation, new windows and webviews', () => {
    hardenApp();
    expect(fake.enableSandbox).toHaveBeenCalled();
    const on = new Map<string, Listener>();
    let openHandler: Listener | undefined;
    const contents = { on: (n: string, l: Listener) => on.set(n, l), setWindowOpenHandler: (l: Listener) => (openHandler = l) };
    call(fake.appEvents.get('web-contents-created'), {}, contents);

    const navigate = (event: string, url: string) => {
      const e = { url, preventDefault: vi.fn() };
      call(on.get(event), e);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-redirect', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', `${APP_PAGE_URL}#/home`)).toBe(false);
    expect(navigate('will-attach-webview', APP_PAGE_URL)).toBe(true);
    expect(call(openHandler, { url: 'https://www.nhs.uk/' })).toEqual({ action: 'deny' });
  });
});

describe('the IPC door', () => {
  const folder = mkdtempSync(join(tmpdir(), 'signpost-ipc-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const mainFrame = { processId: 4, routingId: 1, parent: null, url: APP_PAGE_URL };
  const webContents = { id: 7, mainFrame };
  const window = { webContents, isDestroyed: () => false };
  registerIpc(new Session({ dataFolder: join(folder, 'data'), clock: fixedClock(TEST_NOW) }), () => window as never);
  const handler = fake.handlers.get(`ipc:${INVOKE_CHANNEL}`);

  function invoke(event: object, channel: unknown, input: unknown = {}) {
    return call<Promise<{ ok: boolean; result?: unknown; error?: { code: string } }>>(handler, event, channel, input);
  }

  it('carries the app page’s calls to dispatch', async () => {
    const answer = await invoke({ sender: webContents, senderFrame: mainFrame }, 'auth.state');
    expect(answer).toEqual({ ok: true, result: { state: 'not-set-up' } });
  });

  it('lets dispatch refuse a channel the contract does not have', async () => {
    const answer = await invoke({ sender: webContents, senderFrame: mainFrame }, 'nope.nothing');
    expect(answer.error?.code).toBe('UNKNOWN_CHANNEL');
    expect((await invoke({ sender: webContents, senderFrame: mainFrame }, 42)).error?.code).toBe('UNKNOWN_CHANNEL');
  });

  it.each([
    ['a sub-frame', { sender: webContents, senderFrame: { ...mainFrame, routingId: 9, parent: mainFrame } }],
    ['another window', { sender: { id: 8, mainFrame }, senderFrame: mainFrame }],
    ['a foreign page', { sender: webContents, senderFrame: { ...mainFrame, url: 'https://evil.example/' } }],
    ['a file:// page', { sender: webContents, senderFrame: { ...mainFrame, url: 'file:///C:/x/index.html' } }],
    ['a frame that has gone', { sender: webContents, senderFrame: null }],
  ])('refuses %s', async (_name, event) => {
    const answer = await invoke(event, 'auth.state');
    expect(answer).toEqual({ ok: false, error: expect.objectContaining({ code: 'FORBIDDEN' }) });
  });
});

describe('the app:// scheme', () => {
  const dir = mkdtempSync(join(tmpdir(), 'signpost-renderer-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'renderer', 'assets'), { recursive: true });
  writeFileSync(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Signpost</title>');
  writeFileSync(join(dir, 'renderer', 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(join(dir, 'secret.txt'), 'not for the page');
  registerAppScheme();
  serveRenderer(join(dir, 'renderer'));
  const handler = fake.handlers.get('protocol:app');
  const get = (url: string, method = 'GET') => call<Promise<Response>>(handler, { url, method });

  it('is registered as a standard, secure scheme', () => {
    expect(fake.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('serves the page with the CSP and module scripts with a JavaScript type', async () => {
    const page = await get(APP_PAGE_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await page.text()).toContain('<title>Signpost</title>');
    const script = await get('app://signpost/assets/index.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 404 outside the renderer folder and for missing files, 405 for writes', async () => {
    expect((await get('app://signpost/assets/..%2f..%2fsecret.txt')).status).toBe(404);
    expect((await get('app://signpost/missing.js')).status).toBe(404);
    expect((await get('app://other/index.html')).status).toBe(404);
    expect((await get(APP_PAGE_URL, 'POST')).status).toBe(405);
  });
});

describe('exports downloaded by the page', () => {
  it('are saved in Documents/Signpost exports and opened in their program once complete', () => {
    fake.documents = mkdtempSync(join(tmpdir(), 'signpost-documents-'));
    const events = new Map<string, Listener>();
    openExportsWhenSaved({ on: (name: string, l: Listener) => events.set(name, l) } as never);
    let savedTo = '';
    let done: Listener | undefined;
    const item = {
      getFilename: () => 'newsletter-2026-11.eml',
      setSavePath: (p: string) => (savedTo = p),
      once: (_name: string, l: Listener) => (done = l),
    };
    (events.get('will-download') as (e: unknown, i: unknown) => void)({}, item);
    expect(savedTo).toBe(join(fake.documents, 'Signpost exports', 'newsletter-2026-11.eml'));
    expect(fake.openPath).not.toHaveBeenCalled();
    (done as (e: unknown, s: string) => void)({}, 'completed');
    expect(fake.openPath).toHaveBeenCalledWith(savedTo);
    rmSync(fake.documents, { recursive: true, force: true });
  });
});
