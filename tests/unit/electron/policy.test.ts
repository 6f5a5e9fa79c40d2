import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_PAGE_URL,
  CONTENT_SECURITY_POLICY,
  contentTypeFor,
  exportPathFor,
  isAllowedRequestUrl,
  isAppPageUrl,
  isTrustedSender,
  parseDataArg,
  rendererFileFor,
} from '../../../main/electron/policy';

describe('the Content-Security-Policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name = '', ...values] = d.trim().split(/\s+/);
    return [name, values.join(' ')] as const;
  }));

  it.each([
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self' data:"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ])('has %s %s', (name, value) => {
    expect(directives.get(name)).toBe(value);
  });

  it('allows no inline or evaluated script', () => {
    expect(directives.get('script-src')).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });
});

describe('isAllowedRequestUrl', () => {
  it.each([
    'app://signpost/index.html',
    'app://signpost/assets/index-abc123.js',
    'devtools://devtools/bundled/inspector.html',
    'data:image/png;base64,iVBORw0KGgo=',
    'blob:app://signpost/5b1c0f6e-0000-4000-8000-000000000000',
    'about:blank',
  ])('lets the app load %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(true);
  });

  it.each([
    'https://www.nhs.uk/',
    'http://example.com/track.gif',
    'https://fonts.googleapis.com/css?family=Roboto',
    'http://127.0.0.1:8080/rpc',
    'http://localhost/',
    'http://[::1]/',
    'http://10.0.0.5/share',
    'ws://127.0.0.1:9229/',
    'wss://example.com/socket',
    'ftp://example.com/file',
    'file:///C:/Windows/win.ini',
    'file:///etc/passwd',
    'app://evil.example/index.html',
    'app://user:pw@signpost/index.html',
    'blob:https://example.com/5b1c0f6e-0000-4000-8000-000000000000',
    'chrome://settings',
    'about:srcdoc',
    'javascript:alert(1)',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedRequestUrl(url)).toBe(false);
  });
});

describe('isAppPageUrl and isTrustedSender', () => {
  it('knows the app page, with or without a hash route', () => {
    expect(isAppPageUrl(APP_PAGE_URL)).toBe(true);
    expect(isAppPageUrl('app://signpost/')).toBe(true);
    expect(isAppPageUrl('app://signpost/index.html#/referrals/12')).toBe(true);
  });

  it.each([
    'app://signpost/assets/index.js',
    'app://other/index.html',
    'file:///C:/Program%20Files/Signpost/resources/app.asar/dist/renderer/index.html',
    'https://signpost/index.html',
    'http://127.0.0.1:5173/index.html',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
  ])('refuses %s as the app page', (url) => {
    expect(isAppPageUrl(url)).toBe(false);
    expect(isTrustedSender({ url, isAppMainFrame: true })).toBe(false);
  });

  it('trusts only the app page in the main frame of the app window', () => {
    expect(isTrustedSender({ url: APP_PAGE_URL, isAppMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: APP_PAGE_URL, isAppMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: undefined, isAppMainFrame: true })).toBe(false);
  });
});

describe('parseDataArg', () => {
  it('finds --data DIR among Electron and Chromium arguments', () => {
    const argv = ['/opt/electron', '--inspect=0', 'dist/main/electron/main.js', '--data', '/srv/signpost data', '--remote-debugging-port=0'];
    expect(parseDataArg(argv)).toBe('/srv/signpost data');
  });

  it('accepts --data=DIR and Windows paths', () => {
    expect(parseDataArg(['Signpost.exe', '--data=D:\\Signpost data'])).toBe('D:\\Signpost data');
  });

  it('gives undefined when there is no --data, so the default folder is used', () => {
    expect(parseDataArg(['Signpost.exe'])).toBeUndefined();
    expect(parseDataArg(['Signpost.exe', '--database', 'x', '--data-folder=y'])).toBeUndefined();
  });

  it('takes the last --data when there are several', () => {
    expect(parseDataArg(['x', '--data', 'a', '--data=b'])).toBe('b');
  });

  it.each([[['x', '--data']], [['x', '--data=']], [['x', '--data', '--inspect']]])('refuses --data without a folder: %j', (argv) => {
    expect(() => parseDataArg(argv)).toThrow(/Give a folder after --data/);
  });
});

describe('rendererFileFor', () => {
  const root = resolve('/opt/signpost/dist/renderer');

  it('maps app URLs to files inside the renderer folder', () => {
    expect(rendererFileFor('app://signpost/index.html', root)).toBe(join(root, 'index.html'));
    expect(rendererFileFor('app://signpost/', root)).toBe(join(root, 'index.html'));
    expect(rendererFileFor('app://signpost/assets/index-1.js?v=2#x', root)).toBe(join(root, 'assets', 'index-1.js'));
    expect(rendererFileFor('app://signpost/assets/Open%20Sans.woff2', root)).toBe(join(root, 'assets', 'Open Sans.woff2'));
  });

  it.each([
    'app://signpost/../secret.txt',
    'app://signpost/%2e%2e/%2e%2e/etc/passwd',
    'app://signpost/assets/..%2f..%2f..%2fsecret',
    'app://signpost/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fsecret',
    'app://signpost/..%5c..%5csecret',
    'app://signpost//etc/passwd',
  ])('never leaves the renderer folder for %s', (url) => {
    const file = rendererFileFor(url, root);
    if (file !== null) expect(file.startsWith(root + sep)).toBe(true);
  });

  it.each([
    'app://signpost/assets/..%2f..%2f..%2fsecret',
    'app://signpost/..%5c..%5csecret',
    'app://signpost/%00index.html',
    'app://signpost/%E0%A4%A',
    'app://other/index.html',
    'file:///etc/passwd',
  ])('refuses %s', (url) => {
    expect(rendererFileFor(url, root)).toBeNull();
  });

  it('sends the right content types for module scripts and fonts', () => {
    expect(contentTypeFor('a/index-1.js')).toMatch(/^text\/javascript/);
    expect(contentTypeFor('index.html')).toMatch(/^text\/html/);
    expect(contentTypeFor('x.woff2')).toBe('font/woff2');
    expect(contentTypeFor('x.unknown')).toBe('application/octet-stream');
  });
});

describe('exportPathFor', () => {
  const documents = '/home/pat/Documents';
  const none = () => false;

  it('saves an export in Documents/Signpost exports under the name main gave it', () => {
    expect(exportPathFor(documents, 'referral-12-2026-11-25.pdf', none)).toBe('/home/pat/Documents/Signpost exports/referral-12-2026-11-25.pdf');
  });

  it('never lets a suggested name climb out of the folder or carry reserved characters', () => {
    expect(exportPathFor(documents, '../../evil.pdf', none)).toBe('/home/pat/Documents/Signpost exports/evil.pdf');
    expect(exportPathFor(documents, 'C:\\Windows\\a:b?.docx', none)).toBe('/home/pat/Documents/Signpost exports/a_b_.docx');
    expect(exportPathFor(documents, '..', none)).toBe('/home/pat/Documents/Signpost exports/signpost-export');
  });

  it('numbers a second export of the same name rather than overwriting the first', () => {
    const taken = new Set(['/home/pat/Documents/Signpost exports/agenda.pdf', '/home/pat/Documents/Signpost exports/agenda (2).pdf']);
    expect(exportPathFor(documents, 'agenda.pdf', (p) => taken.has(p))).toBe('/home/pat/Documents/Signpost exports/agenda (3).pdf');
  });
});
