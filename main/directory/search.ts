import type { z } from 'zod';
import type { SearchQuery, Service } from '../contract/directory';
import type { Db } from '../store/database';
import { loadServices } from './services';
import { searchTokens, type ServiceTextIndex, sqliteServiceIndex } from './textIndex';

/** Words and category, paged: by best match when words are given, by name otherwise. */
export async function searchServices(
  db: Db,
  query: z.output<typeof SearchQuery>,
  index: ServiceTextIndex = sqliteServiceIndex,
): Promise<{ rows: Service[]; total: number }> {
  const tokens = searchTokens(query.text);
  if (tokens.length > 0) {
    const ids = await index.matches(db, tokens, { category: query.category, includeArchived: query.includeArchived });
    return { rows: await loadServices(db, ids.slice(query.offset, query.offset + query.limit)), total: ids.length };
  }
  let q = db.selectFrom('service');
  if (!query.includeArchived) q = q.where('active', '=', 1);
  if (query.category !== undefined) {
    const category = query.category;
    q = q.where('id', 'in', (eb) => eb.selectFrom('service_category').select('service_id').where('category', '=', category));
  }
  const [{ total }, page] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    q.select('id').orderBy('active', 'desc').orderBy(({ fn, ref }) => fn('lower', [ref('name')])).orderBy('id').offset(query.offset).limit(query.limit).execute(),
  ]);
  return { rows: await loadServices(db, page.map((r) => r.id)), total: Number(total) };
}
