import { flaggedForMdt } from '../casework';
import { AppError } from '../contract/errors';
import type { AddItemValues, Agenda, AgendaItem, ItemPriority, Meeting, MdtAction } from '../contract/mdt';
import { Role } from '../contract/roles';
import type { ReferralDetails } from '../contract/referrals';
import { ageOn, ukDate, ukDateTime } from '../export/format';
import { type RedactionField, redactForCirculation } from '../newsletter/redact';
import type { Ctx } from '../referrals/context';
import { displayName } from '../referrals/patients';
import type { Db } from '../store/database';
import { ageBand, allocate, initials, orderItems, priorityFromUrgency } from './agendaRules';
import { getMeeting } from './schedule';
import { londonToUtc, londonWallClock } from './time';

/** Minutes each standing item starts with; a preparer can change them like any other. */
const STANDING: readonly { standing: 'apologies' | 'actions' | 'aob'; title: string; minutes: number }[] = [
  { standing: 'apologies', title: 'Apologies', minutes: 2 },
  { standing: 'actions', title: 'Actions from last time', minutes: 5 },
  { standing: 'aob', title: 'Any other business', minutes: 5 },
];
const CASE_MINUTES = 10;
const OPEN_STATUSES = ['received', 'accepted', 'contacted', 'in_progress'];

export function isListOpen(meeting: Meeting, now: Date): boolean {
  return meeting.status === 'scheduled' && meeting.startedAt === null && now.getTime() < Date.parse(meeting.agendaClosesAt);
}

function hasEnded(meeting: Meeting, now: Date): boolean {
  return meeting.endedAt !== null || londonToUtc(meeting.date, meeting.endTime).getTime() < now.getTime() - 12 * 3_600_000;
}

async function ensureStanding(ctx: Ctx, meetingId: number): Promise<void> {
  const any = await ctx.db.selectFrom('mdt_item').select('id').where('meeting_id', '=', meetingId).where('kind', '=', 'standing').executeTakeFirst();
  if (any) return;
  await ctx.db
    .insertInto('mdt_item')
    .values(STANDING.map((s) => ({
      meeting_id: meetingId, kind: 'standing', standing: s.standing, source: null, referral_id: null, flag_id: null, title: s.title, question: '',
      flagged_by_name: null, presenter: 'Chair', priority: 'routine', minutes: s.minutes, late: 0, late_reason: null, added_by_name: 'Signpost', added_at: ctx.now.toISOString(),
    })))
    .execute();
}

/**
 * The practice's next meeting whose list is still open: flagged and carried-forward cases go on
 * its agenda (one meeting at a time, so a case is not listed at every future meeting).
 */
async function nextOpenMeetingId(db: Db, practiceId: number, now: Date): Promise<number | null> {
  const today = londonWallClock(now).date;
  const rows = await db
    .selectFrom('mdt_meeting')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('status', '=', 'scheduled')
    .where('started_at', 'is', null)
    .where('date', '>=', today)
    .orderBy('date')
    .orderBy('start_time')
    .limit(6)
    .execute();
  for (const r of rows) {
    if (isListOpen(await getMeeting(db, r.id), now)) return r.id;
  }
  return null;
}

/** Cases of the practice already on an agenda of a meeting still to come (or under way). */
async function casesOnUpcomingAgendas(db: Db, practiceId: number, now: Date): Promise<Set<number>> {
  const today = londonWallClock(now).date;
  const rows = await db
    .selectFrom('mdt_item as i')
    .innerJoin('mdt_meeting as m', 'm.id', 'i.meeting_id')
    .select('i.referral_id')
    .where('m.practice_id', '=', practiceId)
    .where('m.status', '=', 'scheduled')
    .where('m.ended_at', 'is', null)
    .where('m.date', '>=', today)
    .where('i.referral_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.referral_id!));
}

/** Cases the last finished meeting of the practice asked to bring back. */
async function carriedForward(db: Db, practiceId: number, beforeDate: string) {
  const last = await db
    .selectFrom('mdt_meeting')
    .select(['id', 'date'])
    .where('practice_id', '=', practiceId)
    .where('ended_at', 'is not', null)
    .where('date', '<', beforeDate)
    .orderBy('date', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!last) return [];
  const items = await db
    .selectFrom('mdt_item')
    .select(['referral_id', 'question', 'next_steps', 'presenter', 'priority', 'flagged_by_name'])
    .where('meeting_id', '=', last.id)
    .where('carry_forward', '=', 1)
    .where('removed_at', 'is', null)
    .where('referral_id', 'is not', null)
    .execute();
  return items.map((i) => ({ ...i, referralId: i.referral_id!, fromDate: last.date }));
}

/**
 * While the list is open, the agenda of the practice's next meeting takes in the cases flagged for
 * MDT in casework and those the last meeting carried forward (each once; an item someone took off
 * stays off).
 */
async function syncFromCaseload(ctx: Ctx, meeting: Meeting): Promise<void> {
  if ((await nextOpenMeetingId(ctx.db, meeting.practiceId, ctx.now)) !== meeting.id) return;
  const already = await casesOnUpcomingAgendas(ctx.db, meeting.practiceId, ctx.now);
  const removedHere = await ctx.db.selectFrom('mdt_item').select('referral_id').where('meeting_id', '=', meeting.id).where('referral_id', 'is not', null).execute();
  for (const r of removedHere) already.add(r.referral_id!);
  const at = ctx.now.toISOString();
  const urgency = async (referralId: number) =>
    (await ctx.db.selectFrom('referral').select('urgency').where('id', '=', referralId).executeTakeFirst())?.urgency ?? 'routine';
  for (const c of await carriedForward(ctx.db, meeting.practiceId, meeting.date)) {
    if (already.has(c.referralId)) continue;
    already.add(c.referralId);
    await ctx.db
      .insertInto('mdt_item')
      .values({
        meeting_id: meeting.id, kind: 'case', standing: null, source: 'carried', referral_id: c.referralId, flag_id: null, title: '',
        question: c.next_steps.trim() !== '' ? `Carried forward from ${ukDate(c.fromDate)}. Next steps agreed: ${c.next_steps}` : `Carried forward from ${ukDate(c.fromDate)}: ${c.question}`,
        flagged_by_name: c.flagged_by_name, presenter: c.presenter, priority: c.priority, minutes: CASE_MINUTES, late: 0, late_reason: null, added_by_name: 'Carried forward', added_at: at,
      })
      .execute();
  }
  for (const f of await flaggedForMdt(ctx.db, meeting.practiceId)) {
    if (already.has(f.referralId)) continue;
    already.add(f.referralId);
    await ctx.db
      .insertInto('mdt_item')
      .values({
        meeting_id: meeting.id, kind: 'case', standing: null, source: 'flag', referral_id: f.referralId, flag_id: f.flagId, title: '', question: f.question,
        flagged_by_name: f.flaggedByName, presenter: f.assignedToName ?? f.flaggedByName, priority: priorityFromUrgency(await urgency(f.referralId)),
        minutes: CASE_MINUTES, late: 0, late_reason: null, added_by_name: f.flaggedByName, added_at: at,
      })
      .execute();
  }
}

// ---------------------------------------------------------------- reading the agenda

async function itemRows(db: Db, meetingId: number) {
  return db
    .selectFrom('mdt_item as i')
    .leftJoin('referral as r', 'r.id', 'i.referral_id')
    .leftJoin('patient as p', 'p.id', 'r.patient_id')
    .leftJoin('app_user as owner', 'owner.id', 'r.assigned_to_user_id')
    .selectAll('i')
    .select(['p.given_name', 'p.family_name', 'p.preferred_name', 'p.nhs_number', 'p.date_of_birth', 'owner.full_name as owner_name', 'r.status as referral_status'])
    .where('i.meeting_id', '=', meetingId)
    .where('i.removed_at', 'is', null)
    .execute();
}

type ItemRow = Awaited<ReturnType<typeof itemRows>>[number];

function toItem(r: ItemRow, meetingDate: Date): Omit<AgendaItem, 'slotStart' | 'slotEnd' | 'runningTotal' | 'overruns'> {
  const patient =
    r.given_name !== null && r.family_name !== null && r.nhs_number !== null && r.date_of_birth !== null
      ? {
          name: displayName({ given_name: r.given_name, family_name: r.family_name, preferred_name: r.preferred_name ?? '' }),
          nhsNumber: r.nhs_number,
          dateOfBirth: r.date_of_birth,
          initials: initials(r.given_name, r.family_name),
          ageBand: ageBand(ageOn(r.date_of_birth, meetingDate)),
          caseOwner: r.owner_name,
          status: r.referral_status as AgendaItem['patient'] extends infer P ? (P extends { status: infer S } ? S : never) : never,
        }
      : null;
  return {
    id: r.id,
    kind: r.kind as AgendaItem['kind'],
    standing: r.standing as AgendaItem['standing'],
    source: r.source as AgendaItem['source'],
    title: r.kind === 'case' ? (patient ? `Case: ${patient.name}` : 'Case') : r.title,
    referralId: r.referral_id,
    patient,
    question: r.question,
    flaggedByName: r.flagged_by_name,
    presenter: r.presenter,
    priority: r.priority as ItemPriority,
    minutes: r.minutes,
    late: r.late === 1,
    lateReason: r.late_reason,
    addedByName: r.added_by_name,
    notes: { situation: r.situation, actionToDate: r.action_to_date, update: r.update_text, nextSteps: r.next_steps, decision: r.decision },
    discussed: r.discussed === 1,
    carryForward: r.carry_forward === 1,
  };
}

async function actionsWhere(db: Db, where: (q: ReturnType<typeof actionQuery>) => ReturnType<typeof actionQuery>): Promise<MdtAction[]> {
  const rows = await where(actionQuery(db)).orderBy('a.due_on').orderBy('a.id').execute();
  return rows.map((r) => ({
    id: r.id,
    meetingId: r.meeting_id,
    meetingDate: r.meeting_date,
    practiceName: r.practice_name,
    itemId: r.item_id,
    referralId: r.referral_id,
    about: r.given_name && r.family_name ? initials(r.given_name, r.family_name) : null,
    text: r.text,
    ownerUserId: r.owner_user_id,
    ownerName: r.owner_name,
    dueOn: r.due_on,
    doneOn: r.done_on,
  }));
}

function actionQuery(db: Db) {
  return db
    .selectFrom('mdt_action as a')
    .innerJoin('mdt_meeting as m', 'm.id', 'a.meeting_id')
    .innerJoin('practice as pr', 'pr.id', 'a.practice_id')
    .leftJoin('referral as r', 'r.id', 'a.referral_id')
    .leftJoin('patient as p', 'p.id', 'r.patient_id')
    .selectAll('a')
    .select(['m.date as meeting_date', 'pr.name as practice_name', 'p.given_name', 'p.family_name']);
}

export async function actionsOfOwner(db: Db, userId: number): Promise<MdtAction[]> {
  return actionsWhere(db, (q) => q.where('a.owner_user_id', '=', userId).where('a.done_on', 'is', null));
}

/** Who at the practice can own an MDT action: anyone with a Signpost account there but the front desk. */
async function possibleOwners(db: Db, practiceId: number): Promise<Agenda['owners']> {
  const rows = await db
    .selectFrom('app_user as u')
    .innerJoin('user_practice as up', 'up.user_id', 'u.id')
    .select(['u.id', 'u.full_name', 'u.role'])
    .where('up.practice_id', '=', practiceId)
    .where('u.enabled', '=', 1)
    .where('u.role', 'in', ['link_worker', 'clinician', 'practice_manager'])
    .orderBy('u.full_name')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.full_name, role: Role.parse(r.role) }));
}

export interface AgendaRights {
  canPrepare: boolean;
  canAddItems: boolean;
}

/** The agenda as it stands; while its list is open, first brought up to date from the caseload. */
export async function loadAgenda(ctx: Ctx, meetingId: number, rights: AgendaRights, sync = true): Promise<Agenda> {
  let meeting = await getMeeting(ctx.db, meetingId);
  if (meeting.status === 'scheduled' && !hasEnded(meeting, ctx.now)) {
    await ensureStanding(ctx, meetingId);
    if (sync && isListOpen(meeting, ctx.now)) await syncFromCaseload(ctx, meeting);
    meeting = await getMeeting(ctx.db, meetingId);
  }
  const open = isListOpen(meeting, ctx.now);
  const meetingDay = londonToUtc(meeting.date, meeting.startTime);
  const ordered = orderItems((await itemRows(ctx.db, meetingId)).map((r) => toItem(r, meetingDay)));
  const slots = allocate(ordered, meeting.startTime, meeting.endTime);
  const onAgenda = new Set(ordered.map((i) => i.referralId));
  const flaggedSinceClose =
    open || meeting.endedAt !== null || meeting.status === 'cancelled'
      ? []
      : (await flaggedForMdt(ctx.db, meeting.practiceId))
          .filter((f) => !onAgenda.has(f.referralId))
          .map((f) => ({ referralId: f.referralId, name: f.patientName, question: f.question, flaggedByName: f.flaggedByName }));
  const carriedActions = await actionsWhere(ctx.db, (q) => q.where('a.practice_id', '=', meeting.practiceId).where('a.done_on', 'is', null).where('m.date', '<', meeting.date));
  const actions = await actionsWhere(ctx.db, (q) => q.where('a.meeting_id', '=', meetingId));
  const stored = await ctx.db.selectFrom('mdt_attendance').select(['name', 'role', 'attendance']).where('meeting_id', '=', meetingId).orderBy('id').execute();
  const attendance = stored.length > 0
    ? stored.map((a) => ({ name: a.name, role: a.role, attendance: a.attendance as Agenda['attendance'][number]['attendance'] }))
    : [
        ...meeting.attendees.map((a) => ({ name: a.name, role: a.role, attendance: 'present' as const })),
        ...meeting.linkWorkers.filter((w) => !meeting.attendees.some((a) => a.name === w.name)).map((w) => ({ name: w.name, role: 'Social prescribing link worker', attendance: 'present' as const })),
      ];
  return {
    meeting,
    open,
    items: slots.items,
    totalMinutes: slots.totalMinutes,
    meetingMinutes: slots.meetingMinutes,
    overrunMinutes: slots.overrunMinutes,
    flaggedSinceClose,
    carriedActions,
    actions,
    attendance,
    owners: await possibleOwners(ctx.db, meeting.practiceId),
    canPrepare: rights.canPrepare && meeting.status === 'scheduled' && meeting.endedAt === null,
    canAddItems: rights.canAddItems && meeting.status === 'scheduled' && meeting.endedAt === null,
  };
}

// ---------------------------------------------------------------- changing the agenda

/** The words shown when a case cannot go on the agenda because the person did not agree. */
export function mdtRefusal(name: string, details: ReferralDetails): string {
  return `${name} did not agree to be discussed at MDT meetings (recorded on the referral of ${ukDate(details.referralDate)}, consent taken by ${details.consentTakenBy}), so the case cannot be added to the agenda.`;
}

function assertChangeable(meeting: Meeting): void {
  if (meeting.status === 'cancelled') throw new AppError('CONFLICT', `This meeting was cancelled: ${meeting.cancelReason ?? ''}`.trim());
  if (meeting.endedAt !== null) throw new AppError('CONFLICT', 'This meeting has finished: its agenda can no longer change.');
}

export async function addItem(ctx: Ctx, input: AddItemValues): Promise<number> {
  const meeting = await getMeeting(ctx.db, input.meetingId);
  assertChangeable(meeting);
  const late = !isListOpen(meeting, ctx.now) && meeting.startedAt === null;
  if (late && input.lateReason === '') {
    throw new AppError('VALIDATION', `The list closed on ${ukDateTime(meeting.agendaClosesAt)}: say why this item is added late.`, {
      lateReason: ['The list has closed: give the reason for adding this late'],
    });
  }
  if (input.kind === 'case') {
    const referral = await ctx.db
      .selectFrom('referral as r')
      .innerJoin('patient as p', 'p.id', 'r.patient_id')
      .select(['r.id', 'r.practice_id', 'r.details', 'r.status', 'p.given_name', 'p.family_name', 'p.preferred_name'])
      .where('r.id', '=', input.referralId!)
      .executeTakeFirst();
    if (!referral || referral.practice_id !== meeting.practiceId) {
      throw new AppError('VALIDATION', 'Choose a case of this practice.', { referralId: ['Choose a case of this meeting’s practice'] });
    }
    const details = JSON.parse(referral.details) as ReferralDetails;
    if (!details.mdtConsent) throw new AppError('CONFLICT', mdtRefusal(displayName(referral), details));
    const present = await ctx.db.selectFrom('mdt_item').select(['id', 'removed_at']).where('meeting_id', '=', meeting.id).where('referral_id', '=', referral.id).executeTakeFirst();
    if (present && present.removed_at === null) throw new AppError('CONFLICT', `${displayName(referral)} is already on this agenda.`);
    if (present) await ctx.db.deleteFrom('mdt_item').where('id', '=', present.id).execute();
  }
  const { id } = await ctx.db
    .insertInto('mdt_item')
    .values({
      meeting_id: meeting.id, kind: input.kind, standing: null, source: input.kind === 'case' ? 'added' : null, referral_id: input.kind === 'case' ? input.referralId! : null,
      flag_id: null, title: input.kind === 'topic' ? input.title : '', question: input.question, flagged_by_name: null, presenter: input.presenter,
      priority: late ? 'urgent' : input.priority, minutes: input.minutes, late: late ? 1 : 0, late_reason: late ? input.lateReason : null,
      added_by_name: ctx.actor.fullName, added_at: ctx.now.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function itemMeetingId(db: Db, itemId: number): Promise<number> {
  const row = await db.selectFrom('mdt_item').select('meeting_id').where('id', '=', itemId).where('removed_at', 'is', null).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That agenda item does not exist.');
  return row.meeting_id;
}

export async function updateItem(ctx: Ctx, v: { itemId: number; question: string; presenter: string; priority: ItemPriority; minutes: number }): Promise<void> {
  const meeting = await getMeeting(ctx.db, await itemMeetingId(ctx.db, v.itemId));
  assertChangeable(meeting);
  const item = await ctx.db.selectFrom('mdt_item').select(['late', 'kind']).where('id', '=', v.itemId).executeTakeFirstOrThrow();
  await ctx.db
    .updateTable('mdt_item')
    .set({ question: item.kind === 'standing' ? '' : v.question, presenter: v.presenter, priority: item.late === 1 ? 'urgent' : v.priority, minutes: v.minutes })
    .where('id', '=', v.itemId)
    .execute();
}

export async function removeItem(ctx: Ctx, itemId: number, reason: string): Promise<number> {
  const meetingId = await itemMeetingId(ctx.db, itemId);
  assertChangeable(await getMeeting(ctx.db, meetingId));
  await ctx.db.updateTable('mdt_item').set({ removed_at: ctx.now.toISOString(), removed_reason: reason || null }).where('id', '=', itemId).execute();
  return meetingId;
}

/** The practice's open cases, for adding one to the agenda: those who did not agree to MDT discussion carry the reason. */
export async function caseOptions(db: Db, meetingId: number, query: string) {
  const meeting = await getMeeting(db, meetingId);
  const onAgenda = new Set((await db.selectFrom('mdt_item').select('referral_id').where('meeting_id', '=', meetingId).where('removed_at', 'is', null).execute()).map((r) => r.referral_id));
  let q = db
    .selectFrom('referral as r')
    .innerJoin('patient as p', 'p.id', 'r.patient_id')
    .leftJoin('app_user as owner', 'owner.id', 'r.assigned_to_user_id')
    .select(['r.id', 'r.details', 'r.status', 'p.given_name', 'p.family_name', 'p.preferred_name', 'p.nhs_number', 'p.date_of_birth', 'owner.full_name as owner_name'])
    .where('r.practice_id', '=', meeting.practiceId)
    .where('r.status', 'in', OPEN_STATUSES);
  const text = query.trim();
  const digits = text.replace(/\s/g, '');
  if (/^\d{3,10}$/.test(digits)) q = q.where('p.nhs_number', 'like', `${digits}%`);
  else if (text !== '') {
    const like = `%${text.replace(/[%_]/g, '')}%`;
    q = q.where((eb) => eb.or([eb('p.given_name', 'like', like), eb('p.family_name', 'like', like), eb('p.preferred_name', 'like', like)]));
  }
  const rows = await q.orderBy('p.family_name').orderBy('p.given_name').limit(50).execute();
  return rows.map((r) => {
    const details = JSON.parse(r.details) as ReferralDetails;
    const name = displayName(r);
    return {
      referralId: r.id,
      name,
      nhsNumber: r.nhs_number,
      dateOfBirth: r.date_of_birth,
      status: r.status as 'received',
      caseOwner: r.owner_name,
      onAgenda: onAgenda.has(r.id),
      refusal: details.mdtConsent ? null : mdtRefusal(name, details),
    };
  });
}

export { OPEN_STATUSES };

export async function actionById(db: Db, id: number): Promise<MdtAction[]> {
  return actionsWhere(db, (q) => q.where('a.id', '=', id));
}

// ---------------------------------------------------------------- the redacted agenda

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every agenda patient's names in a text become their initials: "Peggy’s diabetes" is "P.E.’s diabetes". */
export function namesToInitials(text: string, items: readonly AgendaItem[]): string {
  let out = text;
  for (const item of items) {
    if (!item.patient) continue;
    const words = item.patient.name.replace(/[()]/g, ' ').split(/\s+/).filter((w) => w.length >= 2);
    for (const word of words.sort((a, b) => b.length - a.length)) {
      out = out.replace(new RegExp(`(?<![\\p{L}])${escapeRegExp(word)}(?![\\p{L}])`, 'giu'), item.patient.initials);
    }
  }
  return out;
}

/**
 * The agenda as it may be circulated less securely: in every free-text field that goes into the
 * redacted document (questions, topics, reasons for lateness, open actions, a move or a
 * cancellation), agenda patients' names become initials, and the de-identification check of the
 * newsletter replaces or drops everything else it finds (addresses, postcodes, phone numbers,
 * dates of birth, other people's names, places).
 */
export async function redactedAgenda(db: Db, agenda: Agenda, now: Date): Promise<Agenda> {
  const fields: RedactionField[] = [];
  const slot = (referralId: number | null, text: string | null): number => {
    fields.push({ referralId, text: namesToInitials(text ?? '', agenda.items) });
    return fields.length - 1;
  };
  const items = agenda.items.map((i) => ({ question: slot(i.referralId, i.question), title: slot(i.kind === 'case' ? i.referralId : null, i.kind === 'case' ? '' : i.title), late: slot(i.referralId, i.lateReason) }));
  const actions = agenda.carriedActions.map((a) => slot(a.referralId, a.text));
  const cancel = slot(null, agenda.meeting.cancelReason);
  const moved = slot(null, agenda.meeting.movedFrom?.reason ?? '');
  const safe = await redactForCirculation(db, fields, now);
  const m = agenda.meeting;
  return {
    ...agenda,
    meeting: { ...m, cancelReason: m.cancelReason === null ? null : safe[cancel]!, movedFrom: m.movedFrom ? { ...m.movedFrom, reason: safe[moved]! } : null },
    items: agenda.items.map((i, n) => ({
      ...i,
      question: safe[items[n]!.question]!,
      title: i.kind === 'case' ? (i.patient ? `Case: ${i.patient.initials}` : 'Case') : safe[items[n]!.title]!,
      lateReason: i.lateReason === null ? null : safe[items[n]!.late]!,
    })),
    carriedActions: agenda.carriedActions.map((a, n) => ({ ...a, text: safe[actions[n]!]! })),
    // The full agenda's lists of names are not part of a redacted one.
    flaggedSinceClose: [],
  };
}
