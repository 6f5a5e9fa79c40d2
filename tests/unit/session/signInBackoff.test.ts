import { readFileSync, writeFileSync } from 'node:fs';
import { fixedClock } from '../../../main/clock/clock';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../main/contract/audit';
import type { ListedUser, SessionState } from '../../../main/contract/people';
import { dispatch } from '../../../main/dispatch/dispatch';
import { PENDING_LIMIT } from '../../../main/session/pendingAudit';
import { Session } from '../../../main/session/session';
import { call, MANAGER_PASSWORD, newInstallation, TEST_KDF } from '../../support/installation';
import { addUser, errorOf, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const WRONG = 'not my password at all';
const LEE_PASSWORD = 'my own new password'; // what signInAs chooses for Lee

/** An installation at 14:00 on a summer's day in England (13:00 UTC), whose clock the test moves. */
async function practiceAt(iso = '2026-07-01T13:00:00.000Z') {
  const clock = fixedClock(iso);
  const folder = tempFolder();
  const { session } = await newInstallation(folder, clock);
  const lee = await addUser(session, 'lee', 'link_worker', [1], 'Lee Worker');
  await signInAs(session, 'lee');
  await call(session, 'auth.logout');
  return { session, folder, clock, lee, advance: (ms: number) => clock.advance(ms) };
}

async function attempt(session: Session, username: string, password: string) {
  return dispatch(session, 'auth.login', { username, password });
}

async function auditEntries(session: Session): Promise<AuditEntry[]> {
  return [...((await call(session, 'audit.list', { limit: 500 })) as { entries: AuditEntry[] }).entries].reverse();
}

describe('guessing passwords at the sign-in', () => {
  it('pauses a username after 5 wrong passwords, says until when in England’s time, and does not try even the right one meanwhile', async () => {
    const { session, advance } = await practiceAt();
    for (let i = 1; i <= 4; i += 1) expect(errorOf(await attempt(session, 'lee', WRONG)).code).toBe('WRONG_PASSWORD');
    const fifth = errorOf(await attempt(session, 'lee', WRONG));
    expect(fifth.code).toBe('TOO_MANY_ATTEMPTS');
    expect(fifth.message).toBe('The username or password is not right. Check Caps Lock and try again. Too many attempts: try again after 14:01.');
    expect(fifth.fieldErrors?.password).toEqual([fifth.message]);

    advance(30 * SECOND);
    const right = errorOf(await attempt(session, 'lee', LEE_PASSWORD));
    expect(right.code).toBe('TOO_MANY_ATTEMPTS');
    expect(right.message).toBe('Too many attempts: try again after 14:01.');

    advance(31 * SECOND);
    expect(((await call(session, 'auth.login', { username: 'lee', password: LEE_PASSWORD })) as SessionState).state).toBe('active');
  });

  it('doubles the pause with each further wrong password', async () => {
    const { session, advance } = await practiceAt();
    for (let i = 1; i <= 5; i += 1) await attempt(session, 'lee', WRONG);
    advance(MINUTE); // 14:01: the first pause is over
    // The sixth: two minutes from 14:01, so 14:03.
    expect(errorOf(await attempt(session, 'lee', WRONG)).message).toMatch(/try again after 14:03\.$/);
    advance(2 * MINUTE);
    // The seventh: four minutes from 14:03.
    expect(errorOf(await attempt(session, 'lee', WRONG)).message).toMatch(/try again after 14:07\.$/);
    advance(3 * MINUTE + 59 * SECOND);
    expect(errorOf(await attempt(session, 'lee', LEE_PASSWORD)).code).toBe('TOO_MANY_ATTEMPTS');
    advance(SECOND);
    expect((await attempt(session, 'lee', LEE_PASSWORD)).ok).toBe(true);
  });

  it('keeps the pause across a restart of Signpost', async () => {
    const { folder, session, clock } = await practiceAt();
    for (let i = 1; i <= 5; i += 1) await attempt(session, 'lee', WRONG);
    const restarted = new Session({ dataFolder: folder, kdf: TEST_KDF, clock });
    const e = errorOf(await attempt(restarted, 'lee', LEE_PASSWORD));
    expect(e.code).toBe('TOO_MANY_ATTEMPTS');
    // The file beside the database holds usernames, counts and times: never a password.
    const kept = readFileSync(restarted.paths.signInAttempts, 'utf8');
    expect(kept).toContain('"lee"');
    expect(kept).not.toContain(WRONG);
  });

  it('pauses an unknown username exactly as a known one, so the pause says nothing about who exists', async () => {
    const { session } = await practiceAt();
    const messages = [];
    for (const username of ['lee', 'mallory']) {
      for (let i = 1; i <= 4; i += 1) await attempt(session, username, WRONG);
      messages.push(errorOf(await attempt(session, username, WRONG)));
    }
    expect(messages[1]).toEqual(messages[0]);
  });

  it('starts the count afresh after a right password', async () => {
    const { session } = await practiceAt();
    for (let i = 1; i <= 4; i += 1) await attempt(session, 'lee', WRONG);
    await call(session, 'auth.login', { username: 'lee', password: LEE_PASSWORD });
    await call(session, 'auth.logout');
    for (let i = 1; i <= 4; i += 1) expect(errorOf(await attempt(session, 'lee', WRONG)).code).toBe('WRONG_PASSWORD');
  });

  it('pauses the whole installation when guesses are spread over many usernames', async () => {
    const { session } = await practiceAt();
    for (let i = 1; i <= 20; i += 1) await attempt(session, `guess${i}`, WRONG);
    const e = errorOf(await attempt(session, 'pat', MANAGER_PASSWORD));
    expect(e.code).toBe('TOO_MANY_ATTEMPTS');
    expect(e.message).toBe('Too many attempts: try again after 14:01.');
  });

  it('counts wrong passwords at the lock screen and in a password change too', async () => {
    const { session } = await practiceAt();
    await call(session, 'auth.login', { username: 'lee', password: LEE_PASSWORD });
    await call(session, 'auth.lock');
    for (let i = 1; i <= 5; i += 1) await dispatch(session, 'auth.unlock', { password: WRONG });
    expect(errorOf(await dispatch(session, 'auth.unlock', { password: LEE_PASSWORD })).code).toBe('TOO_MANY_ATTEMPTS');

    const { session: other } = await practiceAt();
    await call(other, 'auth.login', { username: 'lee', password: LEE_PASSWORD });
    for (let i = 1; i <= 5; i += 1) await dispatch(other, 'auth.changePassword', { currentPassword: WRONG, newPassword: 'a brand new secret 5' });
    const e = errorOf(await dispatch(other, 'auth.changePassword', { currentPassword: LEE_PASSWORD, newPassword: 'a brand new secret 5' }));
    expect(e.code).toBe('TOO_MANY_ATTEMPTS');
    expect(e.fieldErrors?.currentPassword?.[0]).toMatch(/^Too many attempts: try again after \d\d:\d\d\.$/);
  });

  it('shows the date too when the pause ends on another day in England', async () => {
    // 23:59:30 in London on 1 July 2026.
    const { session } = await practiceAt('2026-07-01T22:59:30.000Z');
    for (let i = 1; i <= 4; i += 1) await attempt(session, 'lee', WRONG);
    expect(errorOf(await attempt(session, 'lee', WRONG)).message).toMatch(/try again after 00:01 on 02\/07\/2026\.$/);
  });
});

describe('a manager lifting a pause', () => {
  it('lists the paused user and lets them sign in again at once, with an audit entry', async () => {
    const { session, lee } = await practiceAt();
    for (let i = 1; i <= 5; i += 1) await attempt(session, 'lee', WRONG);
    await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    const row = ((await call(session, 'users.list')) as ListedUser[]).find((u) => u.id === lee)!;
    expect(row.signInPausedUntil).toBe('2026-07-01T13:01:00.000Z');
    expect(row.may.allowSignIn).toBe(true);

    await call(session, 'users.allowSignIn', { id: lee });
    const last = (await auditEntries(session)).at(-1)!;
    expect(last).toMatchObject({ action: 'users.allowSignIn', actorName: 'Pat Manager', targetId: String(lee), outcome: 'ok' });
    expect(((await call(session, 'users.list')) as ListedUser[]).find((u) => u.id === lee)!.signInPausedUntil).toBeNull();

    await call(session, 'auth.logout');
    expect((await attempt(session, 'lee', LEE_PASSWORD)).ok).toBe(true);
  });

  it('is refused to a manager who does not cover the user’s practice', async () => {
    const { session, lee } = await practiceAt();
    await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    await addUser(session, 'mia', 'practice_manager', [2], 'Mia Manager');
    await signInAs(session, 'mia');
    await call(session, 'auth.logout');
    for (let i = 1; i <= 5; i += 1) await attempt(session, 'lee', WRONG);
    await signInAs(session, 'mia');
    expect(errorOf(await dispatch(session, 'users.allowSignIn', { id: lee })).code).toBe('FORBIDDEN');
    await call(session, 'auth.logout');
    expect(errorOf(await attempt(session, 'lee', LEE_PASSWORD)).code).toBe('TOO_MANY_ATTEMPTS');
  });
});

describe('the failed sign-ins waiting for the audit log', () => {
  // At plausible times (after the installation was set up at 13:00, not in the future): lines at
  // other times are refused as forged, which is tested in tests/unit/audit/anchor.test.ts.
  function failedLine(i: number): string {
    const at = new Date(Date.UTC(2026, 6, 1, 13, 0, 0) + i).toISOString();
    return `${JSON.stringify({ at, actorUserId: null, actorName: `guess${i}`, action: 'auth.login', outcome: 'failed', detail: 'unknown or disabled username' })}\n`;
  }

  it('are capped: a file of 120,000 lines no longer stops every sign-in, and the rest are counted in one entry', async () => {
    const { session } = await practiceAt();
    writeFileSync(session.paths.pendingAudit, Array.from({ length: 120_000 }, (_, i) => failedLine(i)).join(''));
    const state = (await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD })) as SessionState;
    expect(state.state).toBe('active');

    const failed = session.active().store.raw.prepare("SELECT count(*) AS n FROM audit_log WHERE outcome = 'failed'").get() as { n: number };
    expect(failed.n).toBe(PENDING_LIMIT);
    const summary = session.active().store.raw.prepare("SELECT * FROM audit_log WHERE action = 'auth.failures'").get() as { detail: string; outcome: string };
    expect(summary.outcome).toBe('failed');
    expect(summary.detail).toMatch(new RegExp(`^${120_000 - PENDING_LIMIT + 1} more failed sign-ins from 2026-07-01T13:00:00.999Z to 2026-07-01T13:01:59.999Z`));
    expect(await call(session, 'audit.verify')).toMatchObject({ ok: true });
  });

  it('stop growing once full: later failures are folded into the summary line', async () => {
    const { session, advance } = await practiceAt();
    writeFileSync(session.paths.pendingAudit, Array.from({ length: PENDING_LIMIT }, (_, i) => failedLine(i)).join(''));
    await attempt(session, 'mallory', WRONG);
    advance(SECOND);
    await attempt(session, 'eve', WRONG);
    const lines = readFileSync(session.paths.pendingAudit, 'utf8').split('\n').filter(Boolean);
    expect(lines).toHaveLength(PENDING_LIMIT);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ action: 'auth.failures', count: 3, lastAt: '2026-07-01T13:00:01.000Z' });
  });
});
