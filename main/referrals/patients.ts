import { AppError } from '../contract/errors';
import { type Patient, PhoneInput, type PatientInput } from '../contract/referrals';
import type { Db } from '../store/database';
import type { PatientTable } from '../store/schema';
import { assertCoversPractice } from './access';
import type { PatientValues } from './patientDetails';

type PatientColumns = Omit<PatientTable, 'id' | 'created_at' | 'updated_at'>;
export type PatientRow = PatientColumns & { id: number };

/** Lower case, accents removed, letters only: O’Brién → obrien. */
export function foldName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** How a person is named on screen and in documents: Margaret (Peggy) Smith. */
export function displayName(p: { given_name: string; family_name: string; preferred_name: string }): string {
  const preferred = p.preferred_name && p.preferred_name !== p.given_name ? ` (${p.preferred_name})` : '';
  return `${p.given_name}${preferred} ${p.family_name}`;
}

function patientColumns(input: PatientValues): PatientColumns {
  return {
    nhs_number: input.nhsNumber,
    title: input.title,
    given_name: input.givenName,
    family_name: input.familyName,
    preferred_name: input.preferredName,
    family_key: foldName(input.familyName),
    date_of_birth: input.dateOfBirth,
    sex: input.sex,
    gender_identity: input.genderIdentity,
    address_line1: input.addressLine1,
    address_line2: input.addressLine2,
    town: input.town,
    postcode: input.postcode,
    phones: JSON.stringify(input.phones),
    email: input.email,
    preferred_contact_method: input.preferredContactMethod,
    preferred_contact_times: input.preferredContactTimes,
    first_language: input.firstLanguage,
    interpreter_needed: input.interpreterNeeded ? 1 : 0,
    communication_needs: input.communicationNeeds,
    registered_practice_id: input.registeredPracticeId,
  };
}

export function toPatient(r: PatientRow): Patient {
  return {
    id: r.id,
    nhsNumber: r.nhs_number,
    title: r.title,
    givenName: r.given_name,
    familyName: r.family_name,
    preferredName: r.preferred_name,
    dateOfBirth: r.date_of_birth,
    sex: r.sex as Patient['sex'],
    genderIdentity: r.gender_identity,
    addressLine1: r.address_line1,
    addressLine2: r.address_line2,
    town: r.town,
    postcode: r.postcode,
    phones: PhoneInput.array().parse(JSON.parse(r.phones)),
    email: r.email,
    preferredContactMethod: r.preferred_contact_method as Patient['preferredContactMethod'],
    preferredContactTimes: r.preferred_contact_times,
    firstLanguage: r.first_language,
    interpreterNeeded: r.interpreter_needed === 1,
    communicationNeeds: r.communication_needs,
    registeredPracticeId: r.registered_practice_id,
  };
}

export async function patientById(db: Db, id: number): Promise<PatientRow | undefined> {
  return db.selectFrom('patient').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function patientByNhsNumber(db: Db, nhsNumber: string): Promise<PatientRow | undefined> {
  return db.selectFrom('patient').selectAll().where('nhs_number', '=', nhsNumber).executeTakeFirst();
}

export async function insertPatient(db: Db, input: PatientInput, now: string): Promise<number> {
  const row = await db
    .insertInto('patient')
    .values({ ...patientColumns(input), created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePatient(db: Db, id: number, input: PatientValues, now: string): Promise<void> {
  await db.updateTable('patient').set({ ...patientColumns(input), updated_at: now }).where('id', '=', id).execute();
}

/** One patient record, for a user who works at the patient's registered practice. */
export async function getPatientFor(db: Db, userId: number, id: number): Promise<Patient> {
  const row = await patientById(db, id);
  if (!row) throw new AppError('NOT_FOUND', 'That patient record does not exist.');
  await assertCoversPractice(db, userId, row.registered_practice_id, 'This patient is registered at a practice you do not work at.');
  return toPatient(row);
}
