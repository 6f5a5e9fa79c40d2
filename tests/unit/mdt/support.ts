import type { Agenda, Calendar, Meeting, Series } from '../../../main/contract/mdt';
import { nextWorkingDay } from '../../../main/mdt/recurrence';
import { addDays, londonWallClock, weekdayOf } from '../../../main/mdt/time';
import type { Session } from '../../../main/session/session';
import { call, TEST_NOW } from '../../support/installation';

/** Today in England on the test installations' clock. */
export const today = () => londonWallClock(new Date(TEST_NOW)).date;

/** The first date on or after `from` that falls on the weekday (1 Monday … 5 Friday). */
export function weekdayOnOrAfter(from: string, weekday: number): string {
  return addDays(from, (weekday - weekdayOf(from) + 7) % 7);
}

/** A working day some weeks ahead: its agenda list is still open. */
export const weeksAhead = (weeks: number, weekday = 2) => {
  let d = weekdayOnOrAfter(addDays(today(), weeks * 7), weekday);
  while (nextWorkingDay(addDays(d, -1)) !== d) d = addDays(d, 7);
  return d;
};

/** The next working day: its agenda list has closed (two working days before). */
export const nextWorkingDayFromToday = () => nextWorkingDay(today());

export const seriesInput = (over: Record<string, unknown> = {}) => ({
  practiceId: 1,
  recurrence: { kind: 'monthly', week: 'second', weekday: 2 },
  startsOn: today(),
  startTime: '13:00',
  endTime: '14:00',
  place: 'Riverside Surgery, meeting room 2',
  chair: 'Dr Amir Khan',
  attendees: [{ name: 'Dr Amir Khan', role: 'GP', email: 'amir.khan@nhs.net' }, { name: 'Nina Nurse', role: 'Practice nurse', email: 'nina.nurse@nhs.net' }],
  linkWorkerIds: [],
  ...over,
});

export const oneOff = (date: string, over: Record<string, unknown> = {}) => ({
  practiceId: 1,
  date,
  startTime: '13:00',
  endTime: '14:00',
  place: 'Meeting room 2',
  chair: 'Dr Amir Khan',
  attendees: [{ name: 'Dr Amir Khan', role: 'GP', email: 'amir.khan@nhs.net' }],
  linkWorkerIds: [],
  ...over,
});

export type Saved<K extends string, T> = { meetingIds: number[]; clashes: Calendar['clashes']; skipped: Calendar['skipped'] } & Record<K, T>;

export const saveSeries = (s: Session, input: unknown) => call(s, 'mdt.saveSeries', input) as Promise<Saved<'series', Series>>;
export const saveMeeting = (s: Session, input: unknown) => call(s, 'mdt.saveMeeting', input) as Promise<Saved<'meeting', Meeting>>;
export const calendar = (s: Session, month: string) => call(s, 'mdt.calendar', { month }) as Promise<Calendar>;
export const agenda = (s: Session, meetingId: number) => call(s, 'mdt.agenda', { meetingId }) as Promise<Agenda>;

export function fileOf(result: unknown): Buffer {
  return Buffer.from((result as { base64: string }).base64, 'base64');
}
