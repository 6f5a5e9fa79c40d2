import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';

/** A fresh data folder per test, removed afterwards. */
export function useTempFolders(): () => string {
  const made: string[] = [];
  afterEach(() => {
    for (const f of made.splice(0)) rmSync(f, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'signpost-test-'));
    made.push(dir);
    return dir;
  };
}
