import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The real desktop app, driven by Playwright's _electron. It needs the Electron binary, which cannot
 * be downloaded on the machines this project is built on, so there it says so and skips; the same
 * screens are tested in a browser through the development host (foundation.test.ts).
 *
 * By default it runs the built main (dist/main/electron/main.js) with node_modules' Electron. Set
 * SIGNPOST_ELECTRON_EXECUTABLE to a packaged test build (electron-builder.test.yml, whose inspect
 * fuse is on) to drive that instead.
 */
const root = resolve(__dirname, '..', '..');
const MAIN = join(root, 'dist', 'main', 'electron', 'main.js');
const require = createRequire(__filename);
// Reads where electron's index.js would look, without requiring it (that would try a download).
const { electronBinary } = require('../../scripts/start.cjs') as { electronBinary: () => string | null };

const packaged = process.env.SIGNPOST_ELECTRON_EXECUTABLE;
const executable = packaged ?? electronBinary();
const hasBinary = executable !== null && existsSync(executable);
if (!hasBinary) {
  console.log(
    'Skipping the Electron end-to-end test: the Electron binary is not installed on this machine ' +
      '(it cannot be downloaded here); it runs where the binary exists.',
  );
}

function launchArgs(folder: string): string[] {
  // --user-data-dir keeps Chromium's profile (and the single-instance lock) away from a real Signpost.
  const appArgs = ['--data', join(folder, 'data'), `--user-data-dir=${join(folder, 'profile')}`];
  return packaged ? appArgs : [MAIN, ...appArgs];
}

function environment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && key !== 'ELECTRON_RUN_AS_NODE') env[key] = value;
  return env;
}

describe('Signpost as a desktop app', () => {
  let app: ElectronApplication | undefined;
  let folder: string | undefined;

  afterEach(async () => {
    await app?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it.skipIf(!hasBinary)('opens its window on the setup screen for a new data folder', async () => {
    if (!packaged && !existsSync(MAIN)) throw new Error('Build Signpost first (npm run build): dist/main/electron/main.js is missing.');
    folder = mkdtempSync(join(tmpdir(), 'signpost-electron-'));
    app = await _electron.launch({ executablePath: executable ?? undefined, args: launchArgs(folder), env: environment(), cwd: root });
    const page = await app.firstWindow();

    await expect.poll(() => page.getByRole('heading', { name: /Set up Signpost/ }).isVisible(), { timeout: 30_000 }).toBe(true);
    expect(page.url()).toMatch(/^app:\/\/signpost\//);
    expect(await page.title()).toBe('Signpost');
    // The page has the bridge and nothing of Node.
    expect(await page.evaluate(() => typeof window.signpost?.invoke)).toBe('function');
    expect(await page.evaluate(() => 'require' in window || 'process' in window)).toBe(false);
  });
});
