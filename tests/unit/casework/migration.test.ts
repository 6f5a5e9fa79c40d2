import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../main/store/database';
import { migrate } from '../../../main/store/migrations';
import { useTempFolders } from '../../support/tempFolder';
import { contacted, practiceWithReferrals } from './support';

const tempFolder = useTempFolders();

describe('migration 006_casework', () => {
  it('adds the casework tables, the caseload’s indexes and the 14-day no-contact setting', async () => {
    const store = openEncrypted(join(tempFolder(), 'signpost.db'), randomBytes(32), { mustExist: false });
    try {
      expect(await migrate(store.db)).toContain('006_casework');
      const tables = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'case_%' ORDER BY name`.execute(store.db);
      expect(tables.rows.map((r) => r.name)).toEqual(['case_contact', 'case_escalation', 'case_goal', 'case_mdt_flag', 'case_next_step', 'case_plan']);
      const index = await sql<{ name: string }>`SELECT name FROM pragma_index_info('case_contact_referral_reached_at') ORDER BY seqno`.execute(store.db);
      expect(index.rows.map((r) => r.name)).toEqual(['referral_id', 'reached', 'at']);
      const setting = await store.db.selectFrom('setting').select('value').where('key', '=', 'caseworkNoContactAlertDays').executeTakeFirst();
      expect(setting?.value).toBe('14');
    } finally {
      await store.close();
    }
  });

  it('refuses an unknown contact type or goal progress, a record of no referral, and a second open MDT flag on one case', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await contacted(session, id!);
    const db = session.active().store.db;
    const contact = { referral_id: id!, at: '2026-03-01T10:00:00.000Z', type: 'phone', reached: 1, duration_minutes: null, notes: '', recorded_by: null, recorded_by_name: 'x', recorded_at: 'now' };
    await expect(db.insertInto('case_contact').values({ ...contact, type: 'telegram' }).execute()).rejects.toThrow(/CHECK/);
    await expect(db.insertInto('case_contact').values({ ...contact, referral_id: 9999 }).execute()).rejects.toThrow(/FOREIGN KEY/);
    const goal = { referral_id: id!, text: 'x', target_date: null, progress: 'nearly', created_at: 'now', updated_at: 'now', updated_by_name: 'x' };
    await expect(db.insertInto('case_goal').values(goal).execute()).rejects.toThrow(/CHECK/);

    const flag = { referral_id: id!, practice_id: 1, question: 'q', flagged_by: null, flagged_by_name: 'x', flagged_at: 'now', cleared_at: null, cleared_by_name: null };
    await db.insertInto('case_mdt_flag').values(flag).execute();
    await expect(db.insertInto('case_mdt_flag').values(flag).execute()).rejects.toThrow(/UNIQUE/);
    // Cleared flags are history: any number of them.
    await db.insertInto('case_mdt_flag').values({ ...flag, cleared_at: 'later', cleared_by_name: 'x' }).execute();
    await db.insertInto('case_mdt_flag').values({ ...flag, cleared_at: 'later', cleared_by_name: 'x' }).execute();
  });
});
