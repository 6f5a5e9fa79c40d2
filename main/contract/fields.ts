import { z } from 'zod';

/** Text a person typed: trimmed, with a plain message when it is missing. */
export function requiredText(label: string, max = 200) {
  return z
    .string({ error: `Enter ${label}` })
    .trim()
    .min(1, `Enter ${label}`)
    .max(max, `${capitalise(label)} must be ${max} characters or fewer`);
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
