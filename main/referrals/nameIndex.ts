import { sql } from 'kysely';
import type { Db } from '../store/database';

/**
 * Prefix search over patients' names: the one engine-specific part of patient search (SQLite FTS5
 * here; PostgreSQL would use its own text search behind the same interface).
 */
export interface NameIndex {
  /** Ids of patients at the given practices with a name word starting with every token, best first. */
  prefixMatches(db: Db, tokens: readonly string[], practiceIds: readonly number[], limit: number): Promise<number[]>;
}

/** Tokens as FTS5's unicode61 tokenizer with remove_diacritics 2 makes them: folded, split on anything not a letter or digit. */
export function nameTokens(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

export const sqliteNameIndex: NameIndex = {
  async prefixMatches(db, tokens, practiceIds, limit) {
    if (tokens.length === 0 || practiceIds.length === 0) return [];
    // Each token is a quoted string (no FTS5 syntax can leak in) with a prefix star.
    const match = tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(' AND ');
    const { rows } = await sql<{ id: number }>`
      SELECT p.id AS id FROM patient_name_fts f JOIN patient p ON p.id = f.rowid
      WHERE patient_name_fts MATCH ${match} AND p.registered_practice_id IN (${sql.join(practiceIds)})
      ORDER BY f.rank LIMIT ${limit}`.execute(db);
    return rows.map((r) => r.id);
  },
};
