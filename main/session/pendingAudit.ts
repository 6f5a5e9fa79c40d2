import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuditAnchor } from '../audit/anchor';
import { type AuditInput, appendAudit } from '../audit/auditLog';
import { writeFileAtomic } from '../store/atomicWrite';
import type { DataFolderPaths } from '../store/dataFolder';
import type { Database } from '../store/schema';

/**
 * Failed sign-ins cannot reach the encrypted audit log (no key is known), so they wait in a plain
 * file until the next sign-in moves them in. The file is capped: the first entries are kept one by
 * one and the rest are counted in one summary line, so guessing cannot grow it without end.
 *
 * Anyone who can write the data folder can edit that file, so what comes out of it is held to a
 * strict shape (failed sign-ins only, at plausible times) and counted against the audit anchor,
 * which records how many were queued: a deleted or shortened file is noticed, and a forged entry of
 * any other kind never becomes an audit entry.
 */

/** Entries kept one by one; the back-off allows about this many failures in a day at most. */
export const PENDING_LIMIT = 1_000;
/** Entries moved into the audit log per statement batch. */
const BATCH = 200;

const SUMMARY_ACTION = 'auth.failures';

export type FailedAction = 'auth.login' | 'auth.unlock' | 'admin.check';
export type FailedDetail = 'wrong password' | 'unknown or disabled username' | 'wrong recovery key';

const iso = z.iso.datetime();
const detailPattern = /^(wrong password|unknown or disabled username|wrong recovery key)(; sign-in paused until \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)?$/;

const Attempt = z
  .object({
    /** Random, so a move into the log that crashed before the file was removed is not repeated. */
    ref: z.string().regex(/^[0-9a-f]{16}$/).optional(),
    at: iso,
    /** Not trusted: the actor is looked up again from the username. */
    actorUserId: z.number().int().nullable().optional(),
    actorName: z.string().min(1).max(200).regex(/^[^\p{Cc}]+$/u),
    action: z.enum(['auth.login', 'auth.unlock', 'admin.check']),
    outcome: z.literal('failed'),
    detail: z.string().regex(detailPattern),
  })
  .strict();

interface Summary extends AuditInput {
  action: typeof SUMMARY_ACTION;
  /** How many failures the summary stands for, and over which times. */
  count: number;
  firstAt: string;
  lastAt: string;
}

const SummaryLine = z
  .object({
    at: iso,
    actorUserId: z.null(),
    actorName: z.literal('several usernames'),
    action: z.literal(SUMMARY_ACTION),
    outcome: z.literal('failed'),
    detail: z.string().regex(/^\d+ more failed sign-ins? from \S+ to \S+, counted but not listed one by one$/),
    count: z.number().int().min(1),
    firstAt: iso,
    lastAt: iso,
  })
  .strict();

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
    const from = isSummary(e) ? e.firstAt : e.at;
    const to = isSummary(e) ? e.lastAt : e.at;
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
export function recordPending(path: string, entry: AuditInput, limit = PENDING_LIMIT): void {
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

/** Queues one failed attempt, and counts it in the anchor. */
export function recordFailedAttempt(
  paths: DataFolderPaths,
  anchor: AuditAnchor | null,
  attempt: { actorName: string; action: FailedAction; detail: FailedDetail; pausedUntil?: Date | null },
  at: string,
): void {
  if (!existsSync(paths.folder)) return;
  const detail = `${attempt.detail}${attempt.pausedUntil ? `; sign-in paused until ${attempt.pausedUntil.toISOString()}` : ''}`;
  const entry: AuditInput & { ref: string } = {
    ref: randomBytes(8).toString('hex'), at, actorUserId: null, actorName: attempt.actorName, action: attempt.action, outcome: 'failed', detail,
  };
  recordPending(paths.pendingAudit, entry);
  try {
    anchor?.recordPending(at);
  } catch {
    // The attempt is queued; a lost count shows up as a surplus, never as a loss.
  }
}

export interface Drain {
  /** At most PENDING_LIMIT of them: the rest in one summary entry. */
  entries: AuditInput[];
  /** Findings in plain words, for failed 'audit.integrity' entries. */
  findings: string[];
  /** The ref of the last line moved in, to remember so a repeat after a crash is skipped. */
  lastRef: string | null;
}

/** Five minutes either way for PC clocks that disagree a little. */
const SKEW_MS = 5 * 60_000;

/**
 * Reads the queue for the next sign-in. `drainedRef` is the last line moved in before (those up to
 * it are skipped); `notBefore` the time of that move (no queued attempt can be older); `expected`
 * how many the anchor says were queued since; `userIdOf` finds the actor from the username.
 */
export function readPendingForDrain(
  paths: DataFolderPaths,
  options: { now: Date; notBefore: Date | null; drainedRef: string | null; expected: number; userIdOf: (username: string) => number | null },
): Drain {
  const text = existsSync(paths.pendingAudit) ? readFileSync(paths.pendingAudit, 'utf8') : '';
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  // Lines up to the last one already moved in were moved before a crash kept the file: skip them.
  const drainedAt = options.drainedRef === null ? -1 : lines.findIndex((l) => l.includes(`"ref":"${options.drainedRef}"`));

  const latest = options.now.getTime() + SKEW_MS;
  const earliest = options.notBefore === null ? -Infinity : options.notBefore.getTime() - SKEW_MS;
  const plausible = (at: string) => {
    const t = new Date(at).getTime();
    return t <= latest && t >= earliest;
  };
  const valid: AuditInput[] = [];
  let rejected = 0;
  let present = drainedAt + 1;
  let lastRef: string | null = null;
  for (const raw of lines.slice(drainedAt + 1)) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      json = undefined;
    }
    const attempt = Attempt.safeParse(json);
    if (attempt.success && plausible(attempt.data.at) && (attempt.data.action === 'admin.check') === attempt.data.detail.startsWith('wrong recovery key')) {
      const a = attempt.data;
      valid.push({
        at: new Date(a.at).toISOString(), actorUserId: a.action === 'admin.check' ? null : options.userIdOf(a.actorName),
        actorName: a.actorName, action: a.action, outcome: 'failed', detail: a.detail,
      });
      present += 1;
      if (a.ref) lastRef = a.ref;
      continue;
    }
    const summary = SummaryLine.safeParse(json);
    if (summary.success && [summary.data.at, summary.data.firstAt, summary.data.lastAt].every(plausible)) {
      valid.push(summary.data);
      present += summary.data.count;
      continue;
    }
    rejected += 1;
  }

  const findings: string[] = [];
  if (rejected > 0) {
    findings.push(
      `pending-audit.jsonl held ${rejected} ${rejected === 1 ? 'line that is' : 'lines that are'} not a failed sign-in at a plausible time; ` +
        `${rejected === 1 ? 'it was' : 'they were'} not added to the log (the file was edited outside Signpost).`,
    );
  }
  const missing = options.expected - present;
  if (missing > 0) {
    findings.push(
      `${missing} failed sign-in ${missing === 1 ? 'attempt' : 'attempts'} recorded by the anchor ${missing === 1 ? 'is' : 'are'} missing from ` +
        'pending-audit.jsonl: the file was deleted or lines were removed outside Signpost.',
    );
  }
  // An old, uncapped file (or one edited to be longer) is capped here too.
  return { entries: capped(valid, PENDING_LIMIT), findings, lastRef };
}

/** Moves waiting entries into the audit log, in batches, inside the caller's transaction. */
export async function appendPending(db: Kysely<Database>, entries: readonly AuditInput[]): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    await appendAudit(db, ...entries.slice(i, i + BATCH));
  }
}
