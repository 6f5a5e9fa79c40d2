import { isBankHoliday } from '../calendar/bankHolidays';
import { isWorkingDay } from '../calendar/workingDays';
import type { BankHolidayRule, Recurrence } from '../contract/mdt';
import { addDays, daysBetween, lastDayOfMonth, monthName, ukDayDate, weekdayOf } from './time';

/**
 * A series' dates, worked out from its rule: "second Tuesday of the month" or "every 4 weeks on
 * Wednesday". Pure: no database, no clock.
 */

export interface Occurrence {
  /** The date the rule gives (the series' key for this meeting, even when it moves). */
  ruleDate: string;
  /** The date it is held on: the rule's date, or the next working day when a bank holiday moved it. */
  date: string;
  /** Set when the rule's date is a bank holiday and the series is set to flag (not move or skip). */
  bankHoliday: { suggestedDate: string } | null;
  /** Set when the series moved it off a bank holiday. */
  movedFrom: string | null;
}

export interface Skipped {
  /** The date that would have been, or null when the month has no such day at all. */
  ruleDate: string | null;
  month: string;
  reason: string;
}

export interface Expansion {
  occurrences: Occurrence[];
  skipped: Skipped[];
}

const ordinals = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5 } as const;

/** The next working day after a date (weekends and bank holidays in England and Wales skipped). */
export function nextWorkingDay(date: string): string {
  let d = addDays(date, 1);
  while (!isWorkingDay(d)) d = addDays(d, 1);
  return d;
}

/** The n-th (or last) given weekday of a month, or null when the month has no such day (a fifth Thursday). */
export function nthWeekdayOfMonth(month: string, week: keyof typeof ordinals | 'last', weekday: number): string | null {
  if (week === 'last') {
    const last = lastDayOfMonth(month);
    return addDays(last, -((weekdayOf(last) - weekday + 7) % 7));
  }
  const first = `${month}-01`;
  const date = addDays(first, ((weekday - weekdayOf(first) + 7) % 7) + (ordinals[week] - 1) * 7);
  return date.slice(0, 7) === month ? date : null;
}

function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) return out;
    out.push(month);
    m += 1;
    if (m === 13) {
      m = 1;
      y += 1;
    }
  }
}

/** The dates the rule itself gives in [from, to], and the months it gives none (no fifth Thursday). */
function ruleDates(rule: Recurrence, startsOn: string, from: string, to: string): { dates: string[]; missing: Skipped[] } {
  const dates: string[] = [];
  const missing: Skipped[] = [];
  if (rule.kind === 'monthly') {
    for (const month of monthsBetween(from, to)) {
      const date = nthWeekdayOfMonth(month, rule.week, rule.weekday);
      if (date === null) {
        missing.push({ ruleDate: null, month, reason: `${monthName(month)} has no ${rule.week} ${weekdayLabel(rule.weekday)}: no meeting that month` });
        continue;
      }
      if (date >= from && date <= to) dates.push(date);
    }
    return { dates, missing };
  }
  // Every n weeks, counted from the first such weekday on or after the series starts.
  const first = addDays(startsOn, (rule.weekday - weekdayOf(startsOn) + 7) % 7);
  const step = rule.everyWeeks * 7;
  const behind = daysBetween(first, from);
  let date = behind <= 0 ? first : addDays(first, Math.ceil(behind / step) * step);
  for (; date <= to; date = addDays(date, step)) dates.push(date);
  return { dates, missing };
}

function weekdayLabel(weekday: number): string {
  return ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][weekday] ?? '';
}

/**
 * The meetings a series holds between two dates (inclusive), within its own start and end, with
 * what its bank holiday rule does to each, and the dates it skips with the reason.
 */
export function expand(
  rule: Recurrence,
  series: { startsOn: string; endsOn: string | null; bankHolidayRule: BankHolidayRule },
  from: string,
  to: string,
): Expansion {
  const start = from > series.startsOn ? from : series.startsOn;
  const end = series.endsOn !== null && series.endsOn < to ? series.endsOn : to;
  if (start > end) return { occurrences: [], skipped: [] };
  const { dates, missing } = ruleDates(rule, series.startsOn, start, end);
  const occurrences: Occurrence[] = [];
  const skipped: Skipped[] = [...missing];
  for (const ruleDate of dates) {
    if (!isBankHoliday(ruleDate)) {
      occurrences.push({ ruleDate, date: ruleDate, bankHoliday: null, movedFrom: null });
      continue;
    }
    const next = nextWorkingDay(ruleDate);
    switch (series.bankHolidayRule) {
      case 'flag':
        occurrences.push({ ruleDate, date: ruleDate, bankHoliday: { suggestedDate: next }, movedFrom: null });
        break;
      case 'move':
        occurrences.push({ ruleDate, date: next, bankHoliday: null, movedFrom: ruleDate });
        break;
      case 'skip':
        skipped.push({ ruleDate, month: ruleDate.slice(0, 7), reason: `${ukDayDate(ruleDate)} is a bank holiday: no meeting (the series skips bank holidays)` });
        break;
    }
  }
  return { occurrences, skipped };
}

/** The rule in words: "Second Tuesday of the month", "Every 4 weeks on Wednesday". */
export function describeRecurrence(rule: Recurrence): string {
  if (rule.kind === 'monthly') {
    const week = rule.week.charAt(0).toUpperCase() + rule.week.slice(1);
    return `${week} ${weekdayLabel(rule.weekday)} of the month`;
  }
  if (rule.everyWeeks === 1) return `Every ${weekdayLabel(rule.weekday)}`;
  return `Every ${rule.everyWeeks} weeks on ${weekdayLabel(rule.weekday)}`;
}
