import { type Kysely, sql } from 'kysely';

/**
 * The monthly newsletter: case stories written from a case (with consent, review and the findings a
 * person accepted), the issues composed from them (kept exactly as sent once final, with every file
 * exported), and the notices that tell the manager when consent for a used story is withdrawn.
 * Also a vocabulary view of the patient name index, so the de-identification check can look each
 * word of a story up in the index instead of scanning patients, and case-blind indexes on the
 * patient's town and locality for its small-place check; and an index for the month's figures.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('story')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id'))
    // The referral's practice, copied: lists and issue eligibility filter on it.
    .addColumn('practice_id', 'integer', (c) => c.notNull().references('practice.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('quote', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcomes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'submitted', 'approved', 'returned')`))
    .addColumn('created_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('approved_by_name', 'text')
    .addColumn('approved_at', 'text')
    // The manager's comments when the story was last returned.
    .addColumn('return_comment', 'text')
    // Consent to use the story: null until recorded.
    .addColumn('consent_on', 'text')
    .addColumn('consent_how', 'text')
    .addColumn('consent_taken_by', 'text')
    .addColumn('consent_scope', 'text', (c) => c.check(sql`consent_scope IS NULL OR consent_scope IN ('practice', 'pcn', 'public')`))
    .addColumn('consent_recorded_at', 'text')
    .addColumn('consent_withdrawn_on', 'text')
    .addColumn('consent_withdrawn_note', 'text')
    .addColumn('consent_withdrawn_recorded_by_name', 'text')
    .execute();
  await db.schema.createIndex('story_practice_status').on('story').columns(['practice_id', 'status', 'updated_at']).execute();
  await db.schema.createIndex('story_referral').on('story').columns(['referral_id']).execute();

  await db.schema
    .createTable('story_event')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('story_id', 'integer', (c) => c.notNull().references('story.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('story_event_story').on('story_event').columns(['story_id', 'id']).execute();

  // A finding a person judged acceptable, with their reason: it applies to that text wherever it stands in the story.
  await db.schema
    .createTable('story_finding_accepted')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('story_id', 'integer', (c) => c.notNull().references('story.id').onDelete('cascade'))
    .addColumn('finding_key', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('story_finding_accepted_once', ['story_id', 'finding_key'])
    .execute();

  await db.schema
    .createTable('newsletter_issue')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // 'YYYY-MM'
    .addColumn('month', 'text', (c) => c.notNull())
    // Null: the issue for the whole PCN.
    .addColumn('practice_id', 'integer', (c) => c.references('practice.id'))
    // 'pcn' or the practice id: one issue per month per practice or for the PCN.
    .addColumn('scope_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('draft', 'final', 'sent')`))
    // JSON of the composer's fields while a draft.
    .addColumn('draft', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('finalised_at', 'text')
    .addColumn('finalised_by_name', 'text')
    .addColumn('sent_on', 'text')
    // Once final: the newsletter's content as it went out (JSON), never changed again.
    .addColumn('content', 'text')
    .addUniqueConstraint('newsletter_issue_once', ['month', 'scope_key'])
    .execute();

  await db.schema
    .createTable('newsletter_issue_story')
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('newsletter_issue.id').onDelete('cascade'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('story.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_issue_story_pk', ['issue_id', 'story_id'])
    .execute();
  await db.schema.createIndex('newsletter_issue_story_story').on('newsletter_issue_story').columns(['story_id', 'issue_id']).execute();

  // Every file exported from a final issue, kept so a later export gives the very same bytes.
  await db.schema
    .createTable('newsletter_issue_file')
    .addColumn('issue_id', 'integer', (c) => c.notNull().references('newsletter_issue.id').onDelete('cascade'))
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('content', 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_issue_file_pk', ['issue_id', 'format'])
    .execute();

  await db.schema
    .createTable('newsletter_notice')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('story_id', 'integer', (c) => c.notNull().references('story.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by_name', 'text')
    .execute();
  await db.schema.createIndex('newsletter_notice_open').on('newsletter_notice').columns(['acknowledged_at', 'id']).execute();

  // One row per distinct word of the patient name index, with how many patients have it.
  await sql`CREATE VIRTUAL TABLE patient_name_vocab USING fts5vocab(patient_name_fts, 'row')`.execute(db);
  await sql`CREATE INDEX patient_town_nocase ON patient (town COLLATE NOCASE)`.execute(db);
  await sql`CREATE INDEX patient_locality_nocase ON patient (address_line2 COLLATE NOCASE)`.execute(db);
  // The month's figures read referrals accepted in a month and cases open in it from this index
  // alone, without reading the referral rows (their form JSON makes a table scan slow).
  await db.schema.createIndex('referral_accepted_figures').on('referral').columns(['accepted_at', 'practice_id', 'status', 'status_changed_at', 'patient_id']).execute();
}
