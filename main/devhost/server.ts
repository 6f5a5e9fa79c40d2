import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { z } from 'zod';
import { contract, channelNames, isChannelName } from '../contract';
import { dispatch } from '../dispatch/dispatch';
import type { Session } from '../session/session';
import { CONTENT_SECURITY_POLICY } from '../security/csp';

/**
 * The development host: the built renderer and the same dispatch over HTTP, on loopback only,
 * behind a random token per run. It is how the app is used and tested where Electron cannot run;
 * it is never packaged.
 */
export interface DevHostOptions {
  session: Session;
  rendererDir: string;
  port?: number;
  token?: string;
  idleCheckMs?: number;
}

export interface DevHost {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

export async function startDevHost(options: DevHostOptions): Promise<DevHost> {
  const token = options.token ?? randomBytes(32).toString('hex');
  const server = createServer((req, res) => {
    handle(req, res, options, token).catch((error: unknown) => {
      console.error('development host error', error);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Internal error' } });
    });
  });
  await new Promise<void>((done) => server.listen(options.port ?? 0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  // A rejection here would be unhandled and end the process: every error is caught and logged.
  const idle = setInterval(() => {
    options.session.lockIfIdle().catch((error: unknown) => console.error('Idle lock check failed', error));
  }, options.idleCheckMs ?? 5_000);
  idle.unref();
  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    token,
    server,
    close: async () => {
      clearInterval(idle);
      await new Promise<void>((done) => server.close(() => done()));
      await options.session.logout();
    },
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, options: DevHostOptions, token: string): Promise<void> {
  if (!isLoopbackHost(req.headers.host)) return sendText(res, 421, 'This host answers only on 127.0.0.1.');
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  if (url.pathname === '/rpc' || url.pathname.startsWith('/rpc/')) {
    if (!hasToken(req, token)) return sendJson(res, 401, { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Missing or wrong token.' } });
    if (url.pathname === '/rpc' && req.method === 'GET') return sendJson(res, 200, describeChannels());
    if (req.method !== 'POST') return sendText(res, 405, 'Use POST.');
    const name = decoded(url.pathname.slice('/rpc/'.length));
    if (name === null) return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The channel name in the address is not valid.' } });
    if (!isChannelName(name)) return sendJson(res, 404, { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `There is no channel called ${name}.` } });
    const body = await readJson(req);
    if (body === INVALID) return sendJson(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'The request body is not JSON.' } });
    return sendJson(res, 200, await dispatch(options.session, name, body));
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendText(res, 405, 'Method not allowed.');
  const path = decoded(url.pathname);
  if (path === null) return sendText(res, 400, 'The address is not valid.');
  return serveStatic(res, options.rendererDir, path);
}

/** A percent-encoded path part as text, or null when it is malformed (a lone % or a broken UTF-8 sequence). */
function decoded(part: string): string | null {
  try {
    return decodeURIComponent(part);
  } catch {
    return null;
  }
}

function isLoopbackHost(host: string | undefined): boolean {
  // Guards against DNS rebinding: a page elsewhere cannot reach us under another name.
  return host !== undefined && /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host);
}

function hasToken(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from((req.headers.authorization ?? '').replace(/^Bearer /, ''));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function describeChannels() {
  return {
    channels: channelNames.map((name) => {
      const def = contract[name];
      return {
        name,
        summary: def.summary,
        access: def.access,
        input: z.toJSONSchema(def.input, { unrepresentable: 'any', io: 'input' }),
      };
    }),
  };
}

const INVALID = Symbol('invalid');

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return INVALID;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID;
  }
}

function securityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  securityHeaders(res);
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

function serveStatic(res: ServerResponse, root: string, pathname: string): void {
  const base = resolve(root);
  const wanted = normalize(join(base, pathname));
  const inside = wanted === base || wanted.startsWith(base + sep);
  let file = inside && existsSync(wanted) && statSync(wanted).isFile() ? wanted : join(base, 'index.html');
  if (!existsSync(file)) return sendText(res, 500, 'The renderer is not built: run npm run build.');
  if (extname(file) === '') file = join(base, 'index.html');
  securityHeaders(res);
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
}
