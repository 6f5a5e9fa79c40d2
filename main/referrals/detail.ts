import { type ReferralDetail, ReferralDetailsView, type ReferralStatus, transitions } from '../contract/referrals';
import type { Db } from '../store/database';
import { referralRow } from './access';
import { timeline } from './events';
import { messagesFor } from './messageBack';
import { patientById, toPatient } from './patients';
import { detailsToReconcile } from './reconcile';
import { loadSummaries, staleRule } from './summaries';

async function codingOf(db: Db, referralId: number): Promise<ReferralDetail['coding']> {
  const rows = await db.selectFrom('referral_coding').selectAll().where('referral_id', '=', referralId).orderBy('id').execute();
  return rows.map((c) => ({ code: c.code, term: c.term, recordedAt: c.recorded_at, recordedOn: c.recorded_on, byName: c.by_name }));
}

/** One referral in full. Callers check who may see it first. */
export async function loadDetail(db: Db, id: number, now: Date): Promise<ReferralDetail> {
  const row = await referralRow(db, id);
  const [summary] = await loadSummaries(db, [id], await staleRule(db, now));
  const patient = await patientById(db, row.patient_id);
  const referrer = await db.selectFrom('app_user').select('full_name').where('id', '=', row.referrer_user_id).executeTakeFirstOrThrow();
  return {
    summary: summary!,
    patient: toPatient(patient!),
    details: ReferralDetailsView.parse(JSON.parse(row.details)),
    referrerName: referrer.full_name,
    toReconcile: await detailsToReconcile(db, row),
    coding: await codingOf(db, id),
    timeline: await timeline(db, id),
    messages: (await messagesFor(db, [id])).get(id) ?? [],
    contactAttempts: row.contact_attempts,
    allowedNext: [...transitions[row.status as ReferralStatus]],
  };
}
