import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { MyReferral, Patient, PatientMatch, ReferralDetail, ReferralMade, ReferralSummary } from '../../../main/contract/referrals';
import { dispatch } from '../../../main/dispatch/dispatch';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, addUser, createReferral, expectError, newReferral, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

/**
 * Riverside PCN with Lee (link worker, practice 1), Rita (reception, practice 1), Kim (link worker,
 * practice 2) and Ria (reception, practice 2 only). Rita has referred Margaret Ellis of practice 1;
 * that referral is open. Nobody is signed in but the manager.
 */
async function practiceOnesPatient(): Promise<{ session: Session; first: { id: number; patientId: number } }> {
  const { session } = await newInstallation(tempFolder());
  await addTeam(session);
  await addUser(session, 'ria', 'reception', [2], 'Ria Reception');
  await signInAs(session, 'rita');
  const first = await createReferral(session, newReferral());
  await signInAs(session, 'pat');
  return { session, first };
}

/** What a receptionist at practice 2 types for the patient whose NHS number practice 1 already has. */
const retypedAtPractice2 = {
  givenName: 'Maggie',
  familyName: 'Ellis-Jones',
  addressLine1: '9 Other Road',
  postcode: 'LS1 4AP',
  phones: [{ number: '07700 900777', type: 'mobile' as const, safeForMessage: false }],
  registeredPracticeId: 2,
};

async function storedPatient(session: Session, id: number): Promise<{ given_name: string; family_name: string; address_line1: string; registered_practice_id: number; phones: string }> {
  return session.active().store.db.selectFrom('patient').select(['given_name', 'family_name', 'address_line1', 'registered_practice_id', 'phones']).where('id', '=', id).executeTakeFirstOrThrow();
}

async function lastAudit(session: Session, action: string) {
  return session.active().store.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
}

describe('a referral from someone at another practice', () => {
  it('changes nothing on the record, tells nothing of its referrals, and still reaches the patient’s practice', async () => {
    const { session, first } = await practiceOnesPatient();
    await signInAs(session, 'ria');
    const r = await dispatch(session, 'referrals.create', newReferral(retypedAtPractice2));
    expect(r.ok).toBe(true);
    const made = (r as { result: ReferralMade }).result;
    expect(made).toEqual({ outcome: 'made', id: expect.any(Number) as number, patientId: null });
    // The answer is the same as for a new patient: nothing about practice 1's open referral.
    expect(JSON.stringify(r)).not.toMatch(/Margaret|Received|04\/12\/2026|open referral/i);

    const record = await storedPatient(session, first.patientId);
    expect(record).toMatchObject({ given_name: 'Margaret', family_name: 'Ellis', address_line1: '14 Beech Grove', registered_practice_id: 1 });
    const referral = await session.active().store.db.selectFrom('referral').select(['patient_id', 'practice_id']).where('id', '=', made.outcome === 'made' ? made.id : 0).executeTakeFirstOrThrow();
    expect(referral).toEqual({ patient_id: first.patientId, practice_id: 1 });

    // Ria still cannot find or read practice 1's patient, and sees her referral as she typed it.
    expect(await call(session, 'patients.search', { query: '999 000 0018' })).toEqual([]);
    expect((await expectError(session, 'patients.get', { id: first.patientId })).code).toBe('FORBIDDEN');
    const [mine] = (await call(session, 'referrals.mine')) as MyReferral[];
    expect(mine).toMatchObject({ patientName: 'Maggie (Peggy) Ellis-Jones', nhsNumber: '9990000018' });

    const audit = await lastAudit(session, 'referrals.create');
    expect(audit.detail).toMatch(/record unchanged; typed details to reconcile: given name, family name, address line 1, postcode, phone numbers, registered practice/);
  });

  it('shows practice 1’s link worker the referral with the typed details to reconcile beside the record as it is', async () => {
    const { session, first } = await practiceOnesPatient();
    await signInAs(session, 'ria');
    const made = (await call(session, 'referrals.create', newReferral(retypedAtPractice2))) as { id: number };
    await signInAs(session, 'lee');
    const detail = (await call(session, 'referrals.get', { id: made.id })) as ReferralDetail;
    expect(detail.patient).toMatchObject({ id: first.patientId, givenName: 'Margaret', familyName: 'Ellis', addressLine1: '14 Beech Grove', registeredPracticeId: 1 });
    expect(detail.toReconcile?.typedByName).toBe('Ria Reception');
    expect(detail.toReconcile?.differences.map((d) => [d.field, d.stored, d.typed])).toEqual([
      ['givenName', 'Margaret', 'Maggie'],
      ['familyName', 'Ellis', 'Ellis-Jones'],
      ['addressLine1', '14 Beech Grove', '9 Other Road'],
      ['postcode', 'LS6 2QR', 'LS1 4AP'],
      ['phones', '07700900123 (mobile, safe for messages)', '07700900777 (mobile)'],
      ['registeredPracticeId', 'Riverside Surgery', 'Hillview Medical Centre'],
    ]);
    expect(detail.timeline.map((e) => e.text)).toContain('Made from another practice, with patient details that differ from the record: check them against the practice record');

    await signInAs(session, 'kim');
    expect((await expectError(session, 'referrals.get', { id: made.id })).code).toBe('FORBIDDEN');
    expect(((await call(session, 'referrals.inbox', {})) as { rows: ReferralSummary[] }).rows).toEqual([]);
  });

  it('refuses a record of another practice chosen by its id, and audits the refusal', async () => {
    const { session, first } = await practiceOnesPatient();
    await signInAs(session, 'ria');
    const e = await expectError(session, 'referrals.create', newReferral(retypedAtPractice2, {}, { existingPatientId: first.patientId }));
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).not.toMatch(/Margaret|open referral/);
    expect(await lastAudit(session, 'referrals.create')).toMatchObject({ outcome: 'refused', actor_name: 'Ria Reception', detail: expect.stringContaining(`existingPatientId ${first.patientId}`) as string });
    expect((await storedPatient(session, first.patientId)).given_name).toBe('Margaret');
  });

  it('gives the referrer from another practice the message back with the patient as she typed them, never the record', async () => {
    const { session } = await practiceOnesPatient();
    await signInAs(session, 'ria');
    const made = (await call(session, 'referrals.create', newReferral(retypedAtPractice2))) as { id: number };
    await signInAs(session, 'lee');
    await call(session, 'referrals.transition', { id: made.id, to: 'accepted' });
    const message = (await call(session, 'referrals.messageBack', { referralId: made.id, occasion: 'acceptance', needs: 'Company', whatMatters: 'Singing' })) as { id: number };
    await signInAs(session, 'ria');
    const file = (await call(session, 'referrals.exportMessage', { messageId: message.id, format: 'pdf' })) as { base64: string };
    const text = execFileSync('pdftotext', ['-', '-'], { input: Buffer.from(file.base64, 'base64') }).toString();
    expect(text).toContain('Ellis-Jones');
    expect(text).not.toMatch(/Beech Grove|Margaret/);
  });

  it('is reconciled by the link worker: each detail kept or taken, the change audited with before and after', async () => {
    const { session, first } = await practiceOnesPatient();
    await signInAs(session, 'ria');
    const made = (await call(session, 'referrals.create', newReferral(retypedAtPractice2))) as { id: number };
    await signInAs(session, 'lee');

    const unanswered = await expectError(session, 'referrals.reconcile', { id: made.id, choices: { addressLine1: 'typed' } });
    expect(unanswered.code).toBe('VALIDATION');
    expect(Object.keys(unanswered.fieldErrors ?? {})).toEqual(['choices.givenName', 'choices.familyName', 'choices.postcode', 'choices.phones', 'choices.registeredPracticeId']);

    const choices = { givenName: 'stored', familyName: 'stored', addressLine1: 'typed', postcode: 'typed', phones: 'typed', registeredPracticeId: 'stored' };
    const after = (await call(session, 'referrals.reconcile', { id: made.id, choices })) as ReferralDetail;
    expect(after.toReconcile).toBeNull();
    expect(after.patient).toMatchObject({ givenName: 'Margaret', addressLine1: '9 Other Road', postcode: 'LS1 4AP', registeredPracticeId: 1, phones: [{ number: '07700900777', type: 'mobile', safeForMessage: false }] });
    expect(after.timeline.at(-1)?.text).toBe('Patient details checked against the record: took the referral’s address line 1, postcode, phone numbers');
    const audit = await lastAudit(session, 'referrals.reconcile');
    expect(audit.detail).toBe(`typed patient details checked; patient ${first.patientId}: Address line 1 "14 Beech Grove" → "9 Other Road"; Postcode "LS6 2QR" → "LS1 4AP"; also changed: phone numbers`);

    expect((await expectError(session, 'referrals.reconcile', { id: made.id, choices })).code).toBe('CONFLICT');
  });
});

describe('a referral for a patient of one’s own practice, re-typed', () => {
  /** Rita could not find the patient and typed her again: a new address and phone, no preferred name, no e-mail. */
  const retyped = newReferral({ preferredName: '', addressLine1: '3 Elm Street', phones: [{ number: '07700 900999', type: 'mobile', safeForMessage: true }], email: '' });

  async function retypedByRita() {
    const { session, first } = await practiceOnesPatient();
    await session.active().store.db.updateTable('referral').set({ status: 'closed' }).where('id', '=', first.id).execute();
    await signInAs(session, 'rita');
    return { session, first };
  }

  it('first answers with the details that differ (an empty field is no difference) and saves nothing', async () => {
    const { session, first } = await retypedByRita();
    const answer = (await call(session, 'referrals.create', retyped)) as ReferralMade;
    expect(answer).toEqual({
      outcome: 'differs',
      patientId: first.patientId,
      differences: [
        { field: 'addressLine1', label: 'Address line 1', stored: '14 Beech Grove', typed: '3 Elm Street' },
        { field: 'phones', label: 'Phone numbers', stored: '07700900123 (mobile, safe for messages)', typed: '07700900999 (mobile, safe for messages)' },
      ],
    });
    expect((await session.active().store.db.selectFrom('referral').select('id').execute()).length).toBe(1);
    expect((await storedPatient(session, first.patientId)).address_line1).toBe('14 Beech Grove');
    // Asked again while a choice is missing.
    expect(((await call(session, 'referrals.create', { ...retyped, patientChoices: { addressLine1: 'typed' } })) as ReferralMade).outcome).toBe('differs');
  });

  it('then changes only the details the person chose as typed, never wiping one left empty, and audits before and after', async () => {
    const { session, first } = await retypedByRita();
    const made = (await call(session, 'referrals.create', { ...retyped, patientChoices: { addressLine1: 'typed', phones: 'stored' } })) as ReferralMade;
    expect(made).toEqual({ outcome: 'made', id: expect.any(Number) as number, patientId: first.patientId });
    const patient = (await call(session, 'patients.get', { id: first.patientId })) as Patient;
    expect(patient).toMatchObject({ addressLine1: '3 Elm Street', preferredName: 'Peggy', phones: [{ number: '07700900123', type: 'mobile', safeForMessage: true }] });
    expect((await lastAudit(session, 'referrals.create')).detail).toBe(`received; patient ${first.patientId}: Address line 1 "14 Beech Grove" → "3 Elm Street"`);
  });

  it('refuses to move the patient to a practice the person does not work at', async () => {
    const { session } = await retypedByRita();
    const e = await expectError(session, 'referrals.create', newReferral({ registeredPracticeId: 2 }, {}, { patientChoices: { registeredPracticeId: 'typed' } }));
    expect(e.fieldErrors).toEqual({ 'patient.registeredPracticeId': ['You can move a patient only to a practice you work at: keep the record’s practice, or ask that practice'] });
  });

  it('still warns of the open referral to someone of the patient’s practice', async () => {
    const { session } = await practiceOnesPatient();
    await signInAs(session, 'rita');
    expect((await expectError(session, 'referrals.create', newReferral())).code).toBe('CONFLICT');
  });
});

describe('correcting a patient record', () => {
  it('is for those who work at the patient’s practice, and each change is audited with before and after', async () => {
    const { session, first } = await practiceOnesPatient();
    await signInAs(session, 'lee');
    // The record as read (its id is not part of what is sent, and is dropped).
    const values = (await call(session, 'patients.get', { id: first.patientId })) as Patient;
    const after = (await call(session, 'patients.update', { id: first.patientId, patient: { ...values, familyName: 'Ellis-Smith', dateOfBirth: '1951-04-03', preferredName: '' } })) as Patient;
    expect(after).toMatchObject({ familyName: 'Ellis-Smith', dateOfBirth: '1951-04-03', preferredName: '' });
    expect((await lastAudit(session, 'patients.update')).detail).toBe('corrected: Family name "Ellis" → "Ellis-Smith"; Preferred name "Peggy" → ""; Date of birth "04/03/1951" → "03/04/1951"');

    const moved = await expectError(session, 'patients.update', { id: first.patientId, patient: { ...values, registeredPracticeId: 2 } });
    expect(moved.fieldErrors).toEqual({ 'patient.registeredPracticeId': ['You can move a patient only to a practice you work at'] });

    await signInAs(session, 'kim');
    expect((await expectError(session, 'patients.update', { id: first.patientId, patient: values })).code).toBe('FORBIDDEN');
    expect(await lastAudit(session, 'patients.update')).toMatchObject({ outcome: 'refused', actor_name: 'Kim Worker' });
  });

  it('refuses an NHS number another record has', async () => {
    const { session, first } = await practiceOnesPatient();
    await signInAs(session, 'pat');
    const other = await createReferral(session, newReferral({ nhsNumber: '999 000 0026', givenName: 'Joan', familyName: 'Walsh' }));
    const [match] = (await call(session, 'patients.search', { query: '999 000 0026' })) as PatientMatch[];
    expect(match?.id).toBe(other.patientId);
    const values = (await call(session, 'patients.get', { id: first.patientId })) as Patient;
    const e = await expectError(session, 'patients.update', { id: first.patientId, patient: { ...values, nhsNumber: '999 000 0026' } });
    expect(e).toMatchObject({ code: 'CONFLICT', fieldErrors: { 'patient.nhsNumber': ['Another patient record has this NHS number: check it for a typing mistake'] } });
  });
});
