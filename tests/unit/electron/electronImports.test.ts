import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Only main/electron and preload may import electron (DESIGN.md, "The shape of the code"); the
 * domain, the store, the contract and the renderer run in plain Node and in a browser too.
 */
const root = join(__dirname, '..', '..', '..');
const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIP = new Set(['node_modules', 'dist', 'release', 'release-test', 'coverage', '.git']);
// A runtime import: `from 'electron'`, `import 'electron/main'`, `require("electron")`, `import('electron')`.
const ELECTRON_IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]electron(?:\/[^'"]*)?['"]/;
// `import type … from 'electron'` is erased by the compiler and loads nothing.
const TYPE_ONLY = /^\s*import\s+type\s[^;]*from\s*['"]electron['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

function importsElectron(file: string): boolean {
  return readFileSync(file, 'utf8')
    .split('\n')
    .some((line) => ELECTRON_IMPORT.test(line) && !TYPE_ONLY.test(line) && !/^\s*(\/\/|\*)/.test(line));
}

const files = sourceFiles(root).map((file) => relative(root, file).split(sep).join('/'));
const self = 'tests/unit/electron/electronImports.test.ts';

describe('electron imports', () => {
  it('the pattern recognises every form of import', () => {
    for (const line of ["import { app } from 'electron';", 'import "electron/main";', "const e = require('electron');", "await import('electron')"]) {
      expect(ELECTRON_IMPORT.test(line), line).toBe(true);
    }
    for (const line of ["require.resolve('electron/package.json')", "import { x } from './electronish';", "import type { App } from 'electron';"]) {
      expect(ELECTRON_IMPORT.test(line) && !TYPE_ONLY.test(line), line).toBe(false);
    }
  });

  it('appear only in main/electron and preload', () => {
    const offenders = files
      .filter((file) => file !== self && !file.startsWith('main/electron/') && !file.startsWith('preload/'))
      .filter((file) => importsElectron(join(root, file)));
    expect(offenders).toEqual([]);
  });

  it('are absent from the pure policy and templates that the unit tests load in Node', () => {
    expect(importsElectron(join(root, 'main/electron/policy.ts'))).toBe(false);
    expect(importsElectron(join(root, 'main/electron/templates.ts'))).toBe(false);
  });

  it('the scan really covers the tree', () => {
    expect(files).toContain('main/electron/main.ts');
    expect(files).toContain('main/dispatch/dispatch.ts');
    expect(files.some((file) => file.startsWith('renderer/'))).toBe(true);
    expect(importsElectron(join(root, 'main/electron/main.ts'))).toBe(true);
  });
});
