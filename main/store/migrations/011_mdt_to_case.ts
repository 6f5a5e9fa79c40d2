import type { Kysely } from 'kysely';

/**
 * An MDT action for the case's link worker becomes one of the case's next steps: the step names the
 * action it came from, so marking either done marks both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_next_step').addColumn('mdt_action_id', 'integer', (c) => c.references('mdt_action.id')).execute();
  await db.schema.createIndex('case_next_step_by_mdt_action').on('case_next_step').column('mdt_action_id').execute();
}
