import { type AddContactInput, contactTypeLabels, isAttempt } from '../contract/casework';
import { AppError } from '../contract/errors';
import type { ReferralDetails } from '../contract/referrals';
import type { ReferralRow } from '../referrals/access';
import type { Ctx } from '../referrals/context';
import { ukDate } from '../referrals/dates';
import { recordContactAttempt, transition } from '../referrals/lifecycle';
import type { z } from 'zod';
import { assertWorking } from './access';
import { londonLocalToUtc } from './dates';

type Input = z.output<typeof AddContactInput>;

/** Marks the referral as touched now (the inbox's untouched-too-long rule) without a timeline entry. */
export async function touch(ctx: Ctx, referralId: number): Promise<void> {
  await ctx.db.updateTable('referral').set({ last_activity_at: ctx.now.toISOString() }).where('id', '=', referralId).execute();
}

/** How the automatic move to 'contacted' is worded on the timeline. */
export const FIRST_CONTACT = 'First contact:';

export interface ContactOutcome {
  id: number;
  /** Counted towards "unable to contact" (the referral was still waiting for a first contact). */
  countedAsAttempt: boolean;
  markedContacted: boolean;
}

/**
 * Records a contact. "Did not attend" and "unable to reach" on an accepted referral count as
 * attempts towards "unable to contact", through the referral's own attempt counter; the first
 * contact that reaches the person moves an accepted referral to 'contacted' unless told not to.
 */
export async function addContact(ctx: Ctx, row: ReferralRow, input: Input): Promise<ContactOutcome> {
  assertWorking(row, 'record a contact');
  const at = londonLocalToUtc(input.at);
  const { referralDate } = JSON.parse(row.details) as ReferralDetails;
  if (input.at.slice(0, 10) < referralDate) {
    const message = `The contact cannot be before the referral was made (${ukDate(referralDate)})`;
    throw new AppError('VALIDATION', 'Check the highlighted field.', { at: [message] });
  }
  const reached = !isAttempt(input.type);
  const { id } = await ctx.db
    .insertInto('case_contact')
    .values({
      referral_id: row.id,
      at,
      type: input.type,
      reached: reached ? 1 : 0,
      duration_minutes: input.durationMinutes,
      notes: input.notes,
      recorded_by: ctx.actor.id,
      recorded_by_name: ctx.actor.fullName,
      recorded_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  const label = contactTypeLabels[input.type];
  if (!reached && row.status === 'accepted') {
    await recordContactAttempt(ctx, row, `${label} (${ukDate(at)})`);
    return { id, countedAsAttempt: true, markedContacted: false };
  }
  if (reached && row.status === 'accepted' && input.markContacted) {
    await transition(ctx, row, { id: row.id, to: 'contacted', reason: `${FIRST_CONTACT} ${label.toLowerCase()} on ${ukDate(at)}`, redirectedTo: '' });
    return { id, countedAsAttempt: false, markedContacted: true };
  }
  await touch(ctx, row.id);
  return { id, countedAsAttempt: false, markedContacted: false };
}
