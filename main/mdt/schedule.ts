import { AppError } from '../contract/errors';
import {
  type Attendee,
  type Clash,
  type Meeting,
  type MeetingValues,
  type MdtSettings,
  Recurrence,
  type Series,
  type SeriesValues,
} from '../contract/mdt';
import type { Ctx } from '../referrals/context';
import type { Db } from '../store/database';
import { agendaClosesAt } from './agendaRules';
import { coverage, findClashes, type PlannedMeeting } from './clashes';
import { describeRecurrence, expand, type Skipped } from './recurrence';
import { addDays, lastDayOfMonth, londonWallClock } from './time';

/** Practice-set MDT rules, and what they are until a manager sets them. */
export const MDT_DEFAULTS = { agendaCloseWorkingDays: 2, travelGapMinutes: 30 } as const;

/** How far ahead a series makes its meetings when saved; the calendar makes more as people look further. */
const HORIZON_MONTHS = 12;

export type PracticeSettings = Map<number, Omit<MdtSettings, 'practiceId'>>;

export async function readSettings(db: Db): Promise<PracticeSettings> {
  const practices = await db.selectFrom('practice').select('id').execute();
  const rows = await db.selectFrom('mdt_practice_setting').selectAll().execute();
  const set = new Map(rows.map((r) => [r.practice_id, r]));
  return new Map(
    practices.map((p) => {
      const r = set.get(p.id);
      return [p.id, r ? { agendaCloseWorkingDays: r.agenda_close_working_days, travelGapMinutes: r.travel_gap_minutes } : { ...MDT_DEFAULTS }];
    }),
  );
}

export async function writeSettings(db: Db, s: MdtSettings): Promise<void> {
  await practiceRow(db, s.practiceId);
  await db
    .insertInto('mdt_practice_setting')
    .values({ practice_id: s.practiceId, agenda_close_working_days: s.agendaCloseWorkingDays, travel_gap_minutes: s.travelGapMinutes })
    .onConflict((oc) => oc.column('practice_id').doUpdateSet({ agenda_close_working_days: s.agendaCloseWorkingDays, travel_gap_minutes: s.travelGapMinutes }))
    .execute();
}

export function gapOf(settings: PracticeSettings) {
  return (practiceId: number) => settings.get(practiceId)?.travelGapMinutes ?? MDT_DEFAULTS.travelGapMinutes;
}

async function practiceRow(db: Db, id: number) {
  const row = await db.selectFrom('practice').select(['id', 'name', 'ods_code']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('VALIDATION', 'Choose the practice.', { practiceId: ['Choose a practice of the PCN'] });
  return row;
}

// ---------------------------------------------------------------- link workers

export interface LinkWorkerRow {
  id: number;
  name: string;
  practiceIds: number[];
}

/** The PCN's enabled link workers, with the practices each works at. */
export async function linkWorkers(db: Db): Promise<LinkWorkerRow[]> {
  const users = await db.selectFrom('app_user').select(['id', 'full_name']).where('role', '=', 'link_worker').where('enabled', '=', 1).orderBy('full_name').execute();
  const links = await db.selectFrom('user_practice').select(['user_id', 'practice_id']).execute();
  return users.map((u) => ({ id: u.id, name: u.full_name, practiceIds: links.filter((l) => l.user_id === u.id).map((l) => l.practice_id) }));
}

async function assertLinkWorkers(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const known = new Set((await linkWorkers(db)).map((w) => w.id));
  if (ids.some((id) => !known.has(id))) {
    throw new AppError('VALIDATION', 'Check the link workers invited.', { linkWorkerIds: ['Invite only link workers whose accounts are enabled'] });
  }
}

// ---------------------------------------------------------------- meetings as rows and as the contract's shape

type MeetingRow = Awaited<ReturnType<typeof meetingRows>>[number];

function meetingRows(db: Db, where: (q: ReturnType<typeof baseQuery>) => ReturnType<typeof baseQuery>) {
  return where(baseQuery(db)).orderBy('m.date').orderBy('m.start_time').orderBy('m.id').execute();
}

function baseQuery(db: Db) {
  return db
    .selectFrom('mdt_meeting as m')
    .innerJoin('practice as p', 'p.id', 'm.practice_id')
    .selectAll('m')
    .select(['p.name as practice_name', 'p.ods_code']);
}

async function linkWorkersOf(db: Db, meetingIds: readonly number[]): Promise<Map<number, { id: number; name: string }[]>> {
  const out = new Map<number, { id: number; name: string }[]>();
  // Chunks keep each statement under SQLite's limit on bound values.
  for (let i = 0; i < meetingIds.length; i += 500) {
    const rows = await db
      .selectFrom('mdt_meeting_link_worker as l')
      .innerJoin('app_user as u', 'u.id', 'l.user_id')
      .select(['l.meeting_id', 'u.id', 'u.full_name'])
      .where('l.meeting_id', 'in', meetingIds.slice(i, i + 500))
      .orderBy('u.full_name')
      .execute();
    for (const r of rows) (out.get(r.meeting_id) ?? out.set(r.meeting_id, []).get(r.meeting_id)!).push({ id: r.id, name: r.full_name });
  }
  return out;
}

function toMeeting(r: MeetingRow, workers: { id: number; name: string }[], settings: PracticeSettings): Meeting {
  const closeDays = settings.get(r.practice_id)?.agendaCloseWorkingDays ?? MDT_DEFAULTS.agendaCloseWorkingDays;
  return {
    id: r.id,
    seriesId: r.series_id,
    practiceId: r.practice_id,
    practiceName: r.practice_name,
    odsCode: r.ods_code,
    title: r.title,
    date: r.date,
    startTime: r.start_time,
    endTime: r.end_time,
    status: r.status as Meeting['status'],
    cancelReason: r.cancel_reason,
    movedFrom: r.moved_from_date && r.moved_from_time ? { date: r.moved_from_date, startTime: r.moved_from_time, reason: r.move_reason ?? '' } : null,
    bankHoliday: r.bank_holiday_suggestion ? { suggestedDate: r.bank_holiday_suggestion } : null,
    place: r.place,
    onlineLink: r.online_link,
    chair: r.chair,
    attendees: JSON.parse(r.attendees) as Attendee[],
    linkWorkers: workers,
    agendaClosesAt: agendaClosesAt(r.date, r.start_time, closeDays).toISOString(),
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}

export async function loadMeetings(db: Db, where: Parameters<typeof meetingRows>[1], settings?: PracticeSettings): Promise<Meeting[]> {
  const rows = await meetingRows(db, where);
  const workers = await linkWorkersOf(db, rows.map((r) => r.id));
  const s = settings ?? (await readSettings(db));
  return rows.map((r) => toMeeting(r, workers.get(r.id) ?? [], s));
}

export async function getMeeting(db: Db, id: number): Promise<Meeting> {
  const [meeting] = await loadMeetings(db, (q) => q.where('m.id', '=', id));
  if (!meeting) throw new AppError('NOT_FOUND', 'That meeting does not exist.');
  return meeting;
}

function planned(m: Meeting): PlannedMeeting {
  return { id: m.id, practiceId: m.practiceId, practiceName: m.practiceName, title: m.title, date: m.date, startTime: m.startTime, endTime: m.endTime, linkWorkerIds: m.linkWorkers.map((w) => w.id) };
}

// ---------------------------------------------------------------- series

type SeriesRow = Awaited<ReturnType<ReturnType<typeof seriesRows>['executeTakeFirstOrThrow']>>;

function seriesRows(db: Db) {
  return db.selectFrom('mdt_series as s').innerJoin('practice as p', 'p.id', 's.practice_id').selectAll('s').select('p.name as practice_name');
}

function toSeries(r: SeriesRow, workers: ReadonlyMap<number, string>): Series {
  const recurrence = Recurrence.parse(JSON.parse(r.recurrence));
  return {
    id: r.id,
    practiceId: r.practice_id,
    practiceName: r.practice_name,
    title: r.title,
    recurrence,
    description: `${describeRecurrence(recurrence)}, ${r.start_time}–${r.end_time}`,
    startTime: r.start_time,
    endTime: r.end_time,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    bankHolidayRule: r.bank_holiday_rule as Series['bankHolidayRule'],
    place: r.place,
    onlineLink: r.online_link,
    chair: r.chair,
    attendees: JSON.parse(r.attendees) as Attendee[],
    linkWorkers: (JSON.parse(r.link_worker_ids) as number[]).map((id) => ({ id, name: workers.get(id) ?? `User ${id}` })),
  };
}

async function userNames(db: Db): Promise<Map<number, string>> {
  const rows = await db.selectFrom('app_user').select(['id', 'full_name']).execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

export async function listSeries(db: Db): Promise<Series[]> {
  const names = await userNames(db);
  const rows = await seriesRows(db).orderBy('p.name').orderBy('s.id').execute();
  return rows.map((r) => toSeries(r, names));
}

export async function getSeries(db: Db, id: number): Promise<Series> {
  const row = await seriesRows(db).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That MDT series does not exist.');
  return toSeries(row, await userNames(db));
}

function horizon(from: string): string {
  const [y, m] = from.split('-').map(Number) as [number, number];
  const month = m + HORIZON_MONTHS;
  return lastDayOfMonth(`${y + Math.floor((month - 1) / 12)}-${String(((month - 1) % 12) + 1).padStart(2, '0')}`);
}

async function insertOccurrences(db: Db, seriesId: number, v: Omit<SeriesValues, 'id'>, from: string, to: string, nowIso: string, skipRuleDates: ReadonlySet<string>): Promise<number[]> {
  const { occurrences } = expand(v.recurrence, v, from, to);
  const ids: number[] = [];
  for (const o of occurrences) {
    if (skipRuleDates.has(o.ruleDate)) continue;
    const row = await db
      .insertInto('mdt_meeting')
      .values({
        series_id: seriesId, rule_date: o.ruleDate, practice_id: v.practiceId, title: v.title, date: o.date, start_time: v.startTime, end_time: v.endTime,
        status: 'scheduled', cancel_reason: null,
        moved_from_date: o.movedFrom, moved_from_time: o.movedFrom ? v.startTime : null, move_reason: o.movedFrom ? 'Bank holiday: moved to the next working day' : null,
        bank_holiday_suggestion: o.bankHoliday?.suggestedDate ?? null,
        place: v.place, online_link: v.onlineLink, chair: v.chair, attendees: JSON.stringify(v.attendees),
        detached: 0, started_at: null, ended_at: null, sequence: 0, created_at: nowIso, updated_at: nowIso,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) continue;
    ids.push(row.id);
    if (v.linkWorkerIds.length > 0) {
      await db.insertInto('mdt_meeting_link_worker').values(v.linkWorkerIds.map((user_id) => ({ meeting_id: row.id, user_id }))).execute();
    }
  }
  return ids;
}

function seriesValues(r: SeriesRow): Omit<SeriesValues, 'id'> {
  return {
    practiceId: r.practice_id, recurrence: Recurrence.parse(JSON.parse(r.recurrence)), startsOn: r.starts_on, endsOn: r.ends_on,
    bankHolidayRule: r.bank_holiday_rule as SeriesValues['bankHolidayRule'], title: r.title, startTime: r.start_time, endTime: r.end_time,
    place: r.place, onlineLink: r.online_link, chair: r.chair, attendees: JSON.parse(r.attendees) as Attendee[], linkWorkerIds: JSON.parse(r.link_worker_ids) as number[],
  };
}

/** Makes every series' meetings up to a date (the calendar calls this for the month it shows). */
export async function ensureGenerated(db: Db, until: string, now: Date): Promise<void> {
  const due = await seriesRows(db).where('s.generated_until', '<', until).execute();
  for (const r of due) {
    const from = addDays(r.generated_until, 1);
    const to = r.ends_on !== null && r.ends_on < until ? r.ends_on : until;
    if (from <= to) await insertOccurrences(db, r.id, seriesValues(r), from, to, now.toISOString(), new Set());
    await db.updateTable('mdt_series').set({ generated_until: until }).where('id', '=', r.id).execute();
  }
}

/** Meetings of a series that a change to the series may still rewrite: future, not changed on their own, no agenda of their own yet. */
async function replaceableMeetingIds(db: Db, seriesId: number, today: string): Promise<number[]> {
  const rows = await db
    .selectFrom('mdt_meeting as m')
    .select('m.id')
    .where('m.series_id', '=', seriesId)
    .where('m.date', '>=', today)
    .where('m.detached', '=', 0)
    .where('m.started_at', 'is', null)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('mdt_item as i').select('i.id').whereRef('i.meeting_id', '=', 'm.id').where('i.kind', '!=', 'standing'))))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('mdt_action as a').select('a.id').whereRef('a.meeting_id', '=', 'm.id'))))
    .execute();
  return rows.map((r) => r.id);
}

async function deleteMeetings(db: Db, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    await db.deleteFrom('mdt_item').where('meeting_id', 'in', chunk).execute();
    await db.deleteFrom('mdt_meeting_link_worker').where('meeting_id', 'in', chunk).execute();
    await db.deleteFrom('mdt_attendance').where('meeting_id', 'in', chunk).execute();
    await db.deleteFrom('mdt_meeting').where('id', 'in', chunk).execute();
  }
}

export interface Planned {
  meetingIds: number[];
  clashes: Clash[];
  skipped: { seriesId: number; practiceName: string; ruleDate: string | null; reason: string }[];
}

/**
 * Clashes that the given meetings bring with what is already on the calendar for the same link
 * workers on the same days. `exclude` leaves out stored meetings the plan replaces.
 */
export async function clashesInvolving(db: Db, plan: readonly PlannedMeeting[], exclude: (id: number, seriesId: number | null) => boolean, settings: PracticeSettings): Promise<Clash[]> {
  const workers = [...new Set(plan.flatMap((m) => m.linkWorkerIds))];
  const dates = [...new Set(plan.map((m) => m.date))];
  if (workers.length === 0 || dates.length === 0) return [];
  const stored: Meeting[] = [];
  for (let i = 0; i < dates.length; i += 400) {
    const chunk = dates.slice(i, i + 400);
    stored.push(
      ...(await loadMeetings(
        db,
        (q) => q.where('m.status', '=', 'scheduled').where('m.date', 'in', chunk).where((eb) => eb.exists(eb.selectFrom('mdt_meeting_link_worker as l').select('l.user_id').whereRef('l.meeting_id', '=', 'm.id').where('l.user_id', 'in', workers))),
        settings,
      )),
    );
  }
  const planIds = new Set(plan.map((m) => m.id).filter((id) => id !== null));
  const others = stored.filter((m) => !planIds.has(m.id) && !exclude(m.id, m.seriesId)).map(planned);
  const names = await userNames(db);
  const isPlan = new Set<PlannedMeeting>(plan);
  return findClashes([...plan, ...others], names, gapOf(settings), (m) => isPlan.has(m));
}

function skipsOf(seriesId: number, practiceName: string, skipped: Skipped[]): Planned['skipped'] {
  return skipped.map((s) => ({ seriesId, practiceName, ruleDate: s.ruleDate, reason: s.reason }));
}

/** What a series would hold from today over the horizon, with its clashes and skipped dates, saving nothing. */
export async function checkSeries(ctx: Ctx, v: SeriesValues): Promise<Planned> {
  const practice = await practiceRow(ctx.db, v.practiceId);
  await assertLinkWorkers(ctx.db, v.linkWorkerIds);
  const today = londonWallClock(ctx.now).date;
  const from = v.startsOn > today ? v.startsOn : today;
  const { occurrences, skipped } = expand(v.recurrence, v, from, horizon(from));
  const plan: PlannedMeeting[] = occurrences.map((o) => ({
    id: null, practiceId: v.practiceId, practiceName: practice.name, title: v.title, date: o.date, startTime: v.startTime, endTime: v.endTime, linkWorkerIds: v.linkWorkerIds,
  }));
  const clashes = await clashesInvolving(ctx.db, plan, (_id, seriesId) => v.id !== undefined && seriesId === v.id, await readSettings(ctx.db));
  return { meetingIds: [], clashes, skipped: skipsOf(v.id ?? 0, practice.name, skipped) };
}

/**
 * Saves a series. A new one makes its meetings from its start over the horizon. A changed one
 * rewrites its future meetings that have not been changed on their own and have no agenda yet;
 * the others keep their own details.
 */
export async function saveSeries(ctx: Ctx, v: SeriesValues): Promise<Planned & { seriesId: number }> {
  const practice = await practiceRow(ctx.db, v.practiceId);
  await assertLinkWorkers(ctx.db, v.linkWorkerIds);
  const nowIso = ctx.now.toISOString();
  const today = londonWallClock(ctx.now).date;
  const columns = {
    practice_id: v.practiceId, title: v.title, recurrence: JSON.stringify(v.recurrence), start_time: v.startTime, end_time: v.endTime, starts_on: v.startsOn,
    ends_on: v.endsOn, bank_holiday_rule: v.bankHolidayRule, place: v.place, online_link: v.onlineLink, chair: v.chair,
    attendees: JSON.stringify(v.attendees), link_worker_ids: JSON.stringify(v.linkWorkerIds), updated_at: nowIso,
  };
  let seriesId: number;
  let from: string;
  let keep = new Set<string>();
  if (v.id === undefined) {
    from = v.startsOn;
    const until = horizon(v.startsOn > today ? v.startsOn : today);
    seriesId = (await ctx.db.insertInto('mdt_series').values({ ...columns, generated_until: until, created_at: nowIso }).returning('id').executeTakeFirstOrThrow()).id;
  } else {
    seriesId = v.id;
    const before = await ctx.db.selectFrom('mdt_series').select(['practice_id', 'generated_until']).where('id', '=', v.id).executeTakeFirst();
    if (!before) throw new AppError('NOT_FOUND', 'That MDT series does not exist.');
    if (before.practice_id !== v.practiceId) throw new AppError('VALIDATION', 'A series stays with its practice.', { practiceId: ['A series cannot move to another practice: end it and start one there'] });
    await ctx.db.updateTable('mdt_series').set(columns).where('id', '=', v.id).execute();
    await deleteMeetings(ctx.db, await replaceableMeetingIds(ctx.db, v.id, today));
    from = v.startsOn > today ? v.startsOn : today;
    const kept = await ctx.db.selectFrom('mdt_meeting').select('rule_date').where('series_id', '=', v.id).where('rule_date', 'is not', null).execute();
    keep = new Set(kept.map((k) => k.rule_date!));
    const until = before.generated_until > horizon(today) ? before.generated_until : horizon(today);
    await ctx.db.updateTable('mdt_series').set({ generated_until: until }).where('id', '=', v.id).execute();
  }
  const until = (await ctx.db.selectFrom('mdt_series').select('generated_until').where('id', '=', seriesId).executeTakeFirstOrThrow()).generated_until;
  await insertOccurrences(ctx.db, seriesId, v, from, until, nowIso, keep);
  const settings = await readSettings(ctx.db);
  const saved = await loadMeetings(ctx.db, (q) => q.where('m.series_id', '=', seriesId).where('m.date', '>=', from < today ? today : from).where('m.status', '=', 'scheduled'), settings);
  const clashes = await clashesInvolving(ctx.db, saved.map(planned), () => false, settings);
  const { skipped } = expand(v.recurrence, v, from < today ? today : from, until);
  return { seriesId, meetingIds: saved.map((m) => m.id), clashes, skipped: skipsOf(seriesId, practice.name, skipped) };
}

/** Ends a series after a date: later meetings are cancelled with the reason; no more are made. */
export async function endSeries(ctx: Ctx, seriesId: number, lastDate: string, reason: string): Promise<void> {
  const row = await ctx.db.selectFrom('mdt_series').select(['id', 'starts_on']).where('id', '=', seriesId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That MDT series does not exist.');
  const ends = lastDate < row.starts_on ? row.starts_on : lastDate;
  const nowIso = ctx.now.toISOString();
  await ctx.db.updateTable('mdt_series').set({ ends_on: ends, updated_at: nowIso }).where('id', '=', seriesId).execute();
  await ctx.db
    .updateTable('mdt_meeting')
    .set((eb) => ({ status: 'cancelled', cancel_reason: `Series ended: ${reason}`, sequence: eb('sequence', '+', 1), updated_at: nowIso }))
    .where('series_id', '=', seriesId)
    .where('date', '>', ends)
    .where('status', '=', 'scheduled')
    .execute();
}

// ---------------------------------------------------------------- one meeting

async function setLinkWorkers(db: Db, meetingId: number, ids: readonly number[]): Promise<void> {
  await db.deleteFrom('mdt_meeting_link_worker').where('meeting_id', '=', meetingId).execute();
  if (ids.length > 0) await db.insertInto('mdt_meeting_link_worker').values(ids.map((user_id) => ({ meeting_id: meetingId, user_id }))).execute();
}

export async function checkMeeting(ctx: Ctx, v: MeetingValues): Promise<Planned> {
  const practice = await practiceRow(ctx.db, v.practiceId);
  await assertLinkWorkers(ctx.db, v.linkWorkerIds);
  const plan: PlannedMeeting = { id: v.id ?? null, practiceId: v.practiceId, practiceName: practice.name, title: v.title, date: v.date, startTime: v.startTime, endTime: v.endTime, linkWorkerIds: v.linkWorkerIds };
  const clashes = await clashesInvolving(ctx.db, [plan], (id) => id === v.id, await readSettings(ctx.db));
  return { meetingIds: [], clashes, skipped: [] };
}

/** A new one-off meeting, or a meeting's details changed (its date and time change only by a move, with a reason). */
export async function saveMeeting(ctx: Ctx, v: MeetingValues): Promise<Planned & { meetingId: number }> {
  await practiceRow(ctx.db, v.practiceId);
  await assertLinkWorkers(ctx.db, v.linkWorkerIds);
  const nowIso = ctx.now.toISOString();
  const details = { title: v.title, place: v.place, online_link: v.onlineLink, chair: v.chair, attendees: JSON.stringify(v.attendees), updated_at: nowIso };
  let meetingId: number;
  if (v.id === undefined) {
    meetingId = (
      await ctx.db
        .insertInto('mdt_meeting')
        .values({
          series_id: null, rule_date: null, practice_id: v.practiceId, date: v.date, start_time: v.startTime, end_time: v.endTime, status: 'scheduled',
          cancel_reason: null, moved_from_date: null, moved_from_time: null, move_reason: null, bank_holiday_suggestion: null, detached: 1,
          started_at: null, ended_at: null, sequence: 0, created_at: nowIso, ...details,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  } else {
    const before = await getMeeting(ctx.db, v.id);
    if (before.practiceId !== v.practiceId) throw new AppError('VALIDATION', 'A meeting stays with its practice.', { practiceId: ['A meeting cannot move to another practice'] });
    if (before.date !== v.date || before.startTime !== v.startTime || before.endTime !== v.endTime) {
      throw new AppError('VALIDATION', 'Use “Move” to change the date or time, so the reason is recorded.', { date: ['Use “Move” to change the date or time'] });
    }
    meetingId = v.id;
    await ctx.db.updateTable('mdt_meeting').set((eb) => ({ ...details, detached: 1, sequence: eb('sequence', '+', 1) })).where('id', '=', v.id).execute();
  }
  await setLinkWorkers(ctx.db, meetingId, v.linkWorkerIds);
  const meeting = await getMeeting(ctx.db, meetingId);
  const clashes = await clashesInvolving(ctx.db, [planned(meeting)], () => false, await readSettings(ctx.db));
  return { meetingId, meetingIds: [meetingId], clashes, skipped: [] };
}

export async function moveMeeting(ctx: Ctx, v: { meetingId: number; date: string; startTime: string; endTime: string; reason: string }): Promise<Planned & { meetingId: number }> {
  const before = await getMeeting(ctx.db, v.meetingId);
  if (before.status === 'cancelled') throw new AppError('CONFLICT', 'This meeting was cancelled: add a new meeting instead.');
  if (before.startedAt) throw new AppError('CONFLICT', 'This meeting has already started.');
  await ctx.db
    .updateTable('mdt_meeting')
    .set((eb) => ({
      date: v.date, start_time: v.startTime, end_time: v.endTime, moved_from_date: before.date, moved_from_time: before.startTime, move_reason: v.reason,
      bank_holiday_suggestion: null, detached: 1, sequence: eb('sequence', '+', 1), updated_at: ctx.now.toISOString(),
    }))
    .where('id', '=', v.meetingId)
    .execute();
  const meeting = await getMeeting(ctx.db, v.meetingId);
  const clashes = await clashesInvolving(ctx.db, [planned(meeting)], () => false, await readSettings(ctx.db));
  return { meetingId: v.meetingId, meetingIds: [v.meetingId], clashes, skipped: [] };
}

export async function cancelMeeting(ctx: Ctx, meetingId: number, reason: string): Promise<void> {
  const before = await getMeeting(ctx.db, meetingId);
  if (before.status === 'cancelled') throw new AppError('CONFLICT', 'This meeting is already cancelled.');
  if (before.startedAt) throw new AppError('CONFLICT', 'This meeting has already started.');
  await ctx.db
    .updateTable('mdt_meeting')
    .set((eb) => ({ status: 'cancelled', cancel_reason: reason, detached: 1, sequence: eb('sequence', '+', 1), updated_at: ctx.now.toISOString() }))
    .where('id', '=', meetingId)
    .execute();
}

// ---------------------------------------------------------------- the month

export async function calendarMonth(db: Db, month: string, now: Date) {
  const from = `${month}-01`;
  const to = lastDayOfMonth(month);
  await ensureGenerated(db, to, now);
  const settings = await readSettings(db);
  const meetings = await loadMeetings(db, (q) => q.where('m.date', '>=', from).where('m.date', '<=', to), settings);
  const practices = await db.selectFrom('practice').select(['id', 'name', 'ods_code']).orderBy('name').execute();
  const workers = await linkWorkers(db);
  const names = new Map(workers.map((w) => [w.id, w.name]));
  const scheduled = meetings.filter((m) => m.status === 'scheduled').map(planned);
  const series = await seriesRows(db).where('s.starts_on', '<=', to).where((eb) => eb.or([eb('s.ends_on', 'is', null), eb('s.ends_on', '>=', from)])).execute();
  const skipped = series.flatMap((s) => skipsOf(s.id, s.practice_name, expand(Recurrence.parse(JSON.parse(s.recurrence)), seriesValues(s), from, to).skipped));
  return {
    month,
    meetings,
    skipped,
    clashes: findClashes(scheduled, names, gapOf(settings)),
    coverage: coverage(practices, scheduled, workers, gapOf(settings)),
    linkWorkers: workers,
    practices: practices.map((p) => ({ id: p.id, name: p.name, odsCode: p.ods_code })),
  };
}
