import type { AuditCheck } from '../contract/audit';
import type { Db, RawDatabase } from '../store/database';
import { setMeta } from '../store/meta';
import { type AnchorCopy, type AnchorFile, type AnchorLine, type AuditHead, GENESIS_HASH, readAnchorFile } from './anchor';
import { entryHash } from './auditLog';

/**
 * What the audit log must look like beyond its hash chain: the append-only triggers in place, ids
 * running from 1 without a gap, and the head where its anchor says it was. Used at each sign-in (the
 * cheap part, whose findings go into the log) and by the full check (`audit.verify`, `admin check`).
 */

const TRIGGERS: Readonly<Record<string, string>> = {
  audit_log_no_update: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
  audit_log_no_delete: `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
};

const normalise = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Names of the append-only triggers that are missing or not as Signpost made them. */
export function missingTriggers(raw: RawDatabase): string[] {
  const rows = raw.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string; sql: string | null }[];
  return Object.entries(TRIGGERS)
    .filter(([name, expected]) => normalise(rows.find((r) => r.name === name)?.sql ?? '') !== normalise(expected))
    .map(([name]) => name);
}

/** Puts the triggers back as Signpost made them (after the finding is on record). */
export function restoreTriggers(raw: RawDatabase, names: readonly string[]): void {
  for (const name of names) {
    raw.exec(`DROP TRIGGER IF EXISTS ${name}`);
    raw.exec(TRIGGERS[name]!);
  }
}

export function readHead(raw: RawDatabase): AuditHead {
  const row = raw.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as AuditHead | undefined;
  return row ?? { id: 0, hash: GENESIS_HASH };
}

interface IdShape {
  count: number;
  minId: number;
  maxId: number;
}

function idShape(raw: RawDatabase): IdShape {
  const row = raw.prepare('SELECT count(*) AS count, coalesce(min(id), 0) AS minId, coalesce(max(id), 0) AS maxId FROM audit_log').get() as IdShape;
  return row;
}

function gapProblem(shape: IdShape): string | null {
  if (shape.count === shape.maxId && (shape.count === 0 || shape.minId === 1)) return null;
  const missing = shape.maxId - shape.count;
  return `The audit log's entries do not run from 1 to ${shape.maxId} without a gap: ${missing} ${missing === 1 ? 'entry is' : 'entries are'} missing from the middle or start (removed outside Signpost).`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function dateOf(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'short' });
}

function removedFromEnd(maxId: number, line: AnchorLine, copy: AnchorCopy): string {
  const gone = line.id - maxId;
  return `The audit log ends at entry ${maxId}, but ${copy.label} recorded entry ${line.id} on ${dateOf(line.at)}: ` +
    `${plural(gone, 'entry was', 'entries were')} removed from the end (or the PC lost power before the database saved ${gone === 1 ? 'it' : 'them'}).`;
}

function rewritten(line: AnchorLine, copy: AnchorCopy): string {
  return `Audit entry ${line.id} is not the entry ${copy.label} recorded on ${dateOf(line.at)}: the log was changed and its hash chain rebuilt.`;
}

/** How the log stands against one anchor line: null when it matches. */
function headProblem(raw: RawDatabase, line: AnchorLine, copy: AnchorCopy, maxId: number): string | null {
  if (line.id === 0) return null;
  if (line.id > maxId) return removedFromEnd(maxId, line, copy);
  const row = raw.prepare('SELECT hash FROM audit_log WHERE id = ?').get(line.id) as { hash: string } | undefined;
  return row?.hash === line.hash ? null : rewritten(line, copy);
}

/**
 * Before Signpost anchors a new head: does the log still hold what the last anchor line recorded?
 * Null when it does; otherwise the finding to record (the log was rewritten or shortened since).
 */
export function lastAnchorProblem(raw: RawDatabase, line: AnchorLine | null, copy: AnchorCopy): string | null {
  if (!line) return null;
  // max(id) reads the primary key's last page: cheap enough for every commit, unlike count(*).
  const maxId = (raw.prepare('SELECT coalesce(max(id), 0) FROM audit_log').pluck().get() as number);
  return headProblem(raw, line, copy, maxId);
}

export interface SignInLook {
  /** Plain-words findings, each to be written to the log as a failed 'audit.integrity' entry. */
  findings: string[];
  /** Triggers to restore once the findings are on record. */
  restore: string[];
  /** The anchor has never started (an installation from before anchoring): start it now. */
  startAnchor: boolean;
}

/**
 * The cheap look at each sign-in: triggers, gaps, and the head against each copy's last line.
 * `anchorStarted` says whether this installation has anchored before (the database's meta).
 */
export function lookAtSignIn(
  raw: RawDatabase,
  lastLines: readonly { copy: AnchorCopy; line: AnchorLine | null | 'missing' }[],
  anchorStarted: boolean,
): SignInLook {
  const findings: string[] = [];
  const restore = missingTriggers(raw);
  if (restore.length > 0) {
    findings.push(`The audit log's append-only protection (${restore.join(', ')}) was removed or changed outside Signpost; Signpost has put it back.`);
  }
  const shape = idShape(raw);
  const gap = gapProblem(shape);
  if (gap) findings.push(gap);

  let startAnchor = false;
  for (const { copy, line } of lastLines) {
    if (line === 'missing' || line === null) {
      if (!copy.required) continue; // IT's copy starts with the next line written to it
      if (anchorStarted) {
        findings.push(
          line === 'missing'
            ? `The audit anchor (${copy.path}) is missing from the data folder: it was deleted, or the folder was restored without it. A new anchor starts at entry ${shape.maxId}.`
            : `The audit anchor (${copy.path}) holds no readable line: it was emptied or damaged. A new anchor starts at entry ${shape.maxId}.`,
        );
      } else {
        startAnchor = true;
      }
      continue;
    }
    const problem = headProblem(raw, line, copy, shape.maxId);
    if (problem) findings.push(problem);
    else if (copy.required && shape.maxId > line.id) {
      findings.push(
        `Audit ${shape.maxId - line.id === 1 ? `entry ${shape.maxId} was` : `entries ${line.id + 1}–${shape.maxId} were`} saved but never anchored: ` +
          'added outside Signpost, or Signpost stopped between saving and anchoring.',
      );
    }
  }
  return { findings, restore, startAnchor };
}

export interface AnchorCopyRead {
  copy: AnchorCopy;
  /** null: the file does not exist. */
  file: AnchorFile | null;
}

/** Reads every copy in full, for the check. */
export function readAnchorCopies(copies: readonly AnchorCopy[]): AnchorCopyRead[] {
  return copies.map((copy) => {
    try {
      return { copy, file: readAnchorFile(copy.path) };
    } catch {
      return { copy, file: { lines: [], damaged: [] } };
    }
  });
}

/**
 * The full check: the hash chain, gaps, triggers, and every line of every anchor copy against the
 * log (a rewritten log that was anchored again afterwards still differs from the older lines).
 */
export async function checkAuditIntegrity(db: Db, raw: RawDatabase, copies: readonly AnchorCopyRead[], anchorStarted: boolean): Promise<AuditCheck> {
  const problems: string[] = [];
  const triggers = missingTriggers(raw);
  if (triggers.length > 0) problems.push(`The audit log's append-only protection is missing or changed (${triggers.join(', ')}).`);
  const shape = idShape(raw);
  const gap = gapProblem(shape);
  if (gap) problems.push(gap);

  // Each copy's lines, checked in id order while the chain is walked once.
  const pending = copies.map(({ copy, file }) => {
    if (file === null) {
      if (copy.required && anchorStarted) problems.push(`The audit anchor (${copy.path}) is missing: it was deleted, or the data folder was restored without it.`);
      else if (!copy.required) problems.push(`There is no anchor copy for this installation at ${copy.path}.`);
      return { copy, lines: [] as AnchorLine[] };
    }
    if (file.damaged.length > 0) {
      problems.push(`${capital(copy.label)} has ${plural(file.damaged.length, 'line', 'lines')} that ${file.damaged.length === 1 ? 'is' : 'are'} not anchor lines (line ${file.damaged.slice(0, 5).join(', ')}): it was edited, or a power cut tore the last one.`);
    }
    const back = file.lines.findIndex((l, i) => i > 0 && l.id < file.lines[i - 1]!.id);
    if (back >= 0) {
      problems.push(`${capital(copy.label)} goes back from entry ${file.lines[back - 1]!.id} to entry ${file.lines[back]!.id}: the log was shortened or rewritten and Signpost anchored it again.`);
    }
    return { copy, lines: [...file.lines].sort((a, b) => a.id - b.id) };
  });

  let prev = GENESIS_HASH;
  let afterId = 0;
  let checked = 0;
  let firstBrokenId: number | null = null;
  const cursor = pending.map(() => 0);
  const mismatch = pending.map((): AnchorLine | null => null);
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(5000).execute();
    if (page.length === 0) break;
    for (const row of page) {
      if (firstBrokenId === null && (row.prev_hash !== prev || entryHash(prev, row) !== row.hash)) firstBrokenId = row.id;
      if (firstBrokenId === null) checked += 1;
      pending.forEach((p, i) => {
        while (cursor[i]! < p.lines.length && p.lines[cursor[i]!]!.id <= row.id) {
          const line = p.lines[cursor[i]!]!;
          if (line.id === row.id && line.hash !== row.hash && mismatch[i] === null) mismatch[i] = line;
          cursor[i]! += 1;
        }
      });
      prev = row.hash;
    }
    afterId = page.at(-1)!.id;
  }

  pending.forEach((p, i) => {
    const wrong = mismatch[i];
    if (wrong) problems.push(rewritten(wrong, p.copy));
    const last = p.lines.at(-1);
    if (last && last.id > shape.maxId) problems.push(removedFromEnd(shape.maxId, last, p.copy));
    const lastAnchored = Math.max(0, ...p.lines.map((l) => l.id));
    if (p.copy.required && p.lines.length > 0 && shape.maxId > lastAnchored) {
      problems.push(`Audit entries ${lastAnchored + 1}–${shape.maxId} are in the log but not in ${p.copy.label}: added outside Signpost, or Signpost stopped before anchoring them.`);
    }
  });
  if (firstBrokenId !== null) problems.unshift(`Audit entry ${firstBrokenId} does not fit the hash chain: an entry was changed or removed.`);
  return { ok: problems.length === 0, checked, firstBrokenId, problems };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Meta key: set when the anchor starts, so a missing anchor file later is a finding, not a fresh start. */
export const ANCHOR_META_KEY = 'auditAnchorSince';

export async function anchorStarted(db: Db): Promise<boolean> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', ANCHOR_META_KEY).executeTakeFirst();
  return row !== undefined;
}

/** Records that anchoring starts (or restarts) at this head, inside the caller's transaction. */
export async function markAnchorStart(db: Db, head: AuditHead, at: string): Promise<void> {
  const value = JSON.stringify({ id: head.id, at });
  await setMeta(db, ANCHOR_META_KEY, value);
}
