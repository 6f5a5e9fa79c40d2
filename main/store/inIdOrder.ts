/**
 * Rows fetched with `WHERE id IN (…)` come back in the engine's order; lists (search results,
 * inbox pages) must keep the order their ids were chosen in. Ids with no row are left out.
 */
export function inIdOrder<R extends { id: number }, T>(ids: readonly number[], rows: readonly R[], toItem: (row: R) => T): T[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toItem(row)] : [];
  });
}
