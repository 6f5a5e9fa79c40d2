/**
 * Bank holidays in England and Wales (GOV.UK), as ISO dates. A bundled list, because Signpost
 * makes no network requests; one-off holidays (a coronation, a jubilee) are announced years ahead,
 * so the list is the source of truth and is extended by a release before it runs out.
 */
export const bankHolidaysEnglandWales: Readonly<Record<number, readonly string[]>> = {
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
  2028: ['2028-01-03', '2028-04-14', '2028-04-17', '2028-05-01', '2028-05-29', '2028-08-28', '2028-12-25', '2028-12-26'],
};

const DAY_MS = 86_400_000;

function utc(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Easter Sunday (Gregorian, anonymous algorithm). */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

/** The first Monday on or after a date. */
function mondayOnOrAfter(ms: number): number {
  const offset = (8 - new Date(ms).getUTCDay()) % 7;
  return ms + offset * DAY_MS;
}

function lastMondayOf(year: number, month: number): number {
  const last = utc(year, month + 1, 0);
  return last - ((new Date(last).getUTCDay() + 6) % 7) * DAY_MS;
}

/** Christmas, Boxing Day and New Year move to the next free weekday when they fall at a weekend. */
function substituted(days: number[]): number[] {
  const taken = new Set<number>();
  return days.map((d) => {
    let day = d;
    while ([0, 6].includes(new Date(day).getUTCDay()) || taken.has(day)) day += DAY_MS;
    taken.add(day);
    return day;
  });
}

/** The usual rules, for years outside the bundled list (they miss one-off holidays). */
export function ruleBasedBankHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const [newYear] = substituted([utc(year, 1, 1)]);
  const christmas = substituted([utc(year, 12, 25), utc(year, 12, 26)]);
  return [
    newYear!,
    easter - 2 * DAY_MS,
    easter + DAY_MS,
    mondayOnOrAfter(utc(year, 5, 1)),
    lastMondayOf(year, 5),
    lastMondayOf(year, 8),
    ...christmas,
  ].map(iso);
}

const cache = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  let set = cache.get(year);
  if (!set) {
    set = new Set(bankHolidaysEnglandWales[year] ?? ruleBasedBankHolidays(year));
    cache.set(year, set);
  }
  return set;
}

/** Whether an ISO date (YYYY-MM-DD) is a bank holiday in England and Wales. */
export function isBankHoliday(isoDate: string): boolean {
  return holidaysOf(Number(isoDate.slice(0, 4))).has(isoDate);
}
