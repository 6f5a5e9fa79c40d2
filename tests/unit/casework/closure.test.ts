import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../../main/contract/casework';
import type { Service, ServiceUse } from '../../../main/contract/directory';
import type { MessageBackContent } from '../../../main/contract/referrals';
import type { Session } from '../../../main/session/session';
import { call } from '../../support/installation';
import { expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { accept, contacted, getReferral, lastAudit, practiceWithReferrals } from './support';

const tempFolder = useTempFolders();

async function service(session: Session, name: string, organisation: string): Promise<Service> {
  return (await call(session, 'directory.save', { name, organisation, howToRefer: 'signpost', categories: ['loneliness'] })) as Service;
}

const draft = (session: Session, referralId: number) => call(session, 'casework.messageBackDraft', { referralId }) as Promise<MessageBackContent>;

describe('closing a case', () => {
  it('closes through the referral’s lifecycle with the outcome summary as its reason', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await contacted(session, id!);
    const file = (await call(session, 'casework.close', { referralId: id, outcomeSummary: 'Goes to the choir each week; Pension Credit claimed' })) as CaseFile;
    expect(await lastAudit(session)).toMatchObject({ action: 'casework.close', target_id: String(id), detail: 'contacted → closed' });
    expect(file.status).toBe('closed');
    expect(file.outcome).toBe('Goes to the choir each week; Pension Credit claimed');
    const referral = await getReferral(session, id!);
    expect(referral.summary.status).toBe('closed');
    expect(referral.allowedNext).toEqual([]);
    expect(referral.timeline.at(-1)).toMatchObject({ kind: 'status', status: 'closed', text: 'Goes to the choir each week; Pension Credit claimed', byName: 'Lee Worker' });

    const again = await expectError(session, 'casework.close', { referralId: id, outcomeSummary: 'Again' });
    expect(again).toEqual({ code: 'CONFLICT', message: 'This case is closed: you cannot close it any more.' });
    expect((await expectError(session, 'casework.saveGoal', { referralId: id, text: 'Late goal' })).code).toBe('CONFLICT');
  });

  it('refuses to close a case nobody has reached, and asks for the summary', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await accept(session, id!);
    const e = await expectError(session, 'casework.close', { referralId: id, outcomeSummary: 'Closed' });
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/^Nobody has reached the person yet/);
    expect((await getReferral(session, id!)).summary.status).toBe('accepted');
    const empty = await expectError(session, 'casework.close', { referralId: id, outcomeSummary: ' ' });
    expect(empty.fieldErrors).toEqual({ outcomeSummary: ['Enter the outcome summary'] });
  });

  it('pre-fills the message back from the case: plan, contacts, goals achieved, services taken up, change in measures, outcome', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await contacted(session, id!, '2026-02-02T10:00');
    await call(session, 'casework.addContact', { referralId: id, at: '2026-03-02T10:00', type: 'face_to_face', durationMinutes: 50 });
    await call(session, 'casework.addContact', { referralId: id, at: '2026-03-09T10:00', type: 'did_not_attend' });
    await call(session, 'casework.addContact', { referralId: id, at: '2026-04-20T10:00', type: 'face_to_face', durationMinutes: 40 });
    await call(session, 'casework.savePlan', { referralId: id, whatMatters: 'Singing again and a warm home' });
    const { goals } = (await call(session, 'casework.saveGoal', { referralId: id, text: 'Sing in a choir again', progress: 'achieved' })) as CaseFile;
    await call(session, 'casework.saveGoal', { referralId: id, text: 'Pay the heating bill', progress: 'in_progress' });
    await call(session, 'casework.saveGoal', { referralId: id, text: 'Learn to swim', progress: 'no_longer_relevant' });
    expect(goals).toHaveLength(1);

    const choir = await service(session, 'Headingley Community Choir', 'Leeds Arts');
    const advice = await service(session, 'Benefits check', 'Citizens Advice Leeds');
    const use = (await call(session, 'directory.recordUse', { referralId: id, serviceId: choir.id, kind: 'signposted', onDate: '2026-03-02' })) as ServiceUse;
    await call(session, 'directory.updateUse', { id: use.id, takenUp: true, feedback: 'Goes every Tuesday' });
    await call(session, 'directory.recordUse', { referralId: id, serviceId: advice.id, kind: 'referred', onDate: '2026-03-03', takenUp: false });

    // SWEMWBS raw 21 → 19.25 at baseline, raw 24 → 21.54 at follow-up: up 2.29.
    await call(session, 'measures.record', { referralId: id, instrument: 'swemwbs', stage: 'baseline', takenOn: '2026-02-02', answers: [3, 3, 3, 3, 3, 3, 3] });
    await call(session, 'measures.record', { referralId: id, instrument: 'swemwbs', stage: 'follow_up', takenOn: '2026-04-20', answers: [4, 4, 3, 4, 3, 3, 3] });

    await call(session, 'casework.close', { referralId: id, outcomeSummary: 'Goes to the choir on her own; heating bill plan agreed' });
    const message = await draft(session, id!);
    expect(message.needs).toBe('Loneliness and isolation; Money, benefits and debt');
    expect(message.whatMatters).toBe('Singing again and a warm home');
    expect(message.supportOffered).toBe('3 contacts from 02/02/2026 to 20/04/2026 (2 face to face at the practice, 1 phone call); 1 did not attend.');
    expect(message.servicesReferredTo).toBe(
      'Signposted to Headingley Community Choir (Leeds Arts) on 02/03/2026: taken up. Goes every Tuesday\n' +
        'Referred to Benefits check (Citizens Advice Leeds) on 03/03/2026: not taken up',
    );
    expect(message.outcomes.split('\n')).toEqual([
      'Closed: Goes to the choir on her own; heating bill plan agreed',
      'Goals: 1 of 2 achieved.',
      '- Sing in a choir again (achieved)',
      '- Pay the heating bill (in progress)',
      'Services taken up: 1 of 2.',
      'Wellbeing measures, change from baseline:',
      expect.stringMatching(/^- SWEMWBS .*19\.25.*21\.54.*up 2\.29 points/),
    ]);
    expect(await lastAudit(session)).toMatchObject({ action: 'casework.messageBackDraft', target_id: String(id) });

    // What the dialog shows is what gets sent.
    const sent = (await call(session, 'referrals.messageBack', { referralId: id, occasion: 'closure', ...message })) as MessageBackContent;
    expect(sent.outcomes).toBe(message.outcomes);
  });

  it('gives the referral’s own draft where there is no casework yet', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await accept(session, id!);
    expect(await draft(session, id!)).toEqual(await call(session, 'referrals.messageBackDraft', { referralId: id }));
    await signInAs(session, 'pat');
    expect((await expectError(session, 'casework.messageBackDraft', { referralId: id })).code).toBe('FORBIDDEN');
  });
});
