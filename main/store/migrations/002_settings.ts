import type { Kysely } from 'kysely';

/** Practice-wide settings a manager changes (idle lock first; later issues add more keys). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('setting' as never)
    .values({ key: 'idleLockMinutes', value: '10' } as never)
    .execute();
}
