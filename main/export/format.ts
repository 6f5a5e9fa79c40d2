import { formatNhsNumber } from '../contract/nhs';
import type { Patient } from '../contract/referrals';

/**
 * Plain-text helpers shared by every document that leaves the app (PDF, DOCX, e-mail …).
 * Everything here returns plain strings: no markup is ever built from user text.
 */

/** Practices in England work in UK local time, whatever the PC's time zone is set to. */
const UK_TIME_ZONE = 'Europe/London';

const ukDateFormat = new Intl.DateTimeFormat('en-GB', { timeZone: UK_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const ukTimeFormat = new Intl.DateTimeFormat('en-GB', { timeZone: UK_TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;

/** A stored timestamp (UTC, ISO 8601 or SQLite's `YYYY-MM-DD HH:MM:SS`) as a Date, or null. */
function toDate(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  const text = LOCAL_TIMESTAMP.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * A date the UK way: 25/11/2026. A date-only value (a date of birth, a referral date) is taken as
 * written, never shifted by a time zone; a timestamp is shown on its UK calendar day.
 */
export function ukDate(value: string | Date): string {
  if (typeof value === 'string') {
    const m = DATE_ONLY.exec(value);
    if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  }
  const date = toDate(value);
  return date ? ukDateFormat.format(date) : String(value);
}

/** A timestamp as UK local date and 24-hour time: 25/11/2026 14:05. */
export function ukDateTime(value: string | Date): string {
  const date = toDate(value);
  if (!date) return String(value);
  return `${ukDateFormat.format(date)} ${ukTimeFormat.format(date)}`;
}

/** Whole years between a date of birth (YYYY-MM-DD) and a moment, on the UK calendar. */
export function ageOn(dateOfBirth: string, at: Date): number | null {
  const m = DATE_ONLY.exec(dateOfBirth);
  if (!m) return null;
  const [day, month, year] = ukDate(at).split('/').map(Number) as [number, number, number];
  const age = year - Number(m[1]) - (month < Number(m[2]) || (month === Number(m[2]) && day < Number(m[3])) ? 1 : 0);
  return age >= 0 ? age : null;
}

/** NHS number shown as 999 000 0018. */
export function nhsNumber(digits: string): string {
  return formatNhsNumber(digits.replace(/[\s-]/g, ''));
}

/** A UK phone number spaced the way people read it out: 07700 900123, 0113 496 0000, 020 7946 0000. */
export function ukPhone(digits: string): string {
  const d = digits.replace(/[\s()-]/g, '');
  if (!/^0\d{9,10}$/.test(d)) return digits;
  if (d.length === 10) return `${d.slice(0, 5)} ${d.slice(5)}`;
  if (/^02/.test(d)) return `${d.slice(0, 3)} ${d.slice(3, 7)} ${d.slice(7)}`;
  if (/^01\d1|^011|^0[38]/.test(d)) return `${d.slice(0, 4)} ${d.slice(4, 7)} ${d.slice(7)}`;
  return `${d.slice(0, 5)} ${d.slice(5)}`;
}

/** Title, given and family name: "Mrs Jane Smith". */
export function patientName(p: Pick<Patient, 'title' | 'givenName' | 'familyName'>): string {
  return [p.title, p.givenName, p.familyName].map((s) => s.trim()).filter((s) => s !== '').join(' ');
}

// C0 controls other than tab and line feed, DEL, C1 controls, and the two non-characters: none
// belongs in a document and several make XML (DOCX) unreadable.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * User text made safe to place in any document as plain text: line endings made \n, control
 * characters and broken surrogates dropped, trailing spaces trimmed. It is still plain text;
 * each writer (pdfmake text node, docx TextRun, HTML escaper) keeps it that way.
 */
export function plainText(value: string | null | undefined): string {
  if (value == null) return '';
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, '    ')
    .replace(CONTROL, '')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[ \u00A0]+$/gm, '')
    .trim();
}

/** Plain text, or a stated placeholder when nothing was written (never an empty gap on paper). */
export function orNone(value: string | null | undefined, none = 'None recorded'): string {
  const text = plainText(value);
  return text === '' ? none : text;
}

/** The protective marking on every page of a document with patient information. */
export const PROTECTIVE_MARKING = 'OFFICIAL-SENSITIVE: contains patient information';

/** "Generated 25/11/2026 14:05 by Sam Patel", for document footers. */
export function generatedLine(at: Date, by: string): string {
  return `Generated ${ukDateTime(at)} by ${plainText(by)}`;
}
