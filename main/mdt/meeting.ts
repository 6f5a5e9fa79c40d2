import { brief } from '../casework/access';
import { clearMdtFlag } from '../casework/mdt';
import { goalProgressLabels, type GoalProgress } from '../contract/casework';
import { AppError } from '../contract/errors';
import type { ItemContext, Meeting } from '../contract/mdt';
import { reasonLabels, type ReferralDetails, statusLabels, type ReferralStatus } from '../contract/referrals';
import { ukDate, ukDateTime } from '../export/format';
import { measuresForReferral } from '../measures/measures';
import { referralRow } from '../referrals/access';
import type { Ctx } from '../referrals/context';
import { addEvent } from '../referrals/events';
import type { Db } from '../store/database';
import { itemMeetingId } from './agenda';
import { getMeeting } from './schedule';

/** Meeting mode: start and finish, minutes per item, attendance, actions. */

function assertRunning(meeting: Meeting): void {
  if (meeting.status === 'cancelled') throw new AppError('CONFLICT', 'This meeting was cancelled.');
  if (meeting.startedAt === null) throw new AppError('CONFLICT', 'Start the meeting first.');
}

export async function startMeeting(ctx: Ctx, meetingId: number): Promise<void> {
  const meeting = await getMeeting(ctx.db, meetingId);
  if (meeting.status === 'cancelled') throw new AppError('CONFLICT', 'This meeting was cancelled.');
  if (meeting.startedAt !== null) return;
  await ctx.db.updateTable('mdt_meeting').set({ started_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() }).where('id', '=', meetingId).execute();
}

/**
 * Ends the meeting. Cases discussed leave the practice's MDT list (their casework flag is cleared)
 * unless carried forward, in which case the next meeting's agenda takes them in.
 */
export async function finishMeeting(ctx: Ctx, meetingId: number): Promise<void> {
  const meeting = await getMeeting(ctx.db, meetingId);
  assertRunning(meeting);
  if (meeting.endedAt !== null) return;
  await ctx.db.updateTable('mdt_meeting').set({ ended_at: ctx.now.toISOString(), updated_at: ctx.now.toISOString() }).where('id', '=', meetingId).execute();
  const discussed = await ctx.db
    .selectFrom('mdt_item')
    .select(['id', 'referral_id', 'decision'])
    .where('meeting_id', '=', meetingId)
    .where('removed_at', 'is', null)
    .where('discussed', '=', 1)
    .where('referral_id', 'is not', null)
    .execute();
  for (const d of discussed) {
    // The case's own timeline says what the team decided, so nobody has to find the minutes.
    const actions = await ctx.db.selectFrom('mdt_action').select(['text', 'owner_name', 'due_on']).where('item_id', '=', d.id).orderBy('id').execute();
    const said = [
      `Discussed at ${meeting.title} on ${ukDate(meeting.date)}`,
      d.decision.trim() ? `decision: ${brief(d.decision)}` : 'no decision recorded',
      ...actions.map((a) => `action for ${a.owner_name} by ${ukDate(a.due_on)}: ${brief(a.text, 80)}`),
    ];
    await addEvent(ctx, d.referral_id!, { kind: 'note', text: said.join('; ') });
    const open = await ctx.db.selectFrom('case_mdt_flag').select('id').where('referral_id', '=', d.referral_id!).where('cleared_at', 'is', null).executeTakeFirst();
    if (open) await clearMdtFlag(ctx, await referralRow(ctx.db, d.referral_id!));
  }
}

export async function saveMinutes(
  ctx: Ctx,
  v: { itemId: number; situation: string; actionToDate: string; update: string; nextSteps: string; decision: string; discussed: boolean; carryForward: boolean },
): Promise<number> {
  const meetingId = await itemMeetingId(ctx.db, v.itemId);
  const meeting = await getMeeting(ctx.db, meetingId);
  assertRunning(meeting);
  if (meeting.endedAt !== null && Date.parse(meeting.endedAt) < ctx.now.getTime() - 7 * 86_400_000) {
    throw new AppError('CONFLICT', 'The minutes of this meeting were closed a week after it ended.');
  }
  await ctx.db
    .updateTable('mdt_item')
    .set({
      situation: v.situation, action_to_date: v.actionToDate, update_text: v.update, next_steps: v.nextSteps, decision: v.decision,
      discussed: v.discussed ? 1 : 0, carry_forward: v.carryForward ? 1 : 0, minutes_saved_at: ctx.now.toISOString(),
    })
    .where('id', '=', v.itemId)
    .execute();
  return meetingId;
}

export async function saveAttendance(ctx: Ctx, meetingId: number, rows: readonly { name: string; role: string; attendance: string }[]): Promise<void> {
  const meeting = await getMeeting(ctx.db, meetingId);
  if (meeting.status === 'cancelled') throw new AppError('CONFLICT', 'This meeting was cancelled.');
  await ctx.db.deleteFrom('mdt_attendance').where('meeting_id', '=', meetingId).execute();
  if (rows.length > 0) await ctx.db.insertInto('mdt_attendance').values(rows.map((r) => ({ meeting_id: meetingId, name: r.name, role: r.role, attendance: r.attendance }))).execute();
}

export async function addAction(
  ctx: Ctx,
  v: { meetingId: number; itemId: number | null; text: string; ownerUserId: number | null; ownerName: string; dueOn: string },
): Promise<number> {
  const meeting = await getMeeting(ctx.db, v.meetingId);
  assertRunning(meeting);
  let referralId: number | null = null;
  if (v.itemId !== null) {
    if ((await itemMeetingId(ctx.db, v.itemId)) !== v.meetingId) throw new AppError('VALIDATION', 'That item is on another meeting’s agenda.', { itemId: ['Choose an item of this meeting'] });
    referralId = (await ctx.db.selectFrom('mdt_item').select('referral_id').where('id', '=', v.itemId).executeTakeFirstOrThrow()).referral_id;
  }
  let ownerName = v.ownerName;
  let ownerRole: string | null = null;
  if (v.ownerUserId !== null) {
    const owner = await ctx.db.selectFrom('app_user').select(['full_name', 'enabled', 'role']).where('id', '=', v.ownerUserId).executeTakeFirst();
    if (!owner || owner.enabled !== 1) throw new AppError('VALIDATION', 'Check who owns the action.', { ownerUserId: ['Choose a person with a Signpost account, or type a name'] });
    ownerName = owner.full_name;
    ownerRole = owner.role;
  }
  const { id } = await ctx.db
    .insertInto('mdt_action')
    .values({
      meeting_id: v.meetingId, item_id: v.itemId, referral_id: referralId, practice_id: meeting.practiceId, text: v.text, owner_user_id: v.ownerUserId,
      owner_name: ownerName, due_on: v.dueOn, done_on: null, done_by_name: null, created_by_name: ctx.actor.fullName, created_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The link worker's actions on a case are the case's next steps too: the caseload shows them due.
  if (referralId !== null && ownerRole === 'link_worker') {
    const at = ctx.now.toISOString();
    await ctx.db.insertInto('case_next_step').values({
      referral_id: referralId, text: `${v.text} (agreed at the MDT on ${ukDate(meeting.date)})`, due_on: v.dueOn, done_on: null,
      created_at: at, updated_at: at, updated_by_name: ctx.actor.fullName, mdt_action_id: id,
    }).execute();
  }
  return id;
}

export async function actionRow(db: Db, id: number) {
  const row = await db.selectFrom('mdt_action').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That action does not exist.');
  return row;
}

export async function completeAction(ctx: Ctx, id: number, doneOn: string): Promise<void> {
  const row = await actionRow(ctx.db, id);
  if (row.done_on !== null) throw new AppError('CONFLICT', `This action was already marked done on ${ukDate(row.done_on)}.`);
  await ctx.db.updateTable('mdt_action').set({ done_on: doneOn, done_by_name: ctx.actor.fullName }).where('id', '=', id).execute();
  await ctx.db.updateTable('case_next_step')
    .set({ done_on: doneOn, updated_at: ctx.now.toISOString(), updated_by_name: ctx.actor.fullName })
    .where('mdt_action_id', '=', id)
    .where('done_on', 'is', null)
    .execute();
}

/** What meeting mode shows beside the minutes: the case in brief, its measures over time and its open goals. */
export async function itemContext(db: Db, itemId: number): Promise<ItemContext> {
  const item = await db.selectFrom('mdt_item').selectAll().where('id', '=', itemId).where('removed_at', 'is', null).executeTakeFirst();
  if (!item) throw new AppError('NOT_FOUND', 'That agenda item does not exist.');
  if (item.referral_id === null) return { itemId, referralId: null, summary: [['Item', item.title], ['Presenter', item.presenter]], goals: [], measures: [] };
  const r = await db
    .selectFrom('referral as r')
    .leftJoin('app_user as owner', 'owner.id', 'r.assigned_to_user_id')
    .leftJoin('case_plan as plan', 'plan.referral_id', 'r.id')
    .select(['r.id', 'r.status', 'r.details', 'r.received_at', 'r.safeguarding', 'owner.full_name as owner_name', 'plan.what_matters'])
    .where('r.id', '=', item.referral_id)
    .executeTakeFirstOrThrow();
  const details = JSON.parse(r.details) as ReferralDetails;
  const lastContact = await db.selectFrom('case_contact').select(['at', 'type']).where('referral_id', '=', r.id).where('reached', '=', 1).orderBy('at', 'desc').limit(1).executeTakeFirst();
  const summary: [string, string][] = [
    ['Status', statusLabels[r.status as ReferralStatus]],
    ['Case owner', r.owner_name ?? 'Not yet accepted'],
    ['Referred', `${ukDate(r.received_at)} for ${details.reasons.map((x) => reasonLabels[x]).join('; ')}`],
    ['What matters to the person', r.what_matters ?? details.whatMatters],
    ['Last contact', lastContact ? ukDateTime(lastContact.at) : 'Nobody reached yet'],
    ['Question for the team', item.question],
  ];
  if (r.safeguarding === 1) summary.push(['Safeguarding', 'A safeguarding concern was raised on the referral']);
  const goals = await db
    .selectFrom('case_goal')
    .select(['text', 'progress', 'target_date'])
    .where('referral_id', '=', r.id)
    .where('progress', 'in', ['not_started', 'in_progress'])
    .orderBy('id')
    .execute();
  const measures = await measuresForReferral(db, r.id);
  return {
    itemId,
    referralId: r.id,
    summary,
    goals: goals.map((g) => ({ text: g.text, progress: goalProgressLabels[g.progress as GoalProgress], targetDate: g.target_date })),
    measures: measures.series.map((s) => ({ label: s.label, points: s.points.map((p) => ({ takenOn: p.takenOn, value: p.value })), change: s.change?.description ?? null })),
  };
}
