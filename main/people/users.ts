import { AppError } from '../contract/errors';
import type { ListedUser, NewUser, UserRow } from '../contract/people';
import { Role } from '../contract/roles';
import { coversEveryPractice, managingRoles, refusalOf, type UserChange } from '../contract/userScope';
import type { Db } from '../store/database';

/** The manager making a user-management call, as the database has them now, and the PCN's practices. */
export interface ManagerScope {
  me: UserRow;
  allPracticeIds: number[];
}

/**
 * Read fresh for every call rather than from the session, which was filled at sign-in: a manager
 * whose practices or role were changed since then is held to what they are now.
 */
export async function managerScope(db: Db, userId: number): Promise<ManagerScope> {
  const me = await getUser(db, userId);
  if (!me.enabled) throw new AppError('FORBIDDEN', 'Your account has been disabled.');
  if (!managingRoles.includes(me.role)) throw new AppError('FORBIDDEN', 'Your role does not allow this. Ask your practice manager if you need it.');
  const practices = await db.selectFrom('practice').select('id').execute();
  return { me, allPracticeIds: practices.map((p) => p.id) };
}

/** Refuses a change this manager may not make, with the message at the field it concerns. */
export function assertMay(scope: ManagerScope, change: UserChange): void {
  // A practice that does not exist is a mistake in the form, not a question of permission.
  if ((change.kind === 'create' || change.kind === 'update') && !change.practiceIds.every((id) => scope.allPracticeIds.includes(id))) {
    throw new AppError('VALIDATION', 'Choose practices from the list.', { practiceIds: ['Choose practices from the list'] });
  }
  const refusal = refusalOf(scope.me, change, scope.allPracticeIds);
  if (refusal) throw new AppError('FORBIDDEN', refusal.message, refusal.field ? { [refusal.field]: [refusal.message] } : undefined);
}

/**
 * The Users screen's rows: every account to a manager who covers the whole PCN; to anyone else, the
 * accounts that share a practice with them. Each row says what the viewer may do to it.
 */
export async function listUsers(db: Db, scope: ManagerScope, pausedUntil: ReadonlyMap<string, Date>): Promise<ListedUser[]> {
  const rows = await db.selectFrom('app_user').selectAll().orderBy('full_name').execute();
  const links = await db.selectFrom('user_practice').selectAll().execute();
  const { me, allPracticeIds } = scope;
  const seesAll = coversEveryPractice(me, allPracticeIds);
  const users = rows.map((r) => toUserRow(r, links.filter((l) => l.user_id === r.id).map((l) => l.practice_id)));
  return users
    .filter((u) => seesAll || u.id === me.id || u.practiceIds.some((id) => me.practiceIds.includes(id)))
    .map((u) => {
      const may = (change: UserChange) => refusalOf(me, change, allPracticeIds) === null;
      const paused = pausedUntil.get(u.username) ?? null;
      return {
        ...u,
        signInPausedUntil: paused?.toISOString() ?? null,
        may: {
          editName: u.id === me.id || may({ kind: 'update', target: u, role: u.role, practiceIds: u.practiceIds }),
          editAccess: u.id !== me.id && may({ kind: 'update', target: u, role: u.role, practiceIds: u.practiceIds }),
          resetPassword: u.enabled && may({ kind: 'resetPassword', target: u }),
          disable: u.enabled && may({ kind: 'disable', target: u }),
          enable: !u.enabled && may({ kind: 'enable', target: u }),
          allowSignIn: paused !== null && may({ kind: 'allowSignIn', target: u }),
        },
      };
    });
}

export async function getUser(db: Db, id: number): Promise<UserRow> {
  const row = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That user no longer exists.');
  const links = await db.selectFrom('user_practice').select('practice_id').where('user_id', '=', id).execute();
  return toUserRow(row, links.map((l) => l.practice_id));
}

function toUserRow(
  r: { id: number; username: string; full_name: string; role: string; enabled: number; must_change_password: number; created_at: string; last_login_at: string | null },
  practiceIds: number[],
): UserRow {
  return {
    id: r.id,
    username: r.username,
    fullName: r.full_name,
    role: Role.parse(r.role),
    practiceIds,
    enabled: r.enabled === 1,
    mustChangePassword: r.must_change_password === 1,
    createdAt: r.created_at,
    lastLoginAt: r.last_login_at,
  };
}

async function assertPracticesExist(db: Db, practiceIds: number[]): Promise<void> {
  const found = await db.selectFrom('practice').select('id').where('id', 'in', practiceIds).execute();
  if (found.length !== new Set(practiceIds).size) {
    throw new AppError('VALIDATION', 'Choose practices from the list.', { practiceIds: ['Choose practices from the list'] });
  }
}

export async function insertUser(db: Db, input: NewUser, now: string): Promise<number> {
  const taken = await db.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
  if (taken) {
    throw new AppError('CONFLICT', 'That username is taken.', { username: ['That username is taken: choose another'] });
  }
  await assertPracticesExist(db, input.practiceIds);
  const row = await db
    .insertInto('app_user')
    .values({ username: input.username, full_name: input.fullName, role: input.role, enabled: 1, must_change_password: 1, created_at: now, password_reset_by_name: null, password_reset_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setPractices(db, row.id, input.practiceIds);
  return row.id;
}

export async function setPractices(db: Db, userId: number, practiceIds: number[]): Promise<void> {
  await assertPracticesExist(db, practiceIds);
  await db.deleteFrom('user_practice').where('user_id', '=', userId).execute();
  await db.insertInto('user_practice').values([...new Set(practiceIds)].map((practice_id) => ({ user_id: userId, practice_id }))).execute();
}

/** A practice must never lose its last way in: the last enabled manager cannot be disabled or demoted. */
export async function assertAnotherManagerRemains(db: Db, userId: number): Promise<void> {
  const others = await db
    .selectFrom('app_user')
    .select('id')
    .where('enabled', '=', 1)
    .where('role', 'in', ['practice_manager', 'admin'])
    .where('id', '!=', userId)
    .execute();
  if (others.length === 0) {
    throw new AppError('CONFLICT', 'This is the last practice manager or administrator: add another before removing this one.');
  }
}

/** ODS codes of these practices, for audit entries that say what was granted where. */
export async function odsCodes(db: Db, practiceIds: readonly number[]): Promise<string> {
  if (practiceIds.length === 0) return 'no practice';
  const rows = await db.selectFrom('practice').select('ods_code').where('id', 'in', [...practiceIds]).orderBy('ods_code').execute();
  return rows.map((r) => r.ods_code).join(', ');
}
