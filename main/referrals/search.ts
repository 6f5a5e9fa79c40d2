import { sql } from 'kysely';
import { endStates, type PatientMatch, type ReferralStatus } from '../contract/referrals';
import type { Db } from '../store/database';
import { parseTypedDate } from './dates';
import { allowedTypos, editDistance } from './editDistance';
import { type NameIndex, nameTokens, sqliteNameIndex } from './nameIndex';
import { displayName, foldName } from './patients';
import { inIdOrder } from '../store/inIdOrder';

const MAX_RESULTS = 20;
/** Fewer prefix matches than this and the typo-tolerant comparison adds its own. */
const FEW_MATCHES = 5;
/** Bounds the typo-tolerant comparison: at most this many candidates per family-name prefix. */
const CANDIDATES_PER_PREFIX = 3000;

export type SearchKind = 'nhs' | 'dob' | 'name';
export type ParsedQuery = { kind: 'nhs'; nhsNumber: string } | { kind: 'dob'; date: string } | { kind: 'name'; tokens: string[] } | { kind: 'none' };

/** An NHS number (10 digits, spaces or dashes allowed), a date of birth, or else a name. */
export function parseQuery(query: string): ParsedQuery {
  const compact = query.replace(/[\s-]/g, '');
  if (/^\d{10}$/.test(compact)) return { kind: 'nhs', nhsNumber: compact };
  const date = parseTypedDate(query.trim());
  if (date) return { kind: 'dob', date };
  if (/^\d+$/.test(compact)) return { kind: 'none' };
  const tokens = nameTokens(query);
  return tokens.length > 0 ? { kind: 'name', tokens } : { kind: 'none' };
}

export async function searchPatients(
  db: Db,
  practiceIds: readonly number[],
  query: string,
  index: NameIndex = sqliteNameIndex,
): Promise<{ kind: SearchKind | 'none'; matches: PatientMatch[] }> {
  const parsed = parseQuery(query);
  if (practiceIds.length === 0 || parsed.kind === 'none') return { kind: parsed.kind, matches: [] };
  const ids = await matchingIds(db, practiceIds, parsed, index);
  return { kind: parsed.kind, matches: await loadMatches(db, ids) };
}

async function matchingIds(db: Db, practiceIds: readonly number[], parsed: Exclude<ParsedQuery, { kind: 'none' }>, index: NameIndex): Promise<number[]> {
  const base = db.selectFrom('patient').select('id').where('registered_practice_id', 'in', practiceIds);
  if (parsed.kind === 'nhs') return (await base.where('nhs_number', '=', parsed.nhsNumber).execute()).map((r) => r.id);
  if (parsed.kind === 'dob') {
    const rows = await base.where('date_of_birth', '=', parsed.date).orderBy('family_key').orderBy('given_name').limit(MAX_RESULTS).execute();
    return rows.map((r) => r.id);
  }
  const found = await index.prefixMatches(db, parsed.tokens, practiceIds, MAX_RESULTS);
  if (found.length >= FEW_MATCHES) return found;
  const fuzzy = await typoTolerantIds(db, parsed.tokens, practiceIds, new Set(found));
  return [...found, ...fuzzy].slice(0, MAX_RESULTS);
}

interface Candidate {
  id: number;
  given_name: string;
  family_name: string;
  preferred_name: string;
  family_key: string;
}

/** The next string after every string starting with `prefix` (sm → sn), for an index range scan. */
function prefixEnd(prefix: string): string {
  return prefix.slice(0, -1) + String.fromCodePoint(prefix.codePointAt(prefix.length - 1)! + 1);
}

/**
 * Patients whose family name starts with the same two letters as a typed word, compared word by
 * word with a small edit distance; bounded by CANDIDATES_PER_PREFIX so it stays fast on 100,000.
 */
async function typoTolerantIds(db: Db, tokens: string[], practiceIds: readonly number[], exclude: ReadonlySet<number>): Promise<number[]> {
  const prefixes = [...new Set(tokens.filter((t) => t.length >= 3).map((t) => t.slice(0, 2)))];
  const scored = new Map<number, { score: number; c: Candidate }>();
  for (const prefix of prefixes) {
    const candidates = await db
      .selectFrom('patient')
      .select(['id', 'given_name', 'family_name', 'preferred_name', 'family_key'])
      // The unary + keeps SQLite on the family-name index: on the practice index it reads every patient.
      .where(sql<number>`+${sql.ref('registered_practice_id')}`, 'in', practiceIds)
      .where('family_key', '>=', prefix)
      .where('family_key', '<', prefixEnd(prefix))
      .limit(CANDIDATES_PER_PREFIX)
      .execute();
    for (const c of candidates) {
      if (exclude.has(c.id) || scored.has(c.id)) continue;
      const score = candidateScore(tokens, c);
      if (score !== null) scored.set(c.id, { score, c });
    }
  }
  return [...scored.values()]
    .sort((a, b) => a.score - b.score || a.c.family_key.localeCompare(b.c.family_key) || a.c.id - b.c.id)
    .slice(0, MAX_RESULTS)
    .map((s) => s.c.id);
}

/** Total typos if every typed word is close to (the start of) one of the candidate's name words, else null. */
export function candidateScore(tokens: readonly string[], c: Omit<Candidate, 'id'>): number | null {
  const words = [...nameTokens(`${c.given_name} ${c.family_name} ${c.preferred_name}`), foldName(c.family_name)];
  let total = 0;
  for (const token of tokens) {
    const max = allowedTypos(token.length);
    const best = Math.min(...words.map((w) => wordDistance(token, w, max)));
    if (best > max) return null;
    total += best;
  }
  return total;
}

/** Distance to the whole word, or to its start when the person is still typing it. */
function wordDistance(token: string, word: string, max: number): number {
  const whole = editDistance(token, word, max);
  if (token.length >= word.length) return whole;
  return Math.min(whole, editDistance(token, word.slice(0, token.length), max));
}

async function loadMatches(db: Db, ids: readonly number[]): Promise<PatientMatch[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('patient')
    .select(['id', 'nhs_number', 'given_name', 'family_name', 'preferred_name', 'date_of_birth', 'postcode', 'registered_practice_id'])
    .where('id', 'in', ids)
    .execute();
  const open = await openReferrals(db, ids);
  return inIdOrder(ids, rows, (r) => ({
    id: r.id,
    nhsNumber: r.nhs_number,
    name: displayName(r),
    dateOfBirth: r.date_of_birth,
    postcode: r.postcode,
    practiceId: r.registered_practice_id,
    openReferral: open.get(r.id) ?? null,
  }));
}

export interface OpenReferral {
  id: number;
  status: ReferralStatus;
  receivedAt: string;
}

/** Each patient's latest referral that has not ended. */
export async function openReferrals(db: Db, patientIds: readonly number[]): Promise<Map<number, OpenReferral>> {
  const out = new Map<number, OpenReferral>();
  if (patientIds.length === 0) return out;
  const rows = await db
    .selectFrom('referral')
    .select(['id', 'patient_id', 'status', 'received_at'])
    .where('patient_id', 'in', patientIds)
    .where('status', 'not in', endStates)
    .orderBy('received_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  for (const r of rows) {
    if (!out.has(r.patient_id)) out.set(r.patient_id, { id: r.id, status: r.status as ReferralStatus, receivedAt: r.received_at });
  }
  return out;
}
