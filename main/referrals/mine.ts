import type { MyReferral, ReferralStatus } from '../contract/referrals';
import type { Db } from '../store/database';
import { messagesFor } from './messageBack';
import { displayName } from './patients';

/** What a referrer sees of their own referrals: who, when, the status and the messages back; never the notes. */
export async function myReferrals(db: Db, userId: number): Promise<MyReferral[]> {
  const rows = await db
    .selectFrom('referral as r')
    .innerJoin('patient as p', 'p.id', 'r.patient_id')
    .select(['r.id', 'r.received_at', 'r.status', 'r.status_changed_at', 'p.given_name', 'p.family_name', 'p.preferred_name', 'p.nhs_number'])
    .where('r.referrer_user_id', '=', userId)
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  const messages = await messagesFor(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    patientName: displayName(r),
    nhsNumber: r.nhs_number,
    receivedAt: r.received_at,
    status: r.status as ReferralStatus,
    statusChangedAt: r.status_changed_at,
    messages: messages.get(r.id) ?? [],
  }));
}
