import { extname, isAbsolute, relative, resolve, sep } from 'node:path';

/**
 * The pure parts of the Electron shell: no electron import, so they are unit-tested in Node.
 * The renderer is served from a custom, standard and secure scheme (app://signpost/), not file://:
 * module scripts need a real origin, and file:// would open the whole disk to the page.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'signpost';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_PAGE_URL = `${APP_ORIGIN}/index.html`;

/** One policy for both transports: Electron and the development host serve the same renderer. */
export { CONTENT_SECURITY_POLICY } from '../security/csp';

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

function isAppOrigin(url: URL): boolean {
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}

/**
 * Whether the renderer may make a request at all. Only the app's own files, the developer tools'
 * own pages and in-memory data/blob URLs pass; every network address (loopback included) and
 * every file:// URL is refused: no request leaves the app.
 */
export function isAllowedRequestUrl(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed) return false;
  switch (parsed.protocol) {
    case `${APP_SCHEME}:`:
      return isAppOrigin(parsed);
    case 'devtools:':
    case 'data:':
      return true;
    case 'blob:': {
      const inner = parseUrl(parsed.pathname);
      return inner !== null && isAppOrigin(inner);
    }
    case 'about:':
      return url === 'about:blank';
    default:
      return false;
  }
}

/** Whether a URL is the app's own page (any hash or query: the renderer routes with the hash). */
export function isAppPageUrl(url: string): boolean {
  const parsed = parseUrl(url);
  if (!parsed || !isAppOrigin(parsed)) return false;
  return parsed.pathname === '/' || parsed.pathname === '/index.html';
}

/** What ipc.ts learns about the frame behind an IPC call. */
export interface SenderFacts {
  /** The sending frame's URL; undefined when the frame has gone (navigated away or destroyed). */
  url: string | undefined;
  /** True only when the frame is the main frame of the app's own window (not a sub-frame, not another window). */
  isAppMainFrame: boolean;
}

/** Refuses an IPC call from anything but the app's own page in the app's own window. */
export function isTrustedSender(sender: SenderFacts): boolean {
  return sender.isAppMainFrame && sender.url !== undefined && isAppPageUrl(sender.url);
}

/**
 * The data folder given as `--data DIR` or `--data=DIR`, or undefined when there is none.
 * Chromium's own switches may sit anywhere in argv, so the whole list is scanned.
 */
export function parseDataArg(argv: readonly string[]): string | undefined {
  return parseFolderArg(argv, 'data', 'D:\\Signpost data');
}

/** `--anchor-dir DIR`: the folder practice IT keeps the audit anchor's second copy in. */
export function parseAnchorDirArg(argv: readonly string[]): string | undefined {
  return parseFolderArg(argv, 'anchor-dir', '\\\\server\\signpost-anchors');
}

function parseFolderArg(argv: readonly string[], name: string, example: string): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg.startsWith(`--${name}=`)) found = arg.slice(`--${name}=`.length);
    else if (arg === `--${name}`) found = argv[++i];
    else continue;
    if (!found || found.startsWith('--')) throw new Error(`Give a folder after --${name}, for example --${name} "${example}".`);
  }
  return found;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json',
};

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file inside `rendererDir` that an app:// URL names, or null for any other origin or a path
 * that would leave the folder (`..`, encoded separators, absolute paths).
 */
export function rendererFileFor(url: string, rendererDir: string): string | null {
  const parsed = parseUrl(url);
  if (!parsed || !isAppOrigin(parsed)) return null;
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const root = resolve(rendererDir);
  const file = resolve(root, '.' + (path === '/' ? '/index.html' : path));
  const inside = relative(root, file);
  if (inside === '' || isAbsolute(inside) || inside.split(sep).includes('..')) return null;
  return file;
}

/**
 * The one permission the page may use: writing plain text to the clipboard, for the "copy the SNOMED
 * code" buttons. Reading the clipboard, camera, location, notifications and the rest stay refused.
 */
export function isPermissionAllowed(permission: string): boolean {
  return permission === 'clipboard-sanitized-write';
}

/**
 * Where an export the page downloads is saved before it opens in its program: the user's
 * Documents\Signpost exports folder, under the name main gave it (reduced to a safe file name),
 * numbered rather than overwriting an earlier export.
 */
export function exportPathFor(documents: string, suggested: string, exists: (path: string) => boolean): string {
  const base = suggested.split(/[\\/]/).pop() ?? '';
  const printable = [...base].map((c) => (c.charCodeAt(0) < 32 ? '_' : c)).join('');
  const safe = printable.replace(/[<>:"|?*]/g, '_').replace(/^[.\s]+/, '') || 'signpost-export';
  const folder = resolve(documents, 'Signpost exports');
  const ext = extname(safe);
  const stem = safe.slice(0, safe.length - ext.length);
  let candidate = resolve(folder, safe);
  for (let n = 2; exists(candidate); n += 1) candidate = resolve(folder, `${stem} (${n})${ext}`);
  return candidate;
}
