import { describe, expect, it } from 'vitest';
import { cleanText } from '../../../main/contract/fields';
import type { ReferralDetail } from '../../../main/contract/referrals';
import { call, newInstallation } from '../../support/installation';
import { createReferral, expectError, newReferral } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

describe('what one call may send', () => {
  it('refuses a 100,000-element list with a field error, not an internal error', async () => {
    const { session } = await newInstallation(tempFolder());
    const inbox = await expectError(session, 'referrals.inbox', { status: Array.from({ length: 100_000 }, () => 'received') });
    expect(inbox.code).toBe('VALIDATION');
    expect(Object.keys(inbox.fieldErrors ?? {})).toEqual(['status']);
    const users = await expectError(session, 'users.update', { id: 1, fullName: 'Pat Manager', role: 'practice_manager', practiceIds: Array.from({ length: 100_000 }, (_, i) => i + 1) });
    expect(users.code).toBe('VALIDATION');
    expect(users.fieldErrors?.practiceIds).toEqual(['Choose 100 practices or fewer']);
  });

  it('refuses a draft too large to keep', async () => {
    const { session } = await newInstallation(tempFolder());
    const e = await expectError(session, 'referrals.saveDraft', { form: { notes: 'x'.repeat(100_001) } });
    expect(e).toMatchObject({ code: 'VALIDATION', fieldErrors: { form: ['This draft is too large to keep: send the referral or shorten it'] } });
  });
});

describe('control characters in what people type', () => {
  it('are dropped from one-line fields (a tab or line break becomes a space); many-line fields keep their line breaks', async () => {
    const { session } = await newInstallation(tempFolder());
    const { id } = await createReferral(session, newReferral(
      { givenName: 'Mar\u0000gar\u001bet', familyName: 'Ellis\u007f', addressLine1: '14 Beech\r\nGrove\t', town: 'Leeds\u0085' },
      { whatMatters: 'Singing again.\r\nSeeing friends\u0007.\n\tEvery week.', consentTakenBy: 'Dr\u200b Khan' },
    ));
    const detail = (await call(session, 'referrals.get', { id })) as ReferralDetail;
    expect(detail.patient).toMatchObject({ givenName: 'Margaret', familyName: 'Ellis', addressLine1: '14 Beech Grove', town: 'Leeds' });
    expect(detail.details.whatMatters).toBe('Singing again.\nSeeing friends.\n\tEvery week.');
    // Not a control character: a zero-width space is text, kept as typed.
    expect(detail.details.consentTakenBy).toBe('Dr\u200b Khan');
  });

  it('leave a field empty, and so missing, when nothing else was typed', async () => {
    const { session } = await newInstallation(tempFolder());
    const e = await expectError(session, 'referrals.create', newReferral({ givenName: '\u0000\u0001' }));
    expect(e.fieldErrors).toEqual({ 'patient.givenName': ['Enter the given name'] });
    expect(cleanText('a\u0000b\nc', 'one')).toBe('ab c');
    expect(cleanText('a\u0000b\r\nc', 'many')).toBe('ab\nc');
  });
});
