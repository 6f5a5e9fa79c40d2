import { describe, expect, it } from 'vitest';
import type { ReferralDetail, ReferralSummary } from '../../../main/contract/referrals';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, createReferral, expectError, newReferral, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

// TEST_NOW is Friday 4 December 2026 in England.

async function refusalOf(referral: Parameters<typeof newReferral>[1], patient: Parameters<typeof newReferral>[0] = {}) {
  const { session } = await newInstallation(tempFolder());
  const e = await expectError(session, 'referrals.create', newReferral(patient, referral));
  expect(e.code).toBe('VALIDATION');
  return e.fieldErrors;
}

describe('the dates on a referral', () => {
  it('refuses a referral dated in the future', async () => {
    expect(await refusalOf({ referralDate: '2027-01-10', consentDate: '2026-12-04' })).toEqual({ 'referral.referralDate': ['The referral date cannot be in the future'] });
  });

  it('refuses a day that does not exist', async () => {
    expect(await refusalOf({ referralDate: '2026-02-31' })).toEqual({ 'referral.referralDate': ['Enter a real date'] });
  });

  it('refuses consent in the future, and consent from more than 14 days before the referral date', async () => {
    expect(await refusalOf({ referralDate: '2026-12-04', consentDate: '2026-12-05' })).toEqual({ 'referral.consentDate': ['The date consent was given cannot be in the future'] });
    expect(await refusalOf({ referralDate: '2026-11-30', consentDate: '2026-11-15' })).toEqual({
      'referral.consentDate': ['Consent is for this referral: it cannot be more than 14 days before the referral date'],
    });
  });

  it('takes consent up to 14 days before the referral date, or after it (confirmed later), up to today', async () => {
    const { session } = await newInstallation(tempFolder());
    await createReferral(session, newReferral({}, { referralDate: '2026-11-30', consentDate: '2026-11-16' }));
    await createReferral(session, newReferral({}, { referralDate: '2026-11-30', consentDate: '2026-12-04' }, { acknowledgeOpenReferral: true }));
  });

  it('refuses a referral dated before the person was born', async () => {
    expect(await refusalOf({ referralDate: '2026-01-05' }, { dateOfBirth: '2026-02-01' })).toEqual({ 'referral.referralDate': ['The referral date cannot be before the date of birth'] });
  });
});

/** Rita refers (urgent, safeguarding); Lee, the link worker, has accepted it and is signed in. */
async function acceptedReferral(): Promise<{ session: Session; id: number }> {
  const { session } = await newInstallation(tempFolder());
  await addTeam(session);
  await signInAs(session, 'rita');
  const { id } = await createReferral(session, newReferral({}, { referralDate: '2026-12-03', consentDate: '2026-12-03', urgency: 'urgent', safeguardingConcern: true, safeguardingDetails: 'Bruising seen by the nurse' }));
  await signInAs(session, 'lee');
  await call(session, 'referrals.transition', { id, to: 'accepted' });
  return { session, id };
}

function correction(detail: ReferralDetail, change: Record<string, unknown>) {
  const d = detail.details;
  return {
    id: detail.summary.id, referralDate: d.referralDate, source: d.source, reasons: d.reasons, reasonOther: d.reasonOther, urgency: d.urgency,
    messageBackTo: d.messageBackTo, usualGp: d.usualGp, consentTakenBy: d.consentTakenBy, consentDate: d.consentDate, ...change,
  };
}

const contact = (referralId: number) => ({ referralId, at: '2026-12-04T09:30', type: 'phone', durationMinutes: 15 });

describe('correcting the referral details', () => {
  it('mends a referral dated a month ahead (kept before the rule existed), so the case can be worked, audited with before and after', async () => {
    const { session, id } = await acceptedReferral();
    const db = session.active().store.db;
    const row = await db.selectFrom('referral').select('details').where('id', '=', id).executeTakeFirstOrThrow();
    await db.updateTable('referral').set({ details: JSON.stringify({ ...JSON.parse(row.details), referralDate: '2027-01-10' }) }).where('id', '=', id).execute();

    const blocked = await expectError(session, 'casework.addContact', contact(id));
    expect(blocked.fieldErrors?.at?.[0]).toMatch(/cannot be before the referral was made \(10\/01\/2027\)/);

    const detail = (await call(session, 'referrals.get', { id })) as ReferralDetail;
    const after = (await call(session, 'referrals.correctDetails', correction(detail, { referralDate: '2026-12-03' }))) as ReferralDetail;
    expect(after.details.referralDate).toBe('2026-12-03');
    expect(after.timeline.at(-1)).toMatchObject({ kind: 'note', byName: 'Lee Worker', text: 'Referral details corrected: referral date "10/01/2027" → "03/12/2026"' });
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'referrals.correctDetails').executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ outcome: 'ok', target_type: 'referral', target_id: String(id), detail: 'details corrected: referral date "10/01/2027" → "03/12/2026"' });

    await call(session, 'casework.addContact', contact(id));
  });

  it('changes the urgency and the reasons wherever the inbox sorts and filters by them', async () => {
    const { session, id } = await acceptedReferral();
    const detail = (await call(session, 'referrals.get', { id })) as ReferralDetail;
    const after = (await call(session, 'referrals.correctDetails', correction(detail, { urgency: 'routine', reasons: ['housing'], source: 'nurse' }))) as ReferralDetail;
    expect(after.summary).toMatchObject({ urgency: 'routine', reasons: ['housing'] });
    expect(after.details.source).toBe('nurse');
    const housing = (await call(session, 'referrals.inbox', { reason: 'housing' })) as { rows: ReferralSummary[] };
    expect(housing.rows.map((r) => r.id)).toEqual([id]);
    expect(((await call(session, 'referrals.inbox', { reason: 'loneliness' })) as { rows: ReferralSummary[] }).rows).toEqual([]);
    expect(after.timeline.at(-1)?.text).toBe('Referral details corrected: source "GP" → "Nurse"; reasons "Loneliness and isolation; Money, benefits and debt" → "Housing"; urgency "Urgent (within 2 working days)" → "Routine"');
  });

  it('refuses a referral date in the future, or after the first contact, and consent outside its window', async () => {
    const { session, id } = await acceptedReferral();
    await call(session, 'casework.addContact', { ...contact(id), at: '2026-12-03T15:00' });
    const detail = (await call(session, 'referrals.get', { id })) as ReferralDetail;
    expect((await expectError(session, 'referrals.correctDetails', correction(detail, { referralDate: '2026-12-05' }))).fieldErrors).toEqual({ referralDate: ['The referral date cannot be in the future'] });
    expect((await expectError(session, 'referrals.correctDetails', correction(detail, { referralDate: '2026-12-04' }))).fieldErrors).toEqual({
      referralDate: ['The first contact on this case was on 03/12/2026: the referral date cannot be after it'],
    });
    expect((await expectError(session, 'referrals.correctDetails', correction(detail, { consentDate: '2026-11-01' }))).fieldErrors).toEqual({
      consentDate: ['Consent is for this referral: it cannot be more than 14 days before the referral date'],
    });
  });

  it('is for the link worker or manager of the referral’s practice', async () => {
    const { session, id } = await acceptedReferral();
    const detail = (await call(session, 'referrals.get', { id })) as ReferralDetail;
    await signInAs(session, 'pat');
    await call(session, 'referrals.correctDetails', correction(detail, { usualGp: 'Dr Priya Shah', messageBackTo: 'both' }));
    await signInAs(session, 'rita');
    expect((await expectError(session, 'referrals.correctDetails', correction(detail, {}))).message).toMatch(/role does not allow/);
    await signInAs(session, 'kim');
    expect((await expectError(session, 'referrals.correctDetails', correction(detail, {}))).message).toBe('This referral belongs to a practice you do not work at.');
  });
});
