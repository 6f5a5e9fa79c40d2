import type { ApiError } from '../api/client';
import { today } from '../shared/clock';

const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const months = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "Tue 10/02/2026" from 2026-02-10, without time zones (a wall-clock date). */
export function dayDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return `${days[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${months[m - 1]} ${y}`;
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const n = y * 12 + (m - 1) + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

/** Today's date in England. */
export function todayInEngland(): string {
  return today();
}

/** A UTC instant as 25/11/2026 14:05 in England. */
export function ukDateTimeInEngland(iso: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(iso))
    .replace(',', '');
}

/** The first message main gave for a field, for its helper text. */
export function fieldError(error: ApiError | undefined, ...keys: string[]): string | undefined {
  if (!error) return undefined;
  for (const key of keys) {
    const found = Object.entries(error.fieldErrors).find(([k]) => k === key || k.startsWith(`${key}.`));
    if (found) return found[1][0];
  }
  return undefined;
}

/**
 * Clashes that repeat (the same two series, every month) as one line naming the dates, so a
 * planner reads "on 12 dates: Tue 08/12/2026, Tue 12/01/2027, …" instead of twelve lines.
 */
export function groupedClashMessages(clashes: readonly { linkWorkerName: string; kind: string; date: string; message: string; meetings: readonly { practiceName: string; startTime: string; endTime: string }[] }[]): string[] {
  const groups = new Map<string, { first: string; firstDate: string; dates: string[] }>();
  for (const c of clashes) {
    const key = [c.linkWorkerName, c.kind, ...c.meetings.map((m) => `${m.practiceName} ${m.startTime}-${m.endTime}`)].join('|');
    const g = groups.get(key);
    if (g) g.dates.push(c.date);
    else groups.set(key, { first: c.message, firstDate: c.date, dates: [c.date] });
  }
  return [...groups.values()].map((g) => {
    if (g.dates.length === 1) return g.first;
    const shown = g.dates.slice(0, 4).map(dayDate).join(', ') + (g.dates.length > 4 ? ', …' : '');
    return g.first.replace(` on ${dayDate(g.firstDate)}`, ` on ${g.dates.length} dates (${shown})`);
  });
}
