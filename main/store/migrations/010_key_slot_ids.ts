import type { Kysely } from 'kysely';

/**
 * Each user names the one key slot that is theirs, written in the same transaction as the change
 * that made the slot (and its audit entry). At start the key-slot file is brought back in line with
 * it, so a crash between writing keyslots.json and committing leaves no slot the database never
 * agreed to. NULL for users from before: their slot is adopted at the next sign-in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('key_slot_id', 'text').execute();
}
