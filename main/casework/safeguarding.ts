import type { z } from 'zod';
import type { EscalationInput } from '../contract/casework';
import { AppError } from '../contract/errors';
import type { ReferralRow } from '../referrals/access';
import type { Ctx } from '../referrals/context';
import { ukDate } from '../referrals/dates';
import { addEvent } from '../referrals/events';
import type { Db } from '../store/database';
import { assertWorking, brief } from './access';

/**
 * A safeguarding escalation: kept on the case, put on its timeline, and the referral marked as
 * having a safeguarding concern so that the inbox and caseload show it too.
 */
export async function escalate(ctx: Ctx, row: ReferralRow, input: z.output<typeof EscalationInput>): Promise<number> {
  assertWorking(row, 'record a safeguarding escalation');
  const at = ctx.now.toISOString();
  const { id } = await ctx.db
    .insertInto('case_escalation')
    .values({
      referral_id: row.id,
      concern: input.concern,
      escalated_to: input.escalatedTo,
      escalated_on: input.escalatedOn,
      outcome: input.outcome,
      outcome_recorded_at: input.outcome === '' ? null : at,
      recorded_by: ctx.actor.id,
      recorded_by_name: ctx.actor.fullName,
      recorded_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await ctx.db.updateTable('referral').set({ safeguarding: 1 }).where('id', '=', row.id).execute();
  await addEvent(ctx, row.id, {
    kind: 'note',
    text: `Safeguarding concern escalated to ${brief(input.escalatedTo, 120)} on ${ukDate(input.escalatedOn)}: ${brief(input.concern)}` +
      (input.outcome ? `. Outcome: ${brief(input.outcome)}` : ''),
  });
  return id;
}

export async function escalationReferralId(db: Db, id: number): Promise<number> {
  const row = await db.selectFrom('case_escalation').select('referral_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That safeguarding escalation does not exist.');
  return row.referral_id;
}

/**
 * The outcome of an escalation often comes after the case has ended, so it can be recorded then too.
 * Callers check that the escalation's referral is at a practice the user works at first.
 */
export async function recordEscalationOutcome(ctx: Ctx, referralId: number, id: number, outcome: string): Promise<void> {
  await ctx.db.updateTable('case_escalation').set({ outcome, outcome_recorded_at: ctx.now.toISOString() }).where('id', '=', id).execute();
  await addEvent(ctx, referralId, { kind: 'note', text: `Safeguarding escalation outcome: ${brief(outcome)}` });
}
