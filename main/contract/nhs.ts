import { z } from 'zod';
import { isRealDate, londonToday, ruleNow } from './time';

/**
 * NHS number: 10 digits, Modulus 11 check (weights 10 to 2 on the first nine; 11 minus the
 * remainder; 11 becomes 0; 10 means the number is invalid). Numbers of one repeated digit pass the
 * arithmetic but are never issued, so they are refused too.
 */
export function nhsNumberProblem(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  if (digits === '') return 'Enter the NHS number';
  if (!/^\d+$/.test(digits)) return 'An NHS number has digits only, like 999 000 0018';
  if (digits.length !== 10) return `An NHS number has 10 digits; this has ${digits.length}`;
  if (/^(\d)\1{9}$/.test(digits)) return 'This is not a real NHS number: check it on the patient’s record';
  const sum = [...digits.slice(0, 9)].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  const expected = check === 11 ? 0 : check;
  if (expected === 10 || expected !== Number(digits[9])) return 'This NHS number is not valid: check it for a typing mistake';
  return null;
}

export function normaliseNhsNumber(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** Shown as 999 000 0018. */
export function formatNhsNumber(digits: string): string {
  return digits.length === 10 ? `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}` : digits;
}

export const NhsNumber = z
  .string({ error: 'Enter the NHS number' })
  .max(20, 'An NHS number has 10 digits, like 999 000 0018')
  .superRefine((v, ctx) => {
    const problem = nhsNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform(normaliseNhsNumber);

/** UK postcode, normalised to upper case with one space before the inward code (e.g. LS1 4AP). */
const POSTCODE = /^(GIR ?0AA|[A-PR-UWYZ]([0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y]) ?[0-9][ABD-HJLNP-UW-Z]{2})$/;

export function normalisePostcode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/\s+/g, '');
  if (!POSTCODE.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

export const Postcode = z
  .string({ error: 'Enter the postcode' })
  .max(12, 'Enter a real UK postcode, like LS1 4AP')
  .trim()
  .superRefine((v, ctx) => {
    if (v === '') ctx.addIssue({ code: 'custom', message: 'Enter the postcode' });
    else if (!normalisePostcode(v)) ctx.addIssue({ code: 'custom', message: 'Enter a real UK postcode, like LS1 4AP' });
  })
  .transform((v) => normalisePostcode(v) ?? v);

/** UK phone number: 10 or 11 digits starting 0, or +44; kept as typed digits with spaces removed. */
export const UkPhone = z
  .string({ error: 'Enter the phone number' })
  .max(20, 'Enter a UK phone number, like 07700 900123 or 0113 496 0000')
  .trim()
  .transform((v) => v.replace(/[\s()-]/g, '').replace(/^\+44/, '0'))
  .refine((v) => /^0\d{9,10}$/.test(v), 'Enter a UK phone number, like 07700 900123 or 0113 496 0000');

/** A date as typed in the form's date field, ISO (YYYY-MM-DD). */
export const IsoDate = z
  .string({ error: 'Enter a date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as day, month and year')
  .refine(isRealDate, 'Enter a real date');

/** A real date, with a message naming what is missing when it is not given. */
export function DateOf(what: string) {
  return z.string({ error: `Enter ${what}` }).max(10, 'Enter a date as day, month and year').pipe(IsoDate);
}

/** A day on which something has already happened: a real date, today in England or earlier. */
export function PastOrToday(what: string) {
  return DateOf(what).refine((v) => v <= londonToday(ruleNow()), `${what.charAt(0).toUpperCase()}${what.slice(1)} cannot be in the future`);
}

/** An optional date: '' or absent means none (null). */
export const OptionalIsoDate = z
  .union([z.literal(''), IsoDate])
  .nullable()
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : v));

export const SNOMED = {
  referral: { code: '871731000000106', term: 'Referral to social prescribing service' },
  declined: { code: '871711000000103', term: 'Social prescribing declined' },
} as const;
