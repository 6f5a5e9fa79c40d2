import { type CaseFile, type ContactType, type Goal, type GoalProgress, isAttempt, type NextStep } from '../contract/casework';
import type { ReferralDetails, ReferralStatus } from '../contract/referrals';
import { referralRow } from '../referrals/access';
import { readReferralSettings } from '../referrals/settings';
import type { Db } from '../store/database';

export async function contactsOf(db: Db, referralId: number): Promise<CaseFile['contacts']> {
  const rows = await db
    .selectFrom('case_contact')
    .select(['id', 'referral_id', 'at', 'type', 'duration_minutes', 'notes', 'recorded_by_name', 'recorded_at'])
    .where('referral_id', '=', referralId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    referralId: r.referral_id,
    at: r.at,
    type: r.type as ContactType,
    durationMinutes: r.duration_minutes,
    notes: r.notes,
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at,
  }));
}

export async function goalsOf(db: Db, referralId: number): Promise<Goal[]> {
  const rows = await db
    .selectFrom('case_goal')
    .select(['id', 'text', 'target_date', 'progress', 'updated_at', 'updated_by_name'])
    .where('referral_id', '=', referralId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    text: r.text,
    targetDate: r.target_date,
    progress: r.progress as GoalProgress,
    updatedAt: r.updated_at,
    updatedByName: r.updated_by_name,
  }));
}

async function nextStepsOf(db: Db, referralId: number): Promise<NextStep[]> {
  const rows = await db
    .selectFrom('case_next_step')
    .leftJoin('mdt_action as a', 'a.id', 'case_next_step.mdt_action_id')
    .leftJoin('mdt_meeting as m', 'm.id', 'a.meeting_id')
    .select(['case_next_step.id', 'case_next_step.text', 'case_next_step.due_on', 'case_next_step.done_on', 'case_next_step.updated_by_name', 'm.date as meeting_date'])
    .where('case_next_step.referral_id', '=', referralId)
    .orderBy('case_next_step.due_on')
    .orderBy('case_next_step.id')
    .execute();
  const steps = rows.map((r) => ({ id: r.id, text: r.text, dueOn: r.due_on, doneOn: r.done_on, updatedByName: r.updated_by_name, fromMdtOn: r.meeting_date }));
  return [...steps.filter((s) => s.doneOn === null), ...steps.filter((s) => s.doneOn !== null)];
}

async function escalationsOf(db: Db, referralId: number): Promise<CaseFile['escalations']> {
  const rows = await db
    .selectFrom('case_escalation')
    .selectAll()
    .where('referral_id', '=', referralId)
    .orderBy('escalated_on', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    concern: r.concern,
    escalatedTo: r.escalated_to,
    escalatedOn: r.escalated_on,
    outcome: r.outcome,
    outcomeRecordedAt: r.outcome_recorded_at,
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at,
  }));
}

export async function openMdtFlag(db: Db, referralId: number): Promise<CaseFile['mdtFlag']> {
  const row = await db
    .selectFrom('case_mdt_flag')
    .select(['id', 'question', 'flagged_by_name', 'flagged_at'])
    .where('referral_id', '=', referralId)
    .where('cleared_at', 'is', null)
    .executeTakeFirst();
  return row ? { id: row.id, question: row.question, flaggedByName: row.flagged_by_name, flaggedAt: row.flagged_at } : null;
}

/** The meetings that discussed the case (their items' minutes and actions), newest first. */
export async function mdtDiscussionsOf(db: Db, referralId: number): Promise<CaseFile['mdtDiscussions']> {
  const items = await db
    .selectFrom('mdt_item as i')
    .innerJoin('mdt_meeting as m', 'm.id', 'i.meeting_id')
    .select(['m.id as meeting_id', 'm.date', 'm.title', 'i.id as item_id', 'i.decision', 'i.next_steps'])
    .where('i.referral_id', '=', referralId)
    .where('i.removed_at', 'is', null)
    .where('m.started_at', 'is not', null)
    .orderBy('m.date', 'desc')
    .orderBy('i.id')
    .execute();
  if (items.length === 0) return [];
  const actions = await db
    .selectFrom('mdt_action')
    .select(['id', 'item_id', 'text', 'owner_name', 'due_on', 'done_on'])
    .where('referral_id', '=', referralId)
    .orderBy('due_on')
    .orderBy('id')
    .execute();
  return items.map((i) => ({
    meetingId: i.meeting_id,
    date: i.date,
    title: i.title,
    decision: i.decision,
    nextSteps: i.next_steps,
    actions: actions.filter((a) => a.item_id === i.item_id).map((a) => ({ id: a.id, text: a.text, ownerName: a.owner_name, dueOn: a.due_on, doneOn: a.done_on })),
  }));
}

/** Scheduled meetings whose agenda still lists the case. */
async function onAgendasOf(db: Db, referralId: number): Promise<CaseFile['onAgendas']> {
  const rows = await db
    .selectFrom('mdt_item as i')
    .innerJoin('mdt_meeting as m', 'm.id', 'i.meeting_id')
    .select(['m.id', 'm.date', 'm.title'])
    .where('i.referral_id', '=', referralId)
    .where('i.removed_at', 'is', null)
    .where('m.status', '=', 'scheduled')
    .where('m.started_at', 'is', null)
    .orderBy('m.date')
    .execute();
  return rows.map((r) => ({ meetingId: r.id, date: r.date, title: r.title }));
}

/** What matters to the person: the plan's words once changed on the case, the referral's until then. */
export async function planOf(db: Db, referralId: number, details: ReferralDetails): Promise<CaseFile['plan']> {
  const row = await db.selectFrom('case_plan').selectAll().where('referral_id', '=', referralId).executeTakeFirst();
  return row
    ? { whatMatters: row.what_matters, fromReferral: false, updatedAt: row.updated_at, updatedByName: row.updated_by_name }
    : { whatMatters: details.whatMatters, fromReferral: true, updatedAt: null, updatedByName: null };
}

/**
 * The case file of one referral. Callers check who may see it first; `withNotes` is false for
 * readers who are not link workers, whose contact notes are then left out.
 */
export async function loadCaseFile(db: Db, referralId: number, options: { withNotes: boolean }): Promise<CaseFile> {
  const row = await referralRow(db, referralId);
  const details = JSON.parse(row.details) as ReferralDetails;
  const contacts = await contactsOf(db, referralId);
  const lastReached = contacts.find((c) => !isAttempt(c.type));
  return {
    referralId,
    status: row.status as ReferralStatus,
    contacts: options.withNotes ? contacts : contacts.map((c) => ({ ...c, notes: '' })),
    notesWithheld: !options.withNotes,
    contactAttempts: row.contact_attempts,
    attemptsBeforeUnable: (await readReferralSettings(db)).contactAttemptsBeforeUnable,
    lastContactAt: lastReached?.at ?? null,
    plan: await planOf(db, referralId, details),
    goals: await goalsOf(db, referralId),
    nextSteps: await nextStepsOf(db, referralId),
    escalations: await escalationsOf(db, referralId),
    mdtConsent: details.mdtConsent,
    mdtFlag: await openMdtFlag(db, referralId),
    mdtDiscussions: await mdtDiscussionsOf(db, referralId),
    onAgendas: await onAgendasOf(db, referralId),
    outcome: row.outcome,
  };
}
