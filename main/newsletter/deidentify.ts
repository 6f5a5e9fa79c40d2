import type { FindingKind } from '../contract/newsletter';
import { normalisePostcode } from '../contract/nhs';
import { fold, subTokens } from './fold';
import { isCommonWord, isPersonName, isWordlike } from './names';
import { article, asideFix, capitaliseAt, closesClause, type Fix, fix, followsFreely, isSentenceStart, type Span, wholeSentenceFix, wordAfter, wordBefore } from './phrases';
import { isKeptPlace, LONGEST_PLACE_WORDS, type PlaceKind, placeKind } from './places';
import {
  EVERYDAY_WORDS,
  monthNumber,
  MONTHS,
  NEVER_NAMES,
  PERSONAL_TITLES,
  PLACE_FOLLOWERS,
  RELATIONS,
  seasonOf,
  STAFF_TITLES,
  STREET_WORDS,
  STREET_WORDS_ALONE,
} from './words';

export { fold, subTokens };
export type { Fix };

/**
 * The de-identification check: pure functions over a story's text. What it needs from the database
 * (the patient, which words are names in the patient index, which places are areas where patients
 * live) is looked up beforehand from the words the text contains (see lookupTerms) and passed in as
 * a CheckContext, so the check itself is fast, testable and never scans the patient list. Names
 * beyond the index come from a names list (names.ts), towns and villages from a gazetteer
 * (places.ts). Each finding carries a fix that replaces the whole phrase it belongs to, or none,
 * when the writer has to rephrase (phrases.ts).
 */

export interface PatientIdentity {
  givenName: string;
  familyName: string;
  preferredName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: string;
  addressLine1: string;
  addressLine2: string;
  town: string;
  postcode: string;
  phones: readonly string[];
  email: string;
  nhsNumber: string;
}

export interface CheckContext {
  /** The person the story is about. */
  patient: PatientIdentity | null;
  /** Folded words that are a name of some patient in the database (from the name index). */
  knownNames: ReadonlySet<string>;
  /** Folded words of staff names: a colleague's name is not another patient's. */
  staffNames: ReadonlySet<string>;
  /** Directory services, practices, the PCN: text inside these is never a person or a place. */
  protectedPhrases: readonly string[];
  /** Folded localities and towns from patients' own addresses, among the text's capitalised phrases. */
  areas: ReadonlySet<string>;
  /** YYYY-MM-DD, for an age band from a year of birth. */
  today: string;
}

export interface RawFinding {
  kind: FindingKind;
  start: number;
  end: number;
  text: string;
  /** The phrase to change and its replacement; null when the writer must rephrase. */
  fix: Fix | null;
  advice: string;
}

/** A finding before its fix: the fix may depend on the other identifiers in the same sentence. */
interface Found extends Span {
  kind: FindingKind;
  advice: string;
  makeFix: (all: readonly Span[]) => Fix | null;
}

// ---------------------------------------------------------------- words

interface Word {
  text: string;
  start: number;
  end: number;
  tokens: string[];
  titleCase: boolean;
  allCaps: boolean;
  /** A capital letter standing alone, "H" or "H.": an initial. */
  initial: boolean;
  sentenceStart: boolean;
}

const WORD = /[\p{L}][\p{L}\p{M}]*(?:['’-][\p{L}][\p{L}\p{M}]*)*/gu;

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    const first = w.charAt(0);
    const letters = w.replace(/[^\p{L}]/gu, '');
    const upper = first !== first.toLowerCase() && first === first.toUpperCase();
    out.push({
      text: w,
      start: m.index,
      end: m.index + w.length,
      tokens: subTokens(w),
      titleCase: upper,
      allCaps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      // "I" and "A" are words; any other capital alone, or any with a full stop, is an initial.
      initial: w.length === 1 && upper && (text[m.index + 1] === '.' || !/[IA]/.test(w)),
      sentenceStart: isSentenceStart(text, m.index),
    });
  }
  return out;
}

/** Connecting words inside a place's name: "Newcastle upon Tyne", "Barton under Needwood". */
const PLACE_CONNECTORS = new Set(['upon', 'on', 'under', 'in', 'le', 'by', 'de', 'next', 'the', 'super', 'cum', 'and']);

/** Runs of capitalised words (with any connecting words inside them), folded: the phrases that could be a place. */
function capitalisedPhrases(words: readonly Word[], text: string): { phrase: string; start: number; end: number; first: number; count: number }[] {
  const out: { phrase: string; start: number; end: number; first: number; count: number }[] = [];
  for (let i = 0; i < words.length; i += 1) {
    if (!words[i]!.titleCase) continue;
    for (let n = 1; n <= LONGEST_PLACE_WORDS && i + n <= words.length; n += 1) {
      const last = words[i + n - 1]!;
      if (n > 1 && !/^ +$/.test(text.slice(words[i + n - 2]!.end, last.start))) break;
      if (!last.titleCase) {
        if (PLACE_CONNECTORS.has(last.text) && i + n < words.length) continue;
        break;
      }
      out.push({ phrase: fold(text.slice(words[i]!.start, last.end)), start: words[i]!.start, end: last.end, first: i, count: n });
    }
  }
  return out;
}

/** What to look up before the check: the name words and the capitalised phrases (possible places) in the texts. */
export function lookupTerms(texts: readonly string[]): { nameWords: string[]; placePhrases: string[] } {
  const names = new Set<string>();
  const places = new Set<string>();
  for (const text of texts) {
    const words = wordsOf(text);
    for (const w of words) if (w.titleCase || w.allCaps) for (const t of w.tokens) if (!NEVER_NAMES.has(t)) names.add(t);
    for (const p of capitalisedPhrases(words, text)) places.add(p.phrase);
  }
  return { nameWords: [...names], placePhrases: [...places] };
}

// ---------------------------------------------------------------- suggestions

type Pronoun = 'her' | 'his' | 'their';

function pronounOf(patient: PatientIdentity | null): Pronoun {
  if (patient?.sex === 'female') return 'her';
  if (patient?.sex === 'male') return 'his';
  return 'their';
}

const DECADES = ['', '', 'twenties', 'thirties', 'forties', 'fifties', 'sixties', 'seventies', 'eighties', 'nineties'];

/** "in her seventies" for 72; a teenager, a child, or over 100 at the ends. */
export function ageBand(age: number, pronoun: Pronoun): string {
  if (age < 13) return 'a child';
  if (age < 20) return `in ${pronoun} teens`;
  if (age >= 100) return 'aged over 100';
  return `in ${pronoun} ${DECADES[Math.floor(age / 10)]}`;
}

/** "seventy-something" for 72: for "a 72-year-old woman". */
function ageAdjective(age: number): string {
  if (age < 13) return 'young';
  if (age < 20) return 'teenage';
  if (age >= 100) return 'centenarian';
  return `${DECADES[Math.floor(age / 10)]!.replace(/ies$/, 'y')}-something`;
}

/** "someone in her seventies" for "a 72-year-old" standing as a noun. */
function agePerson(age: number, pronoun: Pronoun): string {
  if (age < 13) return 'a child';
  if (age < 20) return 'a teenager';
  if (age >= 100) return 'someone over 100';
  return `someone ${ageBand(age, pronoun)}`;
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};

function numberFromWords(words: string): number | null {
  let total = 0;
  for (const part of words.toLowerCase().split(/[\s-]+/)) {
    const n = NUMBER_WORDS[part];
    if (n === undefined) return null;
    total += n;
  }
  return total;
}

// ---------------------------------------------------------------- patterns

const MONTH_NAMES = `${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`;
const ORDINAL = '(?:st|nd|rd|th)?';
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})${ORDINAL}(?:\\s+of)?\\s+(${MONTH_NAMES})(?:\\.(?=\\s*\\d))?(?:,?\\s+(\\d{4}))?(?!\\w)`, 'giu');
const MONTH_DAY = new RegExp(`\\b(${MONTH_NAMES})\\.?\\s+(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?(?![\\w])`, 'giu');
// A full stop after it may end the sentence: "born on 04/03/1951."
const NUMERIC_DATE = /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/-]|\.\d)/g;
const ISO_DATE = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;
const BORN_YEAR = /\b(?:born|b\.)\s+(?:in\s+)?((?:19|20)\d{2})\b/gi;

const AT_AGE = /\bat\s+(?:the\s+)?age\s+(?:of\s+)?(\d{1,3})(?!\d)/gi;
const AGED = /\b(?:aged|age)\s+(\d{1,3})(?!\d)/gi;
const AGED_WORDS = /\baged\s+((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)\b/gi;
const YEARS_OLD = /\b(\d{1,3})(\s*-\s*|\s+)(?:years?|yrs?)(\s*-\s*|\s+)old\b/gi;
const WORDS_YEARS_OLD = /\b((?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?)(\s*-\s*|\s+)years?(\s*-\s*|\s+)old\b/gi;
const YO = /\b(\d{1,3})\s?(?:yo|y\/o)\b/gi;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE = /(?<![\w+])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{3,4}(?![\d])/g;
const NHS = /(?<![\w])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\w])/g;
const POSTCODE = /\b[A-Za-z]{1,2}\d[A-Za-z\d]?\s*\d[A-Za-z]{2}\b/g;

const NAME_WORD = `[\\p{Lu}][\\p{L}'’-]*`;
const NUMBERED_ADDRESS = new RegExp(
  `(?:\\b(?:Flat|Apartment|Unit)\\s+\\d+[A-Za-z]?,?\\s+)?(?<![\\w])\\d{1,4}[A-Za-z]?,?\\s+(?:${NAME_WORD}\\s+){1,3}(?:${STREET_WORDS.join('|')})\\b`,
  'gu',
);
const NAMED_STREET = new RegExp(`(?:${NAME_WORD}\\s+){1,3}(?:${STREET_WORDS_ALONE.join('|')})\\b`, 'gu');

// ---------------------------------------------------------------- the check

const PRIORITY: readonly FindingKind[] = ['email', 'nhs_number', 'phone', 'postcode', 'date_of_birth', 'date', 'address', 'age', 'own_name', 'place', 'other_name', 'name'];

const REPHRASE = ' The words around it need changing too: rephrase the sentence.';

function spansOf(text: string, phrases: readonly string[]): [number, number][] {
  const lower = fold(text);
  const out: [number, number][] = [];
  for (const phrase of phrases) {
    const p = fold(phrase).trim();
    if (p.length < 3) continue;
    for (let at = lower.indexOf(p); at >= 0; at = lower.indexOf(p, at + p.length)) {
      const before = at === 0 ? '' : lower[at - 1]!;
      const after = lower[at + p.length] ?? '';
      if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) out.push([at, at + p.length]);
    }
  }
  return out;
}

function inside(spans: readonly [number, number][], start: number, end: number): boolean {
  return spans.some(([s, e]) => start >= s && end <= e);
}

/** The preposition just before an identifier, lower case, with where it starts (skipping a "the"). */
function prepositionBefore(text: string, start: number): { word: string; start: number } | null {
  const before = wordBefore(text, start);
  if (!before) return null;
  if (before.word.toLowerCase() === 'the') {
    const earlier = wordBefore(text, before.start);
    return earlier ? { word: earlier.word.toLowerCase(), start: earlier.start } : { word: 'the', start: before.start };
  }
  return { word: before.word.toLowerCase(), start: before.start };
}

/** Contact details: the sentence goes if it is only about them, else the brackets or commas around them go with them, else rephrase. */
function contactFix(text: string, span: Span, all: readonly Span[]): Fix | null {
  return wholeSentenceFix(text, span, all) ?? asideFix(text, span);
}

const DATE_PREPOSITIONS = new Set(['since', 'from', 'until', 'till', 'by', 'before', 'after']);

function datesIn(text: string, ctx: CheckContext, pronoun: Pronoun, out: Found[]): void {
  const dob = ctx.patient?.dateOfBirth ?? '';
  const age = (year: number) => Number(ctx.today.slice(0, 4)) - year;
  const add = (start: number, end: number, day: number, month: number, year: number | null) => {
    if (month < 1 || month > 12 || day < 1 || day > 31) return;
    const iso = year === null ? null : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const born = /\b(born)\s+(?:on\s+)?(?:the\s+)?$/i.exec(text.slice(Math.max(0, start - 14), start));
    const isDob = born !== null || (dob !== '' && (iso === dob || (year === null && dob.slice(5) === iso?.slice(5))));
    if (isDob) {
      const band = dob ? ageBand(age(Number(dob.slice(0, 4))), pronoun) : '';
      const bornAt = born ? Math.max(0, start - 14) + born.index : start;
      out.push({
        kind: 'date_of_birth', start, end,
        advice: `A date of birth identifies a person: leave it out${band ? `, or say “${band}”` : ''}.`,
        // "Born on 04/03/1951, she …" → "In her seventies, she …"; elsewhere the sentence needs rewording.
        makeFix: () => (band && born && isSentenceStart(text, bornAt) && text[end] === ',' ? fix(text, bornAt, end, capitaliseAt(text, band, bornAt)) : null),
      });
      return;
    }
    const season = seasonOf(month);
    out.push({
      kind: 'date', start, end,
      advice: `An exact date can identify a person: say “in the ${season}” or “earlier this year” instead.`,
      makeFix: () => {
        const prep = prepositionBefore(text, start);
        if (prep?.word === 'on') return fix(text, prep.start, end, capitaliseAt(text, `in the ${season}`, prep.start));
        if (prep && DATE_PREPOSITIONS.has(prep.word)) return fix(text, prep.start, end, `${text.slice(prep.start, prep.start + prep.word.length)} the ${season}`);
        const the = wordBefore(text, start);
        const from = the?.word.toLowerCase() === 'the' ? the.start : start;
        return isSentenceStart(text, from) ? null : fix(text, from, end, `in the ${season}`);
      },
    });
  };
  const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
  for (const m of text.matchAll(DAY_MONTH)) add(m.index, m.index + m[0].length, Number(m[1]), monthNumber(m[2]!)!, m[3] ? Number(m[3]) : null);
  for (const m of text.matchAll(MONTH_DAY)) add(m.index, m.index + m[0].length, Number(m[2]), monthNumber(m[1]!)!, m[3] ? Number(m[3]) : null);
  for (const m of text.matchAll(NUMERIC_DATE)) add(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]), fullYear(m[3]!));
  for (const m of text.matchAll(ISO_DATE)) add(m.index, m.index + m[0].length, Number(m[3]), Number(m[2]), Number(m[1]));
  for (const m of text.matchAll(BORN_YEAR)) {
    const band = ageBand(age(Number(m[1])), pronoun);
    out.push({ kind: 'date_of_birth', start: m.index, end: m.index + m[0].length, advice: `A year of birth narrows a person down: leave it out, or say “${band}”.${REPHRASE}`, makeFix: () => null });
  }
}

function agesIn(text: string, pronoun: Pronoun, out: Found[]): void {
  const band = (start: number, end: number, age: number | null, adjective: boolean) => {
    if (age === null || age > 120) return;
    const words = adjective ? ageAdjective(age) : ageBand(age, pronoun);
    out.push({
      kind: 'age', start, end,
      advice: `An exact age helps pick a person out: say “${words}” instead.`,
      makeFix: () => {
        // "a 72-year-old widow" → "a seventy-something widow"; "met an 18-year-old there" → "met a teenager there".
        const a = adjective ? wordBefore(text, start) : null;
        if (a && /^an?$/i.test(a.word)) {
          const next = wordAfter(text, end);
          const noun = closesClause(text, end) || (next !== null && PLACE_FOLLOWERS.has(next.word));
          return fix(text, a.start, end, capitaliseAt(text, noun ? agePerson(age, pronoun) : `${article(words)} ${words}`, a.start));
        }
        return fix(text, start, end, capitaliseAt(text, words, start));
      },
    });
  };
  for (const m of text.matchAll(AT_AGE)) band(m.index, m.index + m[0].length, Number(m[1]), false);
  for (const m of text.matchAll(AGED)) band(m.index, m.index + m[0].length, Number(m[1]), false);
  for (const m of text.matchAll(AGED_WORDS)) band(m.index, m.index + m[0].length, numberFromWords(m[1]!), false);
  for (const m of text.matchAll(YEARS_OLD)) band(m.index, m.index + m[0].length, Number(m[1]), m[2]!.includes('-') || m[3]!.includes('-'));
  for (const m of text.matchAll(WORDS_YEARS_OLD)) band(m.index, m.index + m[0].length, numberFromWords(m[1]!), m[2]!.includes('-') || m[3]!.includes('-'));
  for (const m of text.matchAll(YO)) band(m.index, m.index + m[0].length, Number(m[1]), false);
}

function contactsIn(text: string, out: Found[]): void {
  const add = (kind: FindingKind, start: number, end: number, advice: string) =>
    out.push({ kind, start, end, advice, makeFix: (all) => contactFix(text, { start, end }, all) });
  for (const m of text.matchAll(EMAIL)) add('email', m.index, m.index + m[0].length, 'An e-mail address identifies a person: leave it out.');
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\(0\)/, '').replace(/^\+44/, '0').replace(/\D/g, '');
    // "(07700 900123)": the bracket opens an aside, not an area code.
    const from = m[0].startsWith('(') && !m[0].includes(')') ? m.index + 1 : m.index;
    if (/^0\d{9,10}$/.test(digits)) add('phone', from, m.index + m[0].length, 'A phone number identifies a person: leave it out.');
  }
  for (const m of text.matchAll(NHS)) {
    if (!m[0].startsWith('0')) add('nhs_number', m.index, m.index + m[0].length, 'An NHS number must never leave the record: take it out.');
  }
  for (const m of text.matchAll(POSTCODE)) {
    if (!normalisePostcode(m[0])) continue;
    const start = m.index;
    const end = start + m[0].length;
    out.push({
      kind: 'postcode', start, end,
      advice: 'A postcode points to a handful of homes: leave it out, or say “locally”.',
      makeFix: (all) => {
        const prep = prepositionBefore(text, start);
        const lead: Readonly<Record<string, string>> = { near: 'nearby', in: 'locally', at: 'locally', around: 'locally', from: 'from another area' };
        if (prep && lead[prep.word] && closesClause(text, end)) return fix(text, prep.start, end, capitaliseAt(text, lead[prep.word]!, prep.start));
        return asideFix(text, { start, end }) ?? wholeSentenceFix(text, { start, end }, all);
      },
    });
  }
}

/** "lives at 14 Beech Grove" → "lives nearby"; "moved to Acacia Avenue" → "moved to another street". */
function addressFix(text: string, span: Span, all: readonly Span[]): Fix | null {
  const prep = prepositionBefore(text, span.start);
  const lead: Readonly<Record<string, string>> = {
    at: 'nearby', on: 'nearby', in: 'nearby', near: 'nearby', off: 'nearby', from: 'from another street', to: 'to another street', into: 'to another street',
    along: 'along the road', down: 'down the road', up: 'up the road',
  };
  if (prep && lead[prep.word]) return fix(text, prep.start, span.end, capitaliseAt(text, lead[prep.word]!, prep.start));
  return asideFix(text, span) ?? wholeSentenceFix(text, span, all);
}

function addressesIn(text: string, ctx: CheckContext, out: Found[]): void {
  const add = (start: number, end: number, advice: string) =>
    out.push({ kind: 'address', start, end, advice, makeFix: (all) => addressFix(text, { start, end }, all) });
  const advice = 'A street address points to a home: leave it out, or say “nearby”.';
  for (const m of text.matchAll(NUMBERED_ADDRESS)) add(m.index, m.index + m[0].length, advice);
  for (const m of text.matchAll(NAMED_STREET)) {
    // Drop leading words that open a sentence ("In Acacia Avenue" → "Acacia Avenue").
    let start = m.index;
    const words = m[0].split(/\s+/);
    let i = 0;
    while (i < words.length - 2 && EVERYDAY_WORDS.has(fold(words[i]!))) {
      start += words[i]!.length + 1;
      i += 1;
    }
    add(start, m.index + m[0].length, 'A street name narrows down where a person lives: leave it out, or say “nearby”.');
  }
  const own = ctx.patient?.addressLine1.replace(/^\s*(?:(?:flat|apartment|unit)\s+\w+,?\s*)?\d+[a-z]?,?\s*/i, '').trim() ?? '';
  if (own.length >= 4) for (const [s, e] of spansOf(text, [own])) add(s, e, advice);
}

// ---------------------------------------------------------------- names

type Role = 'title' | 'staff' | 'initial' | 'own' | 'index' | 'name' | 'colleague' | 'other' | 'stop';

const possessive = /['’]s$/;

/** Someone the story names, beside the person it is about: "her son, Gary," goes; "Gary" alone becomes "someone". */
function otherNameFix(text: string, start: number, end: number): Fix {
  const before = wordBefore(text, start);
  if (before && RELATIONS.has(fold(before.word))) return fix(text, before.end, end, '');
  const comma = /([\p{L}-]+)( *, *)$/u.exec(text.slice(Math.max(0, start - 40), start));
  if (comma && RELATIONS.has(fold(comma[1]!))) {
    const from = start - comma[2]!.length;
    if (text[end] === ',') return fix(text, from, end + 1, '');
    if (closesClause(text, end)) return fix(text, from, end, '');
  }
  const appositive = /^, *((?:her|his|their|my|our|a|an|the) [\p{L}’' -]{1,40}?) *,/u.exec(text.slice(end));
  if (appositive) return fix(text, start, end + appositive[0].length, capitaliseAt(text, appositive[1]!, start));
  return fix(text, start, end, capitaliseAt(text, 'someone', start));
}

function namesIn(text: string, words: readonly Word[], ctx: CheckContext, out: Found[]): void {
  const p = ctx.patient;
  const own = new Set(p ? [p.givenName, p.familyName, p.preferredName].flatMap(subTokens) : []);
  const nameToken = (t: string) => !NEVER_NAMES.has(t) && !RELATIONS.has(t) && !ctx.staffNames.has(t);

  const roleOf = (w: Word, afterTitle: boolean): Role => {
    if (w.initial) return 'initial';
    const f = fold(w.text);
    if (w.tokens.some((t) => own.has(t)) && (w.titleCase || w.allCaps)) return 'own';
    if (!w.titleCase || w.allCaps) return 'stop';
    if (STAFF_TITLES.has(f)) return 'staff';
    if (PERSONAL_TITLES.has(f)) return 'title';
    if (NEVER_NAMES.has(f)) return 'stop';
    if (w.tokens.some((t) => ctx.knownNames.has(t) && nameToken(t))) return 'index';
    if (w.tokens.some((t) => nameToken(t) && isPersonName(t))) return 'name';
    if (w.tokens.some((t) => ctx.staffNames.has(t))) return 'colleague';
    return afterTitle ? 'name' : 'other';
  };

  // Groups of capitalised words and initials standing together: "Mrs Peggy H.", "John Smith", "Pension Credit".
  const groups: { word: Word; role: Role }[][] = [];
  let group: { word: Word; role: Role }[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const w = words[i]!;
    const prev = group.at(-1);
    const gap = prev ? text.slice(prev.word.end, w.start) : '';
    const joined = prev !== undefined && (/^ +$/.test(gap) || (/^\. +$/.test(gap) && (prev.role === 'initial' || prev.role === 'title' || prev.role === 'staff')));
    const role = roleOf(w, joined && prev.role === 'title');
    if (!joined && group.length) {
      groups.push(group);
      group = [];
    }
    if (role === 'stop') {
      if (group.length) groups.push(group);
      group = [];
      continue;
    }
    group.push({ word: w, role });
  }
  if (group.length) groups.push(group);

  for (let g of groups) {
    // A clinician or colleague after "Dr" or "Nurse" is not a patient.
    if (g[0]!.role === 'staff') continue;
    // The word opening a sentence is capitalised anyway: "After Gary left" is about Gary.
    while (g.length > 1 && g[0]!.role === 'other' && g[0]!.word.sentenceStart) g = g.slice(1);
    const roles = new Set(g.map((x) => x.role));
    const personal = g.every((x) => ['title', 'initial', 'own', 'index', 'name', 'colleague'].includes(x.role));
    if (roles.has('own') && !personal) {
      // "Ellis Court": only the name itself is hers.
      for (const x of g.filter((y) => y.role === 'own')) pushName(x.word.start, x.word.end, 'own_name');
      continue;
    }
    if (!personal) continue;
    if (!roles.has('own') && !roles.has('index') && !roles.has('name')) continue;
    // "Sheffield", "Milton Keynes": cities a story may name, not people (though surnames too).
    if (!roles.has('own') && !roles.has('title') && isKeptPlace(text.slice(g[0]!.word.start, g.at(-1)!.word.end))) continue;
    if (g.length === 1 && g[0]!.word.sentenceStart) {
      const w = g[0]!.word;
      const tokens = w.tokens.filter((t) => !EVERYDAY_WORDS.has(t));
      if (g[0]!.role !== 'own' && (tokens.length === 0 || (g[0]!.role === 'name' && tokens.every(isCommonWord)))) continue;
    }
    const first = g[0]!.word;
    const last = g.at(-1)!;
    let end = last.word.end + (last.role === 'initial' && text[last.word.end] === '.' ? 1 : 0);
    if (possessive.test(text.slice(first.start, end))) end -= 2;
    pushName(first.start, end, roles.has('own') ? 'own_name' : roles.has('index') ? 'other_name' : 'name');
  }

  // The person's own name written in lower case, unless it is an everyday word used as one ("her mood rose").
  for (const w of words) {
    if (w.titleCase || w.allCaps || w.initial) continue;
    if (w.tokens.some((t) => own.has(t) && !EVERYDAY_WORDS.has(t))) pushName(w.start, w.end, 'own_name');
  }

  function pushName(start: number, end: number, kind: 'own_name' | 'other_name' | 'name'): void {
    if (kind === 'own_name') {
      out.push({
        kind, start, end,
        advice: 'This is the person’s own name: use “the person”, or a made-up first name and say it was changed.',
        makeFix: () => fix(text, start, end, capitaliseAt(text, 'the person', start)),
      });
      return;
    }
    const where = kind === 'other_name' ? 'a name in the practice’s patient list' : 'a person’s name';
    out.push({
      kind, start, end,
      advice: `This is ${where}: leave it out or say who they are to the person (“her son”, “a neighbour”).`,
      makeFix: () => otherNameFix(text, start, end),
    });
  }
}

// ---------------------------------------------------------------- places

const PLACE_PREPOSITIONS = new Set(['from', 'to', 'into', 'in', 'at', 'near', 'around', 'round', 'outside', 'towards', 'toward']);

const placeNoun: Readonly<Record<PlaceKind, string>> = { town: 'town', village: 'village', area: 'area' };

/** "moved from Barnsley" → "moved from another town"; "lives in Belle Isle" → "lives locally". */
function placeReplacement(prep: string, kind: PlaceKind): string | null {
  const noun = placeNoun[kind];
  switch (prep) {
    case 'from': return `from another ${noun}`;
    case 'to': case 'into': case 'towards': case 'toward': return `to another ${noun}`;
    case 'in': case 'at': return kind === 'area' ? 'locally' : `in a nearby ${noun}`;
    case 'around': case 'round': return 'locally';
    case 'near': case 'outside': return 'nearby';
    default: return null;
  }
}

const placeAdvice: Readonly<Record<PlaceKind, string>> = {
  town: 'Naming a town narrows the story down: say “another town” or “locally” instead.',
  village: 'A village narrows a story down to a few people: say “a nearby village” or “locally”.',
  area: 'An area where the practice’s patients live narrows a story down: say “locally” or “nearby”.',
};

function placesIn(text: string, words: readonly Word[], ctx: CheckContext, out: Found[]): void {
  const own = ctx.patient ? [ctx.patient.addressLine2, ctx.patient.town].map((s) => fold(s).trim()).filter((s) => s.length >= 3) : [];
  const areas = new Set([...ctx.areas, ...own]);
  const byFirst = new Map<number, ReturnType<typeof capitalisedPhrases>>();
  for (const x of capitalisedPhrases(words, text)) (byFirst.get(x.first) ?? byFirst.set(x.first, []).get(x.first)!).push(x);
  let skipTo = -1;
  for (let i = 0; i < words.length; i += 1) {
    if (i < skipTo) continue;
    // The longest phrase from here that names a place; a kept city's words are passed over whole.
    const here = [...(byFirst.get(i) ?? [])].sort((a, b) => b.count - a.count);
    const kept = here.find((x) => isKeptPlace(x.phrase));
    const found = here.find((x) => placeKind(x.phrase, areas) !== null && (!kept || x.count > kept.count));
    if (!found) {
      if (kept) skipTo = i + kept.count;
      continue;
    }
    const kind = placeKind(found.phrase, areas)!;
    const w = words[i]!;
    const prep = wordBefore(text, found.start);
    const prepWord = prep?.word.toLowerCase() ?? '';
    const afterPreposition = PLACE_PREPOSITIONS.has(prepWord);
    // "her son Chester", "Mrs Morley": a person.
    if (prep && (RELATIONS.has(prepWord) || PERSONAL_TITLES.has(prepWord))) continue;
    if (found.count === 1) {
      const t = w.tokens[0] ?? '';
      // "in March" is a month; a place named like a word ("Deal", "Street") or a person ("Middleton") counts only after "in", "from" …
      if (NEVER_NAMES.has(t)) continue;
      if (!afterPreposition && (EVERYDAY_WORDS.has(t) || isWordlike(t) || isPersonName(t))) continue;
    }
    skipTo = i + found.count;
    const { start, end } = found;
    out.push({
      kind: 'place', start, end,
      advice: placeAdvice[kind],
      makeFix: () => {
        const replacement = afterPreposition ? placeReplacement(prepWord, kind) : null;
        if (replacement === null || !followsFreely(text, end)) return null;
        return fix(text, prep!.start, end, capitaliseAt(text, replacement, prep!.start));
      },
    });
  }
}

// ---------------------------------------------------------------- putting it together

/** Keeps the most telling finding where two overlap (an address over the name inside it), in text order. */
function resolveOverlaps(found: Found[]): Found[] {
  const ranked = [...found].sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: Found[] = [];
  for (const f of ranked) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/** Every identifier in one piece of text, with where it stands and how to change it. */
export function scanText(text: string, ctx: CheckContext): RawFinding[] {
  if (text.trim() === '') return [];
  const pronoun = pronounOf(ctx.patient);
  const words = wordsOf(text);
  const found: Found[] = [];
  contactsIn(text, found);
  datesIn(text, ctx, pronoun, found);
  agesIn(text, pronoun, found);
  addressesIn(text, ctx, found);
  namesIn(text, words, ctx, found);
  placesIn(text, words, ctx, found);
  const protectedSpans = spansOf(text, ctx.protectedPhrases);
  const kept = resolveOverlaps(found.filter((f) => !(['other_name', 'name', 'place', 'address'].includes(f.kind) && inside(protectedSpans, f.start, f.end))));
  return kept.map((f) => {
    const change = f.makeFix(kept);
    return { kind: f.kind, start: f.start, end: f.end, text: text.slice(f.start, f.end), fix: change, advice: change ? f.advice : `${f.advice}${REPHRASE}` };
  });
}

/** An acceptance applies to the same kind of finding and the same words, wherever they stand. */
export function findingKey(f: Pick<RawFinding, 'kind' | 'text'>): string {
  return `${f.kind}:${fold(f.text).replace(/\s+/g, ' ').trim()}`;
}
