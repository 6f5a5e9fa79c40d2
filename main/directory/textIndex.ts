import { sql } from 'kysely';
import type { Db } from '../store/database';

/**
 * Word search over services: the one engine-specific part of the directory (SQLite FTS5 here;
 * PostgreSQL would use its own text search behind the same interface).
 */
export interface ServiceTextIndex {
  /** Ids of services with a word starting with every token, best match first, already filtered. */
  matches(db: Db, tokens: readonly string[], filter: { category?: string | undefined; includeArchived: boolean }): Promise<number[]>;
}

/** Tokens as FTS5's unicode61 tokenizer with remove_diacritics 2 makes them: folded, split on anything not a letter or digit. */
export function searchTokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12);
}

/** Most matches one search ranks; a directory has hundreds of services, not tens of thousands. */
const MAX_MATCHES = 5000;

export const sqliteServiceIndex: ServiceTextIndex = {
  async matches(db, tokens, { category, includeArchived }) {
    if (tokens.length === 0) return [];
    // Each token is a quoted string (no FTS5 syntax can leak in) with a prefix star.
    const match = tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ');
    const categoryFilter = category === undefined ? sql`` : sql`AND s.id IN (SELECT service_id FROM service_category WHERE category = ${category})`;
    const activeFilter = includeArchived ? sql`` : sql`AND s.active = 1`;
    // Name and organisation weigh most, then keywords (tags, categories), then the rest.
    const { rows } = await sql<{ id: number }>`
      SELECT s.id AS id FROM service_fts f JOIN service s ON s.id = f.rowid
      WHERE service_fts MATCH ${match} ${activeFilter} ${categoryFilter}
      ORDER BY bm25(service_fts, 10.0, 6.0, 1.0, 1.0, 4.0, 1.0, 1.0), s.name
      LIMIT ${MAX_MATCHES}`.execute(db);
    return rows.map((r) => r.id);
  },
};
