import type { z } from 'zod';
import { londonDate } from '../calendar/workingDays';
import { type GoalInput, goalProgressLabels, type NextStepInput } from '../contract/casework';
import { AppError } from '../contract/errors';
import type { ReferralRow } from '../referrals/access';
import type { Ctx } from '../referrals/context';
import { addEvent } from '../referrals/events';
import { assertWorking, brief } from './access';
import { touch } from './contacts';

/** What matters to the person, as the plan says it (the referral's words stay on the referral). */
export async function savePlan(ctx: Ctx, row: ReferralRow, whatMatters: string): Promise<void> {
  assertWorking(row, 'change the plan');
  const at = ctx.now.toISOString();
  await ctx.db
    .insertInto('case_plan')
    .values({ referral_id: row.id, what_matters: whatMatters, updated_at: at, updated_by_name: ctx.actor.fullName })
    .onConflict((oc) => oc.column('referral_id').doUpdateSet({ what_matters: whatMatters, updated_at: at, updated_by_name: ctx.actor.fullName }))
    .execute();
  await touch(ctx, row.id);
}

/** Adds a goal or changes one; a goal newly achieved goes on the timeline. Returns the goal's id. */
export async function saveGoal(ctx: Ctx, row: ReferralRow, input: z.output<typeof GoalInput>): Promise<{ id: number; achieved: boolean }> {
  assertWorking(row, 'change the plan');
  const at = ctx.now.toISOString();
  const values = { text: input.text, target_date: input.targetDate, progress: input.progress, updated_at: at, updated_by_name: ctx.actor.fullName };
  let id: number;
  let was: string | null = null;
  if (input.id === undefined) {
    ({ id } = await ctx.db.insertInto('case_goal').values({ referral_id: row.id, created_at: at, ...values }).returning('id').executeTakeFirstOrThrow());
  } else {
    const existing = await ctx.db.selectFrom('case_goal').select(['id', 'progress']).where('id', '=', input.id).where('referral_id', '=', row.id).executeTakeFirst();
    if (!existing) throw new AppError('NOT_FOUND', 'That goal is not on this case.');
    was = existing.progress;
    id = existing.id;
    await ctx.db.updateTable('case_goal').set(values).where('id', '=', id).execute();
  }
  const achieved = input.progress === 'achieved' && was !== 'achieved';
  if (achieved) await addEvent(ctx, row.id, { kind: 'note', text: `Goal ${goalProgressLabels.achieved.toLowerCase()}: ${brief(input.text)}` });
  else await touch(ctx, row.id);
  return { id, achieved };
}

/** Adds an agreed next step or changes one; done steps keep the day they were done. */
export async function saveNextStep(ctx: Ctx, row: ReferralRow, input: z.output<typeof NextStepInput>): Promise<number> {
  assertWorking(row, 'change the plan');
  const at = ctx.now.toISOString();
  const today = londonDate(ctx.now);
  if (input.id === undefined) {
    const { id } = await ctx.db
      .insertInto('case_next_step')
      .values({
        referral_id: row.id, text: input.text, due_on: input.dueOn, done_on: input.done ? today : null,
        created_at: at, updated_at: at, updated_by_name: ctx.actor.fullName,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await touch(ctx, row.id);
    return id;
  }
  const existing = await ctx.db.selectFrom('case_next_step').select(['id', 'done_on', 'mdt_action_id']).where('id', '=', input.id).where('referral_id', '=', row.id).executeTakeFirst();
  if (!existing) throw new AppError('NOT_FOUND', 'That next step is not on this case.');
  const doneOn = input.done ? (existing.done_on ?? today) : null;
  await ctx.db
    .updateTable('case_next_step')
    .set({ text: input.text, due_on: input.dueOn, done_on: doneOn, updated_at: at, updated_by_name: ctx.actor.fullName })
    .where('id', '=', existing.id)
    .execute();
  // A step that is an MDT action carries the action with it, so the meeting's list agrees with the case.
  if (existing.mdt_action_id !== null) {
    await ctx.db.updateTable('mdt_action')
      .set(doneOn === null ? { done_on: null, done_by_name: null } : { done_on: doneOn, done_by_name: ctx.actor.fullName })
      .where('id', '=', existing.mdt_action_id)
      .execute();
  }
  await touch(ctx, row.id);
  return existing.id;
}
