import { z } from 'zod';

/**
 * One line (names, titles, short answers) or many (notes, what matters, outcomes). Text up to
 * LONG_TEXT characters is one line unless a field says otherwise.
 */
export type Lines = 'one' | 'many';
const LONG_TEXT = 300;

// C0 and C1 control characters (NUL, escape, backspace …) and DEL. Tab and line breaks are among them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * Text as it is kept: control characters nobody means to type (a pasted NUL or escape) are dropped;
 * in one-line text a tab or line break becomes a space, as a browser's one-line field does on paste;
 * many-line text keeps its tabs and line breaks, with Windows line ends made plain.
 */
export function cleanText(text: string, lines: Lines): string {
  if (lines === 'one') return text.replace(/[\t\r\n]+/g, ' ').replace(CONTROL, '');
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_BUT_LINES, '');
}

/** Text a person typed: control characters removed, trimmed, with a plain message when it is missing. */
export function requiredText(label: string, max = 200, lines: Lines = max > LONG_TEXT ? 'many' : 'one') {
  return z
    .string({ error: `Enter ${label}` })
    .overwrite((v) => cleanText(v, lines))
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`);
}

/** Text a person may leave empty ('' when absent): control characters removed, trimmed. */
export function optionalText(max: number, lines: Lines = max > LONG_TEXT ? 'many' : 'one') {
  return z
    .string()
    .overwrite((v) => cleanText(v, lines))
    .trim()
    .max(max, `Use ${max} characters or fewer`)
    .optional()
    .default('');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** ODS organisation code of a GP practice: a letter and five digits, e.g. A81001. */
export const OdsCode = z
  .string({ error: 'Enter the practice ODS code' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]\d{5}$/, 'An ODS code for a GP practice is a letter and five digits, like A81001');

export const Username = z
  .string({ error: 'Enter a username' })
  .trim()
  .toLowerCase()
  .min(3, 'A username has at least 3 characters')
  .max(40, 'A username has 40 characters or fewer')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'Use letters, numbers, dots, hyphens or underscores only');

/**
 * NCSC guidance: length over complexity. Main also refuses a password that is easy to guess
 * (common passwords, names, the PCN's and practices' names), with zxcvbn: see
 * main/people/passwordStrength.ts. That check needs dictionaries the renderer does not load.
 */
export const NewPassword = z
  .string({ error: 'Enter a password' })
  .min(10, 'A password has at least 10 characters')
  .max(200, 'A password has 200 characters or fewer');

/** An existing password is checked by unwrapping a key slot, never by rules. */
export const Password = z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(200);

export const Id = z.number().int().positive();

/** ISO 8601 timestamp as stored (UTC). */
export const Timestamp = z.string();
