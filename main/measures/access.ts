import { AppError } from '../contract/errors';
import type { Db } from '../store/database';

/** The practices a user works at, read afresh on each call so a manager's change applies at once. */
export async function practiceIdsOf(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('user_practice').select('practice_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.practice_id);
}

export interface CaseRow {
  id: number;
  practiceId: number;
  receivedAt: string;
}

/**
 * The case (referral) a measure belongs to, if it is at a practice the user works at. A case at any
 * other practice is refused the same way whether or not it exists elsewhere.
 */
export async function caseForUser(db: Db, userId: number, referralId: number): Promise<CaseRow> {
  const row = await db
    .selectFrom('referral')
    .leftJoin('user_practice', (j) => j.onRef('user_practice.practice_id', '=', 'referral.practice_id').on('user_practice.user_id', '=', userId))
    .select(['referral.id', 'referral.practice_id', 'referral.received_at', 'user_practice.user_id'])
    .where('referral.id', '=', referralId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That case does not exist.');
  if (row.user_id === null) throw new AppError('FORBIDDEN', 'This case belongs to a practice you do not work at.');
  return { id: row.id, practiceId: row.practice_id, receivedAt: row.received_at };
}
