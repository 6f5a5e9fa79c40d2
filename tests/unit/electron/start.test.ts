import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const require = createRequire(__filename);
const { electronBinary } = require('../../../scripts/start.cjs') as { electronBinary: () => string | null };

describe('npm start: finding the Electron binary', () => {
  const saved = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const made: string[] = [];
  afterEach(() => {
    if (saved === undefined) delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
    else process.env.ELECTRON_OVERRIDE_DIST_PATH = saved;
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('finds a binary where ELECTRON_OVERRIDE_DIST_PATH points to one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signpost-electron-dist-'));
    made.push(dir);
    const binary = join(dir, 'electron');
    writeFileSync(binary, '');
    chmodSync(binary, 0o755);
    process.env.ELECTRON_OVERRIDE_DIST_PATH = dir;
    expect(electronBinary()).toBe(binary);
  });

  it('says there is none where the override points to an empty folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'signpost-electron-dist-'));
    made.push(dir);
    process.env.ELECTRON_OVERRIDE_DIST_PATH = dir;
    expect(electronBinary()).toBeNull();
  });

  it('answers without downloading anything, whether or not the binary is installed', () => {
    delete process.env.ELECTRON_OVERRIDE_DIST_PATH;
    const found = electronBinary();
    expect(found === null || typeof found === 'string').toBe(true);
  });
});
