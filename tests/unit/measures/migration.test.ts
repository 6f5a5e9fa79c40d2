import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../main/store/database';
import { migrate } from '../../../main/store/migrations';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

describe('migration 004_measures', () => {
  it('adds the measure table with its case-and-date index, the 12-week follow-up setting, and refuses a measure of an unknown case or kind', async () => {
    const store = openEncrypted(join(tempFolder(), 'signpost.db'), randomBytes(32), { mustExist: false });
    try {
      expect(await migrate(store.db)).toContain('004_measures');
      const index = await sql<{ name: string }>`SELECT name FROM pragma_index_info('measure_referral_instrument_taken') ORDER BY seqno`.execute(store.db);
      expect(index.rows.map((r) => r.name)).toEqual(['referral_id', 'instrument', 'taken_on']);
      const setting = await store.db.selectFrom('setting').select('value').where('key', '=', 'measuresFollowUpWeeks').executeTakeFirst();
      expect(setting?.value).toBe('12');

      const row = { referral_id: 12345, instrument: 'swemwbs', stage: 'baseline', taken_on: '2026-05-04', answers: '[]', scores: '{}', recorded_by: null, recorded_by_name: 'x', recorded_at: 'now' };
      await expect(store.db.insertInto('measure').values(row).execute()).rejects.toThrow(/FOREIGN KEY/);
      await expect(store.db.insertInto('measure').values({ ...row, instrument: 'pam' }).execute()).rejects.toThrow(/CHECK/);
      await expect(store.db.insertInto('measure').values({ ...row, stage: 'midway' }).execute()).rejects.toThrow(/CHECK/);
    } finally {
      await store.close();
    }
  });
});
