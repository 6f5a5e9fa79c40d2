import { createRequire } from 'node:module';
import { EXTRA_FIRST_NAMES, NEVER_NAMES } from './words';

/**
 * People's names the de-identification check knows beyond the patient index: the first names and
 * surnames that @zxcvbn-ts/language-en ships (US census lists: female first names, and 88,000
 * surnames, many of which are men's first names too), with the first names common in England that
 * those lists lack (EXTRA_FIRST_NAMES). The same package is Signpost's password-strength
 * dictionary. `humannames` was the other candidate: its 200,000 "names" include "the", "son",
 * "friend" and "bus", so every sentence would be flagged.
 *
 * The census lists hold everyday words too ("Credit", "Friend", "Reading" are surnames), so a word
 * counts as a name only when it is not an encyclopaedia word (the package's Wikipedia list) and not
 * more common as a word in speech than as a name (its TV-and-film list, where a name such as Gary
 * ranks below its rank as a surname but "credit" ranks far above).
 */

interface Lists {
  first: ReadonlyMap<string, number>;
  surnames: ReadonlyMap<string, number>;
  encyclopaedia: ReadonlySet<string>;
  spoken: ReadonlyMap<string, number>;
}

type Dictionary = Readonly<Record<'firstnames-en' | 'lastnames-en' | 'wikipedia-en' | 'commonWords-en', readonly string[]>>;

let lists: Lists | null = null;

const ranks = (words: readonly string[]) => new Map(words.map((w, i) => [w, i]));

/** Loaded on the first check (about 80 ms), not when the app starts. */
function load(): Lists {
  if (lists) return lists;
  const { dictionary } = createRequire(__filename)('@zxcvbn-ts/language-en') as { dictionary: Dictionary };
  lists = {
    first: ranks(dictionary['firstnames-en']),
    surnames: ranks(dictionary['lastnames-en']),
    encyclopaedia: new Set(dictionary['wikipedia-en']),
    spoken: ranks(dictionary['commonWords-en']),
  };
  return lists;
}

/** Spoken words more common than this rank that rank better as words than as names are words. */
const SPOKEN_WORD_RANK = 6000;
/** At the start of a sentence a name this common as a spoken word is read as the word. */
const SENTENCE_WORD_RANK = 1000;

function spokenRank(token: string): number {
  return load().spoken.get(token) ?? Number.POSITIVE_INFINITY;
}

/** A folded word that is someone's first name or surname. */
export function isPersonName(token: string): boolean {
  if (EXTRA_FIRST_NAMES.has(token)) return true;
  if (token.length < 2 || NEVER_NAMES.has(token)) return false;
  const l = load();
  const rank = Math.min(l.first.get(token) ?? Number.POSITIVE_INFINITY, l.surnames.get(token) ?? Number.POSITIVE_INFINITY);
  if (rank === Number.POSITIVE_INFINITY || l.encyclopaedia.has(token)) return false;
  const spoken = spokenRank(token);
  return !(spoken < SPOKEN_WORD_RANK && spoken < rank);
}

/** A name word that opens a sentence and is also a very common word ("White", "Happy"): read as the word. */
export function isCommonWord(token: string): boolean {
  return !EXTRA_FIRST_NAMES.has(token) && spokenRank(token) < SENTENCE_WORD_RANK;
}

/** A common spoken word ("Deal", "Street"): a place of that name counts only after "in", "from" … */
export function isWordlike(token: string): boolean {
  return spokenRank(token) < SPOKEN_WORD_RANK;
}
