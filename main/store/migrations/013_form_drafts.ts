import type { Kysely } from 'kysely';

/** Forms as typed so far (a contact's notes, the message back, settings), one per person and form. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('form_draft')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('form_draft_pk', ['user_id', 'key'])
    .execute();
}
