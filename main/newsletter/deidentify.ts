import type { FindingKind } from '../contract/newsletter';
import { normalisePostcode } from '../contract/nhs';
import {
  EVERYDAY_WORDS,
  LARGE_PLACES,
  monthNumber,
  MONTHS,
  NEVER_NAMES,
  seasonOf,
  STAFF_TITLES,
  STREET_WORDS,
  STREET_WORDS_ALONE,
} from './words';

/**
 * The de-identification check: pure functions over a story's text. What it needs from the database
 * (the patient, which words are names in the patient index, which places are small) is looked up
 * beforehand from the words the text contains (see lookupTerms) and passed in as a CheckContext, so
 * the check itself is fast, testable and never scans the patient list.
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
  /** Directory services, practices, the PCN: text inside these is never a person or a small place. */
  protectedPhrases: readonly string[];
  /** Folded names of small places (villages, wards, localities with few patients). */
  smallPlaces: ReadonlySet<string>;
  /** YYYY-MM-DD, for an age band from a year of birth. */
  today: string;
}

export interface RawFinding {
  kind: FindingKind;
  start: number;
  end: number;
  text: string;
  suggestion: string;
  advice: string;
}

// ---------------------------------------------------------------- words

/** Lower case without accents: how names and places are compared. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** The letter runs of a word, folded, as the patient name index splits it (O'Brien → o, brien). */
export function subTokens(word: string): string[] {
  return fold(word).split(/[^\p{L}\p{N}]+/u).filter((t) => t.length >= 2);
}

interface Word {
  text: string;
  start: number;
  end: number;
  tokens: string[];
  titleCase: boolean;
  allCaps: boolean;
  sentenceStart: boolean;
  previous: Word | null;
}

const WORD = /[\p{L}][\p{L}\p{M}]*(?:['’-][\p{L}][\p{L}\p{M}]*)*/gu;

function isSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && /[\s"“‘'([•*-]/u.test(text[i]!)) {
    if (text[i] === '\n') return true;
    i -= 1;
  }
  return i < 0 || /[.!?]/.test(text[i]!);
}

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  let previous: Word | null = null;
  for (const m of text.matchAll(WORD)) {
    const w = m[0];
    const first = w.charAt(0);
    const letters = w.replace(/[^\p{L}]/gu, '');
    const word: Word = {
      text: w,
      start: m.index,
      end: m.index + w.length,
      tokens: subTokens(w),
      titleCase: first !== first.toLowerCase() && first === first.toUpperCase(),
      allCaps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      sentenceStart: isSentenceStart(text, m.index),
      previous,
    };
    out.push(word);
    previous = word;
  }
  return out;
}

/** Consecutive capitalised words (one to three), folded: the phrases that could be a place. */
function capitalisedPhrases(words: readonly Word[], text: string): { phrase: string; start: number; end: number }[] {
  const out: { phrase: string; start: number; end: number }[] = [];
  for (let i = 0; i < words.length; i += 1) {
    if (!words[i]!.titleCase) continue;
    for (let n = 1; n <= 3 && i + n <= words.length; n += 1) {
      const last = words[i + n - 1]!;
      if (!last.titleCase) break;
      if (n > 1 && !/^ +$/.test(text.slice(words[i + n - 2]!.end, last.start))) break;
      out.push({ phrase: fold(text.slice(words[i]!.start, last.end)), start: words[i]!.start, end: last.end });
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

function capitaliseAt(text: string, suggestion: string, start: number): string {
  return isSentenceStart(text, start) && suggestion !== '' ? suggestion.charAt(0).toUpperCase() + suggestion.slice(1) : suggestion;
}

// ---------------------------------------------------------------- patterns

const MONTH_NAMES = `${MONTHS.join('|')}|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec`;
const ORDINAL = '(?:st|nd|rd|th)?';
const DAY_MONTH = new RegExp(`\\b(\\d{1,2})${ORDINAL}(?:\\s+of)?\\s+(${MONTH_NAMES})(?:\\.(?=\\s*\\d))?(?:,?\\s+(\\d{4}))?(?!\\w)`, 'giu');
const MONTH_DAY = new RegExp(`\\b(${MONTH_NAMES})\\.?\\s+(\\d{1,2})${ORDINAL}(?:,?\\s+(\\d{4}))?(?![\\w])`, 'giu');
const NUMERIC_DATE = /(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?![\d/.-])/g;
const ISO_DATE = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/g;
const BORN_YEAR = /\b(?:born|b\.)\s+(?:in\s+)?((?:19|20)\d{2})\b/gi;

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

const PRIORITY: readonly FindingKind[] = ['email', 'nhs_number', 'phone', 'postcode', 'date_of_birth', 'date', 'address', 'age', 'own_name', 'place', 'other_name'];

function finding(kind: FindingKind, text: string, start: number, end: number, suggestion: string, advice: string): RawFinding {
  return { kind, start, end, text: text.slice(start, end), suggestion, advice };
}

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

/** "on 3 March" → include "on " so that "in the spring" replaces it cleanly. */
function withPreposition(text: string, start: number): number {
  const before = text.slice(Math.max(0, start - 8), start);
  const m = /(?:\bon the |\bon |\bthe )$/i.exec(before);
  return m ? start - m[0].length : start;
}

function datesIn(text: string, ctx: CheckContext, pronoun: Pronoun, out: RawFinding[]): void {
  const dob = ctx.patient?.dateOfBirth ?? '';
  const age = (year: number) => Number(ctx.today.slice(0, 4)) - year;
  const add = (start: number, end: number, day: number, month: number, year: number | null) => {
    if (month < 1 || month > 12 || day < 1 || day > 31) return;
    const iso = year === null ? null : `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const bornBefore = /\bborn\s+(?:on\s+)?(?:the\s+)?$/i.test(text.slice(Math.max(0, start - 14), start));
    const isDob = bornBefore || (dob !== '' && (iso === dob || (year === null && dob.slice(5) === iso?.slice(5))));
    if (isDob) {
      const band = dob ? ageBand(age(Number(dob.slice(0, 4))), pronoun) : '';
      out.push(finding('date_of_birth', text, start, end, band ? capitaliseAt(text, band, start) : '', `A date of birth identifies a person: leave it out${band ? `, or say “${band}”` : ''}.`));
      return;
    }
    const from = withPreposition(text, start);
    const season = `in the ${seasonOf(month)}`;
    out.push(finding('date', text, from, end, capitaliseAt(text, season, from), `An exact date can identify a person: say “${season}” or “earlier this year” instead.`));
  };
  const fullYear = (y: string) => (y.length === 2 ? 2000 + Number(y) : Number(y));
  for (const m of text.matchAll(DAY_MONTH)) add(m.index, m.index + m[0].length, Number(m[1]), monthNumber(m[2]!)!, m[3] ? Number(m[3]) : null);
  for (const m of text.matchAll(MONTH_DAY)) add(m.index, m.index + m[0].length, Number(m[2]), monthNumber(m[1]!)!, m[3] ? Number(m[3]) : null);
  for (const m of text.matchAll(NUMERIC_DATE)) add(m.index, m.index + m[0].length, Number(m[1]), Number(m[2]), fullYear(m[3]!));
  for (const m of text.matchAll(ISO_DATE)) add(m.index, m.index + m[0].length, Number(m[3]), Number(m[2]), Number(m[1]));
  for (const m of text.matchAll(BORN_YEAR)) {
    const band = ageBand(age(Number(m[1])), pronoun);
    out.push(finding('date_of_birth', text, m.index, m.index + m[0].length, '', `A year of birth narrows a person down: leave it out, or say “${band}”.`));
  }
}

function agesIn(text: string, pronoun: Pronoun, out: RawFinding[]): void {
  const band = (start: number, end: number, age: number | null, adjective: boolean) => {
    if (age === null || age > 120) return;
    const suggestion = adjective ? ageAdjective(age) : ageBand(age, pronoun);
    out.push(finding('age', text, start, end, capitaliseAt(text, suggestion, start), `An exact age helps pick a person out: say “${suggestion}” instead.`));
  };
  for (const m of text.matchAll(AGED)) band(m.index, m.index + m[0].length, Number(m[1]), false);
  for (const m of text.matchAll(AGED_WORDS)) band(m.index, m.index + m[0].length, numberFromWords(m[1]!), false);
  for (const m of text.matchAll(YEARS_OLD)) band(m.index, m.index + m[0].length, Number(m[1]), m[2]!.includes('-') || m[3]!.includes('-'));
  for (const m of text.matchAll(WORDS_YEARS_OLD)) band(m.index, m.index + m[0].length, numberFromWords(m[1]!), m[2]!.includes('-') || m[3]!.includes('-'));
  for (const m of text.matchAll(YO)) band(m.index, m.index + m[0].length, Number(m[1]), false);
}

function contactsIn(text: string, out: RawFinding[]): void {
  for (const m of text.matchAll(EMAIL)) out.push(finding('email', text, m.index, m.index + m[0].length, '', 'An e-mail address identifies a person: leave it out.'));
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\(0\)/, '').replace(/^\+44/, '0').replace(/\D/g, '');
    if (/^0\d{9,10}$/.test(digits)) out.push(finding('phone', text, m.index, m.index + m[0].length, '', 'A phone number identifies a person: leave it out.'));
  }
  for (const m of text.matchAll(NHS)) {
    if (m[0].startsWith('0')) continue;
    out.push(finding('nhs_number', text, m.index, m.index + m[0].length, '', 'An NHS number must never leave the record: take it out.'));
  }
  for (const m of text.matchAll(POSTCODE)) {
    if (normalisePostcode(m[0])) out.push(finding('postcode', text, m.index, m.index + m[0].length, '', 'A postcode points to a handful of homes: leave it out, or name a large area instead.'));
  }
}

function addressesIn(text: string, ctx: CheckContext, out: RawFinding[]): void {
  const advice = 'A street address points to a home: leave it out, or say “nearby”.';
  for (const m of text.matchAll(NUMBERED_ADDRESS)) out.push(finding('address', text, m.index, m.index + m[0].length, '', advice));
  for (const m of text.matchAll(NAMED_STREET)) {
    // Drop leading words that open a sentence ("In Acacia Avenue" → "Acacia Avenue").
    let start = m.index;
    const words = m[0].split(/\s+/);
    let i = 0;
    while (i < words.length - 2 && EVERYDAY_WORDS.has(fold(words[i]!))) {
      start += words[i]!.length + 1;
      i += 1;
    }
    out.push(finding('address', text, start, m.index + m[0].length, '', 'A street name narrows down where a person lives: leave it out, or say “nearby”.'));
  }
  const own = ctx.patient?.addressLine1.replace(/^\s*(?:(?:flat|apartment|unit)\s+\w+,?\s*)?\d+[a-z]?,?\s*/i, '').trim() ?? '';
  if (own.length >= 4) for (const [s, e] of spansOf(text, [own])) out.push(finding('address', text, s, e, '', advice));
}

function namesIn(text: string, words: readonly Word[], ctx: CheckContext, out: RawFinding[]): void {
  const p = ctx.patient;
  const own = new Set(p ? [p.givenName, p.familyName, p.preferredName].flatMap(subTokens) : []);
  for (const w of words) {
    const ownHit = w.tokens.some((t) => own.has(t));
    if (ownHit) {
      const everyday = w.tokens.every((t) => EVERYDAY_WORDS.has(t) || !own.has(t));
      if (w.titleCase || w.allCaps || !everyday) {
        out.push(finding('own_name', text, w.start, w.end, capitaliseAt(text, 'the person', w.start),
          'This is the person’s own name: use “the person”, or a made-up first name and say it was changed.'));
        continue;
      }
    }
    if (!w.titleCase || w.allCaps) continue;
    if (w.previous && STAFF_TITLES.has(fold(w.previous.text)) && /^\.?\s+$/.test(text.slice(w.previous.end, w.start))) continue;
    const named = w.tokens.filter((t) => ctx.knownNames.has(t) && !NEVER_NAMES.has(t) && !ctx.staffNames.has(t));
    if (named.length === 0) continue;
    if (w.sentenceStart && named.every((t) => EVERYDAY_WORDS.has(t))) continue;
    out.push(finding('other_name', text, w.start, w.end, capitaliseAt(text, 'someone', w.start),
      'This is a name in the practice’s patient list: leave it out or describe the person (“a neighbour”).'));
  }
}

function placesIn(text: string, words: readonly Word[], ctx: CheckContext, out: RawFinding[]): void {
  const own = ctx.patient ? [ctx.patient.addressLine2, ctx.patient.town].map((s) => fold(s).trim()).filter((s) => s.length >= 3 && !LARGE_PLACES.has(s)) : [];
  const small = new Set([...ctx.smallPlaces, ...own]);
  for (const { phrase, start, end } of capitalisedPhrases(words, text)) {
    if (!small.has(phrase) || LARGE_PLACES.has(phrase)) continue;
    out.push(finding('place', text, start, end, 'a nearby village', 'A small place narrows a story down to a few people: say “a nearby village” or “locally”.'));
  }
}

/** Keeps the most telling finding where two overlap (an address over the name inside it), in text order. */
function resolveOverlaps(found: RawFinding[]): RawFinding[] {
  const ranked = [...found].sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: RawFinding[] = [];
  for (const f of ranked) if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  return kept.sort((a, b) => a.start - b.start);
}

/** Every identifier in one piece of text, with where it stands and what to write instead. */
export function scanText(text: string, ctx: CheckContext): RawFinding[] {
  if (text.trim() === '') return [];
  const pronoun = pronounOf(ctx.patient);
  const words = wordsOf(text);
  const found: RawFinding[] = [];
  contactsIn(text, found);
  datesIn(text, ctx, pronoun, found);
  agesIn(text, pronoun, found);
  addressesIn(text, ctx, found);
  namesIn(text, words, ctx, found);
  placesIn(text, words, ctx, found);
  const protectedSpans = spansOf(text, ctx.protectedPhrases);
  const kept = found.filter((f) => !(['other_name', 'place', 'address'].includes(f.kind) && inside(protectedSpans, f.start, f.end)));
  return resolveOverlaps(kept);
}

/** An acceptance applies to the same kind of finding and the same words, wherever they stand. */
export function findingKey(f: Pick<RawFinding, 'kind' | 'text'>): string {
  return `${f.kind}:${fold(f.text).replace(/\s+/g, ' ').trim()}`;
}
