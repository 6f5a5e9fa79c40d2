import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import type { AuditCheck, AuditEntry } from '../../../main/contract/audit';
import { Session } from '../../../main/session/session';
import { openEncrypted, type RawDatabase } from '../../../main/store/database';
import { call, MANAGER_PASSWORD, newInstallation, TEST_KDF, TEST_NOW } from '../../support/installation';
import { rewriteAnchorToMatch, tamperings } from '../../support/auditTamper';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

/** An installation with 27 audit entries, signed out, and the data key an insider would unwrap. */
async function installation(options: { anchorDir?: string } = {}) {
  const folder = tempFolder();
  const clock = fixedClock(TEST_NOW);
  const { session: first } = await newInstallation(folder, clock);
  for (let i = 0; i < 25; i += 1) await call(first, 'settings.update', { idleLockMinutes: 5 + (i % 20) });
  const key = Buffer.from(first.active().dataKey);
  await call(first, 'auth.logout');
  const session = new Session({ dataFolder: folder, kdf: TEST_KDF, clock, ...(options.anchorDir ? { anchorDir: options.anchorDir } : {}) });
  return { folder, key, session, clock };
}

/** Changes the database as an SQLCipher tool with the key would, while Signpost is not running. */
async function outsideSignpost(folder: string, key: Buffer, change: (raw: RawDatabase) => void): Promise<void> {
  const store = openEncrypted(join(folder, 'signpost.db'), key, { mustExist: true });
  change(store.raw);
  await store.close();
}

async function signIn(session: Session): Promise<void> {
  await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
}

async function findings(session: Session): Promise<string[]> {
  const { entries } = (await call(session, 'audit.list', { limit: 500 })) as { entries: AuditEntry[] };
  return entries.filter((e) => e.action === 'audit.integrity' && e.outcome === 'failed').map((e) => e.detail ?? '');
}

describe('the audit log against its anchor', () => {
  it('passes on an untouched installation, and its anchor grows with each commit', async () => {
    const { session, folder } = await installation();
    await signIn(session);
    const before = readFileSync(join(folder, 'audit-anchor.jsonl'), 'utf8').trim().split('\n').length;
    await call(session, 'settings.update', { idleLockMinutes: 12 });
    expect(readFileSync(join(folder, 'audit-anchor.jsonl'), 'utf8').trim().split('\n').length).toBe(before + 1);
    expect(await call(session, 'audit.verify')).toMatchObject({ ok: true, problems: [] });
    expect(await findings(session)).toEqual([]);
  });

  // 28 entries before: setup's 2, 25 settings changes, the sign-out. The full check runs after the
  // sign-in that found the tampering has added its own entries (and anchored them).
  const expected: Record<keyof typeof tamperings, { signIn: RegExp; verify: RegExp }> = {
    'an edited entry, re-chained': {
      signIn: /^Audit entry 28 is not the entry the anchor in the data folder recorded on 04\/12\/2026, 10:30: the log was changed and its hash chain rebuilt\.$/m,
      verify: /^Audit entry 3 is not the entry the anchor in the data folder recorded/m,
    },
    'a deleted entry, re-chained': {
      signIn: /^The audit log ends at entry 27, but the anchor in the data folder recorded entry 28 on 04\/12\/2026, 10:30: 1 entry was removed from the end/m,
      verify: /^Audit entry 3 is not the entry the anchor in the data folder recorded/m,
    },
    'the last 20 entries removed': {
      signIn: /^The audit log ends at entry 8, but the anchor in the data folder recorded entry 28 .*: 20 entries were removed from the end/m,
      verify: /^The anchor in the data folder goes back from entry 28 to entry 10: the log was shortened or rewritten and Signpost anchored it again\.$/m,
    },
    'every entry deleted': {
      signIn: /^The audit log ends at entry 0, but the anchor in the data folder recorded entry 28 .*: 28 entries were removed from the end/m,
      verify: /^The anchor in the data folder goes back from entry 28 to entry 2/m,
    },
    'a forged entry appended': {
      signIn: /^Audit entry 29 was saved but never anchored: added outside Signpost, or Signpost stopped between saving and anchoring\.$/m,
      verify: /^Found when you signed in: Audit entry 29 was saved but never anchored/m,
    },
    'a forged entry inserted': {
      signIn: /^Audit entry 28 is not the entry the anchor in the data folder recorded/m,
      verify: /^Audit entry 3 is not the entry the anchor in the data folder recorded/m,
    },
    'both append-only triggers dropped': {
      signIn: /^The audit log's append-only protection \(audit_log_no_update, audit_log_no_delete\) was removed or changed outside Signpost; Signpost has put it back\.$/m,
      verify: /^Found when you signed in: The audit log's append-only protection/m,
    },
  };

  it.each(Object.keys(tamperings))('finds %s, at the next sign-in and in the full check', async (name) => {
    const { session, folder, key } = await installation();
    await outsideSignpost(folder, key, tamperings[name]!);
    await signIn(session);
    const check = (await call(session, 'audit.verify')) as AuditCheck;
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(expected[name]!.verify);
    expect((await findings(session)).join('\n')).toMatch(expected[name]!.signIn);
  });

  it('keeps failing the full check after the rewritten log has been anchored again', async () => {
    const { session, folder, key } = await installation();
    await outsideSignpost(folder, key, tamperings['an edited entry, re-chained']!);
    await signIn(session);
    await call(session, 'auth.logout');
    await signIn(session);
    const check = (await call(session, 'audit.verify')) as AuditCheck;
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(/Audit entry 3 is not the entry the anchor in the data folder recorded/);
    expect(check.problems.join('\n')).toMatch(/goes back|is not the entry/);
  });

  it('notices a missing anchor file instead of starting afresh without a word', async () => {
    const { session, folder } = await installation();
    rmSync(join(folder, 'audit-anchor.jsonl'));
    await signIn(session);
    expect((await findings(session)).join('\n')).toMatch(/The audit anchor \(.*audit-anchor\.jsonl\) is missing from the data folder/);
  });

  it('is caught by the copy in IT’s folder when the insider rewrites the data folder’s anchor as well', async () => {
    const itFolder = join(tempFolder(), 'it-share');
    mkdirSync(itFolder);
    const { session, folder, key } = await installation({ anchorDir: itFolder });
    await signIn(session); // starts IT's copy
    await call(session, 'settings.update', { idleLockMinutes: 9 });
    await call(session, 'auth.logout');
    await outsideSignpost(folder, key, (raw) => {
      tamperings['an edited entry, re-chained']!(raw);
      const anchor = join(folder, 'audit-anchor.jsonl');
      writeFileSync(anchor, rewriteAnchorToMatch(raw, readFileSync(anchor, 'utf8')));
    });

    // Without IT's copy nothing outside the data folder disagrees: the limit README.md states.
    const alone = new Session({ dataFolder: folder, kdf: TEST_KDF, clock: fixedClock(TEST_NOW) });
    await signIn(alone);
    expect(await findings(alone)).toEqual([]);
    await call(alone, 'auth.logout');

    await signIn(session);
    const check = (await call(session, 'audit.verify')) as AuditCheck;
    expect(check.ok).toBe(false);
    expect(check.problems.join('\n')).toMatch(new RegExp(`is not the entry the copy in ${itFolder.replace(/[/\\]/g, '.')} recorded`));
  });
});

describe('failed sign-ins waiting outside the database', () => {
  it('never turns a forged line of another kind, or a backdated one, into an audit entry, and says so', async () => {
    const { session, folder } = await installation();
    const pending = join(folder, 'pending-audit.jsonl');
    appendFileSync(pending, `${JSON.stringify({ at: '2026-12-01T09:00:00.000Z', actorUserId: 1, actorName: 'Pat Manager', action: 'newsletter.export', outcome: 'ok', detail: 'exported as PDF' })}\n`);
    appendFileSync(pending, `${JSON.stringify({ at: '2025-01-01T09:00:00.000Z', actorName: 'pat', action: 'auth.login', outcome: 'failed', detail: 'wrong password' })}\n`);
    appendFileSync(pending, 'not even JSON\n');
    await signIn(session);
    const { entries } = (await call(session, 'audit.list', { limit: 500 })) as { entries: AuditEntry[] };
    expect(entries.some((e) => e.action === 'newsletter.export')).toBe(false);
    expect(entries.some((e) => e.at.startsWith('2025-01-01'))).toBe(false);
    expect((await findings(session)).join('\n')).toMatch(/pending-audit\.jsonl held 3 lines that are not a failed sign-in at a plausible time; they were not added to the log/);
  });

  it('notices when the file of failed sign-ins is deleted before the next sign-in', async () => {
    const { session, folder } = await installation();
    for (const password of ['guess one', 'guess two']) {
      await expect(call(session, 'auth.login', { username: 'pat', password })).rejects.toThrow(/WRONG_PASSWORD/);
    }
    rmSync(join(folder, 'pending-audit.jsonl'));
    await signIn(session);
    expect((await findings(session)).join('\n')).toMatch(/2 failed sign-in attempts recorded by the anchor are missing from pending-audit\.jsonl: the file was deleted/);
  });

  it('moves genuine failed sign-ins in once, with their own time', async () => {
    const { session, clock } = await installation();
    clock.advance(60_000);
    await expect(call(session, 'auth.login', { username: 'pat', password: 'a wrong guess' })).rejects.toThrow(/WRONG_PASSWORD/);
    clock.advance(60_000);
    await signIn(session);
    const { entries } = (await call(session, 'audit.list', { limit: 500 })) as { entries: AuditEntry[] };
    const failed = entries.filter((e) => e.outcome === 'failed');
    expect(failed).toEqual([expect.objectContaining({ action: 'auth.login', actorName: 'pat', actorUserId: 1, detail: 'wrong password', at: '2026-12-04T10:31:00.000Z' })]);
    await call(session, 'auth.logout');
    await signIn(session);
    expect(await findings(session)).toEqual([]);
    expect((await call(session, 'audit.verify')) as AuditCheck).toMatchObject({ ok: true });
  });
});
