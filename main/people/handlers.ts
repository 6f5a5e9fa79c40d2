import { AppError } from '../contract/errors';
import type { SessionUser } from '../contract/people';
import { managingRoles } from '../contract/userScope';
import type { HandlerGroup } from '../dispatch/handler';
import type { Db } from '../store/database';
import { assertStrongPassword, installationNames } from './passwordStrength';
import { assertAnotherManagerRemains, assertMay, getUser, insertUser, listUsers, managerScope, odsCodes, setPractices } from './users';

/** The strength check for a password chosen for (or by) this person. */
async function assertStrongFor(db: Db, person: { fullName: string; username: string }, password: string, field: string): Promise<void> {
  assertStrongPassword(password, [person.fullName, person.username, ...(await installationNames(db))], field);
}

/** A temporary password someone else set: the user is told who, and when, at their next sign-in. */
async function setTemporaryPassword(db: Db, id: number, by: SessionUser, at: Date, enable: boolean): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ must_change_password: 1, password_reset_by_name: by.fullName, password_reset_at: at.toISOString(), ...(enable ? { enabled: 1 } : {}) })
    .where('id', '=', id)
    .execute();
}

export const setupHandlers: HandlerGroup<'setup.create'> = {
  'setup.create': async ({ session }, input) => session.setup(input),
};

export const authHandlers: HandlerGroup<
  'app.time' | 'auth.state' | 'auth.login' | 'auth.unlock' | 'auth.lock' | 'auth.logout' | 'auth.heartbeat' | 'auth.changePassword'
> = {
  'app.time': async ({ now }) => ({ now: now.toISOString() }),
  'auth.state': async ({ session }) => session.view(),
  'auth.login': async ({ session }, { username, password }) => session.login(username, password),
  'auth.unlock': async ({ session }, { password }) => session.unlock(password),
  'auth.lock': async ({ session }) => session.lock('asked'),
  'auth.logout': async ({ session }) => session.logout(),
  'auth.heartbeat': async () => ({ done: true as const }),
  'auth.changePassword': async ({ session, db, user, auditTarget }, { currentPassword, newPassword }) => {
    if (!session.verifyOwnPassword(currentPassword)) {
      throw new AppError('WRONG_PASSWORD', 'Your current password is not right.', { currentPassword: ['Your current password is not right'] });
    }
    await assertStrongFor(db, user, newPassword, 'newPassword');
    await db.updateTable('app_user').set({ must_change_password: 0, password_reset_by_name: null, password_reset_at: null }).where('id', '=', user.id).execute();
    session.writeUserSlot(user.id, user.username, newPassword);
    auditTarget({ type: 'user', id: user.id, detail: 'own password changed' });
    await session.refreshUser(db);
    return session.view();
  },
};

export const peopleHandlers: HandlerGroup<
  | 'practices.list' | 'users.list' | 'users.create' | 'users.update' | 'users.disable' | 'users.enable'
  | 'users.resetPassword' | 'users.allowSignIn' | 'settings.get' | 'settings.update'
> = {
  'practices.list': async ({ db }) => {
    const practices = await db.selectFrom('practice').selectAll().orderBy('name').execute();
    const pcn = await db.selectFrom('meta').select('value').where('key', '=', 'pcnName').executeTakeFirst();
    return { pcnName: pcn?.value ?? '', practices: practices.map((p) => ({ id: p.id, name: p.name, odsCode: p.ods_code })) };
  },
  'users.list': async ({ session, db, user, now }) =>
    listUsers(db, await managerScope(db, user.id), session.signInGuard.pausedUsernames(now)),
  'users.create': async ({ session, db, user, now, auditTarget }, input) => {
    assertMay(await managerScope(db, user.id), { kind: 'create', role: input.role, practiceIds: input.practiceIds });
    await assertStrongFor(db, input, input.temporaryPassword, 'temporaryPassword');
    const id = await insertUser(db, input, now.toISOString());
    session.writeUserSlot(id, input.username, input.temporaryPassword);
    const grant = managingRoles.includes(input.role) ? `; granted ${input.role} (PCN level) by ${user.fullName}` : '';
    auditTarget({ type: 'user', id, detail: `created as ${input.role} at ${await odsCodes(db, input.practiceIds)}${grant}` });
    return getUser(db, id);
  },
  'users.update': async ({ session, db, user, auditTarget }, input) => {
    const before = await getUser(db, input.id);
    assertMay(await managerScope(db, user.id), { kind: 'update', target: before, role: input.role, practiceIds: input.practiceIds });
    if (managingRoles.includes(before.role) && !managingRoles.includes(input.role)) await assertAnotherManagerRemains(db, input.id);
    await db.updateTable('app_user').set({ full_name: input.fullName, role: input.role }).where('id', '=', input.id).execute();
    await setPractices(db, input.id, input.practiceIds);
    const changes: string[] = [];
    if (before.fullName !== input.fullName) changes.push('name changed');
    if (before.role !== input.role) {
      changes.push(`role ${before.role} → ${input.role}`);
      if (managingRoles.includes(input.role)) changes.push(`granted ${input.role} (PCN level) by ${user.fullName}`);
    }
    const [was, now] = [await odsCodes(db, before.practiceIds), await odsCodes(db, input.practiceIds)];
    if (was !== now) changes.push(`practices ${was} → ${now}`);
    auditTarget({ type: 'user', id: input.id, detail: changes.length > 0 ? changes.join('; ') : 'no change' });
    if (input.id === user.id) await session.refreshUser(db);
    return getUser(db, input.id);
  },
  'users.disable': async ({ session, db, user, auditTarget }, { id }) => {
    const target = await getUser(db, id);
    assertMay(await managerScope(db, user.id), { kind: 'disable', target });
    if (managingRoles.includes(target.role)) await assertAnotherManagerRemains(db, id);
    await db.updateTable('app_user').set({ enabled: 0 }).where('id', '=', id).execute();
    session.removeUserSlot(id);
    auditTarget({ type: 'user', id, detail: 'disabled; key slot removed' });
    return getUser(db, id);
  },
  'users.enable': async ({ session, db, user, now, auditTarget }, { id, temporaryPassword }) => {
    const target = await getUser(db, id);
    assertMay(await managerScope(db, user.id), { kind: 'enable', target });
    await assertStrongFor(db, target, temporaryPassword, 'temporaryPassword');
    await setTemporaryPassword(db, id, user, now, true);
    session.writeUserSlot(id, target.username, temporaryPassword);
    auditTarget({ type: 'user', id, detail: 're-enabled with a fresh key slot' });
    return getUser(db, id);
  },
  'users.resetPassword': async ({ session, db, user, now, auditTarget }, { id, temporaryPassword }) => {
    const target = await getUser(db, id);
    assertMay(await managerScope(db, user.id), { kind: 'resetPassword', target });
    if (!target.enabled) throw new AppError('CONFLICT', 'Enable this user first: a disabled user has no password.');
    await assertStrongFor(db, target, temporaryPassword, 'temporaryPassword');
    await setTemporaryPassword(db, id, user, now, false);
    session.writeUserSlot(id, target.username, temporaryPassword);
    auditTarget({ type: 'user', id, detail: `temporary password set by ${user.fullName}; they are told at next sign-in` });
    return getUser(db, id);
  },
  'users.allowSignIn': async ({ session, db, user, auditTarget }, { id }) => {
    const target = await getUser(db, id);
    assertMay(await managerScope(db, user.id), { kind: 'allowSignIn', target });
    session.signInGuard.allow(target.username);
    auditTarget({ type: 'user', id, detail: 'sign-in pause lifted' });
    return target;
  },
  'settings.get': async ({ db }) => {
    const row = await db.selectFrom('setting').select('value').where('key', '=', 'idleLockMinutes').executeTakeFirst();
    return { idleLockMinutes: Number(row?.value ?? 10) };
  },
  'settings.update': async ({ session, db, auditTarget }, input) => {
    await db
      .insertInto('setting')
      .values({ key: 'idleLockMinutes', value: String(input.idleLockMinutes) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(input.idleLockMinutes) }))
      .execute();
    session.setIdleLockMinutes(input.idleLockMinutes);
    auditTarget({ type: 'setting', id: 'idleLockMinutes', detail: `idle lock ${input.idleLockMinutes} min` });
    return input;
  },
};
