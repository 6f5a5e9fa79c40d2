import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import { AppError } from '../../../main/contract/errors';
import { dispatch } from '../../../main/dispatch/dispatch';
import { Session } from '../../../main/session/session';
import { openEncrypted } from '../../../main/store/database';
import { call, MANAGER_PASSWORD, newInstallation, setupInput, TEST_KDF, TEST_NOW } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const MARKER = 'ZEBRA-MARKER-7431';

/** Runs fn and returns what it threw, failing the test when it throws nothing. */
async function rejection(fn: () => unknown): Promise<unknown> {
  try {
    await fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, but there was none');
}

function bytesOnDisk(databasePath: string): { name: string; bytes: Buffer }[] {
  return ['', '-wal', '-shm', '-journal']
    .map((suffix) => databasePath + suffix)
    .filter((p) => existsSync(p))
    .map((p) => ({ name: p, bytes: readFileSync(p) }));
}

describe('the database at rest', () => {
  it('holds neither the SQLite header nor a name someone typed, once signed out', async () => {
    const { session } = await newInstallation(tempFolder());
    await call(session, 'users.create', {
      fullName: MARKER, username: 'zebra', role: 'clinician', practiceIds: [1], temporaryPassword: 'a fine password',
    });
    // The marker really is in the database (read through the key) before we look for it on disk.
    const row = session.active().store.raw.prepare('SELECT full_name FROM app_user WHERE username = ?').get('zebra');
    expect(row).toEqual({ full_name: MARKER });
    await call(session, 'auth.logout');

    const files = bytesOnDisk(session.paths.database);
    expect(files.map((f) => f.name)).toContain(session.paths.database);
    const db = files.find((f) => f.name === session.paths.database)!.bytes;
    expect(db.length).toBeGreaterThan(4096);
    expect(db.subarray(0, 16).equals(SQLITE_HEADER)).toBe(false);
    for (const f of files) {
      expect(f.bytes.includes(MARKER), `${f.name} holds the marker in clear`).toBe(false);
      expect(f.bytes.includes(Buffer.from(MARKER, 'utf16le')), `${f.name} holds the marker as UTF-16`).toBe(false);
      expect(f.bytes.includes('Riverside PCN'), `${f.name} holds the PCN name in clear`).toBe(false);
    }
  });

  it('holds no clear text in the write-ahead log while the session is still open', async () => {
    const { session } = await newInstallation(tempFolder());
    await call(session, 'users.create', {
      fullName: MARKER, username: 'zebra', role: 'clinician', practiceIds: [1], temporaryPassword: 'a fine password',
    });
    const wal = `${session.paths.database}-wal`;
    expect(existsSync(wal)).toBe(true);
    expect(readFileSync(wal).length).toBeGreaterThan(0);
    for (const f of bytesOnDisk(session.paths.database)) {
      expect(f.bytes.includes(MARKER), `${f.name} holds the marker in clear`).toBe(false);
    }
    await call(session, 'auth.logout');
  });

  it('does not open with another random key, and says so without a stack trace', async () => {
    const { session } = await newInstallation(tempFolder());
    await call(session, 'auth.logout');
    const error = await rejection(() => openEncrypted(session.paths.database, randomBytes(32), { mustExist: true }));
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe('STORE');
    expect(e.message).toMatch(/does not open with this key file/);
    expect(e.message).toMatch(/Restore both files together/);
    expect(e.message).not.toMatch(/SQLITE_|\n\s+at /);
  });

  it('reports a key file from another installation as a STORE error when signing in', async () => {
    // Two installations with the same manager password: the other one's slot unwraps, but to the wrong key.
    const here = await newInstallation(tempFolder());
    const there = await newInstallation(tempFolder());
    await call(here.session, 'auth.logout');
    await call(there.session, 'auth.logout');
    writeFileSync(here.session.paths.slots, readFileSync(there.session.paths.slots));

    const r = await dispatch(here.session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('STORE');
    expect(r.error.message).toMatch(/key file/);
    expect(here.session.view()).toEqual({ state: 'signed-out' });
  });

  it('refuses a plain, unencrypted SQLite file called signpost.db', async () => {
    const path = join(tempFolder(), 'signpost.db');
    const plain = new BetterSqlite3(path);
    plain.exec("CREATE TABLE t (x TEXT); INSERT INTO t VALUES ('hello')");
    plain.close();
    const before = readFileSync(path);
    expect(before.subarray(0, 16).equals(SQLITE_HEADER)).toBe(true);

    for (const mustExist of [true, false]) {
      const error = await rejection(() => openEncrypted(path, randomBytes(32), { mustExist }));
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('STORE');
      expect((error as AppError).message).toMatch(/signpost\.db .*not encrypted/);
    }
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses to open a missing signpost.db when it must exist, and creates nothing', async () => {
    const folder = tempFolder();
    const path = join(folder, 'signpost.db');
    const error = await rejection(() => openEncrypted(path, randomBytes(32), { mustExist: true }));
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('STORE');
    expect((error as AppError).message).toMatch(/signpost\.db\) is missing/);
    expect((error as AppError).message).toMatch(/will not create a new empty database/);
    for (const suffix of ['', '-wal', '-shm', '-journal']) expect(existsSync(path + suffix)).toBe(false);
  });

  it('reports a missing signpost.db at sign-in as a STORE error and creates no new database', async () => {
    const { session } = await newInstallation(tempFolder());
    await call(session, 'auth.logout');
    for (const suffix of ['', '-wal', '-shm']) rmSync(session.paths.database + suffix, { force: true });

    const r = await dispatch(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    expect(r.ok ? 'signed in' : r.error.code).toBe('STORE');
    expect(existsSync(session.paths.database)).toBe(false);
  });

  it('refuses an emptied (0-byte) signpost.db at sign-in and writes nothing into it', async () => {
    const { session } = await newInstallation(tempFolder());
    await call(session, 'auth.logout');
    truncateSync(session.paths.database, 0);

    const r = await dispatch(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('STORE');
    expect(r.error.message).toMatch(/signpost\.db\) .*is empty/);
    expect(statSync(session.paths.database).size).toBe(0);
  });

  it('opens again with the right key after sign-out, with the data intact', async () => {
    const folder = tempFolder();
    const { session } = await newInstallation(folder);
    await call(session, 'auth.logout');
    const again = new Session({ dataFolder: folder, kdf: TEST_KDF, clock: fixedClock(TEST_NOW) });
    await call(again, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    const practices = (await call(again, 'practices.list')) as { pcnName: string };
    expect(practices.pcnName).toBe(setupInput.pcnName);
    await call(again, 'auth.logout');
  });
});
