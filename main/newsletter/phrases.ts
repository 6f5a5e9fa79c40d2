import { CONTACT_WORDS, PLACE_FOLLOWERS } from './words';

/**
 * Where an identifier stands in its sentence, and how to take it out without breaking the
 * sentence: a fix replaces the whole phrase the identifier belongs to ("moved from Barnsley" →
 * "moved from another town"; a sentence that is nothing but an NHS number and a phone number goes
 * whole), and where no such phrase can be found the check asks the writer to rephrase instead of
 * leaving a dangling "from" or "on".
 */

/** The words to change, as they stand in the text, and what to write instead ('' takes them out). */
export interface Fix {
  start: number;
  end: number;
  text: string;
  with: string;
}

export interface Span {
  start: number;
  end: number;
}

export function fix(text: string, start: number, end: number, replacement: string): Fix {
  return { start, end, text: text.slice(start, end), with: replacement };
}

/** The sentence so far ends here: nothing before it on the line but spaces, quotes and bullets. */
export function isSentenceStart(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && /[\s"“‘'([•*-]/u.test(text[i]!)) {
    if (text[i] === '\n') return true;
    i -= 1;
  }
  return i < 0 || /[.!?]/.test(text[i]!);
}

/** "in the spring" at a sentence's start is "In the spring". */
export function capitaliseAt(text: string, words: string, start: number): string {
  return isSentenceStart(text, start) && words !== '' ? words.charAt(0).toUpperCase() + words.slice(1) : words;
}

/** The word just before `pos`, separated from it by spaces only (no punctuation). */
export function wordBefore(text: string, pos: number): { word: string; start: number; end: number } | null {
  const m = /([\p{L}][\p{L}'’-]*)( +)$/u.exec(text.slice(Math.max(0, pos - 60), pos));
  if (!m) return null;
  const start = pos - m[0].length;
  return { word: m[1]!, start, end: start + m[1]!.length };
}

/** The word just after `pos`, separated from it by spaces only. */
export function wordAfter(text: string, pos: number): { word: string; start: number; end: number } | null {
  const m = /^( +)([\p{L}][\p{L}'’-]*)/u.exec(text.slice(pos, pos + 60));
  if (!m) return null;
  return { word: m[2]!, start: pos + m[1]!.length, end: pos + m[0].length };
}

/** Nothing follows on the line but punctuation that closes a clause (or nothing at all). */
export function closesClause(text: string, pos: number): boolean {
  return /^[ \t]*(?:$|[.,;:!?)\]\n–—])/.test(text.slice(pos));
}

/** What follows a place name lets the place phrase be swapped: a clause's end, or a word such as "last" or "and". */
export function followsFreely(text: string, pos: number): boolean {
  if (closesClause(text, pos)) return true;
  const next = wordAfter(text, pos);
  return next !== null && next.word === next.word.toLowerCase() && PLACE_FOLLOWERS.has(next.word.toLowerCase());
}

/** [start, end) of the sentence around a span: from after the last full stop or line break to the next one, inclusive. */
export function sentenceAround(text: string, start: number, end: number): [number, number] {
  let s = start;
  while (s > 0 && !/[.!?\n]/.test(text[s - 1]!)) s -= 1;
  while (s < start && /\s/.test(text[s]!)) s += 1;
  let e = end;
  while (e < text.length && !/[.!?\n]/.test(text[e]!)) e += 1;
  if (e < text.length && /[.!?]/.test(text[e]!)) e += 1;
  return [s, e];
}

/** Takes a whole sentence out, with the space that separated it from the next (or the previous) one. */
export function removeSentence(text: string, s: number, e: number): Fix {
  let end = e;
  while (end < text.length && text[end] === ' ') end += 1;
  let start = s;
  if (end === text.length || text[end] === '\n') {
    end = e;
    while (start > 0 && text[start - 1] === ' ') start -= 1;
  }
  return fix(text, start, end, '');
}

/**
 * A sentence made only of contact details and the words that introduce them ("Her NHS number is …
 * and you can ring her on …"), found from every identifier in it: the fix takes the sentence out.
 */
export function wholeSentenceFix(text: string, span: Span, all: readonly Span[]): Fix | null {
  const [s, e] = sentenceAround(text, span.start, span.end);
  let rest = text.slice(s, e);
  for (const other of [...all].filter((o) => o.start >= s && o.end <= e).sort((a, b) => b.start - a.start)) {
    rest = rest.slice(0, other.start - s) + ' '.repeat(other.end - other.start) + rest.slice(other.end - s);
  }
  const words = rest.toLowerCase().match(/\p{L}[\p{L}-]*/gu) ?? [];
  return words.every((w) => CONTACT_WORDS.has(w)) ? removeSentence(text, s, e) : null;
}

/** A detail in brackets, "(07700 900123)", or set off by commas, ", 07700 900123,": taken out with them. */
export function asideFix(text: string, span: Span): Fix | null {
  const { start, end } = span;
  if (text[start - 1] === '(' && text[end] === ')') {
    let from = start - 1;
    while (from > 0 && text[from - 1] === ' ') from -= 1;
    return fix(text, from, end + 1, '');
  }
  const comma = /( *), *$/.exec(text.slice(Math.max(0, start - 10), start));
  if (comma) {
    const from = start - comma[0].length;
    if (text[end] === ',') return fix(text, from, end + 1, '');
    if (/^[ \t]*(?:$|[.;!?\n])/.test(text.slice(end))) return fix(text, from, end, '');
  }
  return null;
}

/** "a" or "an" for the words that follow it. */
export function article(words: string): string {
  return /^[aeiou]/i.test(words) && !/^(?:one|uni|eu)/i.test(words) ? 'an' : 'a';
}
