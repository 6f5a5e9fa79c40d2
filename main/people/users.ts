import { AppError } from '../contract/errors';
import type { NewUser, UserRow } from '../contract/people';
import { Role } from '../contract/roles';
import type { Db } from '../store/database';

export async function listUsers(db: Db): Promise<UserRow[]> {
  const rows = await db.selectFrom('app_user').selectAll().orderBy('full_name').execute();
  const links = await db.selectFrom('user_practice').selectAll().execute();
  return rows.map((r) => toUserRow(r, links.filter((l) => l.user_id === r.id).map((l) => l.practice_id)));
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
    .values({ username: input.username, full_name: input.fullName, role: input.role, enabled: 1, must_change_password: 1, created_at: now })
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
