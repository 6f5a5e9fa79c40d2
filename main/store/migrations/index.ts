import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import { AppError } from '../../contract/errors';
import * as m001 from './001_foundation';
import * as m002 from './002_settings';
import * as m003 from './003_referrals';
import * as m004 from './004_measures';
import * as m005 from './005_directory';
import * as m006 from './006_casework';
import * as m007 from './007_mdt';
import * as m008 from './008_newsletter';
import * as m009 from './009_password_reset';
import * as m010 from './010_key_slot_ids';
import * as m011 from './011_mdt_to_case';
import * as m012 from './012_newsletter_review';
import * as m013 from './013_form_drafts';

/** Numbered in order; never edit one that has shipped, add the next instead. */
export const migrations: Readonly<Record<string, Migration>> = {
  '001_foundation': m001,
  '002_settings': m002,
  '003_referrals': m003,
  '004_measures': m004,
  '005_directory': m005,
  '006_casework': m006,
  '007_mdt': m007,
  '008_newsletter': m008,
  '009_password_reset': m009,
  '010_key_slot_ids': m010,
  '011_mdt_to_case': m011,
  '012_newsletter_review': m012,
  '013_form_drafts': m013,
};

class StaticProvider implements MigrationProvider {
  constructor(private readonly list: Readonly<Record<string, Migration>>) {}
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve({ ...this.list });
  }
}

/** Brings the database up to date (or up to `target`); Kysely records each one in kysely_migration. */
export async function migrate<T>(db: Kysely<T>, target?: string): Promise<string[]> {
  const migrator = new Migrator({ db: db as Kysely<unknown>, provider: new StaticProvider(migrations) });
  // Kysely runs SQLite migrations outside any transaction (its adapter reports no transactional DDL,
  // though SQLite has it), so a failed step would leave half its tables behind and block every retry.
  // One transaction around the run keeps the steps and their kysely_migration rows together.
  await sql`BEGIN IMMEDIATE`.execute(db);
  let outcome: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  try {
    outcome = target ? await migrator.migrateTo(target) : await migrator.migrateToLatest();
  } catch (thrown) {
    await sql`ROLLBACK`.execute(db);
    throw thrown;
  }
  const { error, results } = outcome;
  await sql.raw(error ? 'ROLLBACK' : 'COMMIT').execute(db);
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new AppError('STORE', `Upgrading the database failed at step ${failed}; nothing from that step was kept.`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export const latestMigration = Object.keys(migrations).at(-1)!;
