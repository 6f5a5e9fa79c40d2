import { AppError } from '../contract/errors';
import { type Reason, reasonLabels } from '../contract/referrals';
import type { Cost, HowToRefer, Service, ServiceValues, Usage } from '../contract/directory';
import type { Db } from '../store/database';
import type { ServiceTable } from '../store/schema';
import type { Selectable } from 'kysely';
import { inIdOrder } from '../store/inIdOrder';

export type ServiceRow = Selectable<ServiceTable>;

/** What an import matches on: name and organisation, case and spacing folded. */
export function matchKey(name: string, organisation: string): string {
  const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${fold(name)}\u0000${fold(organisation)}`;
}

const noUsage: Usage = { signposted: 0, referred: 0, takenUp: 0, notTakenUp: 0 };

/** Counts from service_use for the given services (all of them when ids is undefined), optionally since a date. */
export async function usageFor(db: Db, ids: readonly number[] | undefined, since?: string): Promise<Map<number, Usage>> {
  const out = new Map<number, Usage>();
  if (ids !== undefined && ids.length === 0) return out;
  let q = db
    .selectFrom('service_use')
    .select((eb) => [
      'service_id',
      eb.fn.sum<number>(eb.case().when('kind', '=', 'signposted').then(1).else(0).end()).as('signposted'),
      eb.fn.sum<number>(eb.case().when('kind', '=', 'referred').then(1).else(0).end()).as('referred'),
      eb.fn.sum<number>(eb.case().when('taken_up', '=', 1).then(1).else(0).end()).as('taken_up'),
      eb.fn.sum<number>(eb.case().when('taken_up', '=', 0).then(1).else(0).end()).as('not_taken_up'),
    ])
    .groupBy('service_id');
  if (ids !== undefined) q = q.where('service_id', 'in', ids);
  if (since !== undefined) q = q.where('on_date', '>=', since);
  for (const r of await q.execute()) {
    out.set(r.service_id, {
      signposted: Number(r.signposted),
      referred: Number(r.referred),
      takenUp: Number(r.taken_up),
      notTakenUp: Number(r.not_taken_up),
    });
  }
  return out;
}

async function categoriesFor(db: Db, ids: readonly number[]): Promise<Map<number, Reason[]>> {
  const out = new Map<number, Reason[]>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('service_category').select(['service_id', 'category']).where('service_id', 'in', ids).execute();
  const order = Object.keys(reasonLabels);
  for (const r of rows) (out.get(r.service_id) ?? out.set(r.service_id, []).get(r.service_id)!).push(r.category as Reason);
  for (const list of out.values()) list.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return out;
}

function toService(row: ServiceRow, categories: Reason[], usage: Usage): Service {
  return {
    id: row.id,
    name: row.name,
    organisation: row.organisation,
    categories,
    tags: JSON.parse(row.tags) as string[],
    description: row.description,
    eligibility: row.eligibility,
    howToRefer: row.how_to_refer as HowToRefer,
    phone: row.phone,
    email: row.email,
    website: row.website,
    address: row.address,
    postcode: row.postcode,
    openingTimes: row.opening_times,
    cost: row.cost as Cost | null,
    costNote: row.cost_note,
    lastChecked: row.last_checked,
    active: row.active === 1,
    updatedAt: row.updated_at,
    usage,
  };
}

/** Services by id, in the order given, with their categories and usage. */
export async function loadServices(db: Db, ids: readonly number[]): Promise<Service[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('service').selectAll().where('id', 'in', ids).execute();
  const [categories, usage] = await Promise.all([categoriesFor(db, ids), usageFor(db, ids)]);
  return inIdOrder(ids, rows, (row) => toService(row, categories.get(row.id) ?? [], usage.get(row.id) ?? noUsage));
}

export async function getService(db: Db, id: number): Promise<Service> {
  const [service] = await loadServices(db, [id]);
  if (!service) throw new AppError('NOT_FOUND', 'That service is not in the directory.');
  return service;
}

function keywords(values: ServiceValues): string {
  return [...values.tags, ...values.categories.map((c) => reasonLabels[c])].join(' ; ');
}

function columns(values: ServiceValues, now: string) {
  return {
    name: values.name,
    organisation: values.organisation,
    match_key: matchKey(values.name, values.organisation),
    description: values.description,
    eligibility: values.eligibility,
    how_to_refer: values.howToRefer,
    phone: values.phone,
    email: values.email,
    website: values.website,
    address: values.address,
    postcode: values.postcode,
    opening_times: values.openingTimes,
    cost: values.cost,
    cost_note: values.costNote,
    last_checked: values.lastChecked,
    tags: JSON.stringify(dedupe(values.tags)),
    keywords: keywords(values),
    updated_at: now,
  };
}

function dedupe(tags: readonly string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const k = t.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

async function setCategories(db: Db, id: number, categories: readonly Reason[]): Promise<void> {
  await db.deleteFrom('service_category').where('service_id', '=', id).execute();
  const unique = [...new Set(categories)];
  if (unique.length > 0) await db.insertInto('service_category').values(unique.map((category) => ({ service_id: id, category }))).execute();
}

async function idByKey(db: Db, key: string): Promise<number | undefined> {
  const row = await db.selectFrom('service').select('id').where('match_key', '=', key).executeTakeFirst();
  return row?.id;
}

/** Adds a service, or changes the one with values.id; refuses a second service of the same name and organisation. */
export async function saveService(db: Db, values: ServiceValues & { id?: number | undefined }, now: string): Promise<{ id: number; created: boolean }> {
  const clash = await idByKey(db, matchKey(values.name, values.organisation));
  if (clash !== undefined && clash !== values.id) {
    const message = 'The directory already has a service with this name and organisation: search for it and change that one.';
    throw new AppError('CONFLICT', message, { name: [message] });
  }
  if (values.id !== undefined) {
    const existing = await db.selectFrom('service').select('id').where('id', '=', values.id).executeTakeFirst();
    if (!existing) throw new AppError('NOT_FOUND', 'That service is not in the directory.');
    await db.updateTable('service').set(columns(values, now)).where('id', '=', values.id).execute();
    await setCategories(db, values.id, values.categories);
    return { id: values.id, created: false };
  }
  const { id } = await db
    .insertInto('service')
    .values({ ...columns(values, now), active: 1, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  await setCategories(db, id, values.categories);
  return { id, created: true };
}

/**
 * An import's write: the service with the same name and organisation is updated (and made active
 * again), otherwise a new one is added.
 */
export async function upsertService(db: Db, values: ServiceValues, now: string): Promise<{ id: number; created: boolean }> {
  const id = await idByKey(db, matchKey(values.name, values.organisation));
  if (id === undefined) return saveService(db, values, now);
  await db.updateTable('service').set({ ...columns(values, now), active: 1 }).where('id', '=', id).execute();
  await setCategories(db, id, values.categories);
  return { id, created: false };
}

/** Whether an import of these values would add a service (true) or update one (false). */
export async function wouldCreate(db: Db, values: ServiceValues): Promise<boolean> {
  return (await idByKey(db, matchKey(values.name, values.organisation))) === undefined;
}

export async function setActive(db: Db, id: number, active: boolean, now: string): Promise<void> {
  const r = await db.updateTable('service').set({ active: active ? 1 : 0, updated_at: now }).where('id', '=', id).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'That service is not in the directory.');
}
