import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import { run } from '../../../main/admin/program';
import { dispatch } from '../../../main/dispatch/dispatch';
import { Session } from '../../../main/session/session';
import { openEncrypted, type RawDatabase } from '../../../main/store/database';
import { pathsIn } from '../../../main/store/dataFolder';
import { findUserSlot, readSlotFile, unwrapSlot } from '../../../main/store/keySlots';
import { TEST_NOW } from '../../support/installation';
import { rewriteAnchorToMatch, tamperings } from '../../support/auditTamper';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const PASSWORD = 'correct horse battery';

async function admin(argv: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env, clock: fixedClock(TEST_NOW),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
  });
  return { code, stdout, stderr };
}

let template = '';
let itTemplate = '';
let recoveryKey = '';

/** One data folder with 29 audit entries, made once (production key costs) and copied per test. */
let templateRoot = '';
afterAll(() => rmSync(templateRoot, { recursive: true, force: true }));
beforeAll(async () => {
  // Not a per-test folder: those are removed after each test, and this one serves them all.
  const root = mkdtempSync(join(tmpdir(), 'signpost-template-'));
  templateRoot = root;
  template = join(root, 'signpost');
  itTemplate = join(root, 'it-share');
  mkdirSync(itTemplate);
  const init = await admin(['init', '--data', template, '--pcn', 'Riverside PCN', '--practice', 'Riverside Surgery=A81001', '--name', 'Pat Manager', '--username', 'pat'], { SIGNPOST_PASSWORD: PASSWORD });
  expect(init.code).toBe(0);
  recoveryKey = /([A-Z2-9]{4}-){7}[A-Z2-9]{4}/.exec(init.stdout)![0];
  const session = new Session({ dataFolder: template, clock: fixedClock(TEST_NOW), anchorDir: itTemplate });
  expect((await dispatch(session, 'auth.login', { username: 'pat', password: PASSWORD })).ok).toBe(true);
  for (let i = 0; i < 24; i += 1) expect((await dispatch(session, 'settings.update', { idleLockMinutes: 5 + i })).ok).toBe(true);
  await session.logout();
}, 60_000);

function copyOfTemplate(): { data: string; itShare: string } {
  const root = tempFolder();
  const data = join(root, 'signpost');
  const itShare = join(root, 'it-share');
  cpSync(template, data, { recursive: true });
  cpSync(itTemplate, itShare, { recursive: true });
  return { data, itShare };
}

/** The insider's move: Pat's password unwraps the data key, and any SQLCipher tool does the rest. */
async function asInsider(data: string, change: (raw: RawDatabase) => void): Promise<void> {
  const paths = pathsIn(data);
  const key = unwrapSlot(findUserSlot(readSlotFile(paths.slots), 'pat')!, PASSWORD)!;
  const store = openEncrypted(paths.database, key, { mustExist: true });
  change(store.raw);
  await store.close();
}

const seen: Record<keyof typeof tamperings, RegExp> = {
  'an edited entry, re-chained': /at sign-in\s+FAILED: Signpost found and recorded: Audit entry 29 is not the entry the anchor in the data folder recorded/,
  'a deleted entry, re-chained': /at sign-in\s+FAILED: .*The audit log ends at entry 28, but the anchor in the data folder recorded entry 29/,
  'the last 20 entries removed': /at sign-in\s+FAILED: .*The audit log ends at entry 9, but the anchor in the data folder recorded entry 29 .*: 20 entries were removed from the end/,
  'every entry deleted': /at sign-in\s+FAILED: .*The audit log ends at entry 0, but the anchor in the data folder recorded entry 29/,
  'a forged entry appended': /at sign-in\s+FAILED: .*Audit entry 30 was saved but never anchored: added outside Signpost/,
  'a forged entry inserted': /at sign-in\s+FAILED: .*Audit entry 29 is not the entry the anchor in the data folder recorded/,
  'both append-only triggers dropped': /at sign-in\s+FAILED: .*append-only protection \(audit_log_no_update, audit_log_no_delete\) was removed or changed outside Signpost; Signpost has put it back/,
};

describe('admin check against the audit anchor', () => {
  it('passes an untouched data folder, against both copies', async () => {
    const { data, itShare } = copyOfTemplate();
    const r = await admin(['check', '--data', data, '--username', 'pat', '--anchor-dir', itShare], { SIGNPOST_PASSWORD: PASSWORD });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(new RegExp(`audit log\\s+ok: append-only triggers in place, no gaps, every head recorded in the anchor in the data folder and the copy in ${itShare.replace(/[/\\]/g, '.')} matches`));
    expect(r.code).toBe(0);
  });

  it.each(Object.keys(tamperings))('fails, in plain words, after %s', async (name) => {
    const { data } = copyOfTemplate();
    await asInsider(data, tamperings[name]!);
    const r = await admin(['check', '--data', data, '--username', 'pat'], { SIGNPOST_PASSWORD: PASSWORD });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(seen[name]!);
    expect(r.stderr).toMatch(/^Check failed: .*at sign-in/);
  });

  it('fails with the recovery key too, which signs nobody in: the full check finds a forged entry on its own', async () => {
    const { data } = copyOfTemplate();
    await asInsider(data, tamperings['a forged entry appended']!);
    const r = await admin(['check', '--data', data, '--recovery-key', recoveryKey]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/audit log\s+FAILED: Audit entries 30–30 are in the log but not in the anchor in the data folder: added outside Signpost/);
    expect(r.stdout).not.toMatch(/at sign-in/);
  });

  it('catches, through IT’s copy, an insider who rewrote the data folder’s anchor as well; without it the check cannot', async () => {
    const { data, itShare } = copyOfTemplate();
    await asInsider(data, (raw) => {
      tamperings['an edited entry, re-chained']!(raw);
      const anchor = pathsIn(data).anchor;
      writeFileSync(anchor, rewriteAnchorToMatch(raw, readFileSync(anchor, 'utf8')));
    });
    const blind = join(tempFolder(), 'blind');
    cpSync(data, blind, { recursive: true });
    const withoutCopy = await admin(['check', '--data', blind, '--username', 'pat'], { SIGNPOST_PASSWORD: PASSWORD });
    expect(withoutCopy.code).toBe(0);

    const r = await admin(['check', '--data', data, '--username', 'pat'], { SIGNPOST_PASSWORD: PASSWORD, SIGNPOST_ANCHOR_DIR: itShare });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(new RegExp(`is not the entry the copy in ${itShare.replace(/[/\\]/g, '.')} recorded`));
  });

  it('fails when a forged, backdated entry was slipped into the file of failed sign-ins, which never reaches the log', async () => {
    const { data } = copyOfTemplate();
    appendFileSync(pathsIn(data).pendingAudit, `${JSON.stringify({ at: '2026-06-01T09:00:00.000Z', actorUserId: 1, actorName: 'Pat Manager', action: 'newsletter.export', outcome: 'ok', detail: 'exported' })}\n`);
    const r = await admin(['check', '--data', data, '--username', 'pat'], { SIGNPOST_PASSWORD: PASSWORD });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/at sign-in\s+FAILED: .*pending-audit\.jsonl held 1 line that is not a failed sign-in at a plausible time; it was not added to the log/);
  });
});
