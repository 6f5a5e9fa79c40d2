import type { z } from 'zod';
import type { AppErrorShape, Result } from '../../main/contract/errors';
import type { NewReferral, PatientInput, ReferralDetails, ReferralMade } from '../../main/contract/referrals';
import type { Role } from '../../main/contract/roles';
import { dispatch } from '../../main/dispatch/dispatch';
import type { Session } from '../../main/session/session';
import { call, MANAGER_PASSWORD } from './installation';

export type NewReferralInput = z.input<typeof NewReferral>;

/** Modulus 11 check digit of nine digits, or null where it computes to 10 (no valid number). */
export function checkDigit(nine: string): number | null {
  const sum = [...nine].reduce((acc, d, i) => acc + Number(d) * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return check === 11 ? 0 : check;
}

/**
 * The first `count` valid synthetic NHS numbers in the 999 range (never issued to a real patient),
 * in order, skipping the bases whose check digit would be 10.
 */
export function syntheticNhsNumbers(count: number): string[] {
  const out: string[] = [];
  for (let base = 0; out.length < count; base += 1) {
    if (base >= 1_000_000) throw new Error('out of synthetic NHS numbers');
    const nine = `999${String(base).padStart(6, '0')}`;
    const check = checkDigit(nine);
    if (check !== null && nine !== '999999999') out.push(`${nine}${check}`);
  }
  return out;
}

const firstNumbers = syntheticNhsNumbers(1000);

/** The n-th valid synthetic NHS number (n below 1000; use syntheticNhsNumbers for more). */
export function syntheticNhsNumber(n: number): string {
  const found = firstNumbers[n];
  if (found === undefined) throw new Error(`syntheticNhsNumber(${n}): use syntheticNhsNumbers for more than 1000`);
  return found;
}

export function patientInput(overrides: Partial<z.input<typeof PatientInput>> = {}): z.input<typeof PatientInput> {
  return {
    nhsNumber: '999 000 0018',
    title: 'Mrs',
    givenName: 'Margaret',
    familyName: 'Ellis',
    preferredName: 'Peggy',
    dateOfBirth: '1951-03-04',
    sex: 'female',
    genderIdentity: '',
    addressLine1: '14 Beech Grove',
    addressLine2: '',
    town: 'Leeds',
    postcode: 'ls6 2qr',
    phones: [{ number: '07700 900123', type: 'mobile', safeForMessage: true }],
    email: '',
    preferredContactMethod: 'phone',
    preferredContactTimes: 'Mornings',
    firstLanguage: 'English',
    interpreterNeeded: false,
    communicationNeeds: '',
    registeredPracticeId: 1,
    ...overrides,
  };
}

export function referralDetails(overrides: Partial<z.input<typeof ReferralDetails>> = {}): z.input<typeof ReferralDetails> {
  return {
    source: 'gp',
    referralDate: '2026-01-05',
    reasons: ['loneliness', 'money'],
    reasonOther: '',
    whatMatters: 'Getting out of the house again; singing in a choir.',
    consentGiven: true,
    consentTakenBy: 'Dr Amir Khan',
    consentDate: '2026-01-05',
    capacity: 'yes',
    mdtConsent: true,
    safeguardingConcern: false,
    safeguardingDetails: '',
    safeguardingEscalated: false,
    safeguardingEscalatedTo: '',
    loneWorkingRisks: '',
    urgency: 'routine',
    otherAgencies: '',
    longTermConditions: 'Type 2 diabetes',
    messageBackTo: 'referrer',
    usualGp: '',
    ...overrides,
  };
}

/** A complete, valid referral form as the renderer sends it. */
export function newReferral(
  patient: Partial<z.input<typeof PatientInput>> = {},
  referral: Partial<z.input<typeof ReferralDetails>> = {},
  rest: Partial<Omit<NewReferralInput, 'patient' | 'referral'>> = {},
): NewReferralInput {
  return { patient: patientInput(patient), referral: referralDetails(referral), ...rest };
}

/** Makes a referral that is expected to be made (not to stop at "these details differ"). */
export async function createReferral(session: Session, input: NewReferralInput): Promise<{ id: number; patientId: number }> {
  const made = (await call(session, 'referrals.create', input)) as ReferralMade;
  if (made.outcome !== 'made') throw new Error(`referrals.create stopped: details differ (${made.differences.map((d) => d.field).join(', ')})`);
  if (made.patientId === null) throw new Error('referrals.create made a referral for a patient of another practice: use call() to see its answer');
  return { id: made.id, patientId: made.patientId };
}

export function errorOf(r: Result<unknown>): AppErrorShape {
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.result)}`);
  return r.error;
}

export async function expectError(session: Session, channel: string, input: unknown): Promise<AppErrorShape> {
  return errorOf(await dispatch(session, channel, input));
}

const TEMPORARY = 'temporary password 1';
const CHOSEN = 'my own new password';
const passwordChanged = new WeakMap<Session, Set<string>>();

/** Adds a user (as the signed-in manager) with a temporary password; returns the new user's id. */
export async function addUser(session: Session, username: string, role: Role, practiceIds: number[], fullName = `${username} user`): Promise<number> {
  const row = (await call(session, 'users.create', { fullName, username, role, practiceIds, temporaryPassword: TEMPORARY })) as { id: number };
  return row.id;
}

/** Signs whoever is in out and the given user in (past the first-sign-in password change). */
export async function signInAs(session: Session, username: string): Promise<void> {
  await call(session, 'auth.logout');
  if (username === 'pat') {
    await call(session, 'auth.login', { username, password: MANAGER_PASSWORD });
    return;
  }
  const changed = passwordChanged.get(session) ?? new Set<string>();
  passwordChanged.set(session, changed);
  if (changed.has(username)) {
    await call(session, 'auth.login', { username, password: CHOSEN });
    return;
  }
  await call(session, 'auth.login', { username, password: TEMPORARY });
  await call(session, 'auth.changePassword', { currentPassword: TEMPORARY, newPassword: CHOSEN });
  changed.add(username);
}

/**
 * The usual cast, added by the manager Pat (who works at both practices): Lee, a link worker at
 * practice 1; Rita, a receptionist at practice 1; Kim, a link worker at practice 2 only.
 */
export async function addTeam(session: Session): Promise<{ lee: number; rita: number; kim: number }> {
  return {
    lee: await addUser(session, 'lee', 'link_worker', [1], 'Lee Worker'),
    rita: await addUser(session, 'rita', 'reception', [1], 'Rita Reception'),
    kim: await addUser(session, 'kim', 'link_worker', [2], 'Kim Worker'),
  };
}
