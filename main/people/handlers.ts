import { AppError } from '../contract/errors';
import type { HandlerGroup } from '../dispatch/handler';
import { assertAnotherManagerRemains, getUser, insertUser, listUsers, setPractices } from './users';

const managerRoles = new Set(['practice_manager', 'admin']);

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
    await db.updateTable('app_user').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
    session.writeUserSlot(user.id, user.username, newPassword);
    auditTarget({ type: 'user', id: user.id, detail: 'own password changed' });
    await session.refreshUser(db);
    return session.view();
  },
};

export const peopleHandlers: HandlerGroup<
  | 'practices.list' | 'users.list' | 'users.create' | 'users.update' | 'users.disable' | 'users.enable'
  | 'users.resetPassword' | 'settings.get' | 'settings.update'
> = {
  'practices.list': async ({ db }) => {
    const practices = await db.selectFrom('practice').selectAll().orderBy('name').execute();
    const pcn = await db.selectFrom('meta').select('value').where('key', '=', 'pcnName').executeTakeFirst();
    return { pcnName: pcn?.value ?? '', practices: practices.map((p) => ({ id: p.id, name: p.name, odsCode: p.ods_code })) };
  },
  'users.list': async ({ db }) => listUsers(db),
  'users.create': async ({ session, db, now, auditTarget }, input) => {
    const id = await insertUser(db, input, now.toISOString());
    session.writeUserSlot(id, input.username, input.temporaryPassword);
    auditTarget({ type: 'user', id, detail: `created as ${input.role}` });
    return getUser(db, id);
  },
  'users.update': async ({ session, db, user, auditTarget }, input) => {
    const before = await getUser(db, input.id);
    if (managerRoles.has(before.role) && !managerRoles.has(input.role)) await assertAnotherManagerRemains(db, input.id);
    await db.updateTable('app_user').set({ full_name: input.fullName, role: input.role }).where('id', '=', input.id).execute();
    await setPractices(db, input.id, input.practiceIds);
    auditTarget({ type: 'user', id: input.id, detail: before.role === input.role ? 'details changed' : `role ${before.role} → ${input.role}` });
    if (input.id === user.id) await session.refreshUser(db);
    return getUser(db, input.id);
  },
  'users.disable': async ({ session, db, user, auditTarget }, { id }) => {
    if (id === user.id) throw new AppError('CONFLICT', 'You cannot disable your own account.');
    const target = await getUser(db, id);
    if (managerRoles.has(target.role)) await assertAnotherManagerRemains(db, id);
    await db.updateTable('app_user').set({ enabled: 0 }).where('id', '=', id).execute();
    session.removeUserSlot(id);
    auditTarget({ type: 'user', id, detail: 'disabled; key slot removed' });
    return getUser(db, id);
  },
  'users.enable': async ({ session, db, auditTarget }, { id, temporaryPassword }) => {
    const target = await getUser(db, id);
    await db.updateTable('app_user').set({ enabled: 1, must_change_password: 1 }).where('id', '=', id).execute();
    session.writeUserSlot(id, target.username, temporaryPassword);
    auditTarget({ type: 'user', id, detail: 're-enabled with a fresh key slot' });
    return getUser(db, id);
  },
  'users.resetPassword': async ({ session, db, auditTarget }, { id, temporaryPassword }) => {
    const target = await getUser(db, id);
    if (!target.enabled) throw new AppError('CONFLICT', 'Enable this user first: a disabled user has no password.');
    await db.updateTable('app_user').set({ must_change_password: 1 }).where('id', '=', id).execute();
    session.writeUserSlot(id, target.username, temporaryPassword);
    auditTarget({ type: 'user', id, detail: 'temporary password set' });
    return getUser(db, id);
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
