import { createCipheriv, randomBytes, scryptSync } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import type { AuditEntry } from '../../../main/contract/audit';
import type { AppErrorShape, Result } from '../../../main/contract/errors';
import type { UserRow } from '../../../main/contract/people';
import type { KeyRotation, KeyStatus } from '../../../main/contract/security';
import { dispatch } from '../../../main/dispatch/dispatch';
import { Session } from '../../../main/session/session';
import type { AtomicWriteHooks } from '../../../main/store/atomicWrite';
import { openEncrypted } from '../../../main/store/database';
import { findUserSlot, readSlotFile, type Slot, unwrapSlot } from '../../../main/store/keySlots';
import { call, MANAGER_PASSWORD, newInstallation, TEST_KDF, TEST_NOW } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const TEMPORARY = 'temporary password 1';

function errorOf(r: Result<unknown>): AppErrorShape {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.result)}`);
  return r.error;
}

async function addUser(session: Session, username: string, fullName: string, role = 'link_worker'): Promise<UserRow> {
  return (await call(session, 'users.create', { fullName, username, role, practiceIds: [1], temporaryPassword: TEMPORARY })) as UserRow;
}

/** What someone holding a copy of keyslots.json and a password can unwrap from it, outside the app. */
function keyFromCopy(copy: string, username: string, password: string): Buffer {
  const slot = findUserSlot(JSON.parse(copy) as Parameters<typeof findUserSlot>[0], username);
  const key = slot ? unwrapSlot(slot, password) : null;
  if (!key) throw new Error(`the copy does not open for ${username}`);
  return key;
}

/** Whether that key opens the live database, as sqlite tooling with the key would try. */
async function opensLiveDatabase(databasePath: string, key: Buffer): Promise<boolean> {
  try {
    const store = openEncrypted(databasePath, key, { mustExist: true });
    store.raw.prepare('SELECT count(*) FROM referral').get();
    await store.close();
    return true;
  } catch {
    return false;
  }
}

async function auditEntries(session: Session): Promise<AuditEntry[]> {
  return [...((await call(session, 'audit.list', { limit: 500 })) as { entries: AuditEntry[] }).entries].reverse();
}

function metaGeneration(session: Session): unknown {
  return session.active().store.raw.prepare("SELECT value FROM meta WHERE key = 'keyGeneration'").pluck().get();
}

describe('disabling a user changes the database key', () => {
  it('so that their old copy of keyslots.json no longer opens the live database, while everyone else still signs in', async () => {
    const folder = tempFolder();
    const { session, recoveryKey } = await newInstallation(folder);
    const lee = await addUser(session, 'lee', 'Lee Worker');
    await addUser(session, 'sam', 'Sam Desk', 'reception');
    // Lee keeps a copy of the key file; with it and her password the live database opened.
    const leeCopy = readFileSync(session.paths.slots, 'utf8');
    const leeKey = keyFromCopy(leeCopy, 'lee', TEMPORARY);
    expect(await opensLiveDatabase(session.paths.database, leeKey)).toBe(true);

    await call(session, 'users.disable', { id: lee.id });

    expect(await opensLiveDatabase(session.paths.database, leeKey)).toBe(false);
    expect(readSlotFile(session.paths.slots).generation).toBe(2);
    expect(metaGeneration(session)).toBe('2');
    const rotation = (await auditEntries(session)).find((e) => e.action === 'keys.rotate');
    expect(rotation?.detail).toMatch(/generation 2 \(a user was disabled\)/);

    // Tried as Lee would, through the app, with her copy beside a copy of the live database.
    await call(session, 'auth.logout');
    const elsewhere = join(tempFolder(), 'lee-copy');
    mkdirSync(elsewhere);
    copyFileSync(session.paths.database, join(elsewhere, 'signpost.db'));
    writeFileSync(join(elsewhere, 'keyslots.json'), leeCopy);
    const leeSession = new Session({ dataFolder: elsewhere, kdf: TEST_KDF, clock: fixedClock(TEST_NOW) });
    const refused = errorOf(await dispatch(leeSession, 'auth.login', { username: 'lee', password: TEMPORARY }));
    expect(refused.code).toBe('STORE');
    expect(refused.message).toMatch(/Your password is right, but this key file \(key generation 1\) does not open the database/);

    // Sam never signed in before the rotation: her slot was sealed the new key without her password.
    expect((await dispatch(session, 'auth.login', { username: 'sam', password: TEMPORARY })).ok).toBe(true);
    await call(session, 'auth.logout');
    expect((await dispatch(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD })).ok).toBe(true);
    const recovered = Session.unwrapRecovery(readSlotFile(session.paths.slots), recoveryKey);
    expect(recovered!.equals(session.active().dataKey)).toBe(true);
    expect(await opensLiveDatabase(session.paths.database, recovered!)).toBe(true);
  });

  it('runs at the next sign-in when another program holds the database open, changing nothing before', async () => {
    const { session } = await newInstallation(tempFolder());
    const lee = await addUser(session, 'lee', 'Lee Worker');
    const leeKey = keyFromCopy(readFileSync(session.paths.slots, 'utf8'), 'lee', TEMPORARY);
    const other = openEncrypted(session.paths.database, Buffer.from(session.active().dataKey), { mustExist: true });
    other.raw.prepare('SELECT count(*) FROM app_user').get();

    const disabled = (await call(session, 'users.disable', { id: lee.id })) as UserRow;
    expect(disabled.enabled).toBe(false);
    const waiting = (await call(session, 'security.keyStatus')) as KeyStatus;
    expect(waiting).toMatchObject({ generation: 1, rotationDue: 'a user was disabled' });
    const file = readSlotFile(session.paths.slots);
    expect(file.generation).toBe(1);
    expect(file.rotation).toBeUndefined();
    expect(file.slots.some((s) => s.userId === lee.id)).toBe(false);
    await other.close();

    await call(session, 'auth.logout');
    await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    expect((await call(session, 'security.keyStatus')) as KeyStatus).toMatchObject({ generation: 2, rotationDue: null });
    expect(await opensLiveDatabase(session.paths.database, leeKey)).toBe(false);
    expect((await auditEntries(session)).find((e) => e.action === 'keys.rotate')?.detail).toMatch(/finished at the next sign-in/);
  });
});

describe('a manager rotating the key', () => {
  it('gives the database a new key sealed to every slot; a copy of the key file from before stops opening it', async () => {
    const { session } = await newInstallation(tempFolder());
    const before = readFileSync(session.paths.slots, 'utf8');
    const result = (await call(session, 'security.rotateKey')) as KeyRotation;
    expect(result).toEqual({ generation: 2, resealed: 2, dropped: [], recoveryKeyDropped: false });
    expect(await opensLiveDatabase(session.paths.database, keyFromCopy(before, 'pat', MANAGER_PASSWORD))).toBe(false);
    expect(await opensLiveDatabase(session.paths.database, Buffer.from(session.active().dataKey))).toBe(true);
    // Each slot holds one key again, the new one.
    expect(readSlotFile(session.paths.slots).slots.every((s) => 'sealed' in s && s.sealed.length === 1 && s.sealed[0]!.generation === 2)).toBe(true);
  });

  it('is for managers only', async () => {
    const { session } = await newInstallation(tempFolder());
    await addUser(session, 'sam', 'Sam Desk', 'reception');
    await call(session, 'auth.logout');
    await call(session, 'auth.login', { username: 'sam', password: TEMPORARY });
    await call(session, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: 'sam chose this one' });
    expect(errorOf(await dispatch(session, 'security.rotateKey', {})).code).toBe('FORBIDDEN');
    expect(errorOf(await dispatch(session, 'security.keyStatus', {})).code).toBe('FORBIDDEN');
    expect(readSlotFile(session.paths.slots).generation).toBe(1);
  });
});

describe('a rotation a crash interrupted', () => {
  /** A session whose key-file writes "lose power" at the first write `when` picks. */
  async function crashingSession(folder: string, when: (path: string, seen: { staged: boolean }) => boolean): Promise<Session> {
    const seen = { staged: false };
    const hooks: AtomicWriteHooks = {
      afterRename: (path) => {
        const file = readSlotFile(path);
        if (when(path, seen)) throw new Error('power cut');
        if (file.rotation) seen.staged = true;
      },
    };
    const session = new Session({ dataFolder: folder, kdf: TEST_KDF, clock: fixedClock(TEST_NOW), slotWriteHooks: hooks });
    await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    return session;
  }

  async function afterRestart(folder: string): Promise<Session> {
    const session = new Session({ dataFolder: folder, kdf: TEST_KDF, clock: fixedClock(TEST_NOW) });
    await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    return session;
  }

  it('after the new key was added to the slots but before the rekey: the next sign-in re-keys', async () => {
    const folder = tempFolder();
    const { session: first } = await newInstallation(folder);
    const before = readFileSync(first.paths.slots, 'utf8');
    await call(first, 'auth.logout');
    const crashing = await crashingSession(folder, (path) => readSlotFile(path).rotation !== undefined);
    expect(errorOf(await dispatch(crashing, 'security.rotateKey', {})).code).toBe('INTERNAL');
    expect(readSlotFile(crashing.paths.slots).rotation).toEqual({ to: 2, startedAt: TEST_NOW.replace('Z', '.000Z') });
    // Not re-keyed yet: the old key still opens it.
    expect(await opensLiveDatabase(crashing.paths.database, keyFromCopy(before, 'pat', MANAGER_PASSWORD))).toBe(true);
    await crashing.logout();

    const session = await afterRestart(folder);
    const file = readSlotFile(session.paths.slots);
    expect(file).toMatchObject({ generation: 2 });
    expect(file.rotation).toBeUndefined();
    expect(metaGeneration(session)).toBe('2');
    expect(await opensLiveDatabase(session.paths.database, keyFromCopy(before, 'pat', MANAGER_PASSWORD))).toBe(false);
  });

  it('after the rekey but before the old key left the slots: the next sign-in finishes the bookkeeping', async () => {
    const folder = tempFolder();
    const { session: first } = await newInstallation(folder);
    const before = readFileSync(first.paths.slots, 'utf8');
    await call(first, 'auth.logout');
    const crashing = await crashingSession(folder, (path, seen) => seen.staged && readSlotFile(path).rotation === undefined);
    expect(errorOf(await dispatch(crashing, 'security.rotateKey', {})).code).toBe('INTERNAL');
    // The slot file never dropped the old key... but the database is under the new one already.
    expect(await opensLiveDatabase(crashing.paths.database, keyFromCopy(before, 'pat', MANAGER_PASSWORD))).toBe(false);
    await crashing.logout();

    const session = await afterRestart(folder);
    const file = readSlotFile(session.paths.slots);
    expect(file.generation).toBe(2);
    expect(file.rotation).toBeUndefined();
    expect(file.slots.every((s) => 'sealed' in s && s.sealed.length === 1)).toBe(true);
    expect((await auditEntries(session)).filter((e) => e.action === 'keys.rotate')).toHaveLength(1);
  });
});

// ---- slot files from before rotation existed ----

/** A key slot as Signpost wrote them before: the data key wrapped straight under the secret. */
function legacySlot(dataKey: Buffer, secret: string, slot: Pick<Slot, 'id' | 'kind' | 'userId' | 'username'>) {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', scryptSync(secret.normalize('NFKC'), salt, 32, { ...TEST_KDF, maxmem: 64 * 1024 * 1024 }), iv);
  cipher.setAAD(Buffer.from(`${slot.id}|${slot.kind}|${slot.userId ?? ''}`));
  const wrappedKey = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    id: slot.id, kind: slot.kind, userId: slot.userId, username: slot.username, kdf: TEST_KDF, salt: salt.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'),
    wrappedKey: wrappedKey.toString('base64'), createdAt: TEST_NOW,
  };
}

describe('a key file from before rotation existed', () => {
  it('signs in, upgrades each user’s slot at their sign-in, and says what a rotation cannot carry', async () => {
    const folder = tempFolder();
    const { session, recoveryKey } = await newInstallation(folder);
    const lee = await addUser(session, 'lee', 'Lee Worker');
    const dataKey = Buffer.from(session.active().dataKey);
    await call(session, 'auth.logout');
    const file = readSlotFile(session.paths.slots);
    const secrets = new Map<string | null, string>([['pat', MANAGER_PASSWORD], ['lee', TEMPORARY], [null, recoveryKey]]);
    writeFileSync(session.paths.slots, JSON.stringify({
      format: 'signpost-keyslots', version: 1, installationId: file.installationId,
      slots: file.slots.map((s) => legacySlot(dataKey, secrets.get(s.username)!, s)),
    }));

    await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    const upgraded = readSlotFile(session.paths.slots);
    expect(upgraded.version).toBe(2);
    expect(upgraded.slots.map((s) => [s.username, 'sealed' in s])).toEqual(expect.arrayContaining([['pat', true], ['lee', false], [null, false]]));
    expect(upgraded.slots.filter((s) => s.username === 'pat')).toHaveLength(1);
    expect((await call(session, 'security.keyStatus')) as KeyStatus).toEqual({
      generation: 1, rotationDue: null, usersWithOldSlots: ['Lee Worker'], recoveryKey: 'old-format',
    });

    const rotated = (await call(session, 'security.rotateKey')) as KeyRotation;
    expect(rotated).toEqual({ generation: 2, resealed: 1, dropped: ['Lee Worker'], recoveryKeyDropped: true });
    expect(((await call(session, 'security.keyStatus')) as KeyStatus).recoveryKey).toBe('missing');

    // What the manager does next: a new recovery key, and a temporary password for Lee.
    const { recoveryKey: fresh } = (await call(session, 'security.newRecoveryKey')) as { recoveryKey: string };
    expect(Session.unwrapRecovery(readSlotFile(session.paths.slots), fresh)!.equals(session.active().dataKey)).toBe(true);
    expect(Session.unwrapRecovery(readSlotFile(session.paths.slots), recoveryKey)).toBeNull();
    await call(session, 'users.resetPassword', { id: lee.id, temporaryPassword: 'lee has a new one' });
    await call(session, 'auth.logout');
    expect((await dispatch(session, 'auth.login', { username: 'lee', password: TEMPORARY })).ok).toBe(false);
    expect((await dispatch(session, 'auth.login', { username: 'lee', password: 'lee has a new one' })).ok).toBe(true);
  });
});
