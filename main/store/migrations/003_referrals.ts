import { type Kysely, sql } from 'kysely';

/**
 * Patients, referrals and everything hanging off a referral: its reasons, timeline, coding and
 * messages back; unfinished referral forms; the two referral settings.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createPatient(db);
  await createPatientNameIndex(db);
  await createReferral(db);
  await createReasonsAndTimeline(db);
  await createCodingAndMessages(db);
  await createDraftAndSettings(db);
}

async function createPatient(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('patient')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('nhs_number', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('given_name', 'text', (c) => c.notNull())
    .addColumn('family_name', 'text', (c) => c.notNull())
    .addColumn('preferred_name', 'text', (c) => c.notNull().defaultTo(''))
    // Family name folded (lower case, no accents, letters only) for the typo-tolerant search's candidates.
    .addColumn('family_key', 'text', (c) => c.notNull())
    .addColumn('date_of_birth', 'text', (c) => c.notNull())
    .addColumn('sex', 'text', (c) => c.notNull())
    .addColumn('gender_identity', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address_line1', 'text', (c) => c.notNull())
    .addColumn('address_line2', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('town', 'text', (c) => c.notNull())
    .addColumn('postcode', 'text', (c) => c.notNull())
    .addColumn('phones', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('preferred_contact_method', 'text', (c) => c.notNull())
    .addColumn('preferred_contact_times', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('first_language', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('interpreter_needed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('communication_needs', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('registered_practice_id', 'integer', (c) => c.notNull().references('practice.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('patient_family_key').on('patient').columns(['family_key']).execute();
  await db.schema.createIndex('patient_date_of_birth').on('patient').columns(['date_of_birth']).execute();
  await db.schema.createIndex('patient_practice').on('patient').columns(['registered_practice_id']).execute();
}

/**
 * Full-text index of the names (SQLite FTS5, an external-content table over patient), kept in step
 * by triggers so that every way a row is written, bulk loads included, updates it too.
 */
async function createPatientNameIndex(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE patient_name_fts USING fts5(
    given_name, family_name, preferred_name,
    content='patient', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3')`.execute(db);
  await sql`CREATE TRIGGER patient_name_fts_insert AFTER INSERT ON patient BEGIN
    INSERT INTO patient_name_fts (rowid, given_name, family_name, preferred_name)
    VALUES (new.id, new.given_name, new.family_name, new.preferred_name);
  END`.execute(db);
  await sql`CREATE TRIGGER patient_name_fts_delete AFTER DELETE ON patient BEGIN
    INSERT INTO patient_name_fts (patient_name_fts, rowid, given_name, family_name, preferred_name)
    VALUES ('delete', old.id, old.given_name, old.family_name, old.preferred_name);
  END`.execute(db);
  await sql`CREATE TRIGGER patient_name_fts_update AFTER UPDATE OF given_name, family_name, preferred_name ON patient BEGIN
    INSERT INTO patient_name_fts (patient_name_fts, rowid, given_name, family_name, preferred_name)
    VALUES ('delete', old.id, old.given_name, old.family_name, old.preferred_name);
    INSERT INTO patient_name_fts (rowid, given_name, family_name, preferred_name)
    VALUES (new.id, new.given_name, new.family_name, new.preferred_name);
  END`.execute(db);
}

async function createReferral(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referral')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('patient_id', 'integer', (c) => c.notNull().references('patient.id'))
    .addColumn('practice_id', 'integer', (c) => c.notNull().references('practice.id'))
    .addColumn('referrer_user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    // The referral form as submitted (ReferralDetails); the columns below copy what the inbox filters and sorts on.
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    // 0 urgent, 1 soon, 2 routine: sorts in an index.
    .addColumn('urgency_rank', 'integer', (c) => c.notNull())
    .addColumn('safeguarding', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('status_changed_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .addColumn('last_activity_at', 'text', (c) => c.notNull())
    .addColumn('assigned_to_user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('accepted_at', 'text')
    .addColumn('contact_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('redirected_to', 'text')
    .addColumn('outcome', 'text')
    .execute();
  const indexes: [string, string[]][] = [
    ['referral_inbox_urgency', ['practice_id', 'status', 'urgency_rank', 'received_at']],
    ['referral_inbox_received', ['practice_id', 'received_at']],
    ['referral_inbox_activity', ['practice_id', 'last_activity_at']],
    ['referral_status_activity', ['status', 'last_activity_at']],
    ['referral_patient', ['patient_id', 'received_at']],
    ['referral_referrer', ['referrer_user_id', 'received_at']],
    ['referral_assigned', ['assigned_to_user_id']],
  ];
  for (const [name, columns] of indexes) await db.schema.createIndex(name).on('referral').columns(columns).execute();
}

async function createReasonsAndTimeline(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referral_reason')
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('referral_reason_pk', ['referral_id', 'reason'])
    .execute();
  await db.schema.createIndex('referral_reason_by_reason').on('referral_reason').columns(['reason', 'referral_id']).execute();

  await db.schema
    .createTable('referral_event')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referral_event_referral').on('referral_event').columns(['referral_id', 'id']).execute();
}

async function createCodingAndMessages(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referral_coding')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addColumn('recorded_on', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('by_user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('referral_coding_once', ['referral_id', 'code'])
    .execute();

  await db.schema
    .createTable('message_back')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('needs', 'text', (c) => c.notNull())
    .addColumn('what_matters', 'text', (c) => c.notNull())
    .addColumn('support_offered', 'text', (c) => c.notNull())
    .addColumn('services_referred_to', 'text', (c) => c.notNull())
    .addColumn('outcomes', 'text', (c) => c.notNull())
    .addColumn('codes', 'text', (c) => c.notNull())
    .addColumn('author_user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('message_back_referral').on('message_back').columns(['referral_id', 'id']).execute();
}

async function createDraftAndSettings(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('referral_draft')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('saved_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('referral_draft_user').on('referral_draft').columns(['user_id', 'saved_at']).execute();

  await db
    .insertInto('setting' as never)
    .values([
      { key: 'staleAfterWorkingDays', value: '10' },
      { key: 'contactAttemptsBeforeUnable', value: '3' },
    ] as never)
    .execute();
}
