import { describe, expect, it } from 'vitest';
import type { Meeting, Series } from '../../../main/contract/mdt';
import { meetingsIcs } from '../../../main/export/mdt/ics';
import { call, newInstallation } from '../../support/installation';
import { addTeam, addUser, expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { calendar, fileOf, oneOff, saveMeeting, saveSeries, seriesInput, today, weeksAhead } from './support';

const tempFolder = useTempFolders();

async function planned() {
  const { session } = await newInstallation(tempFolder());
  const team = await addTeam(session);
  await addUser(session, 'cara', 'clinician', [1], 'Dr Cara Clinician');
  return { session, team };
}

describe('the MDT schedule', () => {
  it('makes a series’ meetings, lists them on the PCN calendar, and names a same-day clash when it is planned', async () => {
    const { session, team } = await planned();
    const first = await saveSeries(session, seriesInput({ linkWorkerIds: [team.lee] }));
    expect(first.series.description).toBe('Second Tuesday of the month, 13:00–14:00');
    expect(first.clashes).toEqual([]);
    expect(first.meetingIds.length).toBeGreaterThanOrEqual(12);

    // Hillview's MDT the same afternoon, 15 minutes after Riverside's ends: a check before saving warns of it.
    const hillview = seriesInput({ practiceId: 2, startTime: '14:15', endTime: '15:00', place: 'Hillview', linkWorkerIds: [team.lee] });
    const check = (await call(session, 'mdt.checkSeries', hillview)) as { clashes: { kind: string; message: string }[] };
    expect(check.clashes.length).toBeGreaterThanOrEqual(12);
    expect(check.clashes[0]!.kind).toBe('travel');
    expect(check.clashes[0]!.message).toMatch(/^Lee Worker has 15 minutes to get from Riverside Surgery MDT meeting 13:00–14:00 to Hillview Medical Centre MDT meeting 14:15–15:00 on Tue \d\d\/\d\d\/\d{4}: less than the 30-minute travel gap between practices\.$/);
    const second = await saveSeries(session, hillview);
    expect(second.clashes.length).toBe(check.clashes.length);

    const month = second.series.startsOn.slice(0, 7);
    const m = weeksAhead(5).slice(0, 7);
    const cal = await calendar(session, m);
    expect(cal.meetings.map((x) => [x.practiceName, x.startTime, x.linkWorkers.map((w) => w.name)])).toEqual([
      ['Riverside Surgery', '13:00', ['Lee Worker']],
      ['Hillview Medical Centre', '14:15', ['Lee Worker']],
    ]);
    expect(cal.clashes).toHaveLength(1);
    expect(cal.coverage.map((c) => c.status)).toEqual(['covered', 'covered']);
    expect(month).toBe(today().slice(0, 7));

    // A larger travel gap set by a practice applies; a smaller one does not remove the other's.
    await call(session, 'mdt.updateSettings', { practiceId: 2, agendaCloseWorkingDays: 2, travelGapMinutes: 10 });
    expect((await calendar(session, m)).clashes).toHaveLength(1);
    await call(session, 'mdt.updateSettings', { practiceId: 1, agendaCloseWorkingDays: 2, travelGapMinutes: 10 });
    expect((await calendar(session, m)).clashes).toHaveLength(0);
  });

  it('warns of overlapping meetings, and the coverage check suggests who is free', async () => {
    const { session, team } = await planned();
    const date = weeksAhead(3);
    await saveMeeting(session, oneOff(date, { linkWorkerIds: [team.lee] }));
    const overlap = await saveMeeting(session, oneOff(date, { practiceId: 2, startTime: '13:30', endTime: '14:30', linkWorkerIds: [team.lee] }));
    expect(overlap.clashes.map((c) => c.kind)).toEqual(['overlap']);
    expect(overlap.clashes[0]!.message).toContain('Lee Worker is invited to two meetings that overlap');

    // Two months on, Hillview's only MDT has nobody invited; Riverside's that day has Lee, an hour before.
    const later = weeksAhead(10);
    await saveMeeting(session, oneOff(later, { startTime: '11:00', endTime: '12:00', linkWorkerIds: [team.lee] }));
    const uncovered = await saveMeeting(session, oneOff(later, { practiceId: 2, linkWorkerIds: [] }));
    let hill = (await calendar(session, later.slice(0, 7))).coverage.find((c) => c.practiceId === 2)!;
    expect(hill.status).toBe('uncovered');
    expect(hill.suggestions[0]!.meetingId).toBe(uncovered.meeting.id);
    // Kim works at Hillview: first; Lee is free too (an hour between practices).
    expect(hill.suggestions[0]!.free.map((f) => [f.name, f.worksHere])).toEqual([['Kim Worker', true], ['Lee Worker', false]]);
    // With Lee's Riverside meeting running into it, only Kim is free.
    const riverside = (await calendar(session, later.slice(0, 7))).meetings.find((x) => x.practiceId === 1 && x.date === later)!;
    await call(session, 'mdt.moveMeeting', { meetingId: riverside.id, date: later, startTime: '12:00', endTime: '12:50', reason: 'Room booked' });
    hill = (await calendar(session, later.slice(0, 7))).coverage.find((c) => c.practiceId === 2)!;
    expect(hill.suggestions[0]!.free.map((f) => f.name)).toEqual(['Kim Worker']);
  });

  it('keeps a practice’s meeting details (place, link, chair, attendees) from a link worker who neither works there nor is invited', async () => {
    const { session, team } = await planned();
    const { meetingIds, series } = await saveSeries(session, seriesInput({ onlineLink: 'https://teams.example/riverside' }));
    const invited = await saveMeeting(session, oneOff(weeksAhead(3), { linkWorkerIds: [team.kim], place: 'Room 4' }));
    await signInAs(session, 'kim');
    const refused = await expectError(session, 'mdt.meeting', { meetingId: meetingIds[0] });
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: 'This meeting belongs to a practice you do not work at.' });
    expect((await expectError(session, 'mdt.exportIcs', { meetingId: meetingIds[0] })).code).toBe('FORBIDDEN');
    // Invited to cover: she reads that meeting in full.
    expect(((await call(session, 'mdt.meeting', { meetingId: invited.meeting.id })) as Meeting).place).toBe('Room 4');

    const cal = await calendar(session, weeksAhead(3).slice(0, 7));
    const theirs = cal.meetings.find((m) => m.seriesId === series.id)!;
    expect(theirs).toMatchObject({ practiceName: 'Riverside Surgery', startTime: '13:00', place: '', onlineLink: '', chair: '', attendees: [] });
    expect(cal.meetings.find((m) => m.id === invited.meeting.id)).toMatchObject({ place: 'Room 4', chair: 'Dr Amir Khan' });
    const listed = ((await call(session, 'mdt.series', {})) as Series[]).find((s) => s.id === series.id)!;
    expect(listed).toMatchObject({ place: '', onlineLink: '', chair: '', attendees: [] });
    const ics = fileOf(await call(session, 'mdt.exportIcs', { month: weeksAhead(3).slice(0, 7) })).toString('utf8');
    expect(ics).not.toContain('meeting room 2');
    expect(ics).toContain('Room 4');
  });

  it('moves and cancels a meeting with a reason, and a change to the series leaves such a meeting be', async () => {
    const { session, team } = await planned();
    const { meetingIds, series: made } = await saveSeries(session, seriesInput({ linkWorkerIds: [team.lee] }));
    const target = meetingIds[1]!;
    const before = (await call(session, 'mdt.meeting', { meetingId: target })) as Meeting;
    const missing = await expectError(session, 'mdt.moveMeeting', { meetingId: target, date: before.date, startTime: '15:00', endTime: '16:00', reason: '' });
    expect(missing.fieldErrors).toEqual({ reason: ['Enter the reason for the move'] });
    const moved = (await call(session, 'mdt.moveMeeting', { meetingId: target, date: before.date, startTime: '15:00', endTime: '16:00', reason: 'GP training afternoon' })) as { meeting: Meeting };
    expect(moved.meeting.movedFrom).toEqual({ date: before.date, startTime: '13:00', reason: 'GP training afternoon' });

    const cancelled = (await call(session, 'mdt.cancelMeeting', { meetingId: meetingIds[2], reason: 'Practice closed for the CQC visit' })) as Meeting;
    expect([cancelled.status, cancelled.cancelReason]).toEqual(['cancelled', 'Practice closed for the CQC visit']);
    expect((await expectError(session, 'mdt.cancelMeeting', { meetingId: meetingIds[2], reason: 'again' })).code).toBe('CONFLICT');

    // Changing the series' time rewrites the untouched meetings, not the moved or cancelled ones.
    const { series } = await saveSeries(session, seriesInput({ id: made.id, startTime: '12:30', endTime: '13:30', linkWorkerIds: [team.lee] }));
    expect(series.startTime).toBe('12:30');
    const after = (await call(session, 'mdt.meeting', { meetingId: target })) as Meeting;
    expect(after.startTime).toBe('15:00');
    expect(((await call(session, 'mdt.meeting', { meetingId: meetingIds[2] })) as Meeting).status).toBe('cancelled');
    const cal = await calendar(session, weeksAhead(8).slice(0, 7));
    expect(cal.meetings.filter((x) => x.status === 'scheduled' && !x.movedFrom).every((x) => x.startTime === '12:30')).toBe(true);
    expect(moved.meeting.id).toBe(target);

    // A detail change on one meeting is refused when it tries to change the time without a move.
    const wrong = await expectError(session, 'mdt.saveMeeting', { ...oneOff(after.date, { id: target, startTime: '09:00', endTime: '10:00' }) });
    expect(wrong.fieldErrors).toEqual({ date: ['Use “Move” to change the date or time'] });
  });

  it('checks the times, the link workers and the practice, with messages at the fields', async () => {
    const { session, team } = await planned();
    const e = await expectError(session, 'mdt.saveSeries', seriesInput({ startTime: '14:00', endTime: '13:00', linkWorkerIds: [team.rita] }));
    expect(e.fieldErrors).toEqual({ endTime: ['The meeting must end after it starts'] });
    const lw = await expectError(session, 'mdt.saveSeries', seriesInput({ linkWorkerIds: [team.rita] }));
    expect(lw.fieldErrors).toEqual({ linkWorkerIds: ['Invite only link workers whose accounts are enabled'] });
    const time = await expectError(session, 'mdt.saveSeries', seriesInput({ startTime: '1pm' }));
    expect(time.fieldErrors).toEqual({ startTime: ['Enter a time on the 24-hour clock, like 13:00'] });
  });

  it('lets link workers and managers plan for their own practices, clinicians read, reception nothing', async () => {
    const { session, team } = await planned();
    await signInAs(session, 'kim');
    expect((await expectError(session, 'mdt.saveSeries', seriesInput({ linkWorkerIds: [team.kim] }))).code).toBe('FORBIDDEN');
    await saveSeries(session, seriesInput({ practiceId: 2, linkWorkerIds: [team.kim] }));
    await signInAs(session, 'cara');
    expect((await calendar(session, today().slice(0, 7))).practices).toHaveLength(2);
    expect((await expectError(session, 'mdt.saveSeries', seriesInput())).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'mdt.updateSettings', { practiceId: 1, agendaCloseWorkingDays: 3, travelGapMinutes: 30 })).code).toBe('FORBIDDEN');
    await signInAs(session, 'rita');
    expect((await expectError(session, 'mdt.calendar', { month: today().slice(0, 7) })).code).toBe('FORBIDDEN');
  });

  it('exports meetings as .ics in UTC that is right on both sides of the clock change', async () => {
    const meeting = (id: number, date: string): Meeting => ({
      id, seriesId: 1, practiceId: 1, practiceName: 'Riverside Surgery', odsCode: 'A81001', title: 'MDT meeting', date, startTime: '13:00', endTime: '14:00',
      status: 'scheduled', cancelReason: null, movedFrom: null, bankHoliday: null, place: 'Room 2; upstairs, by the lift', onlineLink: '', chair: 'Dr Khan',
      attendees: [], linkWorkers: [{ id: 2, name: 'Lee Worker' }], agendaClosesAt: '2026-02-06T13:00:00.000Z', startedAt: null, endedAt: null,
    });
    const ics = meetingsIcs([meeting(1, '2026-02-10'), { ...meeting(2, '2026-07-14'), status: 'cancelled', cancelReason: 'Summer holidays' }], 'Riverside PCN', new Map([[2, 3]]));
    expect(ics).toContain('DTSTART:20260210T130000Z');
    expect(ics).toContain('DTEND:20260210T140000Z');
    expect(ics).toContain('DTSTART:20260714T120000Z');
    expect(ics).toContain('STATUS:CANCELLED');
    expect(ics).toContain('SEQUENCE:3');
    expect(ics).toContain('UID:mdt-meeting-1@riverside-pcn.signpost.invalid');
    expect(ics).toContain('LOCATION:Room 2\\; upstairs\\, by the lift');
    expect(ics).toMatch(/BEGIN:VCALENDAR\r\n/);
  });

  it('exports the month through dispatch and audits it', async () => {
    const { session, team } = await planned();
    await saveSeries(session, seriesInput({ linkWorkerIds: [team.lee] }));
    const month = weeksAhead(5).slice(0, 7);
    const ics = fileOf(await call(session, 'mdt.exportIcs', { month })).toString('utf8');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    const audit = await session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect([audit.action, audit.detail]).toEqual(['mdt.exportIcs', '1 meetings exported as .ics']);
  });
});

describe('bank holidays and the end of a series, through dispatch', () => {
  it('flags a meeting on a bank holiday with the next working day suggested, or moves it when the series says so', async () => {
    const { session, team } = await planned();
    // First Monday of May 2027 is the early May bank holiday (3 May); the next working day is Tuesday 4 May.
    const flag = await saveSeries(session, seriesInput({ recurrence: { kind: 'monthly', week: 'first', weekday: 1 }, startsOn: '2027-05-01', endsOn: '2027-06-30', linkWorkerIds: [team.lee] }));
    const may = (await calendar(session, '2027-05')).meetings.filter((x) => x.seriesId === flag.series.id);
    expect(may.map((x) => [x.date, x.bankHoliday])).toEqual([['2027-05-03', { suggestedDate: '2027-05-04' }]]);

    const move = await saveSeries(session, seriesInput({ practiceId: 2, recurrence: { kind: 'monthly', week: 'first', weekday: 1 }, startsOn: '2027-05-01', endsOn: '2027-06-30', bankHolidayRule: 'move' }));
    const moved = (await calendar(session, '2027-05')).meetings.find((x) => x.seriesId === move.series.id)!;
    expect([moved.date, moved.movedFrom]).toEqual(['2027-05-04', { date: '2027-05-03', startTime: '13:00', reason: 'Bank holiday: moved to the next working day' }]);

    const skip = await saveSeries(session, seriesInput({ practiceId: 2, recurrence: { kind: 'monthly', week: 'first', weekday: 1 }, startsOn: '2027-05-01', endsOn: '2027-06-30', bankHolidayRule: 'skip' }));
    expect(skip.skipped.map((x) => x.reason)).toEqual(['Mon 03/05/2027 is a bank holiday: no meeting (the series skips bank holidays)']);
    expect((await calendar(session, '2027-05')).skipped.filter((x) => x.seriesId === skip.series.id)).toHaveLength(1);
  });

  it('ends a series: its later meetings are cancelled with the reason', async () => {
    const { session } = await planned();
    const { series, meetingIds } = await saveSeries(session, seriesInput());
    const third = (await call(session, 'mdt.meeting', { meetingId: meetingIds[2] })) as Meeting;
    const ended = (await call(session, 'mdt.endSeries', { seriesId: series.id, lastDate: third.date, reason: 'The practice merges with Hillview' })) as { endsOn: string };
    expect(ended.endsOn).toBe(third.date);
    const after = (await call(session, 'mdt.meeting', { meetingId: meetingIds[3] })) as Meeting;
    expect([after.status, after.cancelReason]).toEqual(['cancelled', 'Series ended: The practice merges with Hillview']);
    expect(((await call(session, 'mdt.meeting', { meetingId: meetingIds[2] })) as Meeting).status).toBe('scheduled');
  });
});
