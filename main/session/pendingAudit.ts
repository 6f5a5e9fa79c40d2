import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { type AuditInput, appendAudit } from '../audit/auditLog';
import { writeFileAtomic } from '../store/atomicWrite';
import type { Database } from '../store/schema';

/**
 * Failed sign-ins cannot reach the encrypted audit log (no key is known), so they wait in a plain
 * file until the next sign-in moves them in. The file is capped: the first entries are kept one by
 * one and the rest are counted in one summary line, so guessing cannot grow it without end.
 */

/** Entries kept one by one; the back-off allows about this many failures in a day at most. */
export const PENDING_LIMIT = 1_000;
/** Entries moved into the audit log per statement batch. */
const BATCH = 200;

const SUMMARY_ACTION = 'auth.failures';

interface Summary extends AuditInput {
  action: typeof SUMMARY_ACTION;
  /** How many failures the summary stands for, and over which times. */
  count: number;
  firstAt: string;
  lastAt: string;
}

function summaryDetail(s: Pick<Summary, 'count' | 'firstAt' | 'lastAt'>): string {
  return `${s.count} more failed sign-in${s.count === 1 ? '' : 's'} from ${s.firstAt} to ${s.lastAt}, counted but not listed one by one`;
}

function parseLines(text: string): AuditInput[] {
  return text.split('\n').filter(Boolean).flatMap((line) => {
    try {
      return [JSON.parse(line) as AuditInput];
    } catch {
      return [];
    }
  });
}

function isSummary(entry: AuditInput): entry is Summary {
  const s = entry as Partial<Summary>;
  return entry.action === SUMMARY_ACTION && typeof s.count === 'number' && typeof s.firstAt === 'string' && typeof s.lastAt === 'string';
}

function summaryOf(entries: readonly AuditInput[], at: string): Summary {
  let count = 0;
  let firstAt = at;
  let lastAt = at;
  for (const e of entries) {
    const n = isSummary(e) ? e.count : 1;
    const from = isSummary(e) ? e.firstAt : (e.at ?? at);
    const to = isSummary(e) ? e.lastAt : (e.at ?? at);
    if (count === 0 || from < firstAt) firstAt = from;
    if (count === 0 || to > lastAt) lastAt = to;
    count += n;
  }
  const base = { count, firstAt, lastAt };
  return { at: lastAt, actorUserId: null, actorName: 'several usernames', action: SUMMARY_ACTION, outcome: 'failed', detail: summaryDetail(base), ...base };
}

/** Keeps the first entries and folds everything past the limit into one summary entry. */
function capped(entries: readonly AuditInput[], limit: number): AuditInput[] {
  if (entries.length <= limit) return [...entries];
  const kept = entries.slice(0, limit - 1);
  const rest = entries.slice(limit - 1);
  return [...kept, summaryOf(rest, rest.at(-1)?.at ?? kept.at(-1)?.at ?? '')];
}

/** Adds one failed attempt to the waiting file. */
export function recordPending(path: string, entry: AuditInput & { at: string }, limit = PENDING_LIMIT): void {
  const line = (e: AuditInput) => `${JSON.stringify(e)}\n`;
  if (!existsSync(path)) {
    appendFileSync(path, line(entry), { mode: 0o600 });
    return;
  }
  const waiting = parseLines(readFileSync(path, 'utf8'));
  if (waiting.length < limit) {
    appendFileSync(path, line(entry), { mode: 0o600 });
    return;
  }
  writeFileAtomic(path, capped([...waiting, entry], limit).map(line).join(''));
}

/** The waiting entries, capped however the file came to be (an old, uncapped file included). */
export function readPending(path: string, limit = PENDING_LIMIT): AuditInput[] {
  if (!existsSync(path)) return [];
  // A summary's own counts are in its detail; appendAudit keeps only the audit fields.
  return capped(parseLines(readFileSync(path, 'utf8')), limit);
}

/** Moves waiting entries into the audit log, in batches, inside the caller's transaction. */
export async function appendPending(db: Kysely<Database>, entries: readonly AuditInput[]): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    await appendAudit(db, ...entries.slice(i, i + BATCH));
  }
}
