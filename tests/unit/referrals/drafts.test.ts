import { describe, expect, it } from 'vitest';
import { draftLabel } from '../../../main/referrals/drafts';
import { call, newInstallation } from '../../support/installation';
import { addTeam, expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

interface Draft {
  id: number;
  savedAt: string;
  label: string;
  form: Record<string, unknown>;
}

describe('referral drafts', () => {
  it('keep the form as typed, updating the same draft each time it is saved', async () => {
    const { session } = await newInstallation(tempFolder());
    const first = (await call(session, 'referrals.saveDraft', { form: { patient: { givenName: 'Marg' } } })) as { id: number };
    const again = (await call(session, 'referrals.saveDraft', { id: first.id, form: { patient: { givenName: 'Margaret', familyName: 'Ellis' }, referral: { reasons: ['housing'] } } })) as { id: number };
    expect(again.id).toBe(first.id);
    const drafts = (await call(session, 'referrals.drafts')) as Draft[];
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ id: first.id, label: 'Margaret Ellis', form: { patient: { givenName: 'Margaret', familyName: 'Ellis' }, referral: { reasons: ['housing'] } } });
  });

  it('are labelled with the patient’s name typed so far, or as untitled', () => {
    expect(draftLabel({ patient: { givenName: ' Margaret ', familyName: '' } })).toBe('Margaret');
    expect(draftLabel({ patient: { familyName: 'Ellis' } })).toBe('Ellis');
    expect(draftLabel({ patient: {} })).toBe('Untitled referral');
    expect(draftLabel({})).toBe('Untitled referral');
    expect(draftLabel({ patient: 'nonsense' })).toBe('Untitled referral');
  });

  it('are each person’s own: others cannot list, overwrite or discard them', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    const pats = (await call(session, 'referrals.saveDraft', { form: { patient: { givenName: 'Pat’s patient' } } })) as { id: number };
    await signInAs(session, 'rita');
    expect(await call(session, 'referrals.drafts')).toEqual([]);
    const ritas = (await call(session, 'referrals.saveDraft', { id: pats.id, form: { patient: { givenName: 'Rita’s patient' } } })) as { id: number };
    expect(ritas.id).not.toBe(pats.id);
    expect((await expectError(session, 'referrals.discardDraft', { id: pats.id })).code).toBe('NOT_FOUND');
    await call(session, 'referrals.discardDraft', { id: ritas.id });
    expect(await call(session, 'referrals.drafts')).toEqual([]);

    await signInAs(session, 'pat');
    expect(((await call(session, 'referrals.drafts')) as Draft[]).map((d) => d.label)).toEqual(['Pat’s patient']);
  });
});
