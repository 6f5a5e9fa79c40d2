import { describe, expect, it } from 'vitest';
import { flaggedForMdt } from '../../../main/casework';
import type { CaseFile } from '../../../main/contract/casework';
import { call } from '../../support/installation';
import { expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { contacted, getCase, getReferral, practiceWithReferrals } from './support';

const tempFolder = useTempFolders();

describe('flagging a case for MDT', () => {
  it('puts the case on its practice’s MDT list with the question, who and when; changes the question; clears it', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await contacted(session, id!);
    let file = (await call(session, 'casework.flagForMdt', { referralId: id, question: 'Could the practice nurse review her diabetes before winter?' })) as CaseFile;
    expect(file.mdtFlag).toMatchObject({ question: 'Could the practice nurse review her diabetes before winter?', flaggedByName: 'Lee Worker' });

    const db = session.active().store.db;
    let list = await flaggedForMdt(db, 1);
    expect(list).toEqual([
      expect.objectContaining({ referralId: id, patientName: 'PersonA (Peggy) Ellis', nhsNumber: expect.stringMatching(/^999\d{7}$/), status: 'contacted', question: 'Could the practice nurse review her diabetes before winter?', flaggedByName: 'Lee Worker', assignedToName: 'Lee Worker' }),
    ]);
    expect(await flaggedForMdt(db, 2)).toEqual([]);

    file = (await call(session, 'casework.flagForMdt', { referralId: id, question: 'Who could check her medication review?' })) as CaseFile;
    list = await flaggedForMdt(db, 1);
    expect(list.map((f) => [f.flagId, f.question])).toEqual([[file.mdtFlag!.id, 'Who could check her medication review?']]);

    file = (await call(session, 'casework.clearMdtFlag', { referralId: id })) as CaseFile;
    expect(file.mdtFlag).toBeNull();
    expect(await flaggedForMdt(db, 1)).toEqual([]);
    expect((await getReferral(session, id!)).timeline.slice(-3).map((e) => e.text)).toEqual([
      'Flagged for MDT: Could the practice nurse review her diabetes before winter?',
      'MDT question changed: Who could check her medication review?',
      'Taken off the MDT list',
    ]);
    expect(await expectError(session, 'casework.clearMdtFlag', { referralId: id })).toEqual({ code: 'CONFLICT', message: 'This case is not flagged for MDT.' });
  });

  it('refuses, in plain words, when the person did not agree to be discussed at MDT', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder(), 1, { mdtConsent: false });
    await contacted(session, id!);
    expect((await getCase(session, id!)).mdtConsent).toBe(false);
    const e = await expectError(session, 'casework.flagForMdt', { referralId: id, question: 'Can we discuss her falls?' });
    expect(e).toEqual({
      code: 'CONFLICT',
      message: 'The person did not agree to be discussed at a multidisciplinary team meeting (it is recorded on the referral), so this case cannot be flagged for MDT.',
    });
    expect(await flaggedForMdt(session.active().store.db, 1)).toEqual([]);
  });

  it('asks for the question, and keeps link workers of other practices and managers from flagging', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await contacted(session, id!);
    expect((await expectError(session, 'casework.flagForMdt', { referralId: id, question: '' })).fieldErrors).toEqual({ question: ['Enter the question for the team'] });
    await signInAs(session, 'kim');
    expect((await expectError(session, 'casework.flagForMdt', { referralId: id, question: 'Anything?' })).code).toBe('FORBIDDEN');
    await signInAs(session, 'pat');
    expect((await expectError(session, 'casework.flagForMdt', { referralId: id, question: 'Anything?' })).code).toBe('FORBIDDEN');
  });
});
