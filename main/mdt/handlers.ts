import { londonToday } from '../contract/time';
import { AppError } from '../contract/errors';
import type { Agenda, Meeting, Series } from '../contract/mdt';
import { listTarget } from '../dispatch/auditTargets';
import type { HandlerGroup, UserContext } from '../dispatch/handler';
import { agendaEml } from '../export/mdt/eml';
import { agendaDocx, agendaPdf, minutesDocx, minutesPdf } from '../export/mdt/agendaDocuments';
import { meetingsIcs } from '../export/mdt/ics';
import { assertCoversPractice, coveredPracticeIds } from '../referrals/access';
import type { Ctx } from '../referrals/context';
import type { Db } from '../store/database';
import { actionById, actionsOfOwner, addItem, caseOptions, itemMeetingId, loadAgenda, redactedAgenda, removeItem, updateItem } from './agenda';
import { actionRow, addAction, completeAction, finishMeeting, itemContext, saveAttendance, saveMinutes, startMeeting } from './meeting';
import {
  calendarMonth, cancelMeeting, checkMeeting, checkSeries, endSeries, getMeeting, getSeries, listSeries, loadMeetings, moveMeeting, readSettings,
  saveMeeting, saveSeries, writeSettings,
} from './schedule';
import { lastDayOfMonth } from './time';

const mimeTypes = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  ics: 'text/calendar;charset=utf-8',
  eml: 'message/rfc822',
} as const;

function ctxOf(c: UserContext): Ctx {
  return { db: c.db, actor: { id: c.user.id, fullName: c.user.fullName }, now: c.now };
}

async function pcnName(db: Db): Promise<string> {
  return (await db.selectFrom('meta').select('value').where('key', '=', 'pcnName').executeTakeFirst())?.value ?? '';
}

function file(fileName: string, kind: keyof typeof mimeTypes, content: Buffer | string) {
  return { fileName, mimeType: mimeTypes[kind], base64: Buffer.from(content).toString('base64') };
}

const NOT_YOUR_PRACTICE = 'This meeting belongs to a practice you do not work at.';

/** The meeting, if the caller works at its practice (the agenda names patients of that practice). */
async function coveredMeeting(c: UserContext, meetingId: number) {
  const meeting = await getMeeting(c.db, meetingId);
  await assertCoversPractice(c.db, c.user.id, meeting.practiceId, NOT_YOUR_PRACTICE);
  return meeting;
}

/**
 * The PCN calendar shows every practice's meetings (for clashes and cover), but where, how to join
 * and who attends only to those who work at the practice or are invited to the meeting.
 */
function mayReadDetails(m: Pick<Meeting, 'practiceId' | 'linkWorkers'>, covered: readonly number[], userId: number): boolean {
  return covered.includes(m.practiceId) || m.linkWorkers.some((w) => w.id === userId);
}

function withheld<T extends Meeting | Series>(m: T, covered: readonly number[], userId: number): T {
  return mayReadDetails(m, covered, userId) ? m : { ...m, place: '', onlineLink: '', chair: '', attendees: [] };
}

async function readableMeeting(c: UserContext, meetingId: number): Promise<Meeting> {
  const meeting = await getMeeting(c.db, meetingId);
  if (!mayReadDetails(meeting, await coveredPracticeIds(c.db, c.user.id), c.user.id)) throw new AppError('FORBIDDEN', NOT_YOUR_PRACTICE);
  return meeting;
}

function rights(c: UserContext) {
  return { canPrepare: c.user.role === 'link_worker', canAddItems: c.user.role === 'link_worker' || c.user.role === 'clinician' };
}

async function agendaOf(c: UserContext, meetingId: number, sync = true): Promise<Agenda> {
  return loadAgenda(ctxOf(c), meetingId, rights(c), sync);
}

/** The agenda for a document: a redacted one has every typed field through the de-identification check. */
async function agendaFor(c: UserContext, meetingId: number, form: 'full' | 'redacted'): Promise<Agenda> {
  const agenda = await agendaOf(c, meetingId, false);
  return form === 'redacted' ? redactedAgenda(c.db, agenda, c.now) : agenda;
}

function agendaFileName(agenda: Agenda, form: 'full' | 'redacted', ext: string): string {
  return `mdt-agenda-${agenda.meeting.odsCode}-${agenda.meeting.date}${form === 'redacted' ? '-redacted' : ''}.${ext}`;
}

export const mdtHandlers: HandlerGroup<
  | 'mdt.calendar' | 'mdt.series' | 'mdt.meeting' | 'mdt.checkSeries' | 'mdt.checkMeeting' | 'mdt.saveSeries' | 'mdt.endSeries' | 'mdt.saveMeeting'
  | 'mdt.moveMeeting' | 'mdt.cancelMeeting' | 'mdt.settings' | 'mdt.updateSettings' | 'mdt.exportIcs' | 'mdt.agenda' | 'mdt.caseOptions' | 'mdt.addItem'
  | 'mdt.updateItem' | 'mdt.removeItem' | 'mdt.exportAgenda' | 'mdt.circulate' | 'mdt.start' | 'mdt.finish' | 'mdt.itemContext' | 'mdt.saveMinutes'
  | 'mdt.saveAttendance' | 'mdt.addAction' | 'mdt.completeAction' | 'mdt.myActions' | 'mdt.exportMinutes'
> = {
  'mdt.calendar': async ({ db, user, now }, { month }) => {
    const calendar = await calendarMonth(db, month, now);
    const covered = await coveredPracticeIds(db, user.id);
    return { ...calendar, meetings: calendar.meetings.map((m) => withheld(m, covered, user.id)) };
  },
  'mdt.series': async ({ db, user }) => {
    const covered = await coveredPracticeIds(db, user.id);
    return (await listSeries(db)).map((s) => withheld(s, covered, user.id));
  },
  'mdt.meeting': async (c, { meetingId }) => readableMeeting(c, meetingId),
  'mdt.checkSeries': async (c, input) => {
    await assertCoversPractice(c.db, c.user.id, input.practiceId, 'You can plan MDTs only for the practices you work at.');
    return checkSeries(ctxOf(c), input);
  },
  'mdt.checkMeeting': async (c, input) => {
    await assertCoversPractice(c.db, c.user.id, input.practiceId, 'You can plan MDTs only for the practices you work at.');
    return checkMeeting(ctxOf(c), input);
  },
  'mdt.saveSeries': async (c, input) => {
    await assertCoversPractice(c.db, c.user.id, input.practiceId, 'You can plan MDTs only for the practices you work at.');
    const saved = await saveSeries(ctxOf(c), input);
    const series: Series = await getSeries(c.db, saved.seriesId);
    c.auditTarget({ type: 'mdt_series', id: saved.seriesId, detail: `${input.id ? 'changed' : 'added'}: ${series.practiceName}, ${series.description}; ${saved.meetingIds.length} meetings, ${saved.clashes.length} clashes warned` });
    return { ...saved, series };
  },
  'mdt.endSeries': async (c, { seriesId, lastDate, reason }) => {
    const before = await getSeries(c.db, seriesId);
    await assertCoversPractice(c.db, c.user.id, before.practiceId, 'You can plan MDTs only for the practices you work at.');
    await endSeries(ctxOf(c), seriesId, lastDate, reason);
    c.auditTarget({ type: 'mdt_series', id: seriesId, detail: `ended after ${lastDate}: ${reason}` });
    return getSeries(c.db, seriesId);
  },
  'mdt.saveMeeting': async (c, input) => {
    await assertCoversPractice(c.db, c.user.id, input.practiceId, 'You can plan MDTs only for the practices you work at.');
    const saved = await saveMeeting(ctxOf(c), input);
    c.auditTarget({ type: 'mdt_meeting', id: saved.meetingId, detail: `${input.id ? 'details changed' : `one-off added on ${input.date} ${input.startTime}`}; ${saved.clashes.length} clashes warned` });
    return { ...saved, meeting: await getMeeting(c.db, saved.meetingId) };
  },
  'mdt.moveMeeting': async (c, input) => {
    const before = await coveredMeeting(c, input.meetingId);
    const saved = await moveMeeting(ctxOf(c), input);
    c.auditTarget({ type: 'mdt_meeting', id: input.meetingId, detail: `moved from ${before.date} ${before.startTime} to ${input.date} ${input.startTime}: ${input.reason}` });
    return { ...saved, meeting: await getMeeting(c.db, input.meetingId) };
  },
  'mdt.cancelMeeting': async (c, { meetingId, reason }) => {
    await coveredMeeting(c, meetingId);
    await cancelMeeting(ctxOf(c), meetingId, reason);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `cancelled: ${reason}` });
    return getMeeting(c.db, meetingId);
  },
  'mdt.settings': async ({ db }) => {
    const settings = await readSettings(db);
    const practices = await db.selectFrom('practice').select(['id', 'name']).orderBy('name').execute();
    return practices.map((p) => ({ practiceId: p.id, practiceName: p.name, ...settings.get(p.id)! }));
  },
  'mdt.updateSettings': async (c, input) => {
    await assertCoversPractice(c.db, c.user.id, input.practiceId, 'You can change the MDT settings only of the practices you work at.');
    await writeSettings(c.db, input);
    c.auditTarget({ type: 'mdt_settings', id: input.practiceId, detail: `list closes ${input.agendaCloseWorkingDays} working days before; travel gap ${input.travelGapMinutes} min` });
    return input;
  },
  'mdt.exportIcs': async (c, input) => {
    const pcn = await pcnName(c.db);
    if ('meetingId' in input) {
      const meeting = await readableMeeting(c, input.meetingId);
      const seq = await c.db.selectFrom('mdt_meeting').select('sequence').where('id', '=', meeting.id).executeTakeFirstOrThrow();
      c.auditTarget({ type: 'mdt_meeting', id: meeting.id, detail: 'exported as .ics' });
      return file(`mdt-${meeting.odsCode}-${meeting.date}.ics`, 'ics', meetingsIcs([meeting], pcn, new Map([[meeting.id, seq.sequence]])));
    }
    const { month } = input;
    const covered = await coveredPracticeIds(c.db, c.user.id);
    const meetings = (await loadMeetings(c.db, (q) => q.where('m.date', '>=', `${month}-01`).where('m.date', '<=', lastDayOfMonth(month))))
      .filter((m) => mayReadDetails(m, covered, c.user.id));
    const seqs = await c.db.selectFrom('mdt_meeting').select(['id', 'sequence']).where('date', '>=', `${month}-01`).where('date', '<=', lastDayOfMonth(month)).execute();
    c.auditTarget({ type: 'mdt_calendar', id: month, detail: `${meetings.length} meetings exported as .ics` });
    return file(`mdt-meetings-${month}.ics`, 'ics', meetingsIcs(meetings, pcn, new Map(seqs.map((s) => [s.id, s.sequence]))));
  },
  'mdt.agenda': async (c, { meetingId }) => {
    await coveredMeeting(c, meetingId);
    const agenda = await agendaOf(c, meetingId);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `agenda opened: ${agenda.items.filter((i) => i.kind === 'case').length} cases` });
    return agenda;
  },
  'mdt.caseOptions': async (c, { meetingId, query }) => {
    await coveredMeeting(c, meetingId);
    const options = await caseOptions(c.db, meetingId, query);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `case search: ${options.length} found` });
    return options;
  },
  'mdt.addItem': async (c, input) => {
    await coveredMeeting(c, input.meetingId);
    const id = await addItem(ctxOf(c), input);
    const agenda = await agendaOf(c, input.meetingId, false);
    const item = agenda.items.find((i) => i.id === id);
    c.auditTarget({ type: 'mdt_meeting', id: input.meetingId, detail: `item ${id} added${input.kind === 'case' ? ` (referral ${input.referralId})` : ''}${item?.late ? ', late' : ''}` });
    return agenda;
  },
  'mdt.updateItem': async (c, input) => {
    const meetingId = await itemMeetingId(c.db, input.itemId);
    await coveredMeeting(c, meetingId);
    await updateItem(ctxOf(c), input);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `item ${input.itemId} changed` });
    return agendaOf(c, meetingId, false);
  },
  'mdt.removeItem': async (c, { itemId, reason }) => {
    await coveredMeeting(c, await itemMeetingId(c.db, itemId));
    const meetingId = await removeItem(ctxOf(c), itemId, reason);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `item ${itemId} taken off${reason ? `: ${reason}` : ''}` });
    return agendaOf(c, meetingId, false);
  },
  'mdt.exportAgenda': async (c, { meetingId, form, format }) => {
    await coveredMeeting(c, meetingId);
    const agenda = await agendaFor(c, meetingId, form);
    const ctx = { pcnName: await pcnName(c.db), generatedAt: c.now, generatedBy: c.user.fullName };
    const content = format === 'pdf' ? await agendaPdf(agenda, form, ctx) : await agendaDocx(agenda, form, ctx);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `agenda exported: ${form}, ${format.toUpperCase()}` });
    return file(agendaFileName(agenda, form, format), format, content);
  },
  'mdt.circulate': async (c, { meetingId, form }) => {
    await coveredMeeting(c, meetingId);
    const agenda = await agendaFor(c, meetingId, form);
    const ctx = { pcnName: await pcnName(c.db), generatedAt: c.now, generatedBy: c.user.fullName };
    const pdf = await agendaPdf(agenda, form, ctx);
    const eml = await agendaEml(agenda, { fileName: agendaFileName(agenda, form, 'pdf'), content: pdf, mimeType: mimeTypes.pdf }, form, c.user.fullName);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `agenda circulated as .eml draft (${form}) to ${agenda.meeting.attendees.filter((a) => a.email).length} attendees` });
    return file(`mdt-agenda-${agenda.meeting.odsCode}-${agenda.meeting.date}.eml`, 'eml', eml);
  },
  'mdt.start': async (c, { meetingId }) => {
    await coveredMeeting(c, meetingId);
    await startMeeting(ctxOf(c), meetingId);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: 'meeting started' });
    return agendaOf(c, meetingId, false);
  },
  'mdt.finish': async (c, { meetingId }) => {
    await coveredMeeting(c, meetingId);
    await finishMeeting(ctxOf(c), meetingId);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: 'meeting finished' });
    return agendaOf(c, meetingId, false);
  },
  'mdt.itemContext': async (c, { itemId }) => {
    const meetingId = await itemMeetingId(c.db, itemId);
    await coveredMeeting(c, meetingId);
    const context = await itemContext(c.db, itemId);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `item ${itemId}${context.referralId ? `, referral ${context.referralId}` : ''}` });
    return context;
  },
  'mdt.saveMinutes': async (c, input) => {
    await coveredMeeting(c, await itemMeetingId(c.db, input.itemId));
    const ctx = ctxOf(c);
    const meetingId = await saveMinutes(ctx, input);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `minutes of item ${input.itemId}` });
    return { itemId: input.itemId, savedAt: ctx.now.toISOString() };
  },
  'mdt.saveAttendance': async (c, { meetingId, attendance }) => {
    await coveredMeeting(c, meetingId);
    await saveAttendance(ctxOf(c), meetingId, attendance);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `attendance: ${attendance.filter((a) => a.attendance === 'present').length} present, ${attendance.filter((a) => a.attendance === 'apologies').length} apologies` });
    return agendaOf(c, meetingId, false);
  },
  'mdt.addAction': async (c, input) => {
    await coveredMeeting(c, input.meetingId);
    const id = await addAction(ctxOf(c), input);
    c.auditTarget({ type: 'mdt_action', id, detail: `meeting ${input.meetingId}, due ${input.dueOn}` });
    return agendaOf(c, input.meetingId, false);
  },
  'mdt.completeAction': async (c, { actionId }) => {
    const row = await actionRow(c.db, actionId);
    if (row.owner_user_id !== c.user.id) {
      if (c.user.role !== 'link_worker') throw new AppError('FORBIDDEN', 'Only the action’s owner or the practice’s link worker can mark it done.');
      await assertCoversPractice(c.db, c.user.id, row.practice_id, NOT_YOUR_PRACTICE);
    }
    await completeAction(ctxOf(c), actionId, londonToday(c.now));
    c.auditTarget({ type: 'mdt_action', id: actionId, detail: 'done' });
    const [done] = await actionById(c.db, actionId);
    return done!;
  },
  'mdt.myActions': async ({ db, user, auditTarget }) => {
    const actions = await actionsOfOwner(db, user.id);
    auditTarget(listTarget('mdt_action', actions.map((a) => a.id), `own MDT actions: ${actions.length}`));
    return actions;
  },
  'mdt.exportMinutes': async (c, { meetingId, format }) => {
    await coveredMeeting(c, meetingId);
    const agenda = await agendaOf(c, meetingId, false);
    if (agenda.meeting.startedAt === null) throw new AppError('CONFLICT', 'The meeting has not started: there are no minutes yet.');
    const ctx = { pcnName: await pcnName(c.db), generatedAt: c.now, generatedBy: c.user.fullName };
    const content = format === 'pdf' ? await minutesPdf(agenda, ctx) : await minutesDocx(agenda, ctx);
    c.auditTarget({ type: 'mdt_meeting', id: meetingId, detail: `minutes exported: ${format.toUpperCase()}` });
    return file(`mdt-minutes-${agenda.meeting.odsCode}-${agenda.meeting.date}.${format}`, format, content);
  },
};
