import { londonNowLocal, londonToday, setViewClock } from '../../main/contract/time';
import { call } from '../api/client';

// The renderer shows main's time, not the PC's: a form's "today" must be the day main's rules
// check against (a server's clock, or a test's fixed one), so the renderer keeps main's offset.
let offsetMs = 0;

export function viewNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Takes main's reading `mainNow`, made at the renderer's moment `at`, as the time from now on. */
export function alignViewClock(mainNow: Date, at: number = Date.now()): void {
  offsetMs = mainNow.getTime() - at;
}

/** Asks main for its time; the round trip's midpoint is taken as the moment it answered. */
export async function followMainClock(): Promise<void> {
  const sent = Date.now();
  const { now } = await call('app.time', {});
  alignViewClock(new Date(now), Math.round((sent + Date.now()) / 2));
}

setViewClock(viewNow);

/** Today in England, by main's clock. */
export const today = (): string => londonToday(viewNow());

/** Now as an England wall-clock time for a datetime-local field, by main's clock. */
export const nowLocal = (): string => londonNowLocal(viewNow());
