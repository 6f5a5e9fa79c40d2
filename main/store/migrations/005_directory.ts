import { type Kysely, sql } from 'kysely';

/**
 * The service directory: local services and community groups, their categories, a full-text index
 * over them, and each time a person on a referral was signposted or referred to one.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('service')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
    // Name and organisation folded (lower case, single spaces): an import updates the service they match.
    .addColumn('match_key', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('eligibility', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('how_to_refer', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('website', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('postcode', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('opening_times', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cost', 'text')
    .addColumn('cost_note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('last_checked', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    // JSON array of free tags; keywords repeats the tags and the category labels for the text index.
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_active_name').on('service').columns(['active', 'name']).execute();

  await db.schema
    .createTable('service_category')
    .addColumn('service_id', 'integer', (c) => c.notNull().references('service.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('service_category_pk', ['service_id', 'category'])
    .execute();
  await db.schema.createIndex('service_category_by_category').on('service_category').columns(['category', 'service_id']).execute();

  await createServiceTextIndex(db);

  await db.schema
    .createTable('service_use')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('referral_id', 'integer', (c) => c.notNull().references('referral.id').onDelete('cascade'))
    .addColumn('service_id', 'integer', (c) => c.notNull().references('service.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    // null: not known yet; 0 or 1 once the link worker knows.
    .addColumn('taken_up', 'integer')
    .addColumn('feedback', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'integer', (c) => c.references('app_user.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('service_use_referral').on('service_use').columns(['referral_id', 'on_date']).execute();
  await db.schema.createIndex('service_use_service').on('service_use').columns(['service_id', 'on_date']).execute();
}

/** SQLite FTS5 over the service's words, an external-content table kept in step by triggers. */
async function createServiceTextIndex(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE service_fts USING fts5(
    name, organisation, description, eligibility, keywords, address, postcode,
    content='service', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3')`.execute(db);
  const columns = sql.raw('name, organisation, description, eligibility, keywords, address, postcode');
  const fromNew = sql.raw('new.name, new.organisation, new.description, new.eligibility, new.keywords, new.address, new.postcode');
  const fromOld = sql.raw('old.name, old.organisation, old.description, old.eligibility, old.keywords, old.address, old.postcode');
  await sql`CREATE TRIGGER service_fts_insert AFTER INSERT ON service BEGIN
    INSERT INTO service_fts (rowid, ${columns}) VALUES (new.id, ${fromNew});
  END`.execute(db);
  await sql`CREATE TRIGGER service_fts_delete AFTER DELETE ON service BEGIN
    INSERT INTO service_fts (service_fts, rowid, ${columns}) VALUES ('delete', old.id, ${fromOld});
  END`.execute(db);
  await sql`CREATE TRIGGER service_fts_update AFTER UPDATE OF ${columns} ON service BEGIN
    INSERT INTO service_fts (service_fts, rowid, ${columns}) VALUES ('delete', old.id, ${fromOld});
    INSERT INTO service_fts (rowid, ${columns}) VALUES (new.id, ${fromNew});
  END`.execute(db);
}
