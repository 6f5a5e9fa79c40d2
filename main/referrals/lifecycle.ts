import { AppError } from '../contract/errors';
import { endStates, type ReferralStatus, statusLabels, transitions, type TransitionInput } from '../contract/referrals';
import type { z } from 'zod';
import type { ReferralRow } from './access';
import type { Ctx } from './context';
import { addEvent } from './events';
import { readReferralSettings } from './settings';

type Transition = z.output<typeof TransitionInput>;

export function isLegalMove(from: ReferralStatus, to: ReferralStatus): boolean {
  return transitions[from].includes(to);
}

function assertLegal(from: ReferralStatus, to: ReferralStatus): void {
  if (isLegalMove(from, to)) return;
  const message = `This referral is ${statusLabels[from].toLowerCase()}: it cannot move to ${statusLabels[to].toLowerCase()}.`;
  throw new AppError('CONFLICT', message, { to: [message] });
}

/** The link worker who takes the case: the one named (enabled, working at the practice) or the caller. */
async function assignee(ctx: Ctx, row: ReferralRow, userId: number | undefined): Promise<{ id: number; name: string }> {
  const id = userId ?? ctx.actor.id;
  const user = await ctx.db
    .selectFrom('app_user')
    .innerJoin('user_practice', 'user_practice.user_id', 'app_user.id')
    .select(['app_user.id', 'app_user.full_name'])
    .where('app_user.id', '=', id)
    .where('app_user.enabled', '=', 1)
    .where('app_user.role', '=', 'link_worker')
    .where('user_practice.practice_id', '=', row.practice_id)
    .executeTakeFirst();
  if (!user) {
    throw new AppError('VALIDATION', 'Check the highlighted field.', { assignToUserId: ['Choose a link worker who works at this referral’s practice'] });
  }
  return { id: user.id, name: user.full_name };
}

async function assertEnoughAttempts(ctx: Ctx, row: ReferralRow): Promise<void> {
  const { contactAttemptsBeforeUnable: needed } = await readReferralSettings(ctx.db);
  if (row.contact_attempts >= needed) return;
  const recorded = row.contact_attempts === 1 ? '1 attempt is recorded' : `${row.contact_attempts} attempts are recorded`;
  throw new AppError('VALIDATION', 'Check the highlighted field.', {
    to: [`Record ${needed} attempts to contact the person before marking the referral unable to contact: ${recorded}`],
  });
}

function eventText(input: Transition, assignedName: string | null): string {
  if (input.to === 'accepted') return [`Assigned to ${assignedName}`, input.reason].filter(Boolean).join('. ');
  if (input.to === 'redirected') return `Redirected to ${input.redirectedTo}: ${input.reason}`;
  return input.reason;
}

/** Moves a referral along its life, refusing every move the contract's transitions map does not list. */
export async function transition(ctx: Ctx, row: ReferralRow, input: Transition): Promise<void> {
  const from = row.status as ReferralStatus;
  assertLegal(from, input.to);
  if (input.to === 'unable_to_contact') await assertEnoughAttempts(ctx, row);
  const now = ctx.now.toISOString();
  const assigned = input.to === 'accepted' ? await assignee(ctx, row, input.assignToUserId) : null;
  await ctx.db.updateTable('referral').set({
    status: input.to,
    status_changed_at: now,
    ...(assigned ? { assigned_to_user_id: assigned.id, accepted_at: now } : {}),
    ...(input.to === 'redirected' ? { redirected_to: input.redirectedTo } : {}),
    ...(endStates.includes(input.to) ? { outcome: input.reason } : {}),
  }).where('id', '=', row.id).execute();
  await addEvent(ctx, row.id, { kind: 'status', status: input.to, text: eventText(input, assigned?.name ?? null) });
}

/** One more attempt to reach the person, towards "unable to contact". */
export async function recordContactAttempt(ctx: Ctx, row: ReferralRow, note: string): Promise<void> {
  if (endStates.includes(row.status as ReferralStatus)) {
    throw new AppError('CONFLICT', `This referral is ${statusLabels[row.status as ReferralStatus].toLowerCase()}: it needs no more contact attempts.`);
  }
  const attempts = row.contact_attempts + 1;
  await ctx.db.updateTable('referral').set({ contact_attempts: attempts }).where('id', '=', row.id).execute();
  await addEvent(ctx, row.id, { kind: 'note', text: [`Contact attempt ${attempts}`, note].filter(Boolean).join(': ') });
}
