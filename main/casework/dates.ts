import { londonNowLocal } from '../contract/time';

/** Whole minutes between London wall-clock time and UTC at this instant (60 in summer, 0 in winter). */
function londonOffsetMs(utcMs: number): number {
  return Date.parse(`${londonNowLocal(new Date(utcMs))}:00Z`) - Math.floor(utcMs / 60_000) * 60_000;
}

/**
 * A wall-clock time in England (`YYYY-MM-DDTHH:mm`, as a datetime-local field holds it) as a UTC
 * ISO timestamp. In the autumn's repeated hour the second (GMT) reading is taken; a time in the
 * spring's missing hour moves forward by the hour, as a clock does.
 */
export function londonLocalToUtc(local: string): string {
  const asUtc = Date.parse(`${local}:00Z`);
  let guess = asUtc - londonOffsetMs(asUtc);
  guess = asUtc - londonOffsetMs(guess);
  return new Date(guess).toISOString();
}

/** Calendar days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
