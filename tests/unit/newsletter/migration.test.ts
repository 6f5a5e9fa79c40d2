import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openEncrypted } from '../../../main/store/database';
import { migrate } from '../../../main/store/migrations';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

describe('the newsletter review migration', () => {
  it('upgrades a database with issues already sent: each becomes version 1, not withdrawn, correcting nothing', async () => {
    const store = openEncrypted(join(tempFolder(), 'signpost.db'), randomBytes(32), { mustExist: false });
    try {
      await migrate(store.db, '008_newsletter');
      await sql`INSERT INTO newsletter_issue (month, practice_id, scope_key, status, draft, created_at, updated_at, updated_by_name, sent_on, content)
        VALUES ('2026-11', NULL, 'pcn', 'sent', '{}', '2026-11-30T10:00:00.000Z', '2026-11-30T10:00:00.000Z', 'Pat Manager', '2026-11-30', '{}')`.execute(store.db);
      expect(await migrate(store.db)).toContain('012_newsletter_review');
      const issue = await store.db.selectFrom('newsletter_issue').select(['version', 'corrects_issue_id', 'withdrawn_at', 'status']).executeTakeFirstOrThrow();
      expect(issue).toEqual({ version: 1, corrects_issue_id: null, withdrawn_at: null, status: 'sent' });
      expect(await store.db.selectFrom('story_return').selectAll().execute()).toEqual([]);
      expect(await store.db.selectFrom('story_comment').selectAll().execute()).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
