import { formatNhsNumber } from '../contract/nhs';
import {
  contactMethodLabels, type DetailChoices, type Patient, type PatientDifference, PatientField, patientFieldLabels, type PatientInput,
  phoneTypeLabels, sexLabels,
} from '../contract/referrals';
import type { Db } from '../store/database';
import { ukDate } from './dates';

/**
 * Comparing what a form typed with what a patient record holds, and saying what changed. One set of
 * rules for the referral form ("these details differ, which are right?"), the link worker's
 * reconciling of a referral from another practice, and the correction of a record.
 */

/** A patient record's details, without its id (the shape a form sends, after parsing). */
export type PatientValues = Omit<Patient, 'id'>;
export type PracticeNames = ReadonlyMap<number, string>;

export async function practiceNames(db: Db): Promise<PracticeNames> {
  const rows = await db.selectFrom('practice').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Left empty on the form: an empty field never wipes what the record holds (nor does an unticked box). */
function isEmpty(value: PatientValues[PatientField]): boolean {
  return value === '' || value === false || (Array.isArray(value) && value.length === 0);
}

function same(a: PatientValues[keyof PatientValues], b: PatientValues[keyof PatientValues]): boolean {
  return typeof a === 'object' ? JSON.stringify(a) === JSON.stringify(b) : a === b;
}

/** A detail as people read it: dates as 25/11/2026, the practice by name, phones with their type. */
export function shownValue(field: PatientField | 'nhsNumber', values: PatientValues, practices: PracticeNames): string {
  switch (field) {
    case 'nhsNumber': return formatNhsNumber(values.nhsNumber);
    case 'dateOfBirth': return ukDate(values.dateOfBirth);
    case 'sex': return sexLabels[values.sex];
    case 'preferredContactMethod': return contactMethodLabels[values.preferredContactMethod];
    case 'interpreterNeeded': return values.interpreterNeeded ? 'Yes' : 'No';
    case 'registeredPracticeId': return practices.get(values.registeredPracticeId) ?? `Practice ${values.registeredPracticeId}`;
    case 'phones':
      return values.phones.map((p) => `${p.number} (${phoneTypeLabels[p.type].toLowerCase()}${p.safeForMessage ? ', safe for messages' : ''})`).join('; ');
    default: return values[field];
  }
}

/** The details where the form typed something the record does not hold; what was left empty is not a difference. */
export function differences(stored: PatientValues, typed: PatientInput, practices: PracticeNames): PatientDifference[] {
  return PatientField.options
    .filter((field) => !isEmpty(typed[field]) && !same(stored[field], typed[field]))
    .map((field) => ({ field, label: patientFieldLabels[field], stored: shownValue(field, stored, practices), typed: shownValue(field, typed, practices) }));
}

/** The differing details the person has not yet said which is right of. */
export function unanswered(diffs: readonly PatientDifference[], choices: DetailChoices | undefined): PatientDifference[] {
  return diffs.filter((d) => choices?.[d.field] === undefined);
}

/** The record with the typed value taken for each differing detail chosen as typed; every other detail kept. */
export function withChoices(stored: PatientValues, typed: PatientInput, diffs: readonly PatientDifference[], choices: DetailChoices): PatientValues {
  const next: PatientValues = { ...stored };
  for (const { field } of diffs) {
    if (choices[field] === 'typed') Object.assign(next, { [field]: typed[field] });
  }
  return next;
}

/** Who the person is and where they live: changes to these are audited with the value before and after. */
const identityFields = [
  'nhsNumber', 'title', 'givenName', 'familyName', 'preferredName', 'dateOfBirth', 'addressLine1', 'addressLine2', 'town', 'postcode', 'registeredPracticeId',
] as const;

/**
 * What changed, for the audit log: each identity detail with its value before and after; other
 * details (phones, e-mail, contact preferences) by name only. Empty when nothing changed.
 */
export function changeSummary(before: PatientValues, after: PatientValues, practices: PracticeNames): string {
  const identity = new Set<string>(identityFields);
  const changed = (['nhsNumber', ...PatientField.options] as const).filter((f) => !same(before[f], after[f]));
  const named = changed
    .filter((f) => identity.has(f))
    .map((f) => `${patientFieldLabels[f]} ${JSON.stringify(shownValue(f, before, practices))} → ${JSON.stringify(shownValue(f, after, practices))}`);
  const others = changed.filter((f) => !identity.has(f)).map((f) => patientFieldLabels[f].toLowerCase());
  return [...named, ...(others.length > 0 ? [`also changed: ${others.join(', ')}`] : [])].join('; ');
}
