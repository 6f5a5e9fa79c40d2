import type { Kysely } from 'kysely';

/**
 * Who last set a user's temporary password, and when: the person is told at their next sign-in
 * ("your password was reset by …"), so a reset they did not ask for does not pass unseen. Cleared
 * when they choose their own password; the audit log keeps every reset for good.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('app_user').addColumn('password_reset_by_name', 'text').execute();
  await db.schema.alterTable('app_user').addColumn('password_reset_at', 'text').execute();
}
