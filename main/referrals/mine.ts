import type { MyReferral, ReferralDetails, ReferralStatus } from '../contract/referrals';
import type { Db } from '../store/database';
import { coveredPracticeIds } from './access';
import { messagesFor } from './messageBack';
import { displayName } from './patients';
import { typedPatientOf } from './reconcile';

/** The message back goes to the referrer unless the form sent it to the usual GP only. */
export function referrerGetsMessages(details: Pick<ReferralDetails, 'messageBackTo'>): boolean {
  return details.messageBackTo !== 'usual_gp';
}

/**
 * What a referrer sees of their own referrals: who, when, the status and the messages back; never
 * the notes. A referrer who does not work at the patient's practice sees the patient as they typed
 * them, never what the practice's record holds.
 */
export async function myReferrals(db: Db, userId: number): Promise<MyReferral[]> {
  const rows = await db
    .selectFrom('referral as r')
    .innerJoin('patient as p', 'p.id', 'r.patient_id')
    .select(['r.id', 'r.details', 'r.received_at', 'r.status', 'r.status_changed_at', 'p.given_name', 'p.family_name', 'p.preferred_name', 'p.nhs_number', 'p.registered_practice_id'])
    .where('r.referrer_user_id', '=', userId)
    .orderBy('r.received_at', 'desc')
    .orderBy('r.id', 'desc')
    .execute();
  const covered = new Set(await coveredPracticeIds(db, userId));
  const sentTo = new Map(rows.map((r) => [r.id, (JSON.parse(r.details) as ReferralDetails).messageBackTo]));
  const messages = await messagesFor(db, rows.filter((r) => referrerGetsMessages({ messageBackTo: sentTo.get(r.id)! })).map((r) => r.id));
  return rows.map((r) => {
    const typed = covered.has(r.registered_practice_id) ? null : typedPatientOf(r)?.patient;
    const who = typed ? { given_name: typed.givenName, family_name: typed.familyName, preferred_name: typed.preferredName, nhs_number: typed.nhsNumber } : r;
    return {
      id: r.id,
      patientName: displayName(who),
      nhsNumber: who.nhs_number,
      receivedAt: r.received_at,
      status: r.status as ReferralStatus,
      statusChangedAt: r.status_changed_at,
      messageBackTo: sentTo.get(r.id)!,
      messages: messages.get(r.id) ?? [],
    };
  });
}
