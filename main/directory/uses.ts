import { AppError } from '../contract/errors';
import type { ServiceUse, UseKind } from '../contract/directory';
import type { Db } from '../store/database';

/**
 * Each time the person on a referral was signposted or referred to a service: the directory's
 * usage counts come from here, and casework records and reads them through these functions.
 */

function useQuery(db: Db) {
  return db
    .selectFrom('service_use as u')
    .innerJoin('service as s', 's.id', 'u.service_id')
    .leftJoin('app_user as a', 'a.id', 'u.recorded_by')
    .select([
      'u.id', 'u.referral_id', 'u.service_id', 'u.kind', 'u.on_date', 'u.taken_up', 'u.feedback', 'u.recorded_at',
      's.name as service_name', 's.organisation', 'a.full_name as recorded_by_name',
    ]);
}

type UseRow = Awaited<ReturnType<ReturnType<typeof useQuery>['executeTakeFirstOrThrow']>>;

function toUse(r: UseRow): ServiceUse {
  return {
    id: r.id,
    referralId: r.referral_id,
    serviceId: r.service_id,
    serviceName: r.service_name,
    organisation: r.organisation,
    kind: r.kind as UseKind,
    onDate: r.on_date,
    takenUp: r.taken_up === null ? null : r.taken_up === 1,
    feedback: r.feedback,
    recordedByName: r.recorded_by_name ?? '',
    recordedAt: r.recorded_at,
  };
}

export async function getUse(db: Db, id: number): Promise<ServiceUse> {
  const row = await useQuery(db).where('u.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That record of signposting is not there.');
  return toUse(row);
}

export async function usesForReferral(db: Db, referralId: number): Promise<ServiceUse[]> {
  return (await useQuery(db).where('u.referral_id', '=', referralId).orderBy('u.on_date', 'desc').orderBy('u.id', 'desc').execute()).map(toUse);
}

export interface NewUse {
  referralId: number;
  serviceId: number;
  kind: UseKind;
  onDate: string;
  takenUp: boolean | null;
  feedback: string;
}

export async function recordUse(db: Db, use: NewUse, byUserId: number, now: string): Promise<ServiceUse> {
  const service = await db.selectFrom('service').select(['id', 'active']).where('id', '=', use.serviceId).executeTakeFirst();
  if (!service) throw new AppError('NOT_FOUND', 'That service is not in the directory.', { serviceId: ['Choose a service from the directory'] });
  if (service.active !== 1) {
    const message = 'This service is archived: choose another, or restore it in the directory first.';
    throw new AppError('CONFLICT', message, { serviceId: [message] });
  }
  const { id } = await db
    .insertInto('service_use')
    .values({
      referral_id: use.referralId,
      service_id: use.serviceId,
      kind: use.kind,
      on_date: use.onDate,
      taken_up: use.takenUp === null ? null : use.takenUp ? 1 : 0,
      feedback: use.feedback,
      recorded_by: byUserId,
      recorded_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return getUse(db, id);
}

export async function referralOfUse(db: Db, id: number): Promise<number> {
  const row = await db.selectFrom('service_use').select('referral_id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'That record of signposting is not there.');
  return row.referral_id;
}

export async function updateUse(db: Db, id: number, takenUp: boolean | null, feedback: string): Promise<ServiceUse> {
  await db
    .updateTable('service_use')
    .set({ taken_up: takenUp === null ? null : takenUp ? 1 : 0, feedback })
    .where('id', '=', id)
    .execute();
  return getUse(db, id);
}
