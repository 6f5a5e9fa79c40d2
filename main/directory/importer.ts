import { setImmediate as nextTurn } from 'node:timers/promises';
import type { z } from 'zod';
import { type ImportFailure, type ImportInput, type ImportResult, MAX_IMPORT_ROWS, type ServiceValues } from '../contract/directory';
import { AppError } from '../contract/errors';
import type { Db } from '../store/database';
import { readCsv } from './csv';
import { checkService, type RawService } from './fields';
import { readOruk } from './oruk';
import { matchKey, setActive, upsertService, wouldCreate } from './services';

interface Candidate {
  row: number;
  raw: RawService;
  active: boolean;
  shapeProblem?: string | undefined;
}

export interface ImportOutcome extends ImportResult {
  /** Columns of a CSV file that Signpost does not read. */
  ignoredColumns: string[];
}

function candidates(input: z.output<typeof ImportInput>): { list: Candidate[]; ignoredColumns: string[] } {
  if (input.format === 'csv') {
    const { records, ignoredColumns } = readCsv(input.content, input.firstRow ?? 2);
    return { list: records.map((r) => ({ ...r, active: true })), ignoredColumns };
  }
  return { list: readOruk(input.content, input.firstRow ?? 1), ignoredColumns: [] };
}

const ROWS_BETWEEN_TURNS = 25;

/** Every few rows, lets the event loop serve what else has arrived (a timer, another window's call). */
async function letOthersIn(row: number): Promise<void> {
  if (row > 0 && row % ROWS_BETWEEN_TURNS === 0) await nextTurn();
}

/**
 * Checks every row, then (unless a dry run, or all-or-nothing with a bad row) writes the good ones:
 * a service with the same name and organisation is updated, any other is added.
 */
export async function importServices(db: Db, input: z.output<typeof ImportInput>, now: Date): Promise<ImportOutcome> {
  const { list, ignoredColumns } = candidates(input);
  if (list.length > MAX_IMPORT_ROWS) {
    const message = `This part of the file has ${list.length} rows: send at most ${MAX_IMPORT_ROWS} at a time`;
    throw new AppError('VALIDATION', message, { content: [message] });
  }
  const failed: ImportFailure[] = [];
  const good: { row: number; values: ServiceValues; active: boolean }[] = [];
  for (const [i, c] of list.entries()) {
    await letOthersIn(i);
    const checked = checkService(c.raw, now);
    const problems = [...(c.shapeProblem ? [c.shapeProblem] : []), ...(checked.ok ? [] : checked.problems)];
    if (problems.length > 0 || !checked.ok) failed.push({ row: c.row, reason: problems.join('; ') });
    else good.push({ row: c.row, values: checked.values, active: c.active });
  }

  let imported = 0;
  let updated = 0;
  const nothing = input.mode === 'all_or_nothing' && failed.length > 0;
  if (!nothing) {
    const seen = new Set<string>();
    const stamp = now.toISOString();
    for (const [i, g] of good.entries()) {
      await letOthersIn(i);
      if (input.dryRun) {
        const key = matchKey(g.values.name, g.values.organisation);
        const created = !seen.has(key) && (await wouldCreate(db, g.values));
        seen.add(key);
        if (created) imported += 1;
        else updated += 1;
        continue;
      }
      const { id, created } = await upsertService(db, g.values, stamp);
      if (!g.active) await setActive(db, id, false, stamp);
      if (created) imported += 1;
      else updated += 1;
    }
  }
  return { imported, updated, failed, rows: list.length, ignoredColumns };
}
