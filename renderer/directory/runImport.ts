import type { ImportFailure, ImportMode, ImportResult } from '../../main/contract/directory';
import type { Chunk } from './chunks';

export type Send = (chunk: Chunk, dryRun: boolean) => Promise<ImportResult>;

export interface Progress {
  phase: 'checking' | 'importing';
  done: number;
  total: number;
}

export interface ImportOutcome {
  imported: number;
  updated: number;
  failed: ImportFailure[];
  ignoredColumns: string[];
  /** Rows sent for import (or checked, when nothing was imported). */
  rowsDone: number;
  totalRows: number;
  /** The person pressed Cancel; the parts already imported stay. */
  cancelled: boolean;
  /** all_or_nothing found problems, so nothing was imported. */
  refused: boolean;
}

/**
 * Sends the file part by part. For all-or-nothing, every part is checked first (a dry run) and
 * nothing is imported if any row has a problem. Cancel stops after the part being sent.
 */
export async function runImport(
  send: Send,
  chunks: readonly Chunk[],
  totalRows: number,
  mode: ImportMode,
  on: { progress(p: Progress): void; stopRequested(): boolean },
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { imported: 0, updated: 0, failed: [], ignoredColumns: [], rowsDone: 0, totalRows, cancelled: false, refused: false };
  const keepColumns = (r: ImportResult) => {
    if (outcome.ignoredColumns.length === 0) outcome.ignoredColumns = r.ignoredColumns;
  };

  if (mode === 'all_or_nothing' && chunks.length > 1) {
    for (const chunk of chunks) {
      if (on.stopRequested()) return { ...outcome, cancelled: true };
      on.progress({ phase: 'checking', done: outcome.rowsDone, total: totalRows });
      const r = await send(chunk, true);
      keepColumns(r);
      outcome.failed.push(...r.failed);
      outcome.rowsDone += chunk.rows;
    }
    if (outcome.failed.length > 0) return { ...outcome, refused: true };
    outcome.rowsDone = 0;
  }

  for (const chunk of chunks) {
    if (on.stopRequested()) return { ...outcome, cancelled: true };
    on.progress({ phase: 'importing', done: outcome.rowsDone, total: totalRows });
    const r = await send(chunk, false);
    keepColumns(r);
    outcome.imported += r.imported;
    outcome.updated += r.updated;
    outcome.failed.push(...r.failed);
    outcome.rowsDone += chunk.rows;
  }
  on.progress({ phase: 'importing', done: outcome.rowsDone, total: totalRows });
  return { ...outcome, refused: mode === 'all_or_nothing' && outcome.failed.length > 0 };
}
