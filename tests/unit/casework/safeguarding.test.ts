import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../../main/contract/casework';
import type { ReferralSummary } from '../../../main/contract/referrals';
import { call } from '../../support/installation';
import { expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { contacted, getReferral, lastAudit, practiceWithReferrals } from './support';

const tempFolder = useTempFolders();

const escalation = (referralId: number) => ({
  referralId,
  concern: 'Says her nephew takes her bank card and she cannot pay for food',
  escalatedTo: 'Dr Priya Shah, practice safeguarding lead',
  escalatedOn: '2026-03-11',
});

describe('safeguarding escalations', () => {
  it('records the concern, to whom and when, on the case, its timeline and the inbox flag', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await contacted(session, id!);
    expect((await getReferral(session, id!)).summary.safeguarding).toBe(false);

    const file = (await call(session, 'casework.escalate', escalation(id!))) as CaseFile;
    expect(file.escalations).toEqual([
      expect.objectContaining({ concern: escalation(id!).concern, escalatedTo: 'Dr Priya Shah, practice safeguarding lead', escalatedOn: '2026-03-11', outcome: '', outcomeRecordedAt: null, recordedByName: 'Lee Worker' }),
    ]);
    expect(await lastAudit(session)).toMatchObject({ action: 'casework.escalate', target_type: 'referral', target_id: String(id) });

    const referral = await getReferral(session, id!);
    expect(referral.summary.safeguarding).toBe(true);
    expect(referral.timeline.at(-1)).toMatchObject({
      kind: 'note',
      text: 'Safeguarding concern escalated to Dr Priya Shah, practice safeguarding lead on 11/03/2026: Says her nephew takes her bank card and she cannot pay for food',
    });
    const inbox = (await call(session, 'referrals.inbox', {})) as { rows: ReferralSummary[] };
    expect(inbox.rows.find((r) => r.id === id)!.safeguarding).toBe(true);
  });

  it('records the outcome later, even after the case has closed', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await contacted(session, id!);
    const { escalations: [made] } = (await call(session, 'casework.escalate', escalation(id!))) as CaseFile;
    await call(session, 'casework.close', { referralId: id, outcomeSummary: 'Goes to the choir; benefits sorted' });
    const file = (await call(session, 'casework.escalationOutcome', { id: made!.id, outcome: 'Adult social care visited; bank card stopped' })) as CaseFile;
    expect(file.escalations[0]).toMatchObject({ id: made!.id, outcome: 'Adult social care visited; bank card stopped' });
    expect(file.escalations[0]!.outcomeRecordedAt).not.toBeNull();
    expect((await getReferral(session, id!)).timeline.at(-1)!.text).toBe('Safeguarding escalation outcome: Adult social care visited; bank card stopped');
  });

  it('asks for each part at its field, refuses a future date, and keeps other practices out', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await contacted(session, id!);
    const e = await expectError(session, 'casework.escalate', { referralId: id, concern: '', escalatedTo: ' ', escalatedOn: '2099-01-01' });
    expect(e.fieldErrors).toEqual({
      concern: ['Enter the concern'],
      escalatedTo: ['Enter to whom it was escalated'],
      escalatedOn: ['The date it was escalated cannot be in the future'],
    });
    const { escalations: [made] } = (await call(session, 'casework.escalate', escalation(id!))) as CaseFile;
    await signInAs(session, 'kim');
    expect((await expectError(session, 'casework.escalationOutcome', { id: made!.id, outcome: 'Nothing' })).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'casework.escalationOutcome', { id: 9999, outcome: 'Nothing' })).code).toBe('NOT_FOUND');
  });
});
