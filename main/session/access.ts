import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { SessionUser } from '../contract/people';
import type { RawDatabase } from '../store/database';

/**
 * Whether the signed-in person may still do what their session says: a manager may have disabled
 * them, changed their role or taken a practice away since they signed in (here or on another PC
 * sharing the data folder). One indexed read per call, on the driver directly.
 */

export type AccessChange = 'disabled' | 'changed';

type AccessStatement = BetterSqlite3.Statement<[number], AccessRow>;

const statements = new WeakMap<RawDatabase, AccessStatement>();

interface AccessRow {
  enabled: number;
  role: string;
  practices: string | null;
}

function statementFor(raw: RawDatabase): AccessStatement {
  let stmt = statements.get(raw);
  if (!stmt) {
    stmt = raw.prepare<[number], AccessRow>(
      `SELECT enabled, role,
         (SELECT group_concat(practice_id) FROM (SELECT practice_id FROM user_practice WHERE user_id = app_user.id ORDER BY practice_id)) AS practices
       FROM app_user WHERE id = ?`,
    );
    statements.set(raw, stmt);
  }
  return stmt;
}

export function accessChange(raw: RawDatabase, user: SessionUser): AccessChange | null {
  const row = statementFor(raw).get(user.id);
  if (!row || row.enabled !== 1) return 'disabled';
  const now = (row.practices ?? '').split(',').filter(Boolean).map(Number);
  const then = [...user.practiceIds].sort((a, b) => a - b);
  if (row.role !== user.role || now.length !== then.length || now.some((id, i) => id !== then[i])) return 'changed';
  return null;
}

export const accessChangeMessages: Readonly<Record<AccessChange, string>> = {
  disabled: 'A practice manager has disabled your account, so Signpost has signed you out.',
  changed: 'A practice manager has changed your role or practices, so Signpost has signed you out: sign in again to carry on.',
};
