import { sql } from 'kysely';
import type { Finding, StoryField } from '../contract/newsletter';
import { londonToday } from '../contract/time';
import type { Db } from '../store/database';
import { type CheckContext, findingKey, fold, lookupTerms, type PatientIdentity, scanText, subTokens } from './deidentify';
import { isKeptPlace } from './places';

/**
 * The de-identification check against this database: the person's own record, the patient name
 * index (each word of the story looked up in its vocabulary: one indexed lookup per distinct word,
 * never a scan of the patients), staff names, directory services, practices, and the areas in
 * patients' addresses.
 */

export type StoryTexts = Readonly<Record<StoryField, string>>;

const LOOKUP_CHUNK = 400;

export async function patientIdentity(db: Db, referralId: number): Promise<PatientIdentity | null> {
  const p = await db
    .selectFrom('referral as r')
    .innerJoin('patient as p', 'p.id', 'r.patient_id')
    .select(['p.given_name', 'p.family_name', 'p.preferred_name', 'p.date_of_birth', 'p.sex', 'p.address_line1', 'p.address_line2', 'p.town', 'p.postcode', 'p.phones', 'p.email', 'p.nhs_number'])
    .where('r.id', '=', referralId)
    .executeTakeFirst();
  if (!p) return null;
  return {
    givenName: p.given_name,
    familyName: p.family_name,
    preferredName: p.preferred_name,
    dateOfBirth: p.date_of_birth,
    sex: p.sex,
    addressLine1: p.address_line1,
    addressLine2: p.address_line2,
    town: p.town,
    postcode: p.postcode,
    phones: (JSON.parse(p.phones) as { number: string }[]).map((x) => x.number),
    email: p.email,
    nhsNumber: p.nhs_number,
  };
}

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += LOOKUP_CHUNK) out.push(list.slice(i, i + LOOKUP_CHUNK));
  return out;
}

/** Which of these folded words are a name of some patient: the name index's vocabulary, by term. */
export async function knownNameWords(db: Db, words: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(words)) {
    const rows = await db.selectFrom('patient_name_vocab').select('term').where('term', 'in', part).execute();
    for (const r of rows) found.add(r.term);
  }
  return found;
}

/**
 * The localities and towns of patients' own addresses among these phrases, folded: an area a story
 * names ("Belle Isle") is one where the practice's patients live. Cities are named freely.
 */
async function areasAmong(db: Db, phrases: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(phrases.filter((p) => p.length >= 3 && !isKeptPlace(p)))) {
    for (const column of ['town', 'address_line2'] as const) {
      const { rows } = await sql<{ place: string }>`
        SELECT DISTINCT lower(${sql.ref(column)}) AS place FROM patient WHERE ${sql.ref(column)} COLLATE NOCASE IN (${sql.join(part)})`.execute(db);
      for (const r of rows) found.add(fold(r.place));
    }
  }
  return found;
}

async function staffNameWords(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('app_user').select('full_name').execute();
  return new Set(rows.flatMap((r) => subTokens(r.full_name)));
}

async function protectedPhrases(db: Db): Promise<string[]> {
  const services = await db.selectFrom('service').select(['name', 'organisation']).where('active', '=', 1).execute();
  const practices = await db.selectFrom('practice').select('name').execute();
  const pcn = await db.selectFrom('meta').select('value').where('key', '=', 'pcnName').executeTakeFirst();
  return [...services.flatMap((s) => [s.name, s.organisation]), ...practices.map((p) => p.name), pcn?.value ?? ''].filter((s) => s.trim() !== '');
}


/** What the check needs from the database for these texts; with no case (an MDT topic), no patient of its own. */
export async function checkContext(db: Db, referralId: number | null, texts: readonly string[], now: Date): Promise<CheckContext> {
  const { nameWords, placePhrases } = lookupTerms(texts);
  return {
    patient: referralId === null ? null : await patientIdentity(db, referralId),
    knownNames: await knownNameWords(db, nameWords),
    staffNames: await staffNameWords(db),
    protectedPhrases: await protectedPhrases(db),
    areas: await areasAmong(db, placePhrases),
    today: londonToday(now),
  };
}

export interface Acceptance {
  reason: string;
  byName: string;
  at: string;
}

export async function acceptancesOf(db: Db, storyId: number | undefined): Promise<Map<string, Acceptance>> {
  if (storyId === undefined) return new Map();
  const rows = await db.selectFrom('story_finding_accepted').select(['finding_key', 'reason', 'by_name', 'at']).where('story_id', '=', storyId).execute();
  return new Map(rows.map((r) => [r.finding_key, { reason: r.reason, byName: r.by_name, at: r.at }]));
}

const FIELDS: readonly StoryField[] = ['title', 'text', 'quote', 'outcomes'];

/** Every finding in the story's fields, each marked accepted where a person accepted the same words. */
export async function checkStory(db: Db, referralId: number, texts: StoryTexts, storyId: number | undefined, now: Date): Promise<{ findings: Finding[]; unresolved: number }> {
  const ctx = await checkContext(db, referralId, FIELDS.map((f) => texts[f]), now);
  const accepted = await acceptancesOf(db, storyId);
  const findings: Finding[] = FIELDS.flatMap((field) =>
    scanText(texts[field], ctx).map((f) => {
      const key = findingKey(f);
      return { ...f, key, field, accepted: accepted.get(key) ?? null };
    }),
  );
  return { findings, unresolved: findings.filter((f) => f.accepted === null).length };
}
