import type { z } from 'zod';
import { londonToday } from '../contract/time';
import { AppError } from '../contract/errors';
import {
  correctableDetails, type CorrectDetailsInput, messageBackToLabels, reasonLabels, type ReferralDetails, referralSourceLabels, type PatientInput,
  urgencyLabels, type Patient,
} from '../contract/referrals';
import type { ReferralRow } from './access';
import { assertCoversPractice } from './access';
import type { Ctx } from './context';
import { ukDate } from './dates';
import { addEvent } from './events';
import { changeSummary, practiceNames } from './patientDetails';
import { patientById, patientByNhsNumber, toPatient, updatePatient } from './patients';
import { urgencyRank } from './referrals';

type Correction = z.output<typeof CorrectDetailsInput>;
type Correctable = (typeof correctableDetails)[number];

const detailLabels: Readonly<Record<Correctable, string>> = {
  referralDate: 'referral date',
  source: 'source',
  reasons: 'reasons',
  reasonOther: 'other reason',
  urgency: 'urgency',
  messageBackTo: 'message back to',
  usualGp: 'usual GP',
  consentTakenBy: 'consent taken by',
  consentDate: 'consent date',
};

function shownDetail(field: Correctable, d: Pick<ReferralDetails, Correctable>): string {
  switch (field) {
    case 'referralDate': return ukDate(d.referralDate);
    case 'consentDate': return ukDate(d.consentDate);
    case 'source': return referralSourceLabels[d.source];
    case 'urgency': return urgencyLabels[d.urgency];
    case 'messageBackTo': return messageBackToLabels[d.messageBackTo];
    case 'reasons': return d.reasons.map((r) => reasonLabels[r]).join('; ');
    default: return d[field];
  }
}

/** The first day anything was recorded as done with the person: the referral cannot start after it. */
async function firstContactDay(ctx: Ctx, referralId: number): Promise<string | null> {
  const row = await ctx.db.selectFrom('case_contact').select('at').where('referral_id', '=', referralId).orderBy('at').limit(1).executeTakeFirst();
  return row ? londonToday(new Date(row.at)) : null;
}

/**
 * Corrects what the referral form said about the referral (its date, source, reasons, urgency,
 * who gets the message back, consent): every value before and after goes on the timeline and in
 * the audit log. Returns the audit detail, or '' when nothing changed.
 */
export async function correctDetails(ctx: Ctx, row: ReferralRow, input: Correction): Promise<string> {
  const before = JSON.parse(row.details) as ReferralDetails;
  const after: ReferralDetails = { ...before };
  for (const field of correctableDetails) Object.assign(after, { [field]: input[field] });
  if (after.messageBackTo !== 'referrer' && after.usualGp === '') {
    throw new AppError('VALIDATION', 'Check the highlighted field.', { usualGp: ['Name the patient’s usual GP'] });
  }
  const firstContact = await firstContactDay(ctx, row.id);
  if (firstContact !== null && after.referralDate > firstContact) {
    throw new AppError('VALIDATION', 'Check the highlighted field.', {
      referralDate: [`The first contact on this case was on ${ukDate(firstContact)}: the referral date cannot be after it`],
    });
  }
  const changed = correctableDetails.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  if (changed.length === 0) return '';
  const summary = changed.map((f) => `${detailLabels[f]} ${JSON.stringify(shownDetail(f, before))} → ${JSON.stringify(shownDetail(f, after))}`).join('; ');
  await ctx.db.updateTable('referral').set({
    details: JSON.stringify({ ...JSON.parse(row.details), ...after }),
    reasons: JSON.stringify(after.reasons),
    urgency: after.urgency,
    urgency_rank: urgencyRank[after.urgency],
  }).where('id', '=', row.id).execute();
  if (changed.includes('reasons')) {
    await ctx.db.deleteFrom('referral_reason').where('referral_id', '=', row.id).execute();
    await ctx.db.insertInto('referral_reason').values([...new Set(after.reasons)].map((reason) => ({ referral_id: row.id, reason }))).execute();
  }
  await addEvent(ctx, row.id, { kind: 'note', text: `Referral details corrected: ${summary}` });
  return summary;
}

/**
 * Corrects a patient record, for someone who works at the patient's practice (and, to move the
 * record, at the new practice too). Returns the record and what changed, for the audit log.
 */
export async function correctPatient(ctx: Ctx, id: number, input: PatientInput): Promise<{ patient: Patient; summary: string }> {
  const row = await patientById(ctx.db, id);
  if (!row) throw new AppError('NOT_FOUND', 'That patient record does not exist.');
  await assertCoversPractice(ctx.db, ctx.actor.id, row.registered_practice_id, 'This patient is registered at a practice you do not work at.');
  if (input.registeredPracticeId !== row.registered_practice_id) {
    const covers = await ctx.db.selectFrom('user_practice').select('practice_id')
      .where('user_id', '=', ctx.actor.id).where('practice_id', '=', input.registeredPracticeId).executeTakeFirst();
    if (!covers) {
      throw new AppError('VALIDATION', 'Check the highlighted field.', { 'patient.registeredPracticeId': ['You can move a patient only to a practice you work at'] });
    }
  }
  if (input.nhsNumber !== row.nhs_number && (await patientByNhsNumber(ctx.db, input.nhsNumber))) {
    throw new AppError('CONFLICT', 'Another patient record has this NHS number.', { 'patient.nhsNumber': ['Another patient record has this NHS number: check it for a typing mistake'] });
  }
  const before = toPatient(row);
  const summary = changeSummary(before, input, await practiceNames(ctx.db));
  if (summary !== '') await updatePatient(ctx.db, id, input, ctx.now.toISOString());
  return { patient: toPatient((await patientById(ctx.db, id))!), summary };
}
