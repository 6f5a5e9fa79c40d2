import { z } from 'zod';

// ---------------------------------------------------------------- "now" while a schema is parsed
//
// Some checks compare what was typed with the present ("cannot be in the future"). Main's clock is
// the only source of the present: dispatch parses every input inside `parseAt(ctx.now, …)`, so the
// check and the handler see the same instant and tests can fix it. zod parses synchronously, so the
// instant cannot leak into another call. The renderer, which only mirrors main's checks for the
// person's convenience, installs its own reading of the time with `setViewClock`.

let parsingAt: Date | null = null;
let viewClock: (() => Date) | null = null;

/** Runs a synchronous parse with `at` as the present for every time check inside it. */
export function parseAt<T>(at: Date, parse: () => T): T {
  const outer = parsingAt;
  parsingAt = at;
  try {
    return parse();
  } finally {
    parsingAt = outer;
  }
}

/** For the renderer (and component tests): where the present comes from outside `parseAt`. */
export function setViewClock(clock: (() => Date) | null): void {
  viewClock = clock;
}

/** The present for a time check; refuses to guess when nobody said what time it is. */
export function ruleNow(): Date {
  if (parsingAt) return parsingAt;
  if (viewClock) return viewClock();
  throw new Error('A time check ran outside parseAt: parse through dispatch or pass the clock.');
}

// ---------------------------------------------------------------- dates and times in England

const londonDate = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** The date in England at `now`, `YYYY-MM-DD` ("today" is never the UTC date). */
export function londonToday(now: Date): string {
  return londonDate.format(now);
}

/** The wall-clock time in England at `now`, `YYYY-MM-DDTHH:mm` (what a datetime-local field holds). */
export function londonNowLocal(now: Date): string {
  const p = Object.fromEntries(londonParts.formatToParts(now).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** True when `YYYY-MM-DD` names a day that exists (no 31 February). */
export function isRealDate(v: string): boolean {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** The ISO date `days` days after `date` (before, when negative). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** A day that has happened: today in England or earlier. */
export function notAfterToday<S extends z.ZodType<string | null>>(schema: S, message: string) {
  return schema.refine((v) => v === null || v <= londonToday(ruleNow()), message);
}
