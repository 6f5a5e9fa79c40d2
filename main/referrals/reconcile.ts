import { AppError } from '../contract/errors';
import type { DetailChoices, PatientDetailsToReconcile, PatientInput, ReferralDetails } from '../contract/referrals';
import type { Db } from '../store/database';
import type { ReferralRow } from './access';
import { assertCoversPractice } from './access';
import type { Ctx } from './context';
import { addEvent } from './events';
import { changeSummary, differences, practiceNames, unanswered, withChoices } from './patientDetails';
import { patientById, toPatient, updatePatient } from './patients';

/**
 * A referral from someone who does not work at the patient's practice never changes the patient
 * record: what they typed is kept with the referral (in its details, as `patientAsTyped`) until
 * the link worker or manager of the practice has checked it against the record.
 */
export interface TypedPatient {
  patient: PatientInput;
  reconciled: { byName: string; at: string } | null;
}

type StoredDetails = ReferralDetails & { patientAsTyped?: TypedPatient };

export function withTypedPatient(details: ReferralDetails, typed: PatientInput | null): StoredDetails {
  return typed ? { ...details, patientAsTyped: { patient: typed, reconciled: null } } : details;
}

function storedDetails(row: Pick<ReferralRow, 'details'>): StoredDetails {
  return JSON.parse(row.details) as StoredDetails;
}

/** What the referrer typed about the patient, when it was kept for reconciling (also once reconciled). */
export function typedPatientOf(row: Pick<ReferralRow, 'details'>): TypedPatient | null {
  return storedDetails(row).patientAsTyped ?? null;
}

/** The typed details still waiting to be checked, compared with the record as it is now; null when none wait. */
export async function detailsToReconcile(db: Db, row: ReferralRow): Promise<PatientDetailsToReconcile | null> {
  const typed = typedPatientOf(row);
  if (!typed || typed.reconciled) return null;
  const patient = await patientById(db, row.patient_id);
  const referrer = await db.selectFrom('app_user').select('full_name').where('id', '=', row.referrer_user_id).executeTakeFirstOrThrow();
  return {
    typedByName: referrer.full_name,
    typedAt: row.received_at,
    differences: differences(toPatient(patient!), typed.patient, await practiceNames(db)),
  };
}

/**
 * Settles the typed details: for each that still differs, the record's value is kept or the typed
 * one taken, as the person chose. Returns what changed on the record, for the audit log.
 */
export async function reconcile(ctx: Ctx, row: ReferralRow, choices: DetailChoices): Promise<string> {
  const typed = typedPatientOf(row);
  if (!typed || typed.reconciled) throw new AppError('CONFLICT', 'There are no typed details waiting to be checked on this referral.');
  const stored = toPatient((await patientById(ctx.db, row.patient_id))!);
  await assertCoversPractice(ctx.db, ctx.actor.id, stored.registeredPracticeId, 'This patient is registered at a practice you do not work at.');
  const practices = await practiceNames(ctx.db);
  const diffs = differences(stored, typed.patient, practices);
  const missing = unanswered(diffs, choices);
  if (missing.length > 0) {
    throw new AppError('VALIDATION', 'Say which is right for each detail.', Object.fromEntries(missing.map((d) => [`choices.${d.field}`, ['Choose which is right']])));
  }
  const after = withChoices(stored, typed.patient, diffs, choices);
  if (after.registeredPracticeId !== stored.registeredPracticeId) {
    await assertCoversPractice(ctx.db, ctx.actor.id, after.registeredPracticeId, 'You can move a patient only to a practice you work at.');
  }
  const summary = changeSummary(stored, after, practices);
  if (summary !== '') await updatePatient(ctx.db, stored.id, after, ctx.now.toISOString());
  const details: StoredDetails = { ...storedDetails(row), patientAsTyped: { ...typed, reconciled: { byName: ctx.actor.fullName, at: ctx.now.toISOString() } } };
  await ctx.db.updateTable('referral').set({ details: JSON.stringify(details) }).where('id', '=', row.id).execute();
  const taken = diffs.filter((d) => choices[d.field] === 'typed').map((d) => d.label.toLowerCase());
  await addEvent(ctx, row.id, {
    kind: 'note',
    text: `Patient details checked against the record: ${taken.length > 0 ? `took the referral’s ${taken.join(', ')}` : 'kept the record as it was'}`,
  });
  return summary || 'record unchanged';
}
