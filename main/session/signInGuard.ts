import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from '../store/atomicWrite';

/**
 * Back-off for password guessing at the sign-in and lock screens. It must work before any key is
 * known, so it lives beside the database in a small plain JSON file (usernames, counts and times
 * only), written atomically so that a crash never loses it and a restart does not reset it.
 *
 * It slows guessing through the app. It cannot stop someone who copies keyslots.json and guesses
 * offline: that is what scrypt's cost and the strength check on every new password are for.
 */

export interface BackoffPolicy {
  /** Failures in a row that cost nothing; the next ones each pause sign-in for longer. */
  freeFailures: number;
  firstPauseMs: number;
  longestPauseMs: number;
}

/** Per username: after 5 failures in a row, 1 minute, then 2, 4, 8 … up to an hour. */
export const USER_BACKOFF: BackoffPolicy = { freeFailures: 5, firstPauseMs: 60_000, longestPauseMs: 60 * 60_000 };
/**
 * The whole installation (guesses spread over many usernames): more slack, since several people
 * share a PC and mistype, and a shorter longest pause, since it keeps everyone out meanwhile.
 */
export const INSTALLATION_BACKOFF: BackoffPolicy = { freeFailures: 20, firstPauseMs: 60_000, longestPauseMs: 15 * 60_000 };

/** Enough for every real user and many mistyped names; the oldest beyond it are forgotten. */
const MAX_USERNAMES = 500;

const Counter = z.object({ failures: z.number().int().nonnegative(), lastFailureAt: z.string(), pausedUntil: z.string().nullable() });
type Counter = z.infer<typeof Counter>;
const GuardFile = z.object({
  version: z.literal(1),
  installation: Counter.nullable(),
  // A list, not an object keyed by username: a typed username is never used as a property name.
  users: z.array(Counter.extend({ username: z.string() })),
});
type GuardFile = z.infer<typeof GuardFile>;

const empty = (): GuardFile => ({ version: 1, installation: null, users: [] });

/** A failure counted, and the pause it sets (null while still within the free failures). */
function counted(before: Counter | null, now: Date, policy: BackoffPolicy): Counter {
  const failures = (before?.failures ?? 0) + 1;
  const over = failures - policy.freeFailures;
  const pause = over < 0 ? 0 : Math.min(policy.firstPauseMs * 2 ** Math.min(over, 30), policy.longestPauseMs);
  return { failures, lastFailureAt: now.toISOString(), pausedUntil: pause > 0 ? new Date(now.getTime() + pause).toISOString() : null };
}

function stillPaused(c: Counter | null | undefined, now: Date): Date | null {
  if (!c?.pausedUntil) return null;
  const until = new Date(c.pausedUntil);
  return until.getTime() > now.getTime() ? until : null;
}

export class SignInGuard {
  constructor(
    private readonly path: string,
    private readonly policies = { user: USER_BACKOFF, installation: INSTALLATION_BACKOFF },
  ) {}

  /** Until when sign-in is paused for this username (or for everyone), or null when it is not. */
  pausedUntil(username: string, now: Date): Date | null {
    const file = this.read();
    const times = [stillPaused(file.installation, now), stillPaused(file.users.find((u) => u.username === username), now)];
    const latest = times.filter((t): t is Date => t !== null).sort((a, b) => b.getTime() - a.getTime())[0];
    return latest ?? null;
  }

  /** Counts a wrong password; returns the pause it starts, if any. */
  recordFailure(username: string, now: Date): Date | null {
    const file = this.read();
    const before = file.users.find((u) => u.username === username) ?? null;
    const user = { username, ...counted(before, now, this.policies.user) };
    const installation = counted(file.installation, now, this.policies.installation);
    const others = file.users.filter((u) => u.username !== username);
    // Newest first, so the oldest mistyped names are the ones dropped past the limit.
    this.write({ version: 1, installation, users: [user, ...others].slice(0, MAX_USERNAMES) });
    return this.pausedUntil(username, now);
  }

  /** A right password: this username starts afresh, and so does the installation's count. */
  recordSuccess(username: string): void {
    const file = this.read();
    if (file.installation === null && !file.users.some((u) => u.username === username)) return;
    this.write({ version: 1, installation: null, users: file.users.filter((u) => u.username !== username) });
  }

  /** A manager lets this person try again now. */
  allow(username: string): void {
    const file = this.read();
    this.write({ ...file, users: file.users.filter((u) => u.username !== username) });
  }

  /** Every username whose sign-in is paused now, with until when (for the Users screen). */
  pausedUsernames(now: Date): Map<string, Date> {
    const file = this.read();
    const out = new Map<string, Date>();
    for (const u of file.users) {
      const until = stillPaused(u, now);
      if (until) out.set(u.username, until);
    }
    return out;
  }

  private read(): GuardFile {
    if (!existsSync(this.path)) return empty();
    try {
      const parsed = GuardFile.safeParse(JSON.parse(readFileSync(this.path, 'utf8')));
      // A damaged file is read as empty: the counts are a brake on guessing, never a key to anything.
      return parsed.success ? parsed.data : empty();
    } catch {
      return empty();
    }
  }

  private write(file: GuardFile): void {
    writeFileAtomic(this.path, `${JSON.stringify(file)}\n`);
  }
}

const londonTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const londonDate = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', day: '2-digit', month: '2-digit', year: 'numeric' });

/** "Too many attempts: try again after 14:32" in England's time, with the date when it is not today. */
export function tryAgainMessage(until: Date, now: Date): string {
  // Rounded up to the minute, so "after 14:32" is never a moment too early.
  const shown = new Date(Math.ceil(until.getTime() / 60_000) * 60_000);
  const day = londonDate.format(shown) === londonDate.format(now) ? '' : ` on ${londonDate.format(shown)}`;
  return `Too many attempts: try again after ${londonTime.format(shown)}${day}.`;
}
