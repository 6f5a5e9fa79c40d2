import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import type { AuditEntry } from '../../../main/contract/audit';
import type { UserRow } from '../../../main/contract/people';
import { dispatch } from '../../../main/dispatch/dispatch';
import { Session } from '../../../main/session/session';
import type { AtomicWriteHooks } from '../../../main/store/atomicWrite';
import { readSlotFile } from '../../../main/store/keySlots';
import { call, MANAGER_PASSWORD, newInstallation, setupInput, TEST_KDF, TEST_NOW } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

/**
 * Crashes around the key file: a process running setup, adding a user or changing a password is
 * killed with SIGKILL (what `kill -9` or a power cut does: no finally, no rollback) at random
 * moments and at the exact instant a file is renamed into place. Whatever the moment, the folder
 * afterwards is either as before or as after, never half of each, and a change nobody saw finish
 * is either undone or on the audit log.
 */

const tempFolder = useTempFolders();

const ROOT = join(__dirname, '..', '..', '..');
const CHILD = join(ROOT, 'tests', 'support', 'crashChild.cjs');
const LEE_TEMPORARY = 'temporary password 1';
const NEW_PASSWORD = 'a brand new password';
const ITERATIONS = 20;
/** Random kills stop early past this, on a slow or busy machine: the deterministic ones still run. */
const BUDGET_MS = 12_000;

beforeAll(() => {
  // The child runs Signpost from dist/: compile main if it is older than its sources.
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'admin.cjs'), '--help'], { cwd: ROOT, encoding: 'utf8' });
  expect(built.status, built.stderr).toBe(0);
}, 180_000);

type Scenario = 'setup' | 'add-user' | 'change-password';

interface Ran {
  finished: boolean;
  killed: boolean;
}

/** Runs the child and kills it `killAfterMs` after it says it is ready (or lets it die at its rename). */
function runChild(scenario: Scenario, folder: string, how: { killAfterMs?: number; dieAfterRenameOf?: string }): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const args = [CHILD, scenario, folder, ...(how.dieAfterRenameOf ? [how.dieAfterRenameOf] : [])];
    const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (how.killAfterMs !== undefined && out.includes('ready\n')) {
        const timer = setTimeout(() => child.kill('SIGKILL'), how.killAfterMs);
        child.once('exit', () => clearTimeout(timer));
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== null && code !== 0) reject(new Error(`child failed (${code}): ${err}`));
      else resolve({ finished: out.includes('done\n'), killed: signal === 'SIGKILL' });
    });
  });
}

function session(folder: string, hooks?: AtomicWriteHooks): Session {
  return new Session({ dataFolder: folder, kdf: TEST_KDF, clock: fixedClock(TEST_NOW), ...(hooks ? { slotWriteHooks: hooks } : {}) });
}

async function signsIn(folder: string, username: string, password: string): Promise<boolean> {
  const s = session(folder);
  const r = await dispatch(s, 'auth.login', { username, password });
  if (r.ok) await s.logout();
  return r.ok;
}

async function auditOf(folder: string): Promise<AuditEntry[]> {
  const s = session(folder);
  await call(s, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
  const { entries } = (await call(s, 'audit.list', { limit: 500 })) as { entries: AuditEntry[] };
  await s.logout();
  return entries;
}

// ---- what must hold after any crash ----

/** Either set up and Pat signs in, or recognised as not set up, and setup then runs. */
async function setupHolds(folder: string): Promise<'set up' | 'not set up'> {
  const s = session(folder);
  if (s.isSetUp()) {
    expect(await signsIn(folder, 'pat', MANAGER_PASSWORD), 'set up, so Pat must sign in').toBe(true);
    return 'set up';
  }
  expect((await dispatch(s, 'auth.state', {})).ok).toBe(true);
  await s.setup(setupInput);
  await s.logout();
  expect(await signsIn(folder, 'pat', MANAGER_PASSWORD)).toBe(true);
  return 'not set up';
}

/** Lee either exists and signs in, or does not exist and has no key slot at all. */
async function addUserHolds(folder: string): Promise<'added' | 'not added'> {
  const s = session(folder);
  await call(s, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD }); // settles the key file
  const lee = ((await call(s, 'users.list')) as UserRow[]).find((u) => u.username === 'lee');
  await s.logout();
  const slots = readSlotFile(join(folder, 'keyslots.json')).slots.filter((x) => x.username === 'lee');
  if (lee) {
    expect(slots.map((x) => x.userId)).toEqual([lee.id]);
    expect(await signsIn(folder, 'lee', LEE_TEMPORARY)).toBe(true);
    return 'added';
  }
  expect(slots, 'a key slot for a user who was never saved').toEqual([]);
  expect(await signsIn(folder, 'lee', LEE_TEMPORARY)).toBe(false);
  return 'not added';
}

/** Exactly one of the two passwords works; the new one only with its audit entry. */
async function passwordChangeHolds(folder: string): Promise<'changed' | 'not changed'> {
  const oldWorks = await signsIn(folder, 'pat', MANAGER_PASSWORD);
  const newWorks = await signsIn(folder, 'pat', NEW_PASSWORD);
  expect(oldWorks !== newWorks, `old password ${oldWorks ? 'works' : 'fails'}, new ${newWorks ? 'works' : 'fails'}`).toBe(true);
  if (!newWorks) return 'not changed';
  const s = session(folder);
  await call(s, 'auth.login', { username: 'pat', password: NEW_PASSWORD });
  const { entries } = (await call(s, 'audit.list', { limit: 500 })) as { entries: AuditEntry[] };
  await s.logout();
  expect(entries.some((e) => e.action === 'auth.changePassword' && e.outcome === 'ok')).toBe(true);
  return 'changed';
}

const holds: Record<Scenario, (folder: string) => Promise<string>> = {
  setup: setupHolds,
  'add-user': addUserHolds,
  'change-password': passwordChangeHolds,
};

let template = '';
afterAll(() => {
  if (template) rmSync(template, { recursive: true, force: true });
});

async function installed(): Promise<string> {
  if (!template) {
    // Not a per-test folder (those go after each test): it serves every test here.
    template = mkdtempSync(join(tmpdir(), 'signpost-template-'));
    const { session: s } = await newInstallation(template);
    await s.logout();
  }
  const folder = join(tempFolder(), 'signpost');
  cpSync(template, folder, { recursive: true });
  return folder;
}

describe('kill -9 around the key file', () => {
  it('in the middle of setup, at the instant keyslots.json is in place: not set up, and setup runs again', async () => {
    const folder = join(tempFolder(), 'signpost');
    expect(await runChild('setup', folder, { dieAfterRenameOf: 'keyslots.json' })).toMatchObject({ killed: true });
    expect(existsSync(join(folder, 'keyslots.json'))).toBe(true);
    expect(session(folder).isSetUp()).toBe(false);
    expect(await setupHolds(folder)).toBe('not set up');
    expect(readdirSync(folder).filter((f) => f.startsWith('signpost.db.setup-'))).toEqual([]);
  });

  it('at the instant the database is renamed into place: set up, and Pat signs in', async () => {
    const folder = join(tempFolder(), 'signpost');
    expect(await runChild('setup', folder, { dieAfterRenameOf: 'signpost.db' })).toMatchObject({ killed: true });
    expect(await setupHolds(folder)).toBe('set up');
  });

  it('adding a user, at the instant keyslots.json is in place: no key slot is left for a user who was never saved', async () => {
    const folder = await installed();
    expect(await runChild('add-user', folder, { dieAfterRenameOf: 'keyslots.json' })).toMatchObject({ killed: true });
    expect(readSlotFile(join(folder, 'keyslots.json')).slots.some((x) => x.username === 'lee')).toBe(true); // as the crash left it
    expect(await addUserHolds(folder)).toBe('not added');
    expect((await auditOf(folder)).some((e) => e.action === 'keyslots.reconcile' && /"lee" was removed: no such user was ever saved/.test(e.detail ?? ''))).toBe(true);
  });

  it('changing a password, at the instant keyslots.json is in place: the old password still works, and that is on the audit log', async () => {
    const folder = await installed();
    expect(await runChild('change-password', folder, { dieAfterRenameOf: 'keyslots.json' })).toMatchObject({ killed: true });
    expect(await passwordChangeHolds(folder)).toBe('not changed');
    const undone = (await auditOf(folder)).find((e) => e.action === 'keyslots.reconcile');
    expect(undone?.detail).toMatch(/An unfinished password change for Pat Manager \(pat\) was undone: Signpost stopped before saving it/);
  });

  const windows: Record<Scenario, number> = { setup: 400, 'add-user': 80, 'change-password': 80 };

  it.each<Scenario>(['setup', 'add-user', 'change-password'])('%s, killed at random moments: always as before or as after', { timeout: 120_000 }, async (scenario) => {
    const started = performance.now();
    const outcomes = new Map<string, number>();
    for (let i = 0; i < ITERATIONS && performance.now() - started < BUDGET_MS; i += 1) {
      const folder = scenario === 'setup' ? join(tempFolder(), 'signpost') : await installed();
      const ran = await runChild(scenario, folder, { killAfterMs: Math.floor(Math.random() * windows[scenario]) });
      const outcome = await holds[scenario](folder);
      if (ran.finished) expect(outcome).toMatch(/^(set up|added|changed)$/);
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
  });
});

describe('reconciling the key file with the database, in-process', () => {
  it('a password change whose transaction rolls back keeps the old password, at once', async () => {
    const { session: s } = await newInstallation(tempFolder());
    const before = readSlotFile(s.paths.slots).slots.length;
    // The change's audit entry cannot be written, after the new slot was staged: the call rolls back.
    s.active().store.raw.exec("CREATE TRIGGER fail_change BEFORE INSERT ON audit_log WHEN NEW.action = 'auth.changePassword' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const r = await dispatch(s, 'auth.changePassword', { currentPassword: MANAGER_PASSWORD, newPassword: NEW_PASSWORD }, { error: () => {} });
    expect(r.ok).toBe(false);
    expect(readSlotFile(s.paths.slots).slots).toHaveLength(before);
    s.active().store.raw.exec('DROP TRIGGER fail_change');
    await s.logout();
    expect(await signsIn(s.paths.folder, 'pat', MANAGER_PASSWORD)).toBe(true);
    expect(await signsIn(s.paths.folder, 'pat', NEW_PASSWORD)).toBe(false);
  });

  it('a changed password that committed but whose old slot was not yet removed: the old one goes at the next sign-in', async () => {
    const folder = tempFolder();
    const { session: first } = await newInstallation(folder);
    await first.logout();
    let writes = 0;
    // The second write (removing the old slot) "loses power" before its rename.
    const s = session(folder, { beforeRename: () => { writes += 1; if (writes === 2) throw new Error('power cut'); } });
    await call(s, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    await dispatch(s, 'auth.changePassword', { currentPassword: MANAGER_PASSWORD, newPassword: NEW_PASSWORD }, { error: () => {} });
    expect(readSlotFile(join(folder, 'keyslots.json')).slots.filter((x) => x.username === 'pat')).toHaveLength(2);
    await s.logout();
    expect(await signsIn(folder, 'pat', NEW_PASSWORD)).toBe(true);
    expect(readSlotFile(join(folder, 'keyslots.json')).slots.filter((x) => x.username === 'pat')).toHaveLength(1);
    expect(await signsIn(folder, 'pat', MANAGER_PASSWORD)).toBe(false);
  });
});
