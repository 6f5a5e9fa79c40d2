import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/contract/errors';
import { openEncrypted, type OpenStore } from '../../../main/store/database';
import { latestMigration, migrate, migrations } from '../../../main/store/migrations';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

async function appliedMigrations(store: OpenStore): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(store.db);
  return rows.rows.map((r) => r.name);
}

async function tableNames(store: OpenStore): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(store.db);
  return rows.rows.map((r) => r.name);
}

describe('migrations', () => {
  it('bring a fresh encrypted database to the latest version and record every step', async () => {
    const store = openEncrypted(join(tempFolder(), 'signpost.db'), randomBytes(32), { mustExist: false });
    try {
      expect(await migrate(store.db)).toEqual(Object.keys(migrations));
      expect(await appliedMigrations(store)).toEqual(Object.keys(migrations));
      expect(latestMigration).toBe(Object.keys(migrations).at(-1));
      expect(await tableNames(store)).toEqual(
        expect.arrayContaining(['meta', 'practice', 'app_user', 'user_practice', 'audit_log', 'setting']),
      );
    } finally {
      await store.close();
    }
  });

  it('do nothing the second time', async () => {
    const store = openEncrypted(join(tempFolder(), 'signpost.db'), randomBytes(32), { mustExist: false });
    try {
      await migrate(store.db);
      expect(await migrate(store.db)).toEqual([]);
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM setting WHERE key = 'idleLockMinutes'`.execute(store.db);
      expect(rows[0]!.n).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('upgrade a database made by only the first migration on the next open, adding the idle-lock setting', async () => {
    const path = join(tempFolder(), 'signpost.db');
    const key = randomBytes(32);

    const old = openEncrypted(path, key, { mustExist: false });
    expect(await migrate(old.db, '001_foundation')).toEqual(['001_foundation']);
    expect(await appliedMigrations(old)).toEqual(['001_foundation']);
    expect(await tableNames(old)).not.toContain('setting');
    await old.close();

    const reopened = openEncrypted(path, key, { mustExist: true });
    try {
      expect(await migrate(reopened.db)).toEqual(Object.keys(migrations).slice(1));
      expect(await appliedMigrations(reopened)).toEqual(Object.keys(migrations));
      const setting = await reopened.db.selectFrom('setting').selectAll().execute();
      expect(setting).toContainEqual({ key: 'idleLockMinutes', value: '10' });
    } finally {
      await reopened.close();
    }
  });

  it('report a failed step as a STORE error naming it, and keep nothing from that step', async () => {
    const store = openEncrypted(join(tempFolder(), 'signpost.db'), randomBytes(32), { mustExist: false });
    try {
      await migrate(store.db, '001_foundation');
      // A stray table in the way makes 002 fail part-way.
      await sql`CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT NOT NULL, extra TEXT NOT NULL)`.execute(store.db);
      let error: unknown;
      try {
        await migrate(store.db);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('STORE');
      expect((error as AppError).message).toMatch(/002_settings/);
      expect(await appliedMigrations(store)).toEqual(['001_foundation']);
    } finally {
      await store.close();
    }
  });

  it('leave no half-made tables behind when a step fails part-way, so a retry after the cause is gone succeeds', async () => {
    const store = openEncrypted(join(tempFolder(), 'signpost.db'), randomBytes(32), { mustExist: false });
    try {
      // 001 creates meta, practice, app_user and user_practice before it reaches audit_log, which is in the way.
      await sql`CREATE TABLE audit_log (x TEXT)`.execute(store.db);
      await expect(migrate(store.db)).rejects.toMatchObject({ code: 'STORE', message: expect.stringMatching(/001_foundation/) });
      const after = await tableNames(store);
      for (const table of ['meta', 'practice', 'app_user', 'user_practice', 'setting']) expect(after).not.toContain(table);

      await sql`DROP TABLE audit_log`.execute(store.db);
      expect(await migrate(store.db)).toEqual(Object.keys(migrations));
      expect(await appliedMigrations(store)).toEqual(Object.keys(migrations));
    } finally {
      await store.close();
    }
  });
});
