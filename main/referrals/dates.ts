import { londonDate } from '../calendar/workingDays';

/** A date or timestamp as people in England read it: 25/11/2026 (the timestamp's date in England). */
export function ukDate(isoDateOrTimestamp: string): string {
  const date = isoDateOrTimestamp.length === 10 ? isoDateOrTimestamp : londonDate(new Date(isoDateOrTimestamp));
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

/** A date typed as dd/mm/yyyy (also with dashes or dots) or yyyy-mm-dd, as an ISO date; null if it is not a real date. */
export function parseTypedDate(typed: string): string | null {
  const uk = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(typed);
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(typed);
  const parts = uk ? [uk[3], uk[2], uk[1]] : iso ? [iso[1], iso[2], iso[3]] : null;
  if (!parts) return null;
  const [y, m, d] = parts.map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}
