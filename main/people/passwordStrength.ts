import { type TranslationKeys, ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';
import { AppError } from '../contract/errors';
import type { Db } from '../store/database';

/**
 * The strength check on every password a person chooses (setup, a new user's or a reset temporary
 * password, a change of one's own). zxcvbn estimates how many guesses a cracker needs, from its
 * dictionaries of common passwords, names and words, keyboard patterns, dates and l33t spellings,
 * and from the words about this person and practice that a guesser would try first.
 */

/** zxcvbn's 0–4; 3 is "safely unguessable": about 10^8 guesses or more. */
const MIN_SCORE = 3;

/** The English feedback, in British English and Signpost's words. */
const britishTranslations: TranslationKeys = {
  ...zxcvbnEn.translations,
  warnings: {
    ...zxcvbnEn.translations.warnings,
    topTen: 'It is one of the most used passwords.',
    topHundred: 'It is a very often used password.',
    common: 'It is a commonly used password.',
    similarToCommon: 'It is too like a commonly used password.',
    wordByItself: 'A single word is easy to guess.',
    namesByThemselves: 'Names on their own are easy to guess.',
    commonNames: 'Common first names and surnames are easy to guess.',
    userInputs: 'It uses a name a guesser would try first: yours, your username, the PCN’s or a practice’s.',
    pwned: 'It has been published in a data breach.',
  },
  suggestions: {
    ...zxcvbnEn.translations.suggestions,
    allUppercase: 'Capitals throughout help little.',
    capitalization: 'A capital at the start helps little.',
  },
};

let factory: ZxcvbnFactory | undefined;

/** Built on first use: loading the dictionaries takes a tenth of a second. */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    graphs: zxcvbnCommon.adjacencyGraphs,
    translations: britishTranslations,
  });
  return factory;
}

/** Words commonly found in practice names, which a guesser would pair with the place's name. */
const PRACTICE_WORDS = ['signpost', 'nhs', 'pcn', 'gp', 'surgery', 'practice', 'medical', 'centre', 'health', 'clinic', 'partnership'];

/**
 * Each name as written, each of its words, and each run of its words written with and without
 * spaces, so "Hillview Medical" is refused when the practice is "Hillview Medical Centre".
 */
export function guessableWords(names: readonly string[]): string[] {
  const out = new Set<string>(PRACTICE_WORDS);
  for (const name of names) {
    out.add(name.toLowerCase());
    const words = name.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0);
    for (let start = 0; start < words.length; start += 1) {
      for (let end = start + 1; end <= words.length; end += 1) {
        const run = words.slice(start, end);
        out.add(run.join(' '));
        out.add(run.join(''));
      }
    }
  }
  return [...out];
}

/** Why this password is too easy to guess, or null when it is strong enough. */
export function passwordWeakness(password: string, names: readonly string[]): string | null {
  const result = zxcvbn().check(password, guessableWords(names));
  if (result.score >= MIN_SCORE) return null;
  return ['This password is too easy to guess.', result.feedback.warning, 'Three or four unrelated words make a strong one.']
    .filter((part): part is string => Boolean(part))
    .join(' ');
}

/** Refuses a weak password with the message at the field it was typed in. */
export function assertStrongPassword(password: string, names: readonly string[], field: string): void {
  const weakness = passwordWeakness(password, names);
  if (weakness) throw new AppError('VALIDATION', 'Check the highlighted field.', { [field]: [weakness] });
}

/** The PCN's and the practices' names and ODS codes, for the strength check. */
export async function installationNames(db: Db): Promise<string[]> {
  const pcn = await db.selectFrom('meta').select('value').where('key', '=', 'pcnName').executeTakeFirst();
  const practices = await db.selectFrom('practice').select(['name', 'ods_code']).execute();
  return [pcn?.value ?? '', ...practices.flatMap((p) => [p.name, p.ods_code])].filter(Boolean);
}
