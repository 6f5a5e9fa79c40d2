import { describe, expect, it } from 'vitest';
import type { Patient, PatientMatch, ReferralDetail, ReferralMade } from '../../../main/contract/referrals';
import { call, newInstallation } from '../../support/installation';
import { createReferral, expectError, newReferral, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

async function referralCount(session: Awaited<ReturnType<typeof newInstallation>>['session']): Promise<number> {
  return (await session.active().store.db.selectFrom('referral').select('id').execute()).length;
}

async function patientCount(session: Awaited<ReturnType<typeof newInstallation>>['session']): Promise<number> {
  const rows = await session.active().store.db.selectFrom('patient').select('id').execute();
  return rows.length;
}

describe('making a referral', () => {
  it('stores the patient with the NHS number as digits and the postcode normalised, and starts the timeline at received', async () => {
    const { session } = await newInstallation(tempFolder());
    const made = await createReferral(session, newReferral({ nhsNumber: '999-000-0018', postcode: 'ls62qr' }));
    const detail = (await call(session, 'referrals.get', { id: made.id })) as ReferralDetail;
    expect(detail.patient).toMatchObject({ id: made.patientId, nhsNumber: '9990000018', postcode: 'LS6 2QR', givenName: 'Margaret' });
    expect(detail.patient.phones).toEqual([{ number: '07700900123', type: 'mobile', safeForMessage: true }]);
    expect(detail.summary).toMatchObject({ status: 'received', practiceId: 1, practiceName: 'Riverside Surgery', reasons: ['loneliness', 'money'], stale: false, coded: false });
    expect(detail.referrerName).toBe('Pat Manager');
    expect(detail.timeline).toEqual([expect.objectContaining({ kind: 'status', status: 'received', byName: 'Pat Manager' })]);
    expect(detail.allowedNext).toEqual(['accepted', 'declined', 'redirected']);
  });

  it('names each bad field by its dotted path and saves nothing', async () => {
    const { session } = await newInstallation(tempFolder());
    const e = await expectError(session, 'referrals.create', newReferral({ postcode: 'nowhere', nhsNumber: '9990000017' }, { reasons: [] }));
    expect(e.code).toBe('VALIDATION');
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(['patient.nhsNumber', 'patient.postcode', 'referral.reasons']);
    expect(await patientCount(session)).toBe(0);
  });

  it('refuses a practice that does not exist, at the practice field', async () => {
    const { session } = await newInstallation(tempFolder());
    const e = await expectError(session, 'referrals.create', newReferral({ registeredPracticeId: 99 }));
    expect(e.code).toBe('VALIDATION');
    expect(e.fieldErrors).toEqual({ 'patient.registeredPracticeId': ['Choose the patient’s practice from the list'] });
  });

  it('deletes the draft the form was saved in', async () => {
    const { session } = await newInstallation(tempFolder());
    const draft = (await call(session, 'referrals.saveDraft', { form: { patient: { givenName: 'Margaret' } } })) as { id: number };
    await createReferral(session, newReferral({}, {}, { draftId: draft.id }));
    expect(await call(session, 'referrals.drafts')).toEqual([]);
  });
});

describe('duplicate detection', () => {
  it('reuses the patient with the same NHS number instead of making a second record, once the person has said which differing details are right', async () => {
    const { session } = await newInstallation(tempFolder());
    const first = await createReferral(session, newReferral());
    // The first referral has ended, so there is no open one to warn about.
    await session.active().store.db.updateTable('referral').set({ status: 'closed' }).where('id', '=', first.id).execute();

    const typed = newReferral({ nhsNumber: '999 000 0018', addressLine1: '2 New Street', postcode: 'LS1 4AP' });
    const asked = (await call(session, 'referrals.create', typed)) as ReferralMade;
    expect(asked).toEqual({
      outcome: 'differs',
      patientId: first.patientId,
      differences: [
        { field: 'addressLine1', label: 'Address line 1', stored: '14 Beech Grove', typed: '2 New Street' },
        { field: 'postcode', label: 'Postcode', stored: 'LS6 2QR', typed: 'LS1 4AP' },
      ],
    });
    expect(await referralCount(session)).toBe(1);

    const second = await createReferral(session, { ...typed, patientChoices: { addressLine1: 'typed', postcode: 'typed' } });
    expect(second.patientId).toBe(first.patientId);
    expect(second.id).not.toBe(first.id);
    expect(await patientCount(session)).toBe(1);
    const patient = (await call(session, 'patients.get', { id: first.patientId })) as Patient;
    expect(patient).toMatchObject({ addressLine1: '2 New Street', postcode: 'LS1 4AP' });
  });

  it('warns with CONFLICT at the NHS number when the patient already has an open referral, and makes nothing', async () => {
    const { session } = await newInstallation(tempFolder());
    const first = await createReferral(session, newReferral());
    const e = await expectError(session, 'referrals.create', newReferral({ addressLine1: 'Changed' }));
    expect(e.code).toBe('CONFLICT');
    const received = '04/12/2026'; // TEST_NOW in England
    expect(e.fieldErrors).toEqual({
      'patient.nhsNumber': [`This patient already has an open referral (received ${received}, status Received): open it instead, or confirm to refer again`],
    });
    const referrals = await session.active().store.db.selectFrom('referral').select('id').execute();
    expect(referrals.map((r) => r.id)).toEqual([first.id]);
    expect(((await call(session, 'patients.get', { id: first.patientId })) as Patient).addressLine1).toBe('14 Beech Grove');
  });

  it('makes the second referral once the person confirms, for the same patient record', async () => {
    const { session } = await newInstallation(tempFolder());
    const first = await createReferral(session, newReferral());
    const second = await createReferral(session, newReferral({}, {}, { acknowledgeOpenReferral: true }));
    expect(second.patientId).toBe(first.patientId);
    expect(await patientCount(session)).toBe(1);
  });

  it('shows the open referral on the search result, so the form can link to it', async () => {
    const { session } = await newInstallation(tempFolder());
    const first = await createReferral(session, newReferral());
    const [match] = (await call(session, 'patients.search', { query: '999 000 0018' })) as PatientMatch[];
    expect(match?.openReferral).toMatchObject({ id: first.id, status: 'received' });
  });

  it('updates the patient chosen from search where the person says so, and refuses a different NHS number for that patient', async () => {
    const { session } = await newInstallation(tempFolder());
    const first = await createReferral(session, newReferral());
    const other = syntheticNhsNumber(5);
    const e = await expectError(session, 'referrals.create', newReferral({ nhsNumber: other }, {}, { existingPatientId: first.patientId, acknowledgeOpenReferral: true }));
    expect(e.code).toBe('VALIDATION');
    expect(e.fieldErrors?.['patient.nhsNumber']?.[0]).toMatch(/not the one on the patient record you chose/);

    const rest = { existingPatientId: first.patientId, acknowledgeOpenReferral: true };
    const asked = (await call(session, 'referrals.create', newReferral({ town: 'Bradford' }, {}, rest))) as ReferralMade;
    expect(asked.outcome === 'differs' && asked.differences.map((d) => [d.field, d.stored, d.typed])).toEqual([['town', 'Leeds', 'Bradford']]);
    const again = await createReferral(session, newReferral({ town: 'Bradford' }, {}, { ...rest, patientChoices: { town: 'typed' } }));
    expect(again.patientId).toBe(first.patientId);
    expect(((await call(session, 'patients.get', { id: first.patientId })) as Patient).town).toBe('Bradford');
  });

  it('makes a new record for a new NHS number', async () => {
    const { session } = await newInstallation(tempFolder());
    const a = await createReferral(session, newReferral());
    const b = await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(1), givenName: 'John', familyName: 'Smith' }));
    expect(b.patientId).not.toBe(a.patientId);
    expect(await patientCount(session)).toBe(2);
  });
});
