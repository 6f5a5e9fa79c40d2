import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SessionState, UserRow } from '../../../main/contract/people';
import { dispatch } from '../../../main/dispatch/dispatch';
import { Session } from '../../../main/session/session';
import { call, MANAGER_PASSWORD, newInstallation, setupInput, TEST_KDF } from '../../support/installation';
import { addUser, errorOf, expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

/**
 * Passwords a guesser tries first, all of which the old rules (10 characters and a list of 14)
 * accepted: common ones with the usual capital, digit and symbol, seasons and years, and the names
 * of the PCN (Riverside PCN), its practices (Riverside Surgery, Hillview Medical Centre) and the
 * person (Lee Worker, lee.worker).
 */
const GUESSABLE = [
  'Password1!', 'Summer2026!', 'NHSpassword1', 'Welcome2026!', 'Letmein2026!', 'Qwerty123456', 'Iloveyou123', 'Football123',
  'Passw0rd123', 'P@ssword2026', 'Changeme123', 'Sunshine123', 'Monday12345', 'January2026', 'abcdefghij',
  'Riverside PCN', 'RiversidePCN1', 'Riverside Surgery', 'Hillview Medical', 'A81001A81001', 'Signpost2026', 'Practice123!',
  'lee.worker', 'lee.worker1', 'LeeWorker2026',
];

const STRONG = 'kettle orchard violin';

describe('the strength check on a chosen password', () => {
  it.each(GUESSABLE)('refuses %j as a new user’s temporary password, at its field', async (password) => {
    const { session } = await newInstallation(tempFolder());
    const e = await expectError(session, 'users.create', { fullName: 'Lee Worker', username: 'lee.worker', role: 'link_worker', practiceIds: [1], temporaryPassword: password });
    expect(e.code).toBe('VALIDATION');
    expect(Object.keys(e.fieldErrors ?? {})).toEqual(['temporaryPassword']);
    expect(e.fieldErrors!.temporaryPassword![0]).toMatch(/^This password is too easy to guess\./);
    const names = ((await call(session, 'users.list')) as UserRow[]).map((u) => u.username);
    expect(names).not.toContain('lee.worker');
  });

  it('accepts a few unrelated words', async () => {
    const { session } = await newInstallation(tempFolder());
    const r = (await call(session, 'users.create', { fullName: 'Lee Worker', username: 'lee.worker', role: 'link_worker', practiceIds: [1], temporaryPassword: STRONG })) as UserRow;
    expect(r.username).toBe('lee.worker');
  });

  it('says why, in British English, when the password is the person’s or the practice’s name', async () => {
    const { session } = await newInstallation(tempFolder());
    const e = await expectError(session, 'users.create', { fullName: 'Lee Worker', username: 'lee.worker', role: 'link_worker', practiceIds: [1], temporaryPassword: 'Hillview Medical' });
    expect(e.fieldErrors!.temporaryPassword![0]).toBe(
      'This password is too easy to guess. It uses a name a guesser would try first: yours, your username, the PCN’s or a practice’s. Three or four unrelated words make a strong one.',
    );
  });

  it('refuses a guessable password at setup, and sets nothing up', async () => {
    const session = new Session({ dataFolder: tempFolder(), kdf: TEST_KDF });
    const e = errorOf(await dispatch(session, 'setup.create', { ...setupInput, manager: { ...setupInput.manager, password: 'Riverside PCN' } }));
    expect(e.code).toBe('VALIDATION');
    expect(Object.keys(e.fieldErrors ?? {})).toEqual(['manager.password']);
    expect(session.isSetUp()).toBe(false);
    expect(existsSync(session.paths.database)).toBe(false);
  });

  it('refuses a guessable new password of one’s own, and the old one still signs in', async () => {
    const { session } = await newInstallation(tempFolder());
    const e = await expectError(session, 'auth.changePassword', { currentPassword: MANAGER_PASSWORD, newPassword: 'Summer2026!' });
    expect(e.code).toBe('VALIDATION');
    expect(Object.keys(e.fieldErrors ?? {})).toEqual(['newPassword']);
    // The manager's own name is refused as well.
    expect((await expectError(session, 'auth.changePassword', { currentPassword: MANAGER_PASSWORD, newPassword: 'Pat Manager 1' })).fieldErrors).toHaveProperty('newPassword');
    await call(session, 'auth.logout');
    expect(((await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD })) as SessionState).state).toBe('active');
  });

  it('refuses a guessable temporary password when a manager resets or re-enables an account', async () => {
    const { session } = await newInstallation(tempFolder());
    const lee = await addUser(session, 'lee', 'link_worker', [1], 'Lee Worker');
    await signInAs(session, 'lee');
    await signInAs(session, 'pat');
    const reset = await expectError(session, 'users.resetPassword', { id: lee, temporaryPassword: 'NHSpassword1' });
    expect(Object.keys(reset.fieldErrors ?? {})).toEqual(['temporaryPassword']);
    await call(session, 'users.disable', { id: lee });
    const enable = await expectError(session, 'users.enable', { id: lee, temporaryPassword: 'Password1!' });
    expect(Object.keys(enable.fieldErrors ?? {})).toEqual(['temporaryPassword']);
    expect(((await call(session, 'users.list')) as UserRow[]).find((u) => u.id === lee)!.enabled).toBe(false);
  });
});
