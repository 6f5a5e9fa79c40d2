import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import { run } from '../../../main/admin/program';
import { dispatch } from '../../../main/dispatch/dispatch';
import { Session } from '../../../main/session/session';
import { openEncrypted } from '../../../main/store/database';
import { pathsIn } from '../../../main/store/dataFolder';
import { readSlotFile, writeSlotFile } from '../../../main/store/keySlots';
import { TEST_NOW } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const PASSWORD = 'correct horse battery';
const LEE_PASSWORD = 'another good one';
const RECOVERY_KEY = /([A-Z2-9]{4}-){7}[A-Z2-9]{4}/;

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the admin command line in-process, with only the environment given (never the test runner's). */
async function admin(argv: string[], env: Record<string, string> = {}, askSecret?: (q: string) => Promise<string>): Promise<Ran> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    env,
    clock: fixedClock(TEST_NOW),
    stdout: { write: (s: string) => (stdout += s) },
    stderr: { write: (s: string) => (stderr += s) },
    ...(askSecret ? { askSecret } : {}),
  });
  return { code, stdout, stderr };
}

const initArgs = (data: string) => [
  'init', '--data', data, '--pcn', 'Riverside PCN',
  '--practice', 'Riverside Surgery=A81001', '--practice', 'Hillview Medical Centre=A81002',
  '--name', 'Pat Manager', '--username', 'pat',
];

async function initialised(): Promise<{ data: string; recoveryKey: string }> {
  const data = join(tempFolder(), 'signpost');
  const r = await admin(initArgs(data), { SIGNPOST_PASSWORD: PASSWORD });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const recoveryKey = RECOVERY_KEY.exec(r.stdout)?.[0];
  expect(recoveryKey).toBeDefined();
  return { data, recoveryKey: recoveryKey! };
}

/** Opens the database with the recovery key, as a person with the key and sqlite could. */
function openWithRecovery(data: string, recoveryKey: string) {
  const paths = pathsIn(data);
  const dataKey = Session.unwrapRecovery(readSlotFile(paths.slots), recoveryKey);
  if (!dataKey) throw new Error('recovery key did not unwrap');
  return openEncrypted(paths.database, dataKey, { mustExist: true });
}

function auditActions(data: string, recoveryKey: string): string[] {
  const store = openWithRecovery(data, recoveryKey);
  try {
    return (store.raw.prepare('SELECT action FROM audit_log ORDER BY id').all() as { action: string }[]).map((r) => r.action);
  } finally {
    void store.close();
  }
}

describe('admin command line', () => {
  it('sets up, checks with a password and with the recovery key, adds a user and checks again', async () => {
    const { data, recoveryKey } = await initialised();

    const byPassword = await admin(['check', '--data', data, '--username', 'pat'], { SIGNPOST_PASSWORD: PASSWORD });
    expect(byPassword.stderr).toBe('');
    expect(byPassword.code).toBe(0);
    expect(byPassword.stdout).toMatch(/integrity\s+ok/);
    expect(byPassword.stdout).toMatch(/audit chain\s+ok/);
    expect(byPassword.stdout).toMatch(/Users: 1 \(1 enabled\) · Practices: 2 · Audit entries: \d+ · Schema: \d{3}_\w+ \((\d+)\/\1 migrations\)/);
    expect(byPassword.stdout).toContain('All checks passed.');

    // The key as people type it from paper: lower case, spaces instead of dashes.
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    const byRecovery = await admin(['check', '--data', data], { SIGNPOST_RECOVERY_KEY: typed });
    expect(byRecovery.code).toBe(0);
    expect(byRecovery.stdout).toContain('opened with the recovery key');

    const added = await admin(
      ['add-user', '--data', data, '--as', 'pat', '--username', 'lee', '--name', 'Lee Worker', '--role', 'link_worker', '--practice', 'a81001'],
      { SIGNPOST_PASSWORD: PASSWORD, SIGNPOST_NEW_PASSWORD: LEE_PASSWORD },
    );
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('Added Lee Worker (lee) as social prescribing link worker at Riverside Surgery (A81001).');

    const after = await admin(['check', '--data', data, '--recovery-key', recoveryKey]);
    expect(after.code).toBe(0);
    expect(after.stdout).toMatch(/user slots\s+ok: every enabled user \(2\) has a key slot/);
    expect(after.stdout).toContain('Users: 2 (2 enabled)');

    // Lee's temporary password opens the data: the slot was written by the app's own users.create.
    const session = new Session({ dataFolder: data, clock: fixedClock(TEST_NOW) });
    const login = await dispatch(session, 'auth.login', { username: 'lee', password: LEE_PASSWORD });
    expect(login.ok).toBe(true);
    await session.logout();

    const actions = auditActions(data, recoveryKey);
    expect(actions.filter((a) => a === 'admin.check')).toHaveLength(3);
    expect(actions).toContain('users.create');
  });

  it('fails the check, naming the audit chain, after an audit entry is edited', async () => {
    const { data, recoveryKey } = await initialised();
    const store = openWithRecovery(data, recoveryKey);
    store.raw.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET detail = 'nothing to see' WHERE id = 2`);
    await store.close();

    const r = await admin(['check', '--data', data, '--username', 'pat'], { SIGNPOST_PASSWORD: PASSWORD });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/audit chain\s+FAILED: entry 2 does not fit the chain/);
    expect(r.stdout).toMatch(/integrity\s+ok/);
    // The dropped trigger was found (and put back) as the check signed in: that is on record too.
    expect(r.stdout).toMatch(/at sign-in\s+FAILED: Signpost found and recorded: The audit log's append-only protection \(audit_log_no_update\) was removed/);
    expect(r.stderr).toBe('Check failed: audit chain, at sign-in.\n');
    // The failed check is itself on record.
    expect(auditActions(data, recoveryKey).at(-2)).toBe('admin.check');
  });

  it('fails the check, naming the unlock, with a wrong password or recovery key', async () => {
    const { data } = await initialised();
    const wrong = await admin(['check', '--data', data, '--username', 'pat'], { SIGNPOST_PASSWORD: 'not the password' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toMatch(/unlock\s+FAILED: The username or password is not right/);
    expect(wrong.stderr).toBe('Check failed: unlock.\n');

    const wrongKey = await admin(['check', '--data', data, '--recovery-key', 'AAAA-BBBB']);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.stdout).toMatch(/unlock\s+FAILED: The recovery key is not right/);

    const noData = await admin(['check', '--data', join(tempFolder(), 'nothing'), '--recovery-key', 'AAAA']);
    expect(noData.code).toBe(1);
    expect(noData.stderr).toMatch(/There is no Signpost data in/);
  });

  it('fails the check, naming the user slots, when an enabled user has lost their key slot', async () => {
    const { data, recoveryKey } = await initialised();
    await admin(
      ['add-user', '--data', data, '--as', 'pat', '--username', 'lee', '--name', 'Lee Worker', '--role', 'link_worker', '--practice', 'A81001'],
      { SIGNPOST_PASSWORD: PASSWORD, SIGNPOST_NEW_PASSWORD: LEE_PASSWORD },
    );
    const paths = pathsIn(data);
    const file = readSlotFile(paths.slots);
    writeSlotFile(paths.slots, { ...file, slots: file.slots.filter((s) => s.username !== 'lee') });

    const r = await admin(['check', '--data', data, '--recovery-key', recoveryKey]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/user slots\s+FAILED: Lee Worker \(lee\) has no key slot/);
    expect(r.stderr).toBe('Check failed: user slots.\n');
  });

  it('explains setup mistakes field by field, in terms of the options, and creates nothing', async () => {
    const data = join(tempFolder(), 'signpost');
    const r = await admin(
      ['init', '--data', data, '--pcn', ' ', '--practice', 'Riverside Surgery=A8100', '--name', 'Pat Manager', '--username', 'p'],
      { SIGNPOST_PASSWORD: 'short' },
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('--pcn: Enter the Primary Care Network name.');
    expect(r.stderr).toContain('--practice "Riverside Surgery=A8100" (ODS code): An ODS code for a GP practice is a letter and five digits, like A81001.');
    expect(r.stderr).toContain('--username: A username has at least 3 characters.');
    expect(r.stderr).toContain('password (SIGNPOST_PASSWORD): A password has at least 10 characters.');
    expect(existsSync(data) ? readdirSync(data) : []).toEqual([]);

    const noEquals = await admin(['init', '--data', data, '--pcn', 'Riverside PCN', '--practice', 'A81001'], { SIGNPOST_PASSWORD: PASSWORD });
    expect(noEquals.code).toBe(2);
    expect(noEquals.stderr).toContain('"Riverside Surgery=A81001"');
  });

  it('asks for the new password twice at a terminal and refuses when the two differ', async () => {
    const data = join(tempFolder(), 'signpost');
    const noTerminal = await admin(initArgs(data));
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain('No password given: set SIGNPOST_PASSWORD');

    const answers = [PASSWORD, 'correct horse batter'];
    const questions: string[] = [];
    const differ = await admin(initArgs(data), {}, async (q) => {
      questions.push(q);
      return answers.shift() ?? '';
    });
    expect(differ.code).toBe(2);
    expect(questions).toHaveLength(2);
    expect(differ.stderr).toContain('The two passwords you typed differ');
    expect(existsSync(pathsIn(data).slots)).toBe(false);

    const same = await admin(initArgs(data), {}, async () => PASSWORD);
    expect(same.code).toBe(0);
    const again = await admin(initArgs(data), { SIGNPOST_PASSWORD: PASSWORD });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already set up');
  });

  it('refuses bad users plainly, through the same rules as the app', async () => {
    const { data } = await initialised();
    const env = { SIGNPOST_PASSWORD: PASSWORD, SIGNPOST_NEW_PASSWORD: LEE_PASSWORD };
    const base = ['add-user', '--data', data, '--as', 'pat', '--username', 'lee', '--name', 'Lee Worker'];

    const badRole = await admin([...base, '--role', 'linkworker', '--practice', 'A81001'], env);
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain('--role: "linkworker" is not a role: use one of reception, clinician, link_worker, practice_manager, admin.');

    const badPractice = await admin([...base, '--role', 'link_worker', '--practice', 'A81009'], env);
    expect(badPractice.code).toBe(2);
    expect(badPractice.stderr).toContain('--practice: there is no practice with ODS code A81009');
    expect(badPractice.stderr).toContain('A81001 Riverside Surgery');

    const weak = await admin([...base, '--role', 'link_worker', '--practice', 'A81001'], { ...env, SIGNPOST_NEW_PASSWORD: 'password123' });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toContain('temporary password (SIGNPOST_NEW_PASSWORD): This password is too easy to guess. It is a commonly used password.');

    const wrongManagerPassword = await admin([...base, '--role', 'link_worker', '--practice', 'A81001'], { ...env, SIGNPOST_PASSWORD: 'nope nope nope' });
    expect(wrongManagerPassword.code).toBe(1);
    expect(wrongManagerPassword.stderr).toContain('The username or password is not right');

    expect((await admin([...base, '--role', 'link_worker', '--practice', 'A81001'], env)).code).toBe(0);
    const taken = await admin([...base, '--role', 'link_worker', '--practice', 'A81001'], env);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('--username: That username is taken: choose another.');

    // Lee is no manager (and still has a temporary password): the app's rules refuse, in words.
    const byLee = await admin(['add-user', '--data', data, '--as', 'lee', '--username', 'sam', '--name', 'Sam Desk', '--role', 'reception', '--practice', 'A81001'],
      { SIGNPOST_PASSWORD: LEE_PASSWORD, SIGNPOST_NEW_PASSWORD: 'yet another one' });
    expect(byLee.code).toBe(1);
    expect(byLee.stderr).not.toMatch(/\n\s+at /);
    expect(byLee.stderr.trim().length).toBeGreaterThan(0);
  });

  it('prints help for each command and refuses unknown commands and options', async () => {
    for (const command of ['init', 'check', 'add-user']) {
      const r = await admin([command, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: npm run admin -- ${command} `));
    }
    expect((await admin(['--help'])).stdout).toContain('add-user');
    const unknown = await admin(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('There is no command "frobnicate"');
    const badOption = await admin(['check', '--colour']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("Unknown option '--colour'");
    const noWay = await admin(['check', '--data', tempFolder()]);
    expect(noWay.code).toBe(2);
    expect(noWay.stderr).toContain('--username USER');
  });

  it('runs as a real process through npm run admin’s script, with exit codes and no stack traces', { timeout: 120_000 }, () => {
    const data = join(tempFolder(), 'signpost');
    const env: Record<string, string | undefined> = { ...process.env };
    for (const name of Object.keys(env)) if (name.startsWith('SIGNPOST_')) delete env[name];
    const root = join(__dirname, '..', '..', '..');
    const spawn = (args: string[], extra: Record<string, string>) =>
      spawnSync(process.execPath, [join(root, 'scripts', 'admin.cjs'), ...args], { cwd: root, env: { ...env, ...extra }, encoding: 'utf8' });

    const init = spawn(initArgs(data), { SIGNPOST_PASSWORD: PASSWORD });
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toMatch(RECOVERY_KEY);

    const wrong = spawn(['check', '--data', data, '--username', 'pat'], { SIGNPOST_PASSWORD: 'not the password' });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('Check failed: unlock.');
    expect(wrong.stderr).not.toMatch(/\n\s+at /);
  });
});
