import type { ReferralEvent, ReferralStatus } from '../contract/referrals';
import type { Db } from '../store/database';
import type { Ctx } from './context';

export interface NewEvent {
  kind: ReferralEvent['kind'];
  status?: ReferralStatus;
  text: string;
}

/** Adds a timeline entry (who, when, what) and marks the referral as touched now. */
export async function addEvent(ctx: Ctx, referralId: number, event: NewEvent): Promise<void> {
  const at = ctx.now.toISOString();
  await ctx.db.insertInto('referral_event').values({
    referral_id: referralId, at, by_user_id: ctx.actor.id, by_name: ctx.actor.fullName,
    kind: event.kind, status: event.status ?? null, text: event.text,
  }).execute();
  await ctx.db.updateTable('referral').set({ last_activity_at: at }).where('id', '=', referralId).execute();
}

export async function timeline(db: Db, referralId: number): Promise<ReferralEvent[]> {
  const rows = await db.selectFrom('referral_event').selectAll().where('referral_id', '=', referralId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    byName: r.by_name,
    kind: r.kind as ReferralEvent['kind'],
    status: r.status as ReferralStatus | null,
    text: r.text,
  }));
}
