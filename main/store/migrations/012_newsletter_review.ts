import { type Kysely, sql } from 'kysely';

/**
 * The review between link worker and practice manager, and corrections to a sent newsletter:
 * - each return of a story keeps the words as they stood when it was returned (so the manager
 *   sees what changed since) and the manager's comments, each of which the link worker may
 *   answer with a reply;
 * - an issue has a version: a correction is a new issue of the same month and readers (version 2,
 *   3 …, its scope_key suffixed "#v2" so the one-issue-a-month rule still holds for each version)
 *   that names the issue it corrects and what changed; the issue it corrects is kept as sent.
 *   An issue can also be withdrawn, with the reason.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('story_return')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('story_id', 'integer', (c) => c.notNull().references('story.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    // The story's words when it was returned.
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull())
    .addColumn('outcomes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('story_return_story').on('story_return').columns(['story_id', 'id']).execute();

  await db.schema
    .createTable('story_comment')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('return_id', 'integer', (c) => c.notNull().references('story_return.id').onDelete('cascade'))
    // Null: about the story as a whole; else the field it is about.
    .addColumn('field', 'text', (c) => c.check(sql`field IS NULL OR field IN ('title', 'text', 'quote', 'outcomes')`))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('reply', 'text')
    .addColumn('reply_by_name', 'text')
    .addColumn('reply_at', 'text')
    .execute();
  await db.schema.createIndex('story_comment_return').on('story_comment').columns(['return_id', 'id']).execute();

  await db.schema.alterTable('newsletter_issue').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('newsletter_issue').addColumn('corrects_issue_id', 'integer', (c) => c.references('newsletter_issue.id')).execute();
  await db.schema.alterTable('newsletter_issue').addColumn('correction_note', 'text').execute();
  await db.schema.alterTable('newsletter_issue').addColumn('withdrawn_at', 'text').execute();
  await db.schema.alterTable('newsletter_issue').addColumn('withdrawn_by_name', 'text').execute();
  await db.schema.alterTable('newsletter_issue').addColumn('withdrawn_reason', 'text').execute();
  await db.schema.createIndex('newsletter_issue_corrects').on('newsletter_issue').columns(['corrects_issue_id']).execute();
}
