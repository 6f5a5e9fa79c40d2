import { type Kysely, sql } from 'kysely';

/**
 * Casework on a referral: contacts, the personalised care and support plan (what matters, goals,
 * next steps), safeguarding escalations and the MDT flag, plus the caseload's no-contact setting.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_contact')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    // When the contact happened, UTC ISO.
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) =>
      c.notNull().check(inList('type', ['phone', 'face_to_face', 'home_visit', 'video', 'text_or_letter', 'did_not_attend', 'unable_to_reach'])),
    )
    // 1 when the contact reached the person (not "did not attend" or "unable to reach"): the caseload's last contact.
    .addColumn('reached', 'integer', (c) => c.notNull())
    .addColumn('duration_minutes', 'integer')
    .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  // The case's list (newest first) and the caseload's last contact that reached the person.
  await db.schema.createIndex('case_contact_referral_reached_at').on('case_contact').columns(['referral_id', 'reached', 'at']).execute();

  await db.schema
    .createTable('case_plan')
    .addColumn('referral_id', 'integer', (c) => c.primaryKey().references('referral.id').onDelete('cascade'))
    .addColumn('what_matters', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_goal')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('target_date', 'text')
    .addColumn('progress', 'text', (c) => c.notNull().check(inList('progress', ['not_started', 'in_progress', 'achieved', 'no_longer_relevant'])))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_goal_referral').on('case_goal').columns(['referral_id', 'progress']).execute();

  await db.schema
    .createTable('case_next_step')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    // Null while the step is still to do.
    .addColumn('done_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_next_step_referral_due').on('case_next_step').columns(['referral_id', 'done_on', 'due_on']).execute();

  await db.schema
    .createTable('case_escalation')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('concern', 'text', (c) => c.notNull())
    .addColumn('escalated_to', 'text', (c) => c.notNull())
    .addColumn('escalated_on', 'text', (c) => c.notNull())
    // '' until the outcome is known.
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('outcome_recorded_at', 'text')
    .addColumn('recorded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_escalation_referral').on('case_escalation').columns(['referral_id', 'outcome']).execute();

  await db.schema
    .createTable('case_mdt_flag')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    // The referral's practice, copied so the MDT list of a practice is one index range.
    .addColumn('practice_id', 'integer', (c) => c.notNull().references('practice.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('flagged_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('flagged_by_name', 'text', (c) => c.notNull())
    .addColumn('flagged_at', 'text', (c) => c.notNull())
    // Null while the case is on the list.
    .addColumn('cleared_at', 'text')
    .addColumn('cleared_by_name', 'text')
    .execute();
  // At most one open flag per case.
  await sql`CREATE UNIQUE INDEX case_mdt_flag_open ON case_mdt_flag (referral_id) WHERE cleared_at IS NULL`.execute(db);
  await db.schema.createIndex('case_mdt_flag_practice').on('case_mdt_flag').columns(['practice_id', 'cleared_at', 'flagged_at']).execute();

  await db
    .insertInto('setting' as never)
    .values({ key: 'caseworkNoContactAlertDays', value: '14' } as never)
    .execute();
}

function inList(column: string, values: readonly string[]) {
  return sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
}
