import { appendFileSync, closeSync, existsSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import type { DataFolderPaths } from '../store/dataFolder';

/**
 * The audit log's anchor: after each commit Signpost appends the log's head (last id and hash) and
 * the number of failed sign-ins waiting in pending-audit.jsonl to `audit-anchor.jsonl` in the data
 * folder and, where practice IT has set one up, to a second copy in a folder of theirs.
 *
 * The hash chain alone proves nothing to someone who can rewrite the whole database (anyone with a
 * password can: it unwraps the data key). Held against a head recorded outside it, a rewritten,
 * shortened or emptied log no longer matches. What that is worth depends on who can rewrite the
 * anchor too; README.md ("Security model") says it plainly: the data folder's copy stops anyone
 * who edits only the database, the copy in IT's folder (append-only for users) stops an insider.
 */

export const AnchorLine = z
  .object({
    at: z.string(),
    /** The last audit entry's id, 0 for an empty log. */
    id: z.number().int().min(0),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    /** Failed sign-ins recorded in pending-audit.jsonl and not yet moved into the log. */
    pending: z.number().int().min(0),
  })
  .strict();
export type AnchorLine = z.infer<typeof AnchorLine>;

export interface AuditHead {
  id: number;
  hash: string;
}

export interface AnchorCopy {
  /** How a message names it. */
  label: string;
  path: string;
  /** The data folder's copy must be written; a copy elsewhere is written when it can be. */
  required: boolean;
}

export const GENESIS_HASH = '0'.repeat(64);

/** The data folder's copy, and IT's copy (one file per installation, so one folder serves many PCs). */
export function anchorCopies(paths: DataFolderPaths, installationId: string, anchorDir?: string): AnchorCopy[] {
  const copies: AnchorCopy[] = [{ label: 'the anchor in the data folder', path: paths.anchor, required: true }];
  if (anchorDir) {
    copies.push({ label: `the copy in ${anchorDir}`, path: join(anchorDir, `signpost-${installationId}.audit-anchor.jsonl`), required: false });
  }
  return copies;
}

function parseLine(text: string): AnchorLine | null {
  try {
    const parsed = AnchorLine.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const TAIL_BYTES = 8192;

/** The last whole line of a copy; 'missing' when there is no file, null when it holds no valid line. */
export function readLastLine(path: string): AnchorLine | null | 'missing' {
  if (!existsSync(path)) return 'missing';
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, TAIL_BYTES);
    const tail = Buffer.alloc(length);
    readSync(fd, tail, 0, length, size - length);
    const lines = tail.toString('utf8').split('\n');
    for (let i = lines.length - 1; i >= 0; i -= 1) {
      const line = parseLine(lines[i]!);
      if (line) return line;
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

export interface AnchorFile {
  lines: AnchorLine[];
  /** 1-based numbers of lines that are not anchor lines (edited, or torn by a power cut). */
  damaged: number[];
}

/** Every line of a copy, for the full check; null when the file does not exist. */
export function readAnchorFile(path: string): AnchorFile | null {
  if (!existsSync(path)) return null;
  const lines: AnchorLine[] = [];
  const damaged: number[] = [];
  readFileSync(path, 'utf8').split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    const line = parseLine(text);
    if (line) lines.push(line);
    else damaged.push(index + 1);
  });
  return { lines, damaged };
}

function endsWithNewline(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

function append(path: string, line: AnchorLine): void {
  // A line torn by a power cut must not swallow the next one.
  const lead = existsSync(path) && !endsWithNewline(path) ? '\n' : '';
  appendFileSync(path, `${lead}${JSON.stringify(line)}\n`, { mode: 0o600 });
}

/** Writes anchor lines to every copy: the data folder's must succeed, the others when they can. */
export class AuditAnchor {
  /** Why a copy outside the data folder could not be written last time, for the check to say. */
  lastCopyError: string | null = null;

  constructor(readonly copies: readonly AnchorCopy[]) {}

  /** The newest line of each copy that has one. */
  lastLines(): { copy: AnchorCopy; line: AnchorLine | null | 'missing' }[] {
    return this.copies.map((copy) => {
      try {
        return { copy, line: readLastLine(copy.path) };
      } catch {
        return { copy, line: null };
      }
    });
  }

  /** The data folder's last line (null when the anchor has not started or holds nothing valid). */
  last(): AnchorLine | null {
    const line = readLastLine(this.copies[0]!.path);
    return line === 'missing' ? null : line;
  }

  /** The most failed sign-ins any copy says are waiting: a copy IT holds cannot be turned back. */
  pendingCount(): number {
    return Math.max(0, ...this.lastLines().map(({ line }) => (line && line !== 'missing' ? line.pending : 0)));
  }

  /**
   * Appends the head, read as late as possible (another process may have committed meanwhile), to
   * each copy whose last line differs. `pending` undefined keeps each copy's count as it stands.
   * Returns whether anything was written.
   */
  record(readHead: () => AuditHead, pending: number | undefined, at: string): boolean {
    let wrote = false;
    for (const copy of this.copies) {
      try {
        const last = readLastLine(copy.path);
        const head = readHead();
        const known = last && last !== 'missing' ? last : null;
        const count = pending ?? known?.pending ?? 0;
        if (known && known.id === head.id && known.hash === head.hash && known.pending === count) continue;
        append(copy.path, { at, id: head.id, hash: head.hash, pending: count });
        wrote = true;
        if (!copy.required) this.lastCopyError = null;
      } catch (error) {
        if (copy.required) throw error;
        this.lastCopyError = `${copy.label} could not be written: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    return wrote;
  }

  /** A failed sign-in was queued: the head is unchanged, the waiting count one higher. */
  recordPending(at: string): void {
    const last = this.last();
    // Before the anchor has started (an installation from before anchoring) there is no head to repeat.
    if (!last) return;
    const pending = this.pendingCount() + 1;
    this.record(() => ({ id: last.id, hash: last.hash }), pending, at);
  }
}
