import { AppError } from '../contract/errors';
import { type NewReferral, type PatientInput, referralSourceLabels, statusLabels } from '../contract/referrals';
import type { Ctx } from './context';
import { ukDate } from './dates';
import { addEvent } from './events';
import { insertPatient, patientById, patientByNhsNumber, updatePatient } from './patients';
import { openReferrals } from './search';

const urgencyRank = { urgent: 0, soon: 1, routine: 2 } as const;

function fieldError(code: 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND', field: string, message: string): AppError {
  return new AppError(code, code === 'VALIDATION' ? 'Check the highlighted field.' : message, { [field]: [message] });
}

async function assertPracticeExists(ctx: Ctx, practiceId: number): Promise<void> {
  const practice = await ctx.db.selectFrom('practice').select('id').where('id', '=', practiceId).executeTakeFirst();
  if (!practice) throw fieldError('VALIDATION', 'patient.registeredPracticeId', 'Choose the patient’s practice from the list');
}

/**
 * The patient record this referral is for: the one chosen from search (its NHS number must match),
 * else the one with this NHS number, else a new one. An existing record takes the submitted details.
 */
async function resolvePatient(ctx: Ctx, existingPatientId: number | undefined, input: PatientInput): Promise<number | null> {
  if (existingPatientId !== undefined) {
    const chosen = await patientById(ctx.db, existingPatientId);
    if (!chosen) throw fieldError('NOT_FOUND', 'patient.nhsNumber', 'The patient record you chose no longer exists: search for the patient again');
    if (chosen.nhs_number !== input.nhsNumber) {
      throw fieldError('VALIDATION', 'patient.nhsNumber', 'This NHS number is not the one on the patient record you chose: check it, or start again for a different patient');
    }
    return chosen.id;
  }
  return (await patientByNhsNumber(ctx.db, input.nhsNumber))?.id ?? null;
}

async function assertNoOpenReferral(ctx: Ctx, patientId: number, acknowledged: boolean): Promise<void> {
  if (acknowledged) return;
  const open = (await openReferrals(ctx.db, [patientId])).get(patientId);
  if (!open) return;
  const message = `This patient already has an open referral (received ${ukDate(open.receivedAt)}, status ${statusLabels[open.status]}): open it instead, or confirm to refer again`;
  throw fieldError('CONFLICT', 'patient.nhsNumber', message);
}

async function savePatient(ctx: Ctx, input: NewReferral): Promise<number> {
  const now = ctx.now.toISOString();
  const existing = await resolvePatient(ctx, input.existingPatientId, input.patient);
  if (existing === null) return insertPatient(ctx.db, input.patient, now);
  await assertNoOpenReferral(ctx, existing, input.acknowledgeOpenReferral);
  await updatePatient(ctx.db, existing, input.patient, now);
  return existing;
}

/** Makes a referral from the form: one patient record per NHS number, a 'received' timeline entry, the draft gone. */
export async function createReferral(ctx: Ctx, input: NewReferral): Promise<{ id: number; patientId: number }> {
  await assertPracticeExists(ctx, input.patient.registeredPracticeId);
  const patientId = await savePatient(ctx, input);
  const now = ctx.now.toISOString();
  const { referral } = input;
  const row = await ctx.db.insertInto('referral').values({
    patient_id: patientId, practice_id: input.patient.registeredPracticeId, referrer_user_id: ctx.actor.id,
    details: JSON.stringify(referral), reasons: JSON.stringify(referral.reasons),
    urgency: referral.urgency, urgency_rank: urgencyRank[referral.urgency], safeguarding: referral.safeguardingConcern ? 1 : 0,
    status: 'received', status_changed_at: now, received_at: now, last_activity_at: now,
    assigned_to_user_id: null, accepted_at: null, redirected_to: null, outcome: null,
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('referral_reason').values([...new Set(referral.reasons)].map((reason) => ({ referral_id: row.id, reason }))).execute();
  await addEvent(ctx, row.id, { kind: 'status', status: 'received', text: `Referral received (${referralSourceLabels[referral.source]})` });
  if (input.draftId !== undefined) {
    await ctx.db.deleteFrom('referral_draft').where('id', '=', input.draftId).where('user_id', '=', ctx.actor.id).execute();
  }
  return { id: row.id, patientId };
}
