import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import type { AuditEntry } from '../../../main/contract/audit';
import type { AppErrorShape, Result } from '../../../main/contract/errors';
import type { SessionState, UserRow } from '../../../main/contract/people';
import { dispatch } from '../../../main/dispatch/dispatch';
import { Session } from '../../../main/session/session';
import { applyKey, openEncrypted } from '../../../main/store/database';
import { newDataKey } from '../../../main/store/keySlots';
import { call, MANAGER_PASSWORD, newInstallation, TEST_KDF, TEST_NOW } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const TEMPORARY = 'temporary password 1';
const CHOSEN = 'lee chose this one';

function errorOf(r: Result<unknown>): AppErrorShape {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.result)}`);
  return r.error;
}

async function auditEntries(session: Session): Promise<AuditEntry[]> {
  return [...((await call(session, 'audit.list', { limit: 500 })) as { entries: AuditEntry[] }).entries].reverse();
}

async function stateOf(session: Session): Promise<SessionState['state']> {
  return ((await call(session, 'auth.state')) as SessionState).state;
}

describe('the idle lock when the database is busy', () => {
  it('still locks at once, closes the database and overwrites the key, and records the lock at the next unlock', async () => {
    const clock = fixedClock('2026-01-05T09:00:00Z');
    const { session } = await newInstallation(tempFolder(), clock);
    const { raw, } = session.active().store;
    const key = session.active().dataKey;
    // Another program holds the write lock: the lock's audit entry cannot be written.
    const other = openEncrypted(session.paths.database, Buffer.from(key), { mustExist: true });
    other.raw.exec('BEGIN IMMEDIATE');
    clock.advance(11 * 60_000);

    const started = performance.now();
    await expect(session.lockIfIdle()).resolves.toBe(true);
    expect(performance.now() - started).toBeLessThan(4000);
    expect(session.view().state).toBe('locked');
    expect(raw.open).toBe(false);
    expect(key.equals(Buffer.alloc(32))).toBe(true);

    other.raw.exec('COMMIT');
    await other.close();
    await call(session, 'auth.unlock', { password: MANAGER_PASSWORD });
    const lock = (await auditEntries(session)).find((e) => e.action === 'auth.lock');
    expect(lock).toMatchObject({ detail: 'idle time-out; recorded late: the database was busy', at: '2026-01-05T09:11:00.000Z' });
  });

  it('signs out even when the sign-out entry cannot be written', async () => {
    const { session } = await newInstallation(tempFolder());
    const { raw } = session.active().store;
    const other = openEncrypted(session.paths.database, Buffer.from(session.active().dataKey), { mustExist: true });
    other.raw.exec('BEGIN IMMEDIATE');
    expect((await dispatch(session, 'auth.logout', {})).ok).toBe(true);
    expect(raw.open).toBe(false);
    other.raw.exec('COMMIT');
    await other.close();
  });
});

describe('the data key in memory', () => {
  it('is handed to SQLCipher as bytes that are overwritten at once, never as a string holding it in hex', () => {
    const raw = new BetterSqlite3(join(tempFolder(), 'probe.db'));
    const key = newDataKey();
    const hex = key.toString('hex');
    const pragmas: string[] = [];
    const given: Buffer[] = [];
    const pragma = raw.pragma.bind(raw);
    vi.spyOn(raw, 'pragma').mockImplementation((source: string, options?: BetterSqlite3.PragmaOptions) => {
      pragmas.push(source);
      return pragma(source, options);
    });
    const keyFn = raw.key.bind(raw);
    vi.spyOn(raw, 'key').mockImplementation((k: Buffer) => {
      given.push(k);
      expect(k.toString('latin1')).toBe(`x'${hex}'`);
      return keyFn(k);
    });
    applyKey(raw, key);
    raw.prepare('CREATE TABLE t (x)').run();
    expect(pragmas.some((p) => p.toLowerCase().includes(hex))).toBe(false);
    expect(given).toHaveLength(1);
    expect(given[0]!.every((b) => b === 0)).toBe(true);
    raw.close();
  });

  it('is overwritten when Signpost locks and when it signs out', async () => {
    const { session } = await newInstallation(tempFolder());
    const beforeLock = session.active().dataKey;
    await call(session, 'auth.lock');
    expect(beforeLock.equals(Buffer.alloc(32))).toBe(true);
    await call(session, 'auth.unlock', { password: MANAGER_PASSWORD });
    const beforeSignOut = session.active().dataKey;
    await call(session, 'auth.logout');
    expect(beforeSignOut.equals(Buffer.alloc(32))).toBe(true);
  });
});

describe('a session whose access changed', () => {
  async function twoWindows() {
    const folder = tempFolder();
    const { session: manager } = await newInstallation(folder);
    const lee = (await call(manager, 'users.create', {
      fullName: 'Lee Worker', username: 'lee', role: 'link_worker', practiceIds: [1, 2], temporaryPassword: TEMPORARY,
    })) as UserRow;
    const leeWindow = new Session({ dataFolder: folder, kdf: TEST_KDF, clock: fixedClock(TEST_NOW) });
    await call(leeWindow, 'auth.login', { username: 'lee', password: TEMPORARY });
    await call(leeWindow, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: CHOSEN });
    expect((await dispatch(leeWindow, 'practices.list', {})).ok).toBe(true);
    return { manager, lee, leeWindow };
  }

  it('ends at the next call once the user is disabled', async () => {
    const { manager, lee, leeWindow } = await twoWindows();
    await call(manager, 'users.disable', { id: lee.id });
    const e = errorOf(await dispatch(leeWindow, 'practices.list', {}));
    expect(e).toMatchObject({ code: 'UNAUTHENTICATED', message: 'A practice manager has disabled your account, so Signpost has signed you out.' });
    expect(await stateOf(leeWindow)).toBe('signed-out');
    expect((await auditEntries(manager)).filter((x) => x.actorName === 'Lee Worker').at(-1)).toMatchObject({
      action: 'auth.logout', detail: 'signed out: the account was disabled',
    });
  });

  it('ends at the next call once the user is given a lesser role, or loses a practice', async () => {
    const demoted = await twoWindows();
    await call(demoted.manager, 'users.update', { id: demoted.lee.id, fullName: 'Lee Worker', role: 'reception', practiceIds: [1, 2] });
    expect(errorOf(await dispatch(demoted.leeWindow, 'referrals.inbox', {})).code).toBe('UNAUTHENTICATED');
    expect(await stateOf(demoted.leeWindow)).toBe('signed-out');

    const moved = await twoWindows();
    await call(moved.manager, 'users.update', { id: moved.lee.id, fullName: 'Lee Worker', role: 'link_worker', practiceIds: [1] });
    const e = errorOf(await dispatch(moved.leeWindow, 'practices.list', {}));
    expect(e.message).toBe('A practice manager has changed your role or practices, so Signpost has signed you out: sign in again to carry on.');
    // Signing in again gives the new access.
    await call(moved.leeWindow, 'auth.login', { username: 'lee', password: CHOSEN });
    expect((await dispatch(moved.leeWindow, 'practices.list', {})).ok).toBe(true);
  });

  it('carries on when nothing about the user changed', async () => {
    const { manager, lee, leeWindow } = await twoWindows();
    await call(manager, 'users.update', { id: lee.id, fullName: 'Lee Worker-Smith', role: 'link_worker', practiceIds: [2, 1] });
    expect((await dispatch(leeWindow, 'practices.list', {})).ok).toBe(true);
  });
});
