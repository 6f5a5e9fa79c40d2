import { type Kysely, sql } from 'kysely';

/**
 * Wellbeing measures on a case (a referral): the item answers as recorded and the scores main
 * computed from them, plus the weeks after a baseline before a follow-up is due.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('measure')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('instrument', 'text', (c) => c.notNull().check(inList('instrument', ['ons4', 'swemwbs', 'ucla3'])))
    .addColumn('stage', 'text', (c) => c.notNull().check(inList('stage', ['baseline', 'follow_up'])))
    .addColumn('taken_on', 'text', (c) => c.notNull())
    // JSON array of the item answers, exactly as recorded.
    .addColumn('answers', 'text', (c) => c.notNull())
    // JSON of the scores main computed from the answers (never typed in).
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('measure_referral_instrument_taken').on('measure').columns(['referral_id', 'instrument', 'taken_on']).execute();

  await db
    .insertInto('setting' as never)
    .values({ key: 'measuresFollowUpWeeks', value: '12' } as never)
    .execute();
}

function inList(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}
