import { describe, expect, it } from 'vitest';
import type { AuditCheck } from '../../../main/contract/audit';
import { appendAudit, entryHash, verifyAuditChain } from '../../../main/audit/auditLog';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

/** An installation with a few more audit entries than setup makes: ids 1..5. */
async function installationWithEntries(): Promise<Session> {
  const { session } = await newInstallation(tempFolder());
  for (const minutes of [5, 15, 20]) await call(session, 'settings.update', { idleLockMinutes: minutes });
  const ids = session.active().store.raw.prepare('SELECT id FROM audit_log ORDER BY id').pluck().all();
  expect(ids).toEqual([1, 2, 3, 4, 5]);
  return session;
}

function detailOf(session: Session, id: number): unknown {
  return session.active().store.raw.prepare('SELECT detail FROM audit_log WHERE id = ?').pluck().get(id);
}

describe('the audit chain', () => {
  it('verifies on a fresh installation', async () => {
    const { session } = await newInstallation(tempFolder());
    const check = (await call(session, 'audit.verify')) as AuditCheck;
    expect(check).toEqual({ ok: true, checked: 2, firstBrokenId: null, problems: [] });
  });

  it('links each entry to the one before, starting from zeros', async () => {
    const session = await installationWithEntries();
    const rows = await session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
    expect(rows[0]!.prev_hash).toBe('0'.repeat(64));
    for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    for (const row of rows) expect(entryHash(row.prev_hash, row)).toBe(row.hash);
    expect(await verifyAuditChain(session.active().store.db)).toEqual({ ok: true, checked: 5, firstBrokenId: null });
  });

  it('is protected by triggers that refuse UPDATE and DELETE', async () => {
    const session = await installationWithEntries();
    const raw = session.active().store.raw;
    expect(() => raw.prepare("UPDATE audit_log SET detail = 'edited' WHERE id = 3").run()).toThrow(/append-only/);
    expect(() => raw.prepare('DELETE FROM audit_log WHERE id = 3').run()).toThrow(/append-only/);
    expect(detailOf(session, 3)).toBe('idle lock 5 min');
    expect(raw.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(5);
  });

  it('reports an entry edited behind the triggers’ back as the first broken one', async () => {
    const session = await installationWithEntries();
    const raw = session.active().store.raw;
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare("UPDATE audit_log SET detail = 'idle lock 60 min' WHERE id = 3").run();
    expect(detailOf(session, 3)).toBe('idle lock 60 min');

    const check = (await call(session, 'audit.verify')) as AuditCheck;
    expect(check).toMatchObject({ ok: false, checked: 2, firstBrokenId: 3 });
    expect(check.problems).toContain('Audit entry 3 does not fit the hash chain: an entry was changed or removed.');
  });

  it('still breaks at the next entry when the editor also recomputes the edited entry’s own hash', async () => {
    const session = await installationWithEntries();
    const raw = session.active().store.raw;
    const row = await session.active().store.db.selectFrom('audit_log').selectAll().where('id', '=', 3).executeTakeFirstOrThrow();
    const forged = { ...row, detail: 'idle lock 60 min' };
    raw.exec('DROP TRIGGER audit_log_no_update');
    raw.prepare('UPDATE audit_log SET detail = ?, hash = ? WHERE id = 3').run(forged.detail, entryHash(row.prev_hash, forged));

    expect(await verifyAuditChain(session.active().store.db)).toEqual({ ok: false, checked: 3, firstBrokenId: 4 });
  });

  it('detects a deleted middle entry at the entry after it', async () => {
    const session = await installationWithEntries();
    const raw = session.active().store.raw;
    raw.exec('DROP TRIGGER audit_log_no_delete');
    raw.prepare('DELETE FROM audit_log WHERE id = 3').run();

    const check = (await call(session, 'audit.verify')) as AuditCheck;
    expect(check).toMatchObject({ ok: false, checked: 2, firstBrokenId: 4 });
    expect(check.problems).toContain('Audit entry 4 does not fit the hash chain: an entry was changed or removed.');
  });

  it('detects an edited actor or action, not only the detail', async () => {
    for (const column of ['actor_name', 'action', 'outcome', 'at']) {
      const session = await installationWithEntries();
      const raw = session.active().store.raw;
      raw.exec('DROP TRIGGER audit_log_no_update');
      raw.prepare(`UPDATE audit_log SET ${column} = 'x' WHERE id = 2`).run();
      expect((await verifyAuditChain(session.active().store.db)).firstBrokenId, column).toBe(2);
      await call(session, 'auth.logout');
    }
  });

  it('carries on from the last entry when more are appended', async () => {
    const session = await installationWithEntries();
    const db = session.active().store.db;
    const at = '2026-12-04T10:31:00.000Z';
    await appendAudit(db, { at, actorUserId: null, actorName: 'system', action: 'test.one' }, { at, actorUserId: null, actorName: 'system', action: 'test.two' });
    expect(await verifyAuditChain(db)).toEqual({ ok: true, checked: 7, firstBrokenId: null });
  });
});
