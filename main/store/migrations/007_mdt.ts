import { type Kysely, sql } from 'kysely';

/**
 * MDT meetings: each practice's series and the meetings they hold (kept as rows, so that one can be
 * moved, cancelled or given an agenda on its own), link workers invited, per-practice settings,
 * agenda items with their minutes, attendance and actions. Dates and times are wall-clock in England.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('mdt_series')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('practice_id', 'integer', (c) => c.notNull().references('practice.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    // JSON of the Recurrence: { kind: 'monthly', week, weekday } or { kind: 'weekly', everyWeeks, weekday }.
    .addColumn('recurrence', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('ends_on', 'text')
    .addColumn('bank_holiday_rule', 'text', (c) => c.notNull().check(sql`bank_holiday_rule IN ('flag', 'move', 'skip')`))
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('online_link', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('chair', 'text', (c) => c.notNull().defaultTo(''))
    // JSON array of { name, role, email }.
    .addColumn('attendees', 'text', (c) => c.notNull().defaultTo('[]'))
    // JSON array of user ids: copied onto each meeting the series makes.
    .addColumn('link_worker_ids', 'text', (c) => c.notNull().defaultTo('[]'))
    // Meetings are made up to this date; the calendar makes more as it is looked further ahead.
    .addColumn('generated_until', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mdt_meeting')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('series_id', 'integer', (c) => c.references('mdt_series.id'))
    // The date the series' rule gave: one meeting per series and rule date.
    .addColumn('rule_date', 'text')
    .addColumn('practice_id', 'integer', (c) => c.notNull().references('practice.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('scheduled', 'cancelled')`))
    .addColumn('cancel_reason', 'text')
    .addColumn('moved_from_date', 'text')
    .addColumn('moved_from_time', 'text')
    .addColumn('move_reason', 'text')
    // Set when the rule's date is a bank holiday and the series flags it: the suggested next working day.
    .addColumn('bank_holiday_suggestion', 'text')
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('online_link', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('chair', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attendees', 'text', (c) => c.notNull().defaultTo('[]'))
    // 1 once changed on its own (moved, cancelled, details edited): a change to the series leaves it be.
    .addColumn('detached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`CREATE UNIQUE INDEX mdt_meeting_series_rule ON mdt_meeting (series_id, rule_date) WHERE series_id IS NOT NULL`.execute(db);
  await db.schema.createIndex('mdt_meeting_date').on('mdt_meeting').columns(['date', 'start_time']).execute();
  await db.schema.createIndex('mdt_meeting_practice_date').on('mdt_meeting').columns(['practice_id', 'date']).execute();

  await db.schema
    .createTable('mdt_meeting_link_worker')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('mdt_meeting.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id'))
    .addPrimaryKeyConstraint('mdt_meeting_link_worker_pk', ['meeting_id', 'user_id'])
    .execute();
  await db.schema.createIndex('mdt_meeting_link_worker_user').on('mdt_meeting_link_worker').columns(['user_id', 'meeting_id']).execute();

  await db.schema
    .createTable('mdt_practice_setting')
    .addColumn('practice_id', 'integer', (c) => c.primaryKey().references('practice.id'))
    .addColumn('agenda_close_working_days', 'integer', (c) => c.notNull())
    .addColumn('travel_gap_minutes', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('mdt_item')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('mdt_meeting.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('standing', 'case', 'topic')`))
    .addColumn('standing', 'text')
    .addColumn('source', 'text')
    .addColumn('referral_id', 'integer', (c) => c.references('referral.id'))
    .addColumn('flag_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('question', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('flagged_by_name', 'text')
    .addColumn('presenter', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('priority', 'text', (c) => c.notNull().check(sql`priority IN ('urgent', 'high', 'routine')`))
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('late_reason', 'text')
    .addColumn('added_by_name', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('situation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('action_to_date', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('update_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('next_steps', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('decision', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('discussed', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('carry_forward', 'integer', (c) => c.notNull().defaultTo(0))
    // Taken off the agenda: kept (not deleted) so that the list does not add the flagged case back.
    .addColumn('removed_at', 'text')
    .addColumn('removed_reason', 'text')
    .addColumn('minutes_saved_at', 'text')
    .execute();
  await db.schema.createIndex('mdt_item_meeting').on('mdt_item').columns(['meeting_id']).execute();
  await sql`CREATE UNIQUE INDEX mdt_item_case_once ON mdt_item (meeting_id, referral_id) WHERE referral_id IS NOT NULL`.execute(db);

  await db.schema
    .createTable('mdt_attendance')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('mdt_meeting.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('attendance', 'text', (c) => c.notNull().check(sql`attendance IN ('present', 'apologies', 'absent')`))
    .execute();
  await db.schema.createIndex('mdt_attendance_meeting').on('mdt_attendance').columns(['meeting_id']).execute();

  await db.schema
    .createTable('mdt_action')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('mdt_meeting.id'))
    .addColumn('item_id', 'integer', (c) => c.references('mdt_item.id').onDelete('set null'))
    .addColumn('referral_id', 'integer', (c) => c.references('referral.id'))
    .addColumn('practice_id', 'integer', (c) => c.notNull().references('practice.id'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('owner_user_id', 'integer', (c) => c.references('app_user.id'))
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('done_by_name', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('mdt_action_practice_open').on('mdt_action').columns(['practice_id', 'done_on', 'due_on']).execute();
  await db.schema.createIndex('mdt_action_owner_open').on('mdt_action').columns(['owner_user_id', 'done_on', 'due_on']).execute();
}
