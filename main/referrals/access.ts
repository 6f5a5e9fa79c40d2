import { AppError } from '../contract/errors';
import type { Db } from '../store/database';

/**
 * The practices a user works at, read from the database on each call (not the session's copy),
 * so a manager's change to someone's practices applies at once.
 */
export async function coveredPracticeIds(db: Db, userId: number): Promise<number[]> {
  const rows = await db.selectFrom('user_practice').select('practice_id').where('user_id', '=', userId).execute();
  return rows.map((r) => r.practice_id);
}

export async function assertCoversPractice(
  db: Db,
  userId: number,
  practiceId: number,
  refusal = 'This referral belongs to a practice you do not work at.',
): Promise<void> {
  const row = await db
    .selectFrom('user_practice')
    .select('practice_id')
    .where('user_id', '=', userId)
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
  if (!row) throw new AppError('FORBIDDEN', refusal);
}

export async function referralRow(db: Db, id: number) {
  const row = await db.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That referral does not exist.');
  return row;
}

export type ReferralRow = Awaited<ReturnType<typeof referralRow>>;

/** The referral, if it belongs to a practice the user works at (link workers act, managers read, only there). */
export async function coveredReferral(db: Db, userId: number, id: number): Promise<ReferralRow> {
  const row = await referralRow(db, id);
  await assertCoversPractice(db, userId, row.practice_id);
  return row;
}
