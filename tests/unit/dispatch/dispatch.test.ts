import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../../main/clock/clock';
import type { AppErrorShape, Result } from '../../../main/contract/errors';
import type { SessionState, UserRow } from '../../../main/contract/people';
import type { Role } from '../../../main/contract/roles';
import { dispatch } from '../../../main/dispatch/dispatch';
import { Session } from '../../../main/session/session';
import { call, MANAGER_PASSWORD, newInstallation, setupInput, TEST_KDF, TEST_NOW } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const TEMPORARY = 'temporary password 1';
const CHOSEN = 'my own new password';

function errorOf(r: Result<unknown>): AppErrorShape {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.result)}`);
  return r.error;
}

async function auditRows(session: Session) {
  return session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id').execute();
}

async function createUser(session: Session, username: string, role: Role, fullName = `${username} user`): Promise<UserRow> {
  return (await call(session, 'users.create', { fullName, username, role, practiceIds: [1], temporaryPassword: TEMPORARY })) as UserRow;
}

/** Signs the manager out and the given user in, past the first-sign-in password change. */
async function signInAs(session: Session, username: string, changePassword = true): Promise<void> {
  await call(session, 'auth.logout');
  await call(session, 'auth.login', { username, password: TEMPORARY });
  if (changePassword) await call(session, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: CHOSEN });
}

describe('role checks', () => {
  it.each<[Role]>([['link_worker'], ['reception'], ['clinician']])(
    'refuses a %s who asks for the user list, and audits the refusal',
    async (role) => {
      const { session } = await newInstallation(tempFolder());
      const user = await createUser(session, 'someone', role, 'Some One');
      await signInAs(session, 'someone');

      const e = errorOf(await dispatch(session, 'users.list', {}));
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toMatch(/role does not allow/);

      const last = (await auditRows(session)).at(-1)!;
      expect(last).toMatchObject({ action: 'users.list', outcome: 'refused', actor_user_id: user.id, actor_name: 'Some One' });
      expect(last.detail).toContain(role);
    },
  );

  it('refuses a receptionist who tries to create a user, and creates nobody', async () => {
    const { session } = await newInstallation(tempFolder());
    await createUser(session, 'rita', 'reception');
    await signInAs(session, 'rita');
    const e = errorOf(await dispatch(session, 'users.create', {
      fullName: 'Sneaky', username: 'sneaky', role: 'admin', practiceIds: [1], temporaryPassword: TEMPORARY,
    }));
    expect(e.code).toBe('FORBIDDEN');
    const names = await session.active().store.db.selectFrom('app_user').select('username').execute();
    expect(names.map((n) => n.username)).not.toContain('sneaky');
  });

  it('lets any signed-in role list the practices', async () => {
    const { session } = await newInstallation(tempFolder());
    await createUser(session, 'rita', 'reception');
    await signInAs(session, 'rita');
    const r = (await call(session, 'practices.list')) as { practices: unknown[] };
    expect(r.practices).toHaveLength(2);
  });

  it('lets an administrator manage users', async () => {
    const { session } = await newInstallation(tempFolder());
    await createUser(session, 'ada', 'admin');
    await signInAs(session, 'ada');
    expect((await call(session, 'users.list')) as UserRow[]).toHaveLength(2);
  });
});

describe('input checks', () => {
  it('refuses a new user with a bad username and a short password, naming both fields', async () => {
    const { session } = await newInstallation(tempFolder());
    const before = (await auditRows(session)).length;
    const e = errorOf(await dispatch(session, 'users.create', {
      fullName: 'Lee Worker', username: 'no spaces!', role: 'link_worker', practiceIds: [1], temporaryPassword: 'short',
    }));
    expect(e.code).toBe('VALIDATION');
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(['temporaryPassword', 'username']);
    expect(e.fieldErrors!.username![0]).toMatch(/letters, numbers/);
    expect(e.fieldErrors!.temporaryPassword![0]).toMatch(/at least 10 characters/);
    expect(e.message).toBe('Check the 2 highlighted fields.');
    expect(await auditRows(session)).toHaveLength(before);
    expect((await call(session, 'users.list')) as UserRow[]).toHaveLength(1);
  });

  it('names a nested setup field by its dotted path, and sets nothing up', async () => {
    const session = new Session({ dataFolder: tempFolder(), kdf: TEST_KDF, clock: fixedClock(TEST_NOW) });
    const e = errorOf(await dispatch(session, 'setup.create', {
      ...setupInput,
      practices: [{ name: 'Riverside Surgery', odsCode: 'A81001' }, { name: '', odsCode: 'bad' }],
      manager: { ...setupInput.manager, password: 'short' },
    }));
    expect(e.code).toBe('VALIDATION');
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(['manager.password', 'practices.1.name', 'practices.1.odsCode']);
    expect(e.fieldErrors!['practices.1.odsCode']![0]).toMatch(/letter and five digits/);
    expect(session.isSetUp()).toBe(false);
    expect(existsSync(session.paths.database)).toBe(false);
  });

  it('puts a whole-list rule (duplicate ODS codes) on the list itself', async () => {
    const session = new Session({ dataFolder: tempFolder(), kdf: TEST_KDF, clock: fixedClock(TEST_NOW) });
    const e = errorOf(await dispatch(session, 'setup.create', {
      ...setupInput,
      practices: [{ name: 'One', odsCode: 'A81001' }, { name: 'Two', odsCode: 'a81001' }],
    }));
    expect(e.code).toBe('VALIDATION');
    expect(e.fieldErrors).toEqual({ practices: ['Each practice needs its own ODS code'] });
  });

  it('treats a missing input as an empty one', async () => {
    const { session } = await newInstallation(tempFolder());
    expect((await dispatch(session, 'practices.list', undefined)).ok).toBe(true);
    expect(errorOf(await dispatch(session, 'users.create', undefined)).code).toBe('VALIDATION');
  });
});

describe('unknown channels', () => {
  it.each([['users.destroy'], [''], ['__proto__'], ['toString'], ['constructor'], ['hasOwnProperty']])(
    'answers UNKNOWN_CHANNEL for %j',
    async (name) => {
      const { session } = await newInstallation(tempFolder());
      expect(errorOf(await dispatch(session, name, {})).code).toBe('UNKNOWN_CHANNEL');
    },
  );
});

describe('auditing writes', () => {
  it('records who did what to which record when a write succeeds', async () => {
    const { session } = await newInstallation(tempFolder());
    const pat = session.active().user;
    const lee = await createUser(session, 'lee', 'link_worker', 'Lee Worker');
    const last = (await auditRows(session)).at(-1)!;
    expect(last).toMatchObject({
      actor_user_id: pat.id, actor_name: 'Pat Manager', action: 'users.create',
      target_type: 'user', target_id: String(lee.id), outcome: 'ok', detail: 'created as link_worker at A81001',
    });
    expect(Date.parse(last.at)).not.toBeNaN();
  });

  it('records no success, and keeps no change, when a write fails part-way', async () => {
    const { session } = await newInstallation(tempFolder());
    const lee = await createUser(session, 'lee', 'link_worker');
    await signInAs(session, 'lee');
    await call(session, 'auth.logout');
    await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    const before = await auditRows(session);
    // The reset writes the database first, then the key slot: a key file that cannot be read fails it after the first write.
    const slots = readFileSync(session.paths.slots, 'utf8');
    writeFileSync(session.paths.slots, '{ not json');
    const e = errorOf(await dispatch(session, 'users.resetPassword', { id: lee.id, temporaryPassword: 'another temporary 9' }));
    writeFileSync(session.paths.slots, slots);
    expect(e.code).not.toBe('VALIDATION');
    expect(await auditRows(session)).toEqual(before);
    const row = ((await call(session, 'users.list')) as UserRow[]).find((u) => u.username === 'lee');
    expect(row).toMatchObject({ mustChangePassword: false });
  });

  it('refuses a practice that does not exist at the field, before writing anything', async () => {
    const { session } = await newInstallation(tempFolder());
    await createUser(session, 'lee', 'link_worker');
    const before = await auditRows(session);
    const e = errorOf(await dispatch(session, 'users.update', { id: 2, fullName: 'Renamed', role: 'clinician', practiceIds: [1, 99] }));
    expect(e.code).toBe('VALIDATION');
    expect(e.fieldErrors).toEqual({ practiceIds: ['Choose practices from the list'] });
    expect(await auditRows(session)).toEqual(before);
    const lee = (await call(session, 'users.list')) as UserRow[];
    expect(lee.find((u) => u.username === 'lee')).toMatchObject({ fullName: 'lee user', role: 'link_worker' });
  });
});

describe('a temporary password', () => {
  it('keeps the user to changing it before anything else', async () => {
    const { session } = await newInstallation(tempFolder());
    await createUser(session, 'lee', 'link_worker');
    await signInAs(session, 'lee', false);
    const state = (await call(session, 'auth.state')) as SessionState;
    expect(state.state === 'active' && state.user.mustChangePassword).toBe(true);

    for (const channel of ['practices.list', 'settings.get']) {
      const e = errorOf(await dispatch(session, channel, {}));
      expect(e.code).toBe('FORBIDDEN');
      expect(e.message).toMatch(/new password/);
    }
    expect((await dispatch(session, 'auth.heartbeat', {})).ok).toBe(true);

    const wrong = errorOf(await dispatch(session, 'auth.changePassword', { currentPassword: 'not the temporary', newPassword: CHOSEN }));
    expect(wrong.code).toBe('WRONG_PASSWORD');
    expect(errorOf(await dispatch(session, 'practices.list', {})).code).toBe('FORBIDDEN');

    const after = (await call(session, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: CHOSEN })) as SessionState;
    expect(after.state === 'active' && after.user.mustChangePassword).toBe(false);
    expect((await dispatch(session, 'practices.list', {})).ok).toBe(true);
  });

  it('stops working once changed, and the new password signs in', async () => {
    const { session } = await newInstallation(tempFolder());
    await createUser(session, 'lee', 'link_worker');
    await signInAs(session, 'lee');
    await call(session, 'auth.logout');
    expect(errorOf(await dispatch(session, 'auth.login', { username: 'lee', password: TEMPORARY })).code).toBe('WRONG_PASSWORD');
    const state = (await call(session, 'auth.login', { username: 'lee', password: CHOSEN })) as SessionState;
    expect(state.state === 'active' && state.user.mustChangePassword).toBe(false);
  });
});

describe('calls without an open session', () => {
  it('answers UNAUTHENTICATED when signed out', async () => {
    const { session } = await newInstallation(tempFolder());
    await call(session, 'auth.logout');
    for (const channel of ['practices.list', 'users.list', 'audit.verify', 'auth.heartbeat']) {
      expect(errorOf(await dispatch(session, channel, {})).code).toBe('UNAUTHENTICATED');
    }
    expect(await call(session, 'auth.state')).toEqual({ state: 'signed-out' });
  });

  it('answers NOT_SET_UP to a sign-in before setup', async () => {
    const session = new Session({ dataFolder: tempFolder(), kdf: TEST_KDF, clock: fixedClock(TEST_NOW) });
    expect(await call(session, 'auth.state')).toEqual({ state: 'not-set-up' });
    expect(errorOf(await dispatch(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD })).code).toBe('NOT_SET_UP');
  });

  it('answers LOCKED when locked, and shows only who is locked out', async () => {
    const { session } = await newInstallation(tempFolder());
    const raw = session.active().store.raw;
    await call(session, 'auth.lock');
    expect(raw.open).toBe(false);
    for (const channel of ['practices.list', 'users.list', 'auth.heartbeat']) {
      expect(errorOf(await dispatch(session, channel, {})).code).toBe('LOCKED');
    }
    expect(await call(session, 'auth.state')).toEqual({ state: 'locked', user: { username: 'pat', fullName: 'Pat Manager' } });
  });

  it('refuses a second setup of the same folder', async () => {
    const { session } = await newInstallation(tempFolder());
    expect(errorOf(await dispatch(session, 'setup.create', setupInput)).code).toBe('ALREADY_SET_UP');
  });
});

describe('the last manager', () => {
  it('cannot disable their own account', async () => {
    const { session } = await newInstallation(tempFolder());
    const me = session.active().user.id;
    const e = errorOf(await dispatch(session, 'users.disable', { id: me }));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe('You cannot disable your own account.');
    expect(((await call(session, 'users.list')) as UserRow[])[0]).toMatchObject({ id: me, enabled: true });
  });

  it('cannot demote themselves, not even with another manager to take over', async () => {
    const { session } = await newInstallation(tempFolder());
    const me = session.active().user.id;
    await createUser(session, 'sam', 'admin');
    const e = errorOf(await dispatch(session, 'users.update', { id: me, fullName: 'Pat Manager', role: 'clinician', practiceIds: [1] }));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.fieldErrors?.role?.[0]).toMatch(/cannot change your own role/);
    expect(((await call(session, 'users.list')) as UserRow[]).find((u) => u.id === me)!.role).toBe('practice_manager');
  });

  it('can be demoted by another manager who covers every practice, and loses user management at once', async () => {
    const folder = tempFolder();
    const { session: patWindow } = await newInstallation(folder);
    const pat = patWindow.active().user.id;
    await call(patWindow, 'users.create', { fullName: 'Sam Manager', username: 'sam', role: 'practice_manager', practiceIds: [1, 2], temporaryPassword: TEMPORARY });
    const samWindow = new Session({ dataFolder: folder, kdf: TEST_KDF });
    await call(samWindow, 'auth.login', { username: 'sam', password: TEMPORARY });
    await call(samWindow, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: CHOSEN });

    const r = (await call(samWindow, 'users.update', { id: pat, fullName: 'Pat Manager', role: 'clinician', practiceIds: [1] })) as UserRow;
    expect(r.role).toBe('clinician');
    // Pat's window was opened as a manager; main reads Pat's role afresh, and the session ends.
    expect(errorOf(await dispatch(patWindow, 'users.list', {})).code).toBe('UNAUTHENTICATED');
    await call(samWindow, 'auth.logout');
  });

  it('cannot be disabled from a second window by a manager who was disabled meanwhile: that window is signed out', async () => {
    const folder = tempFolder();
    const { session: patWindow } = await newInstallation(folder);
    const pat = patWindow.active().user.id;
    const sam = await createUser(patWindow, 'sam', 'practice_manager');

    const samWindow = new Session({ dataFolder: folder, kdf: TEST_KDF, clock: fixedClock(TEST_NOW) });
    await call(samWindow, 'auth.login', { username: 'sam', password: TEMPORARY });
    await call(samWindow, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: CHOSEN });

    await call(patWindow, 'users.disable', { id: sam.id });
    // Sam's window is still open, but a disabled user's session ends at their next call.
    const e = errorOf(await dispatch(samWindow, 'users.disable', { id: pat }));
    expect(e.code).toBe('UNAUTHENTICATED');
    expect(e.message).toMatch(/disabled your account/);
    expect(((await call(samWindow, 'auth.state')) as { state: string }).state).toBe('signed-out');
    expect(((await call(patWindow, 'users.list')) as UserRow[]).find((u) => u.id === pat)!.enabled).toBe(true);
    await call(patWindow, 'auth.logout');
  });
});
