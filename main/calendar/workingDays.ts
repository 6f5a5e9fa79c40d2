import { isBankHoliday } from './bankHolidays';

const DAY_MS = 86_400_000;

const londonDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date (YYYY-MM-DD) in England at an instant. */
export function londonDate(at: Date): string {
  return londonDateFormat.format(at);
}

/** Monday to Friday, and not a bank holiday in England and Wales. */
export function isWorkingDay(isoDate: string): boolean {
  const weekday = new Date(`${isoDate}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !isBankHoliday(isoDate);
}

function previousDate(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T12:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/**
 * The instant `days` working days before `now`: step back a calendar day at a time, counting only
 * working days, and keep the time of day. Anything last touched before it has waited longer than
 * `days` working days (Friday 10:00 is one working day before Monday 10:00).
 */
export function workingDaysBefore(now: Date, days: number): Date {
  let date = londonDate(now);
  let calendarDays = 0;
  for (let counted = 0; counted < days; ) {
    date = previousDate(date);
    calendarDays += 1;
    if (isWorkingDay(date)) counted += 1;
  }
  return new Date(now.getTime() - calendarDays * DAY_MS);
}
