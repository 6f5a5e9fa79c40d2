import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import type { AuditEntry } from '../../../main/contract/audit';
import type { AppErrorShape, Result } from '../../../main/contract/errors';
import type { SessionState } from '../../../main/contract/people';
import { dispatch } from '../../../main/dispatch/dispatch';
import type { Session } from '../../../main/session/session';
import { call, MANAGER_PASSWORD, newInstallation } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const MINUTE = 60_000;
const WRONG = 'not my password at all';

function errorOf(r: Result<unknown>): AppErrorShape {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.result)}`);
  return r.error;
}

/** An installation whose clock the test moves by hand. */
async function withClock() {
  const clock = fixedClock('2026-01-05T09:00:00Z');
  const { session } = await newInstallation(tempFolder(), clock);
  return { session, clock, advance: (ms: number) => clock.advance(ms) };
}

async function auditEntries(session: Session): Promise<AuditEntry[]> {
  const r = (await call(session, 'audit.list', { limit: 500 })) as { entries: AuditEntry[] };
  return [...r.entries].reverse(); // oldest first
}

async function stateOf(session: Session): Promise<SessionState['state']> {
  return ((await call(session, 'auth.state')) as SessionState).state;
}

describe('the idle lock', () => {
  it('locks the next call once the idle time has passed, and not a moment before', async () => {
    const { session, advance } = await withClock();
    advance(10 * MINUTE - 1);
    expect((await dispatch(session, 'practices.list', {})).ok).toBe(true);
    // That call was activity: the ten minutes start again from it.
    advance(10 * MINUTE - 1);
    expect((await dispatch(session, 'practices.list', {})).ok).toBe(true);
    advance(10 * MINUTE);
    const e = errorOf(await dispatch(session, 'practices.list', {}));
    expect(e.code).toBe('LOCKED');
    expect(await stateOf(session)).toBe('locked');
  });

  it('is not postponed by the renderer polling auth.state', async () => {
    const { session, advance } = await withClock();
    for (let i = 0; i < 9; i += 1) {
      advance(MINUTE);
      expect(await stateOf(session)).toBe('active');
    }
    advance(MINUTE);
    expect(await stateOf(session)).toBe('locked');
  });

  it('is postponed by a heartbeat', async () => {
    const { session, advance } = await withClock();
    advance(9 * MINUTE);
    await call(session, 'auth.heartbeat');
    advance(9 * MINUTE);
    expect(await stateOf(session)).toBe('active');
  });

  it('follows the manager’s idle-lock setting', async () => {
    const { session, advance } = await withClock();
    await call(session, 'settings.update', { idleLockMinutes: 2 });
    advance(2 * MINUTE);
    expect(errorOf(await dispatch(session, 'practices.list', {})).code).toBe('LOCKED');
  });

  it('closes the database when it locks', async () => {
    const { session, advance } = await withClock();
    const raw = session.active().store.raw;
    advance(11 * MINUTE);
    expect(await session.lockIfIdle()).toBe(true);
    expect(raw.open).toBe(false);
  });

  it('records the idle lock in the audit log', async () => {
    const { session, advance } = await withClock();
    advance(11 * MINUTE);
    await dispatch(session, 'practices.list', {});
    await call(session, 'auth.unlock', { password: MANAGER_PASSWORD });
    const actions = (await auditEntries(session)).map((e) => [e.action, e.detail]);
    expect(actions.slice(-2)).toEqual([['auth.lock', 'idle time-out'], ['auth.unlock', null]]);
  });
});

describe('unlocking', () => {
  it('reopens the session with the right password', async () => {
    const { session, advance } = await withClock();
    advance(11 * MINUTE);
    expect(errorOf(await dispatch(session, 'practices.list', {})).code).toBe('LOCKED');
    const state = (await call(session, 'auth.unlock', { password: MANAGER_PASSWORD })) as SessionState;
    expect(state.state).toBe('active');
    expect((await dispatch(session, 'practices.list', {})).ok).toBe(true);
  });

  it('refuses the wrong password with WRONG_PASSWORD and stays locked', async () => {
    const { session, advance } = await withClock();
    advance(11 * MINUTE);
    await session.lockIfIdle();
    const e = errorOf(await dispatch(session, 'auth.unlock', { password: WRONG }));
    expect(e.code).toBe('WRONG_PASSWORD');
    expect(e.fieldErrors).toHaveProperty('password');
    expect(await stateOf(session)).toBe('locked');
    expect(errorOf(await dispatch(session, 'practices.list', {})).code).toBe('LOCKED');
  });

  it('writes the failed attempt to the audit log at the next successful unlock, before the unlock itself', async () => {
    const { session, advance } = await withClock();
    advance(11 * MINUTE);
    await session.lockIfIdle();
    const failedAt = new Date(Date.UTC(2026, 0, 5, 9, 11, 0)).toISOString();
    await dispatch(session, 'auth.unlock', { password: WRONG });

    // While locked there is no key for the audit log: the attempt waits beside it, without the password.
    expect(existsSync(session.paths.pendingAudit)).toBe(true);
    const pending = readFileSync(session.paths.pendingAudit, 'utf8');
    expect(pending).not.toContain(WRONG);

    advance(MINUTE);
    await call(session, 'auth.unlock', { password: MANAGER_PASSWORD });
    expect(existsSync(session.paths.pendingAudit)).toBe(false);

    const entries = await auditEntries(session);
    const failed = entries.findIndex((e) => e.action === 'auth.unlock' && e.outcome === 'failed');
    expect(failed).toBeGreaterThanOrEqual(0);
    expect(entries[failed]).toMatchObject({
      actorUserId: session.active().user.id, actorName: 'pat', outcome: 'failed', detail: 'wrong password', at: failedAt,
    });
    expect(entries[failed + 1]).toMatchObject({ action: 'auth.unlock', outcome: 'ok', actorName: 'Pat Manager' });
    // Written once: a later sign-in does not repeat it.
    await call(session, 'auth.logout');
    await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    expect((await auditEntries(session)).filter((e) => e.outcome === 'failed')).toHaveLength(1);
  });

  it('also records a failed sign-in for an unknown username at the next sign-in', async () => {
    const { session } = await withClock();
    await call(session, 'auth.logout');
    expect(errorOf(await dispatch(session, 'auth.login', { username: 'mallory', password: WRONG })).code).toBe('WRONG_PASSWORD');
    await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    const failed = (await auditEntries(session)).filter((e) => e.outcome === 'failed');
    expect(failed).toEqual([
      expect.objectContaining({ action: 'auth.login', actorUserId: null, actorName: 'mallory', detail: 'unknown or disabled username' }),
    ]);
  });

  it('keeps the audit chain whole after pending entries are added', async () => {
    const { session } = await withClock();
    await call(session, 'auth.lock');
    await dispatch(session, 'auth.unlock', { password: WRONG });
    await dispatch(session, 'auth.unlock', { password: WRONG });
    await call(session, 'auth.unlock', { password: MANAGER_PASSWORD });
    expect(await call(session, 'audit.verify')).toMatchObject({ ok: true, firstBrokenId: null });
    expect((await auditEntries(session)).filter((e) => e.outcome === 'failed')).toHaveLength(2);
  });

  it('answers UNAUTHENTICATED to an unlock when nothing is locked', async () => {
    const { session } = await withClock();
    await call(session, 'auth.logout');
    expect(errorOf(await dispatch(session, 'auth.unlock', { password: MANAGER_PASSWORD })).code).toBe('UNAUTHENTICATED');
  });
});
