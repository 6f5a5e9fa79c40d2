/**
 * Meetings are kept as wall-clock times in England (a date and "13:00"), never as UTC offsets, so
 * 13:00 stays 13:00 on both sides of a clock change. An instant is worked out only where one is
 * needed: an .ics file, or whether the agenda list has closed.
 */

const DAY_MS = 86_400_000;

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** Minutes England is ahead of UTC at an instant: 0 in winter (GMT), 60 in summer (BST). */
export function londonOffsetMinutes(at: Date): number {
  const p = Object.fromEntries(londonParts.formatToParts(at).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
  return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

/**
 * The instant of a wall-clock time in England. A time that does not exist (the hour skipped in
 * March) is taken as the same clock reading an hour later, as a clock on the wall would show it; a
 * time that happens twice (the hour repeated in October) is taken at its first, summer-time, reading.
 */
export function londonToUtc(date: string, time: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, h, min);
  const summer = wall - 60 * 60_000;
  if (londonOffsetMinutes(new Date(summer)) === 60) return new Date(summer);
  const winter = wall;
  if (londonOffsetMinutes(new Date(winter)) === 0) return new Date(winter);
  // In the skipped hour: neither reading holds.
  return new Date(wall);
}

/** The wall-clock date and time in England at an instant. */
export function londonWallClock(at: Date): { date: string; time: string } {
  const p = Object.fromEntries(londonParts.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** "13:05" → 785. */
export function minutesOfDay(time: string): number {
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** 785 → "13:05" (wraps past midnight). */
export function timeOfDay(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 Sunday … 6 Saturday. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay();
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T12:00:00Z`) - Date.parse(`${from}T12:00:00Z`)) / DAY_MS);
}

/** The last day of a month given as YYYY-MM. */
export function lastDayOfMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const shortWeekdays = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export function weekdayName(weekday: number): string {
  return weekdayNames[weekday] ?? '';
}

/** "Tue 10/02/2026". */
export function ukDayDate(date: string): string {
  const [y, m, d] = date.split('-');
  return `${shortWeekdays[weekdayOf(date)]} ${d}/${m}/${y}`;
}

/** "February 2026" from a date or a month. */
export function monthName(dateOrMonth: string): string {
  const [y, m] = dateOrMonth.split('-').map(Number) as [number, number];
  return `${monthNames[m - 1]} ${y}`;
}
