import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import { type DevHost, startDevHost } from '../../../main/devhost/server';
import { Session } from '../../../main/session/session';
import { TEST_KDF, TEST_NOW } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();
let host: DevHost | undefined;

afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start(): Promise<DevHost> {
  const renderer = join(tempFolder(), 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>Signpost</title>');
  host = await startDevHost({ session: new Session({ dataFolder: tempFolder(), kdf: TEST_KDF, clock: fixedClock(TEST_NOW) }), rendererDir: renderer });
  return host;
}

function origin(h: DevHost): string {
  return new URL(h.url).origin;
}

/** A raw request, so the Host header can be set as a DNS-rebinding page would. */
function rawGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((done, fail) => {
    const req = request(url, { headers }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('error', fail);
    req.end();
  });
}

describe('the development host', () => {
  it('listens on 127.0.0.1 only and puts the token in the URL fragment', async () => {
    const h = await start();
    expect(h.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  });

  it('refuses a call without the token, or with a wrong one', async () => {
    const h = await start();
    const none = await fetch(`${origin(h)}/rpc/auth.state`, { method: 'POST', body: '{}' });
    expect(none.status).toBe(401);
    const wrong = await fetch(`${origin(h)}/rpc/auth.state`, { method: 'POST', body: '{}', headers: { Authorization: `Bearer ${'0'.repeat(64)}` } });
    expect(wrong.status).toBe(401);
  });

  it('carries a call to dispatch and returns its typed result', async () => {
    const h = await start();
    const res = await fetch(`${origin(h)}/rpc/auth.state`, { method: 'POST', body: '{}', headers: { Authorization: `Bearer ${h.token}` } });
    expect(await res.json()).toEqual({ ok: true, result: { state: 'not-set-up' } });
  });

  it('returns main’s field errors for bad input', async () => {
    const h = await start();
    const res = await fetch(`${origin(h)}/rpc/setup.create`, {
      method: 'POST',
      body: JSON.stringify({ pcnName: '', practices: [{ name: 'X', odsCode: 'nope' }], manager: { fullName: 'A', username: 'ab', password: 'x' } }),
      headers: { Authorization: `Bearer ${h.token}` },
    });
    const body = (await res.json()) as { ok: boolean; error: { code: string; fieldErrors: Record<string, string[]> } };
    expect(body.ok).toBe(false);
    expect(body.error.code).toBe('VALIDATION');
    expect(Object.keys(body.error.fieldErrors)).toEqual(expect.arrayContaining(['pcnName', 'practices.0.odsCode', 'manager.username', 'manager.password']));
  });

  it('lists every channel with its input as JSON Schema and who may call it', async () => {
    const h = await start();
    const res = await fetch(`${origin(h)}/rpc`, { headers: { Authorization: `Bearer ${h.token}` } });
    const { channels } = (await res.json()) as { channels: { name: string; access: unknown; input: { type?: string } }[] };
    const users = channels.find((c) => c.name === 'users.create');
    expect(users?.access).toEqual(['practice_manager', 'admin']);
    expect(users?.input.type).toBe('object');
    expect(channels.map((c) => c.name)).toContain('auth.login');
  });

  it('refuses requests addressed to another host name (DNS rebinding)', async () => {
    const h = await start();
    expect(await rawGet(`${origin(h)}/`, { Host: 'evil.example:80' })).toBe(421);
    expect(await rawGet(`${origin(h)}/`, { Host: new URL(h.url).host })).toBe(200);
  });

  it('serves the renderer with the Content-Security-Policy and never a file outside it', async () => {
    const h = await start();
    const page = await fetch(`${origin(h)}/`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`${origin(h)}/..%2f..%2fetc%2fpasswd`);
    expect(await escape.text()).toContain('<title>Signpost</title>');
  });

  it('answers 400, not 500, to a malformed % in the address', async () => {
    const h = await start();
    const rpc = await fetch(`${origin(h)}/rpc/auth.state%`, { method: 'POST', body: '{}', headers: { Authorization: `Bearer ${h.token}` } });
    expect(rpc.status).toBe(400);
    expect(await rpc.json()).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'The channel name in the address is not valid.' } });
    expect((await fetch(`${origin(h)}/rpc/%E0%A4%A`, { method: 'POST', body: '{}', headers: { Authorization: `Bearer ${h.token}` } })).status).toBe(400);
    expect((await fetch(`${origin(h)}/assets/%zz.js`)).status).toBe(400);
  });
});

describe('the development host’s idle timer', () => {
  it('survives an idle check that fails: the error is logged, never an unhandled rejection that ends the host', async () => {
    const renderer = join(tempFolder(), 'renderer');
    mkdirSync(renderer);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    const logged: unknown[] = [];
    const consoleError = console.error;
    console.error = (...args: unknown[]) => logged.push(args);
    let checks = 0;
    // A session whose lock hits a busy database, as the review saw it.
    const failing = {
      lockIfIdle: () => {
        checks += 1;
        return Promise.reject(new Error('SQLITE_BUSY: database is locked'));
      },
      logout: () => Promise.resolve({ state: 'signed-out' }),
    } as unknown as Session;
    try {
      host = await startDevHost({ session: failing, rendererDir: renderer, idleCheckMs: 5 });
      await new Promise((done) => setTimeout(done, 60));
      await new Promise((done) => setImmediate(done));
    } finally {
      process.off('unhandledRejection', onUnhandled);
      console.error = consoleError;
    }
    expect(checks).toBeGreaterThan(1);
    expect(unhandled).toEqual([]);
    expect(logged.length).toBeGreaterThan(0);
  });
});
