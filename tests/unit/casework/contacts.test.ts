import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../../main/contract/casework';
import type { ReferralDetail } from '../../../main/contract/referrals';
import { call } from '../../support/installation';
import { expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { accept, getCase, getReferral, lastAudit, practiceWithReferrals } from './support';

const tempFolder = useTempFolders();

describe('contacts on a case', () => {
  it('records a contact in England’s time, lists it newest first, and the first one that reaches the person marks the referral contacted', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await accept(session, id!);

    // 10 March is GMT, 10 June is BST: the wall-clock time typed is kept as the instant it was in England.
    let file = (await call(session, 'casework.addContact', {
      referralId: id, at: '2026-03-10T14:30', type: 'face_to_face', durationMinutes: 45, notes: 'Met at the practice; talked about the choir',
    })) as CaseFile;
    expect(file.status).toBe('contacted');
    expect(file.contacts).toEqual([
      expect.objectContaining({ at: '2026-03-10T14:30:00.000Z', type: 'face_to_face', durationMinutes: 45, notes: 'Met at the practice; talked about the choir', recordedByName: 'Lee Worker' }),
    ]);
    const audit = await lastAudit(session);
    expect(audit).toMatchObject({ action: 'casework.addContact', outcome: 'ok', target_type: 'referral', target_id: String(id) });
    expect(audit.detail).toMatch(/^contact \d+: face to face at the practice, referral marked contacted$/);

    file = (await call(session, 'casework.addContact', { referralId: id, at: '2026-06-10T09:05', type: 'phone', notes: '' })) as CaseFile;
    expect(file.contacts.map((c) => [c.at, c.type, c.durationMinutes])).toEqual([
      ['2026-06-10T08:05:00.000Z', 'phone', null],
      ['2026-03-10T14:30:00.000Z', 'face_to_face', 45],
    ]);
    expect(file.lastContactAt).toBe('2026-06-10T08:05:00.000Z');

    const referral = await getReferral(session, id!);
    expect(referral.summary.status).toBe('contacted');
    expect(referral.timeline.at(-1)).toMatchObject({ kind: 'status', status: 'contacted', text: 'First contact: face to face at the practice on 10/03/2026' });
  });

  it('leaves the referral accepted when the link worker says the contact was not the first real one', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await accept(session, id!);
    const file = (await call(session, 'casework.addContact', { referralId: id, at: '2026-03-10T14:30', type: 'text_or_letter', markContacted: false })) as CaseFile;
    expect(file.status).toBe('accepted');
    expect(file.contacts).toHaveLength(1);
  });

  it('counts did not attend and unable to reach as attempts, so that the referral can end as unable to contact', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await accept(session, id!);
    await call(session, 'casework.addContact', { referralId: id, at: '2026-03-10T10:00', type: 'unable_to_reach', notes: 'No answer, no voicemail' });
    const file = (await call(session, 'casework.addContact', { referralId: id, at: '2026-03-12T10:00', type: 'did_not_attend' })) as CaseFile;
    expect(file.status).toBe('accepted');
    expect(file.contactAttempts).toBe(2);
    expect(file.attemptsBeforeUnable).toBe(3);
    expect(file.lastContactAt).toBeNull();

    // The referrals rule still holds: 3 attempts are needed, 2 are recorded.
    const refused = await expectError(session, 'referrals.transition', { id, to: 'unable_to_contact', reason: 'No reply' });
    expect(refused.fieldErrors!.to![0]).toMatch(/Record 3 attempts .*2 attempts are recorded/);

    await call(session, 'casework.addContact', { referralId: id, at: '2026-03-14T10:00', type: 'unable_to_reach' });
    const referral = await getReferral(session, id!);
    expect(referral.contactAttempts).toBe(3);
    expect(referral.timeline.filter((e) => e.text.startsWith('Contact attempt')).map((e) => e.text)).toEqual([
      'Contact attempt 1: Unable to reach (10/03/2026)',
      'Contact attempt 2: Did not attend (12/03/2026)',
      'Contact attempt 3: Unable to reach (14/03/2026)',
    ]);
    const ended = (await call(session, 'referrals.transition', { id, to: 'unable_to_contact', reason: 'Three attempts without reply' })) as ReferralDetail;
    expect(ended.summary.status).toBe('unable_to_contact');
  });

  it('does not count a missed appointment once the person has been reached', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await accept(session, id!);
    await call(session, 'casework.addContact', { referralId: id, at: '2026-03-10T10:00', type: 'phone' });
    const file = (await call(session, 'casework.addContact', { referralId: id, at: '2026-03-17T10:00', type: 'did_not_attend' })) as CaseFile;
    expect(file.status).toBe('contacted');
    expect(file.contactAttempts).toBe(0);
    expect(file.contacts.map((c) => c.type)).toEqual(['did_not_attend', 'phone']);
    expect(file.lastContactAt).toBe('2026-03-10T10:00:00.000Z');
  });

  it('refuses contacts on a referral not yet accepted or already ended, and bad dates at the date field', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    const early = await expectError(session, 'casework.addContact', { referralId: id, at: '2026-03-10T10:00', type: 'phone' });
    expect(early).toEqual({ code: 'CONFLICT', message: 'Accept the referral before you record a contact.' });

    await accept(session, id!);
    const before = await expectError(session, 'casework.addContact', { referralId: id, at: '2025-12-31T10:00', type: 'phone' });
    expect(before.fieldErrors).toEqual({ at: ['The contact cannot be before the referral was made (05/01/2026)'] });
    const future = await expectError(session, 'casework.addContact', { referralId: id, at: '2099-01-01T10:00', type: 'phone' });
    expect(future.fieldErrors).toEqual({ at: ['The date and time cannot be in the future'] });
    const unreal = await expectError(session, 'casework.addContact', { referralId: id, at: '2026-02-30T10:00', type: 'phone' });
    expect(unreal.fieldErrors).toEqual({ at: ['Enter a real date and time'] });
    const badType = await expectError(session, 'casework.addContact', { referralId: id, at: '2026-03-10T10:00', type: 'carrier_pigeon', durationMinutes: 0 });
    expect(badType.fieldErrors).toEqual({ type: ['Choose the kind of contact'], durationMinutes: ['At least 1 minute, or leave it empty'] });

    await call(session, 'referrals.transition', { id, to: 'declined', reason: 'Does not want support now' });
    const ended = await expectError(session, 'casework.addContact', { referralId: id, at: '2026-03-10T10:00', type: 'phone' });
    expect(ended).toEqual({ code: 'CONFLICT', message: 'This case is declined by the patient: you cannot record a contact any more.' });
    expect((await getCase(session, id!)).contacts).toEqual([]);
  });
});

describe('who sees and records casework', () => {
  it('lets a manager read the case without the contact notes, and refuses the receptionist and a link worker of another practice', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await accept(session, id!);
    await call(session, 'casework.addContact', { referralId: id, at: '2026-03-10T10:00', type: 'phone', notes: 'PRIVATE: lives alone since March' });
    expect((await getCase(session, id!)).contacts[0]!.notes).toBe('PRIVATE: lives alone since March');

    await signInAs(session, 'pat');
    const managerView = await getCase(session, id!);
    expect(managerView.notesWithheld).toBe(true);
    expect(managerView.contacts).toEqual([expect.objectContaining({ type: 'phone', notes: '' })]);
    expect(JSON.stringify(managerView)).not.toContain('PRIVATE');
    expect((await expectError(session, 'casework.addContact', { referralId: id, at: '2026-03-11T10:00', type: 'phone' })).code).toBe('FORBIDDEN');
    expect(await lastAudit(session)).toMatchObject({ action: 'casework.addContact', outcome: 'refused' });

    await signInAs(session, 'rita');
    expect((await expectError(session, 'casework.get', { referralId: id })).code).toBe('FORBIDDEN');

    await signInAs(session, 'kim');
    const other = await expectError(session, 'casework.get', { referralId: id });
    expect(other).toEqual({ code: 'FORBIDDEN', message: 'This referral belongs to a practice you do not work at.' });
    expect((await expectError(session, 'casework.addContact', { referralId: id, at: '2026-03-11T10:00', type: 'phone' })).code).toBe('FORBIDDEN');
  });

  it('audits every read of a case file', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await accept(session, id!);
    await getCase(session, id!);
    expect(await lastAudit(session)).toMatchObject({ action: 'casework.get', target_type: 'referral', target_id: String(id), detail: 'case file (0 contacts)' });
  });
});
