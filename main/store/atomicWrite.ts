import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

/** Test seams: let a test stop the write just before or just after the rename, as a crash would. */
export interface AtomicWriteHooks {
  beforeRename?: (tempPath: string) => void;
  afterRename?: (path: string) => void;
}

/**
 * Writes a file so that a crash at any moment leaves either the old content or the new, never a
 * torn mixture: temp file in the same folder, fsync, rename over the target, fsync the folder.
 */
export function writeFileAtomic(path: string, content: string, hooks: AtomicWriteHooks = {}): void {
  // The pid says whose it is (a dead writer's temp file may be cleared); the random part keeps two apart.
  const temp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    hooks.beforeRename?.(temp);
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // the temp file is already gone
    }
    throw error;
  }
  syncFolder(dirname(path));
  hooks.afterRename?.(path);
}

/** Makes a rename in `folder` durable. */
export function syncFolder(folder: string): void {
  // Windows cannot open a folder for fsync; its rename is already durable enough (MoveFileEx).
  if (process.platform === 'win32') return;
  const fd = openSync(folder, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
