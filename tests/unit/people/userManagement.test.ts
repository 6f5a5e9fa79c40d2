import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../main/contract/audit';
import type { ListedUser, SessionState, UserRow } from '../../../main/contract/people';
import type { ReferralSummary } from '../../../main/contract/referrals';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, addUser, createReferral, expectError, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const RESET_TO = 'fresh temporary 42';

/**
 * Pat manages the whole PCN (both practices). Mia is the practice manager of practice 2 only; Ada
 * is an administrator at both. Lee (link worker) and Rita (reception) work at practice 1, Kim (link
 * worker) at practice 2. A referral waits at each practice.
 */
async function twoPractices() {
  const { session } = await newInstallation(tempFolder());
  const team = await addTeam(session);
  const mia = await addUser(session, 'mia', 'practice_manager', [2], 'Mia Manager');
  const ada = await addUser(session, 'ada', 'admin', [1, 2], 'Ada Admin');
  const dee = await addUser(session, 'dee', 'reception', [2], 'Dee Desk');
  await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(1), registeredPracticeId: 1 }));
  await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(2), registeredPracticeId: 2, familyName: 'Hillview' }));
  return { session, pat: session.active().user.id, mia, ada, dee, ...team };
}

async function userRow(session: Session, id: number): Promise<UserRow> {
  await signInAs(session, 'pat');
  const rows = (await call(session, 'users.list')) as UserRow[];
  return rows.find((u) => u.id === id)!;
}

async function auditEntries(session: Session): Promise<AuditEntry[]> {
  return ((await call(session, 'audit.list', { limit: 500 })) as { entries: AuditEntry[] }).entries;
}

describe('a practice manager at one practice', () => {
  it('cannot add another practice to their own account, and so never reads its referrals', async () => {
    const { session, mia } = await twoPractices();
    await signInAs(session, 'mia');
    const e = await expectError(session, 'users.update', { id: mia, fullName: 'Mia Manager', role: 'practice_manager', practiceIds: [1, 2] });
    expect(e.code).toBe('FORBIDDEN');
    expect(e.fieldErrors?.practiceIds?.[0]).toMatch(/cannot change your own practices/);

    const inbox = (await call(session, 'referrals.inbox', {})) as { rows: ReferralSummary[] };
    expect(inbox.rows.map((r) => r.practiceId)).toEqual([2]);
    expect((await userRow(session, mia)).practiceIds).toEqual([2]);
  });

  it('may still correct their own name', async () => {
    const { session, mia } = await twoPractices();
    await signInAs(session, 'mia');
    const r = (await call(session, 'users.update', { id: mia, fullName: 'Mia Manager-Jones', role: 'practice_manager', practiceIds: [2] })) as UserRow;
    expect(r.fullName).toBe('Mia Manager-Jones');
  });

  it('cannot reset the password of a link worker at another practice, nor sign in as them', async () => {
    const { session, lee } = await twoPractices();
    await signInAs(session, 'lee'); // Lee chooses their own password
    await signInAs(session, 'mia');
    const e = await expectError(session, 'users.resetPassword', { id: lee, temporaryPassword: RESET_TO });
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toMatch(/practice you do not cover/);
    await call(session, 'auth.logout');
    expect((await expectError(session, 'auth.login', { username: 'lee', password: RESET_TO })).code).toBe('WRONG_PASSWORD');
    expect((await userRow(session, lee)).mustChangePassword).toBe(false);
  });

  it('cannot reset, change or disable the PCN-wide manager', async () => {
    const { session, pat } = await twoPractices();
    await signInAs(session, 'mia');
    for (const [channel, input] of [
      ['users.resetPassword', { id: pat, temporaryPassword: RESET_TO }],
      ['users.update', { id: pat, fullName: 'Pat Manager', role: 'reception', practiceIds: [2] }],
      ['users.disable', { id: pat }],
    ] as const) {
      expect((await expectError(session, channel, input)).code, channel).toBe('FORBIDDEN');
    }
    expect(await userRow(session, pat)).toMatchObject({ role: 'practice_manager', practiceIds: [1, 2], enabled: true, mustChangePassword: false });
  });

  it('cannot create an administrator or another practice manager, even at their own practice', async () => {
    const { session } = await twoPractices();
    await signInAs(session, 'mia');
    for (const role of ['admin', 'practice_manager'] as const) {
      const e = await expectError(session, 'users.create', { fullName: 'New Boss', username: `boss.${role}`, role, practiceIds: [2], temporaryPassword: RESET_TO });
      expect(e.code).toBe('FORBIDDEN');
      expect(e.fieldErrors?.role?.[0]).toMatch(/covers every practice/);
    }
    await signInAs(session, 'pat');
    const names = ((await call(session, 'users.list')) as UserRow[]).map((u) => u.username);
    expect(names.filter((n) => n.startsWith('boss.'))).toEqual([]);
  });

  it('cannot give anyone access to a practice they do not cover', async () => {
    const { session, dee } = await twoPractices();
    await signInAs(session, 'mia');
    const created = await expectError(session, 'users.create', { fullName: 'Sly One', username: 'sly', role: 'link_worker', practiceIds: [1, 2], temporaryPassword: RESET_TO });
    expect(created.code).toBe('FORBIDDEN');
    expect(created.fieldErrors).toEqual({ practiceIds: ['You can give access only to the practices you cover.'] });
    const widened = await expectError(session, 'users.update', { id: dee, fullName: 'Dee Desk', role: 'reception', practiceIds: [1, 2] });
    expect(widened.fieldErrors?.practiceIds).toBeDefined();
    expect((await userRow(session, dee)).practiceIds).toEqual([2]);
  });

  it('manages the staff of their own practice: adds, changes, resets and disables them', async () => {
    const { session, dee, kim } = await twoPractices();
    await signInAs(session, 'mia');
    const sam = (await call(session, 'users.create', { fullName: 'Sam Desk', username: 'sam', role: 'reception', practiceIds: [2], temporaryPassword: RESET_TO })) as UserRow;
    expect(sam.practiceIds).toEqual([2]);
    expect(((await call(session, 'users.update', { id: dee, fullName: 'Dee Desk', role: 'clinician', practiceIds: [2] })) as UserRow).role).toBe('clinician');
    expect(((await call(session, 'users.resetPassword', { id: kim, temporaryPassword: RESET_TO })) as UserRow).mustChangePassword).toBe(true);
    expect(((await call(session, 'users.disable', { id: sam.id })) as UserRow).enabled).toBe(false);
  });

  it('sees only the accounts of their practice, each with what they may do to it', async () => {
    const { session } = await twoPractices();
    await signInAs(session, 'mia');
    const rows = (await call(session, 'users.list')) as ListedUser[];
    const byName = new Map(rows.map((r) => [r.username, r]));
    // Lee and Rita work only at practice 1: not Mia's to see.
    expect([...byName.keys()].sort()).toEqual(['ada', 'dee', 'kim', 'mia', 'pat']);
    expect(byName.get('dee')!.may).toEqual({ editName: true, editAccess: true, resetPassword: true, disable: true, enable: false, allowSignIn: false });
    // Pat and Ada also work at practice 1, and hold a manager's powers: Mia can do nothing to them.
    for (const other of ['pat', 'ada']) expect(Object.values(byName.get(other)!.may).some(Boolean)).toBe(false);
    expect(byName.get('mia')!.may).toEqual({ editName: true, editAccess: false, resetPassword: false, disable: false, enable: false, allowSignIn: false });
  });
});

describe('the administrator role', () => {
  it('cannot make itself a link worker at both practices, and so never reads a note', async () => {
    const { session, ada } = await twoPractices();
    await signInAs(session, 'ada');
    const e = await expectError(session, 'users.update', { id: ada, fullName: 'Ada Admin', role: 'link_worker', practiceIds: [1, 2] });
    expect(e.code).toBe('FORBIDDEN');
    expect(e.fieldErrors?.role?.[0]).toMatch(/cannot change your own role/);
    expect((await expectError(session, 'referrals.inbox', {})).code).toBe('FORBIDDEN');
    expect((await userRow(session, ada)).role).toBe('admin');
  });
});

describe('granting a manager’s powers', () => {
  it('is for a manager who covers every practice, and the audit log says who granted what', async () => {
    const { session, dee } = await twoPractices();
    const r = (await call(session, 'users.update', { id: dee, fullName: 'Dee Desk', role: 'practice_manager', practiceIds: [2] })) as UserRow;
    expect(r.role).toBe('practice_manager');
    const created = (await call(session, 'users.create', { fullName: 'Ivy Admin', username: 'ivy', role: 'admin', practiceIds: [1], temporaryPassword: RESET_TO })) as UserRow;

    const entries = await auditEntries(session);
    expect(entries.find((e) => e.action === 'users.update' && e.targetId === String(dee))).toMatchObject({
      actorName: 'Pat Manager', outcome: 'ok', detail: 'role reception → practice_manager; granted practice_manager (PCN level) by Pat Manager',
    });
    expect(entries.find((e) => e.action === 'users.create' && e.targetId === String(created.id))!.detail).toBe('created as admin at A81001; granted admin (PCN level) by Pat Manager');
  });
});

describe('a password reset', () => {
  it('is told to the person at their next sign-in: who reset it, and when', async () => {
    const { session, lee } = await twoPractices();
    await signInAs(session, 'lee');
    await signInAs(session, 'pat');
    await call(session, 'users.resetPassword', { id: lee, temporaryPassword: RESET_TO });
    await call(session, 'auth.logout');

    const state = (await call(session, 'auth.login', { username: 'lee', password: RESET_TO })) as SessionState;
    if (state.state !== 'active') throw new Error(`expected to be signed in, got ${state.state}`);
    expect(state.user.mustChangePassword).toBe(true);
    expect(state.user.passwordReset?.byName).toBe('Pat Manager');
    expect(Date.parse(state.user.passwordReset!.at)).not.toBeNaN();

    const after = (await call(session, 'auth.changePassword', { currentPassword: RESET_TO, newPassword: 'lee chose this one 8' })) as SessionState;
    expect(after.state === 'active' && after.user.passwordReset).toBeNull();
  });

  it('is not announced to a new user, whose first temporary password is expected', async () => {
    const { session } = await twoPractices();
    await call(session, 'auth.logout');
    const state = (await call(session, 'auth.login', { username: 'kim', password: 'temporary password 1' })) as SessionState;
    expect(state.state === 'active' && state.user.passwordReset).toBeNull();
  });

  it('of one’s own account is refused: that is a password change', async () => {
    const { session, pat } = await twoPractices();
    const e = await expectError(session, 'users.resetPassword', { id: pat, temporaryPassword: RESET_TO });
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toMatch(/My account/);
  });
});
