import { describe, expect, it } from 'vitest';
import { ageBand, agendaClosesAt, allocate, initials, orderItems, type OrderableItem } from '../../../main/mdt/agendaRules';
import { clashBetween, coverage, findClashes, type PlannedMeeting } from '../../../main/mdt/clashes';
import { describeRecurrence, expand, nextWorkingDay, nthWeekdayOfMonth } from '../../../main/mdt/recurrence';
import { londonOffsetMinutes, londonToUtc, londonWallClock } from '../../../main/mdt/time';

const TUE = 2;
const WED = 3;
const THU = 4;

describe('recurrence', () => {
  it('gives the second Tuesday of each month', () => {
    const { occurrences, skipped } = expand({ kind: 'monthly', week: 'second', weekday: TUE }, { startsOn: '2026-01-01', endsOn: null, bankHolidayRule: 'flag' }, '2026-01-01', '2026-06-30');
    expect(occurrences.map((o) => o.date)).toEqual(['2026-01-13', '2026-02-10', '2026-03-10', '2026-04-14', '2026-05-12', '2026-06-09']);
    expect(skipped).toEqual([]);
    expect(describeRecurrence({ kind: 'monthly', week: 'second', weekday: TUE })).toBe('Second Tuesday of the month');
  });

  it('skips months without a fifth Thursday, and says so', () => {
    const { occurrences, skipped } = expand({ kind: 'monthly', week: 'fifth', weekday: THU }, { startsOn: '2026-01-01', endsOn: null, bankHolidayRule: 'flag' }, '2026-01-01', '2026-06-30');
    // 2026: Jan 29, Apr 30 have a fifth Thursday; Feb, Mar, May, Jun do not.
    expect(occurrences.map((o) => o.date)).toEqual(['2026-01-29', '2026-04-30']);
    expect(skipped.map((s) => s.month)).toEqual(['2026-02', '2026-03', '2026-05', '2026-06']);
    expect(skipped[0]!.reason).toBe('February 2026 has no fifth Thursday: no meeting that month');
    expect(nthWeekdayOfMonth('2026-02', 'fifth', THU)).toBeNull();
  });

  it('gives the last weekday of the month, including in a month ending on that day', () => {
    expect(nthWeekdayOfMonth('2026-04', 'last', THU)).toBe('2026-04-30');
    expect(nthWeekdayOfMonth('2026-02', 'last', THU)).toBe('2026-02-26');
    expect(nthWeekdayOfMonth('2026-03', 'last', TUE)).toBe('2026-03-31');
  });

  it('counts every 4 weeks on Wednesday from the first Wednesday on or after the start, across month and year ends', () => {
    const rule = { kind: 'weekly', everyWeeks: 4, weekday: WED } as const;
    const series = { startsOn: '2026-11-20', endsOn: null, bankHolidayRule: 'flag' } as const;
    const all = expand(rule, series, '2026-11-01', '2027-03-31').occurrences.map((o) => o.date);
    expect(all).toEqual(['2026-11-25', '2026-12-23', '2027-01-20', '2027-02-17', '2027-03-17']);
    // A window that starts mid-way keeps the same rhythm.
    expect(expand(rule, series, '2027-01-01', '2027-02-28').occurrences.map((o) => o.date)).toEqual(['2027-01-20', '2027-02-17']);
    expect(describeRecurrence(rule)).toBe('Every 4 weeks on Wednesday');
  });

  it('flags a meeting on a bank holiday and suggests the next working day by default', () => {
    // First Monday of May 2026 is the early May bank holiday (4 May).
    const { occurrences } = expand({ kind: 'monthly', week: 'first', weekday: 1 }, { startsOn: '2026-05-01', endsOn: null, bankHolidayRule: 'flag' }, '2026-05-01', '2026-05-31');
    expect(occurrences).toEqual([{ ruleDate: '2026-05-04', date: '2026-05-04', bankHoliday: { suggestedDate: '2026-05-05' }, movedFrom: null }]);
  });

  it('moves a bank holiday meeting to the next working day, past a run of holidays, when the series says so', () => {
    // Last Friday of December 2026 is 25 December; Monday 28 December is the Boxing Day substitute.
    const { occurrences } = expand({ kind: 'monthly', week: 'last', weekday: 5 }, { startsOn: '2026-12-01', endsOn: null, bankHolidayRule: 'move' }, '2026-12-01', '2026-12-31');
    expect(occurrences).toEqual([{ ruleDate: '2026-12-25', date: '2026-12-29', bankHoliday: null, movedFrom: '2026-12-25' }]);
    expect(nextWorkingDay('2026-12-24')).toBe('2026-12-29');
  });

  it('skips a bank holiday meeting, with the reason, when the series says so', () => {
    const { occurrences, skipped } = expand({ kind: 'weekly', everyWeeks: 1, weekday: 1 }, { startsOn: '2026-08-24', endsOn: '2026-09-07', bankHolidayRule: 'skip' }, '2026-08-01', '2026-09-30');
    expect(occurrences.map((o) => o.date)).toEqual(['2026-08-24', '2026-09-07']);
    expect(skipped).toEqual([{ ruleDate: '2026-08-31', month: '2026-08', reason: 'Mon 31/08/2026 is a bank holiday: no meeting (the series skips bank holidays)' }]);
  });

  it('keeps within the series’ own start and end', () => {
    const { occurrences } = expand({ kind: 'monthly', week: 'second', weekday: TUE }, { startsOn: '2026-02-11', endsOn: '2026-04-13', bankHolidayRule: 'flag' }, '2026-01-01', '2026-12-31');
    expect(occurrences.map((o) => o.date)).toEqual(['2026-03-10']);
  });
});

describe('wall-clock times in England', () => {
  it('keeps 13:00 at 13:00 on both sides of the clock change: 13:00Z in winter, 12:00Z in summer', () => {
    expect(londonToUtc('2026-03-24', '13:00').toISOString()).toBe('2026-03-24T13:00:00.000Z');
    expect(londonToUtc('2026-03-31', '13:00').toISOString()).toBe('2026-03-31T12:00:00.000Z');
    expect(londonToUtc('2026-10-20', '13:00').toISOString()).toBe('2026-10-20T12:00:00.000Z');
    expect(londonToUtc('2026-10-27', '13:00').toISOString()).toBe('2026-10-27T13:00:00.000Z');
    expect(londonWallClock(new Date('2026-07-14T12:00:00Z'))).toEqual({ date: '2026-07-14', time: '13:00' });
    expect(londonOffsetMinutes(new Date('2026-07-14T12:00:00Z'))).toBe(60);
  });

  it('takes a time in the skipped hour an hour later, and a repeated time at its first reading', () => {
    // Clocks go forward at 01:00 GMT on 29 March 2026; back at 02:00 BST on 25 October 2026.
    expect(londonToUtc('2026-03-29', '01:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(londonWallClock(londonToUtc('2026-03-29', '01:30')).time).toBe('02:30');
    expect(londonToUtc('2026-10-25', '01:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('keeps a monthly series at 13:00 through the change: every occurrence is 13:00 on the wall', () => {
    const { occurrences } = expand({ kind: 'monthly', week: 'second', weekday: TUE }, { startsOn: '2026-01-01', endsOn: null, bankHolidayRule: 'flag' }, '2026-01-01', '2026-12-31');
    const hours = occurrences.map((o) => londonWallClock(londonToUtc(o.date, '13:00')).time);
    expect(new Set(hours)).toEqual(new Set(['13:00']));
    expect(new Set(occurrences.map((o) => londonToUtc(o.date, '13:00').getUTCHours()))).toEqual(new Set([12, 13]));
  });
});

const m = (over: Partial<PlannedMeeting>): PlannedMeeting => ({
  id: 1, practiceId: 1, practiceName: 'Riverside Surgery', title: 'MDT', date: '2026-02-10', startTime: '13:00', endTime: '14:00', linkWorkerIds: [7], ...over,
});
const lee = { id: 7, name: 'Lee Worker' };
const gap30 = () => 30;

describe('clashes', () => {
  it('names two overlapping meetings of one link worker', () => {
    const clash = clashBetween(m({ id: 1 }), m({ id: 2, practiceId: 2, practiceName: 'Hillview Medical Centre', startTime: '13:30', endTime: '14:30' }), lee, gap30);
    expect(clash).toMatchObject({ kind: 'overlap', gapMinutes: -30, linkWorkerName: 'Lee Worker' });
    expect(clash!.message).toBe('Lee Worker is invited to two meetings that overlap on Tue 10/02/2026: Riverside Surgery MDT 13:00–14:00 and Hillview Medical Centre MDT 13:30–14:30.');
  });

  it('warns of too little travel time between practices on the same day, not within one practice', () => {
    const a = m({ id: 1 });
    const b = m({ id: 2, practiceId: 2, practiceName: 'Hillview Medical Centre', startTime: '14:15', endTime: '15:00' });
    const clash = clashBetween(a, b, lee, gap30);
    expect(clash).toMatchObject({ kind: 'travel', gapMinutes: 15, requiredGapMinutes: 30 });
    expect(clash!.message).toBe('Lee Worker has 15 minutes to get from Riverside Surgery MDT 13:00–14:00 to Hillview Medical Centre MDT 14:15–15:00 on Tue 10/02/2026: less than the 30-minute travel gap between practices.');
    expect(clashBetween(a, { ...b, startTime: '14:30' }, lee, gap30)).toBeNull();
    expect(clashBetween(a, { ...b, practiceId: 1, practiceName: 'Riverside Surgery' }, lee, gap30)).toBeNull();
    expect(clashBetween(a, { ...b, date: '2026-02-11' }, lee, gap30)).toBeNull();
    // The larger of the two practices' gaps applies.
    expect(clashBetween(a, { ...b, startTime: '14:40' }, lee, (p) => (p === 2 ? 45 : 30))).toMatchObject({ kind: 'travel', requiredGapMinutes: 45 });
  });

  it('finds clashes per link worker and day, and only those a planned change brings when asked', () => {
    const meetings = [
      m({ id: 1, linkWorkerIds: [7, 8] }),
      m({ id: 2, practiceId: 2, practiceName: 'Hillview Medical Centre', startTime: '13:45', endTime: '14:45', linkWorkerIds: [7] }),
      m({ id: 3, practiceId: 3, practiceName: 'Bridge Street Practice', startTime: '14:10', endTime: '15:00', linkWorkerIds: [8] }),
      m({ id: 4, date: '2026-02-11', linkWorkerIds: [7] }),
    ];
    const names = new Map([[7, 'Lee Worker'], [8, 'Kim Worker']]);
    const all = findClashes(meetings, names, gap30);
    expect(all.map((c) => [c.linkWorkerName, c.kind, c.meetings[0].meetingId, c.meetings[1].meetingId])).toEqual([
      ['Kim Worker', 'travel', 1, 3],
      ['Lee Worker', 'overlap', 1, 2],
    ]);
    expect(findClashes(meetings, names, gap30, (x) => x.id === 3).map((c) => c.linkWorkerName)).toEqual(['Kim Worker']);
  });
});

describe('coverage', () => {
  it('lists a practice whose MDTs have no link worker, suggesting who is free (those who work there first)', () => {
    const practices = [{ id: 1, name: 'Riverside Surgery' }, { id: 2, name: 'Hillview Medical Centre' }, { id: 3, name: 'Bridge Street Practice' }];
    const meetings = [
      m({ id: 1, practiceId: 1, linkWorkerIds: [7] }),
      m({ id: 2, practiceId: 2, practiceName: 'Hillview Medical Centre', startTime: '13:30', endTime: '14:30', linkWorkerIds: [] }),
    ];
    const workers = [{ id: 7, name: 'Lee Worker', practiceIds: [1, 2] }, { id: 8, name: 'Kim Worker', practiceIds: [3] }, { id: 9, name: 'Ash Worker', practiceIds: [2] }];
    const rows = coverage(practices, meetings, workers, gap30);
    expect(rows.map((r) => [r.practiceName, r.status])).toEqual([
      ['Riverside Surgery', 'covered'],
      ['Hillview Medical Centre', 'uncovered'],
      ['Bridge Street Practice', 'no_meetings'],
    ]);
    // Lee is busy at Riverside then; Ash works at Hillview so comes before Kim.
    expect(rows[1]!.suggestions).toEqual([{ meetingId: 2, date: '2026-02-10', startTime: '13:30', endTime: '14:30', free: [{ id: 9, name: 'Ash Worker', worksHere: true }, { id: 8, name: 'Kim Worker', worksHere: false }] }]);
  });
});

describe('the agenda’s rules', () => {
  it('closes the list two working days before, at the meeting’s time, counting over weekends and bank holidays', () => {
    // Tuesday 10 February 2026 13:00 → Friday 6 February 13:00 (GMT).
    expect(agendaClosesAt('2026-02-10', '13:00', 2).toISOString()).toBe('2026-02-06T13:00:00.000Z');
    // Wednesday 8 April 2026: Monday 6 April is Easter Monday, Friday 3 April Good Friday → Thursday 2 April, in BST.
    expect(agendaClosesAt('2026-04-08', '13:00', 2).toISOString()).toBe('2026-04-02T12:00:00.000Z');
    // Across the clock change: Tuesday 31 March (BST) closes Friday 27 March 13:00 GMT.
    expect(agendaClosesAt('2026-03-31', '13:00', 2).toISOString()).toBe('2026-03-27T13:00:00.000Z');
    expect(agendaClosesAt('2026-02-10', '13:00', 0).toISOString()).toBe('2026-02-10T13:00:00.000Z');
  });

  it('orders standing items first and last, the rest by priority then presenter', () => {
    const item = (id: number, over: Partial<OrderableItem>): OrderableItem => ({ id, kind: 'case', standing: null, priority: 'routine', presenter: 'Lee', minutes: 10, ...over });
    const items = [
      item(1, { kind: 'standing', standing: 'aob', presenter: 'Chair' }),
      item(2, { presenter: 'Sam' }),
      item(3, { kind: 'standing', standing: 'actions', presenter: 'Chair' }),
      item(4, { presenter: 'amir', priority: 'high' }),
      item(5, { presenter: 'Lee', priority: 'urgent' }),
      item(6, { presenter: 'Lee' }),
      item(7, { kind: 'standing', standing: 'apologies', presenter: 'Chair' }),
      item(8, { kind: 'topic', presenter: 'Amir', priority: 'high' }),
      item(9, { presenter: 'Dr Khan' }),
    ];
    expect(orderItems(items).map((i) => i.id)).toEqual([7, 3, 5, 4, 8, 9, 6, 2, 1]);
  });

  it('gives each item a time slot and a running total, and warns of an overrun', () => {
    const r = allocate([{ minutes: 2 }, { minutes: 20 }, { minutes: 25 }, { minutes: 15 }], '13:00', '14:00');
    expect(r.items.map((i) => [i.slotStart, i.slotEnd, i.runningTotal, i.overruns])).toEqual([
      ['13:00', '13:02', 2, false],
      ['13:02', '13:22', 22, false],
      ['13:22', '13:47', 47, false],
      ['13:47', '14:02', 62, true],
    ]);
    expect([r.totalMinutes, r.meetingMinutes, r.overrunMinutes]).toEqual([62, 60, 2]);
    expect(allocate([{ minutes: 60 }], '13:00', '14:00').overrunMinutes).toBe(0);
  });

  it('shows a patient on the redacted agenda by initials and a ten-year age band', () => {
    expect(initials('margaret', 'Ellis')).toBe('M.E.');
    expect(initials('Ōla', 'O’Brien')).toBe('Ō.O.');
    expect([ageBand(16), ageBand(18), ageBand(29), ageBand(30), ageBand(74), ageBand(89), ageBand(90), ageBand(null)]).toEqual([
      'under 18', '18–29', '18–29', '30–39', '70–79', '80–89', '90 or over', 'age not known',
    ]);
  });
});
