import type { Selectable } from 'kysely';
import { entryHash } from '../../main/audit/auditLog';
import type { RawDatabase } from '../../main/store/database';
import type { AuditLogTable } from '../../main/store/schema';

/**
 * What an insider who holds a password (and so the data key) can do to the audit log with any
 * SQLCipher tool: everything the review tried. Each leaves the hash chain itself valid.
 */

const TRIGGERS = [
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
  `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END`,
];

type Row = Selectable<AuditLogTable>;

function dropTriggers(raw: RawDatabase): void {
  raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete');
}

function restoreTriggers(raw: RawDatabase): void {
  for (const sql of TRIGGERS) raw.exec(sql);
}

/** Recomputes every hash in id order, so the chain verifies again (ids renumbered 1..n when asked). */
function rechain(raw: RawDatabase, renumber = false): void {
  const rows = raw.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
  raw.exec('DELETE FROM audit_log');
  let prev = '0'.repeat(64);
  const insert = raw.prepare(`INSERT INTO audit_log (id, at, actor_user_id, actor_name, action, target_type, target_id, outcome, detail, prev_hash, hash)
    VALUES (@id, @at, @actor_user_id, @actor_name, @action, @target_type, @target_id, @outcome, @detail, @prev_hash, @hash)`);
  rows.forEach((row, index) => {
    const hash = entryHash(prev, row);
    insert.run({ ...row, id: renumber ? index + 1 : row.id, prev_hash: prev, hash });
    prev = hash;
  });
  if (renumber) raw.prepare("UPDATE sqlite_sequence SET seq = ? WHERE name = 'audit_log'").run(rows.length);
}

const forged = (at: string): Omit<Row, 'id' | 'prev_hash' | 'hash'> => ({
  at, actor_user_id: 1, actor_name: 'Pat Manager', action: 'newsletter.export', target_type: 'issue', target_id: '1', outcome: 'ok', detail: 'exported as PDF',
});

export type Tampering = (raw: RawDatabase) => void;

export const tamperings: Readonly<Record<string, Tampering>> = {
  'an edited entry, re-chained': (raw) => {
    dropTriggers(raw);
    raw.prepare("UPDATE audit_log SET detail = 'nothing to see' WHERE id = 3").run();
    rechain(raw);
    restoreTriggers(raw);
  },
  'a deleted entry, re-chained': (raw) => {
    dropTriggers(raw);
    raw.prepare('DELETE FROM audit_log WHERE id = 3').run();
    rechain(raw, true);
    restoreTriggers(raw);
  },
  'the last 20 entries removed': (raw) => {
    dropTriggers(raw);
    raw.prepare('DELETE FROM audit_log WHERE id > (SELECT max(id) - 20 FROM audit_log)').run();
    raw.prepare("UPDATE sqlite_sequence SET seq = (SELECT max(id) FROM audit_log) WHERE name = 'audit_log'").run();
    restoreTriggers(raw);
  },
  'every entry deleted': (raw) => {
    dropTriggers(raw);
    raw.exec("DELETE FROM audit_log; DELETE FROM sqlite_sequence WHERE name = 'audit_log'");
    restoreTriggers(raw);
  },
  'a forged entry appended': (raw) => {
    const last = raw.prepare('SELECT * FROM audit_log ORDER BY id DESC LIMIT 1').get() as Row;
    const entry = forged(last.at);
    raw.prepare(`INSERT INTO audit_log (at, actor_user_id, actor_name, action, target_type, target_id, outcome, detail, prev_hash, hash)
      VALUES (@at, @actor_user_id, @actor_name, @action, @target_type, @target_id, @outcome, @detail, @prev_hash, @hash)`)
      .run({ ...entry, prev_hash: last.hash, hash: entryHash(last.hash, entry) });
  },
  'a forged entry inserted': (raw) => {
    dropTriggers(raw);
    const rows = raw.prepare('SELECT * FROM audit_log ORDER BY id').all() as Row[];
    raw.exec('DELETE FROM audit_log');
    const insert = raw.prepare(`INSERT INTO audit_log (id, at, actor_user_id, actor_name, action, target_type, target_id, outcome, detail, prev_hash, hash)
      VALUES (@id, @at, @actor_user_id, @actor_name, @action, @target_type, @target_id, @outcome, @detail, '', '')`);
    const withForged = [...rows.slice(0, 2), { ...forged(rows[1]!.at), id: 0, prev_hash: '', hash: '' }, ...rows.slice(2)];
    withForged.forEach((row, i) => insert.run({ ...row, id: i + 1 }));
    rechain(raw);
    restoreTriggers(raw);
  },
  'both append-only triggers dropped': (raw) => {
    dropTriggers(raw);
  },
};

/** The insider's last step where only the data folder's anchor exists: make it agree with the rewritten log. */
export function rewriteAnchorToMatch(raw: RawDatabase, anchorText: string): string {
  const hashOf = raw.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck();
  return anchorText
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const line = JSON.parse(l) as { id: number; hash: string };
      const hash = hashOf.get(line.id) as string | undefined;
      return JSON.stringify({ ...line, hash: hash ?? line.hash });
    })
    .join('\n') + '\n';
}
