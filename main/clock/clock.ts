import { performance } from 'node:perf_hooks';

/**
 * The one clock of main. Every rule that reads the time asks a Clock; only this module reads the
 * machine's wall clock. Tests and the development host's test flag hand in their own.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stands still at `at` until a test moves it. */
export interface FixedClock extends Clock {
  set(at: string | Date): void;
  advance(ms: number): void;
}

export function fixedClock(at: string | Date): FixedClock {
  let ms = instant(at);
  return {
    now: () => new Date(ms),
    set: (to) => { ms = instant(to); },
    advance: (by) => { ms += by; },
  };
}

/**
 * A clock that starts at `at` and then runs at the machine's pace (monotonic, so a change of the
 * machine's clock does not move it): for end-to-end runs that must not depend on the hour, yet need
 * time to pass for the idle lock.
 */
export function clockStartingAt(at: string | Date): Clock {
  const start = instant(at);
  const origin = performance.now();
  return { now: () => new Date(start + Math.round(performance.now() - origin)) };
}

function instant(at: string | Date): number {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  if (Number.isNaN(ms)) throw new Error(`Not a time: ${String(at)}`);
  return ms;
}
