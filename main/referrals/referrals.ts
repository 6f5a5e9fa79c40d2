import { AppError } from '../contract/errors';
import { type NewReferral, type PatientInput, type ReferralMade, referralSourceLabels, statusLabels } from '../contract/referrals';
import { coveredPracticeIds } from './access';
import type { Ctx } from './context';
import { ukDate } from './dates';
import { addEvent } from './events';
import { changeSummary, differences, practiceNames, unanswered, withChoices } from './patientDetails';
import { insertPatient, patientById, patientByNhsNumber, type PatientRow, toPatient, updatePatient } from './patients';
import { withTypedPatient } from './reconcile';
import { openReferrals } from './search';

export const urgencyRank = { urgent: 0, soon: 1, routine: 2 } as const;

function fieldError(code: 'VALIDATION' | 'CONFLICT' | 'NOT_FOUND', field: string, message: string): AppError {
  return new AppError(code, code === 'VALIDATION' ? 'Check the highlighted field.' : message, { [field]: [message] });
}

async function assertPracticeExists(ctx: Ctx, practiceId: number, field = 'patient.registeredPracticeId'): Promise<void> {
  const practice = await ctx.db.selectFrom('practice').select('id').where('id', '=', practiceId).executeTakeFirst();
  if (!practice) throw fieldError('VALIDATION', field, 'Choose the patient’s practice from the list');
}

/**
 * The patient record this referral is for: the one chosen from search (its NHS number must match;
 * search shows only the caller's practices, so another practice's record cannot be chosen), else
 * the one with this NHS number anywhere in the PCN, else none.
 */
async function existingPatient(ctx: Ctx, existingPatientId: number | undefined, input: PatientInput, covered: readonly number[]): Promise<PatientRow | null> {
  if (existingPatientId !== undefined) {
    const chosen = await patientById(ctx.db, existingPatientId);
    if (!chosen) throw fieldError('NOT_FOUND', 'patient.nhsNumber', 'The patient record you chose no longer exists: search for the patient again');
    if (!covered.includes(chosen.registered_practice_id)) throw new AppError('FORBIDDEN', 'This patient is registered at a practice you do not work at.');
    if (chosen.nhs_number !== input.nhsNumber) {
      throw fieldError('VALIDATION', 'patient.nhsNumber', 'This NHS number is not the one on the patient record you chose: check it, or start again for a different patient');
    }
    return chosen;
  }
  return (await patientByNhsNumber(ctx.db, input.nhsNumber)) ?? null;
}

async function assertNoOpenReferral(ctx: Ctx, patientId: number, acknowledged: boolean): Promise<void> {
  if (acknowledged) return;
  const open = (await openReferrals(ctx.db, [patientId])).get(patientId);
  if (!open) return;
  const message = `This patient already has an open referral (received ${ukDate(open.receivedAt)}, status ${statusLabels[open.status]}): open it instead, or confirm to refer again`;
  throw fieldError('CONFLICT', 'patient.nhsNumber', message);
}

/** Who the referral is for, at which practice, what to keep for the link worker, and what the audit says about the record. */
interface PatientOutcome {
  patientId: number;
  practiceId: number;
  typedToReconcile: PatientInput | null;
  audit: string;
}

type Resolved = { kind: 'ready'; outcome: PatientOutcome } | { kind: 'differs'; made: Extract<ReferralMade, { outcome: 'differs' }>; audit: string };

/**
 * An existing record is changed only by someone who works at its practice, and only where they said
 * the typed detail is right. Someone at another practice changes nothing and learns nothing of the
 * record or its referrals: what they typed is kept on the referral for the link worker to reconcile.
 */
async function resolvePatient(ctx: Ctx, input: NewReferral, covered: readonly number[]): Promise<Resolved> {
  const typed = input.patient;
  const existing = await existingPatient(ctx, input.existingPatientId, typed, covered);
  if (!existing) {
    const patientId = await insertPatient(ctx.db, typed, ctx.now.toISOString());
    return { kind: 'ready', outcome: { patientId, practiceId: typed.registeredPracticeId, typedToReconcile: null, audit: `new patient ${patientId}` } };
  }
  const practices = await practiceNames(ctx.db);
  const stored = toPatient(existing);
  const diffs = differences(stored, typed, practices);
  if (!covered.includes(existing.registered_practice_id)) {
    return {
      kind: 'ready',
      outcome: {
        patientId: existing.id,
        practiceId: existing.registered_practice_id,
        typedToReconcile: diffs.length > 0 ? typed : null,
        audit: `patient ${existing.id}, of a practice the referrer does not work at: record unchanged` +
          (diffs.length > 0 ? `; typed details to reconcile: ${diffs.map((d) => d.label.toLowerCase()).join(', ')}` : ''),
      },
    };
  }
  await assertNoOpenReferral(ctx, existing.id, input.acknowledgeOpenReferral);
  if (unanswered(diffs, input.patientChoices).length > 0) {
    return {
      kind: 'differs',
      made: { outcome: 'differs', patientId: existing.id, differences: diffs },
      audit: `details differ from the record (${diffs.map((d) => d.label.toLowerCase()).join(', ')}): asked which are right; nothing saved`,
    };
  }
  const after = withChoices(stored, typed, diffs, input.patientChoices ?? {});
  if (after.registeredPracticeId !== stored.registeredPracticeId && !covered.includes(after.registeredPracticeId)) {
    throw fieldError('VALIDATION', 'patient.registeredPracticeId', 'You can move a patient only to a practice you work at: keep the record’s practice, or ask that practice');
  }
  const summary = changeSummary(stored, after, practices);
  if (summary !== '') await updatePatient(ctx.db, existing.id, after, ctx.now.toISOString());
  return {
    kind: 'ready',
    outcome: { patientId: existing.id, practiceId: after.registeredPracticeId, typedToReconcile: null, audit: `patient ${existing.id}: ${summary || 'record unchanged'}` },
  };
}

/**
 * Makes a referral from the form: one patient record per NHS number, a 'received' timeline entry,
 * the draft gone. Answers with the differing details instead when the person must first say which
 * are right. `audit` says what happened to the patient record.
 */
export async function createReferral(ctx: Ctx, input: NewReferral): Promise<{ made: ReferralMade; audit: string }> {
  await assertPracticeExists(ctx, input.patient.registeredPracticeId);
  const covered = await coveredPracticeIds(ctx.db, ctx.actor.id);
  const resolved = await resolvePatient(ctx, input, covered);
  if (resolved.kind === 'differs') return { made: resolved.made, audit: resolved.audit };
  const { patientId, practiceId, typedToReconcile } = resolved.outcome;
  const now = ctx.now.toISOString();
  const { referral } = input;
  const row = await ctx.db.insertInto('referral').values({
    patient_id: patientId, practice_id: practiceId, referrer_user_id: ctx.actor.id,
    details: JSON.stringify(withTypedPatient(referral, typedToReconcile)), reasons: JSON.stringify(referral.reasons),
    urgency: referral.urgency, urgency_rank: urgencyRank[referral.urgency], safeguarding: referral.safeguardingConcern ? 1 : 0,
    status: 'received', status_changed_at: now, received_at: now, last_activity_at: now,
    assigned_to_user_id: null, accepted_at: null, redirected_to: null, outcome: null,
  }).returning('id').executeTakeFirstOrThrow();
  await ctx.db.insertInto('referral_reason').values([...new Set(referral.reasons)].map((reason) => ({ referral_id: row.id, reason }))).execute();
  await addEvent(ctx, row.id, { kind: 'status', status: 'received', text: `Referral received (${referralSourceLabels[referral.source]})` });
  if (typedToReconcile) {
    await addEvent(ctx, row.id, { kind: 'note', text: 'Made from another practice, with patient details that differ from the record: check them against the practice record' });
  }
  if (input.draftId !== undefined) {
    await ctx.db.deleteFrom('referral_draft').where('id', '=', input.draftId).where('user_id', '=', ctx.actor.id).execute();
  }
  return {
    made: { outcome: 'made', id: row.id, patientId: covered.includes(practiceId) ? patientId : null },
    audit: `received; ${resolved.outcome.audit}`,
  };
}
