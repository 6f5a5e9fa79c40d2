import type { SelectQueryBuilder } from 'kysely';
import type { z } from 'zod';
import { AppError } from '../contract/errors';
import { endStates, type InboxQuery, type ReferralSummary } from '../contract/referrals';
import type { Db } from '../store/database';
import type { Database } from '../store/schema';
import { loadSummaries, type StaleRule, staleRule } from './summaries';

type Query = z.output<typeof InboxQuery>;
type ReferralQuery<O> = SelectQueryBuilder<Database, 'referral', O>;

const DAY_MS = 86_400_000;

/** Every filter of the inbox as SQL on the referral table alone (so the count and the page share it). */
function filtered<O>(qb: ReferralQuery<O>, q: Query, practiceIds: readonly number[], rule: StaleRule, now: Date): ReferralQuery<O> {
  let out = qb.where('referral.practice_id', 'in', q.practiceId !== undefined ? [q.practiceId] : practiceIds);
  if (q.status && q.status.length > 0) out = out.where('referral.status', 'in', q.status);
  if (q.urgency) out = out.where('referral.urgency', '=', q.urgency);
  if (q.reason) {
    const reason = q.reason;
    out = out.where('referral.id', 'in', (eb) => eb.selectFrom('referral_reason').select('referral_reason.referral_id').where('referral_reason.reason', '=', reason));
  }
  if (q.minAgeDays !== undefined) out = out.where('referral.received_at', '<=', new Date(now.getTime() - q.minAgeDays * DAY_MS).toISOString());
  if (q.staleOnly) out = out.where('referral.status', 'not in', endStates).where('referral.last_activity_at', '<', rule.cutoff);
  return out;
}

function sorted<O>(qb: ReferralQuery<O>, sort: Query['sort']): ReferralQuery<O> {
  switch (sort) {
    case 'received_desc':
      return qb.orderBy('referral.received_at', 'desc').orderBy('referral.id', 'desc');
    case 'received_asc':
      return qb.orderBy('referral.received_at', 'asc').orderBy('referral.id', 'asc');
    case 'last_activity':
      // Longest untouched first: the ones waiting silently come to the top.
      return qb.orderBy('referral.last_activity_at', 'asc').orderBy('referral.id', 'asc');
    case 'urgency':
      return qb.orderBy('referral.urgency_rank', 'asc').orderBy('referral.received_at', 'asc').orderBy('referral.id', 'asc');
  }
}

/** The referrals of the practices the caller covers, filtered, sorted and paged, with the total. */
export async function inbox(
  db: Db,
  practiceIds: readonly number[],
  q: Query,
  now: Date,
): Promise<{ rows: ReferralSummary[]; total: number; staleAfterWorkingDays: number }> {
  if (q.practiceId !== undefined && !practiceIds.includes(q.practiceId)) {
    throw new AppError('FORBIDDEN', 'You do not work at that practice, so its referrals are not in your inbox.');
  }
  const rule = await staleRule(db, now);
  if (practiceIds.length === 0) return { rows: [], total: 0, staleAfterWorkingDays: rule.days };
  const count = await filtered(db.selectFrom('referral').select((eb) => eb.fn.countAll<number>().as('n')), q, practiceIds, rule, now).executeTakeFirstOrThrow();
  const page = await sorted(filtered(db.selectFrom('referral').select('referral.id'), q, practiceIds, rule, now), q.sort)
    .limit(q.limit)
    .offset(q.offset)
    .execute();
  const rows = await loadSummaries(db, page.map((r) => r.id), rule);
  return { rows, total: Number(count.n), staleAfterWorkingDays: rule.days };
}
