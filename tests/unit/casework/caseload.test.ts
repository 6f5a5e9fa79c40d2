import { describe, expect, it } from 'vitest';
import type { Caseload, CaseFile } from '../../../main/contract/casework';
import type { Session } from '../../../main/session/session';
import { call } from '../../support/installation';
import { addUser, createReferral, expectError, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { accept, lastAudit, practiceWithReferrals } from './support';

const tempFolder = useTempFolders();
const AS_OF = '2026-12-01';

const caseloadOf = (session: Session, asOf = AS_OF) => call(session, 'casework.caseload', { asOf }) as Promise<Caseload>;
const contact = (session: Session, referralId: number, at: string, type = 'phone') => call(session, 'casework.addContact', { referralId, at, type });

/**
 * Lee's caseload on 1 December 2026 (no-contact alert after 14 days, follow-up measures after 12 weeks):
 * A last reached 10/11 (21 days: stands out), next step due 05/12, goals 1 of 2, SWEMWBS follow-up due, flagged for MDT;
 * B last reached 20/11, next step due 28/11 (overdue: stands out), an open safeguarding escalation;
 * C accepted on 25/11, nobody reached yet; D closed; E is Lou's; F not yet accepted; G at practice 2 is Kim's.
 */
async function lee(): Promise<{ session: Session; a: number; b: number; c: number; g: number }> {
  const { session, ids } = await practiceWithReferrals(tempFolder(), 6);
  const [a, b, c, d, e] = ids as [number, number, number, number, number];
  await signInAs(session, 'pat');
  await addUser(session, 'lou', 'link_worker', [1], 'Lou Worker');
  const g = (await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(40), givenName: 'Gwen', registeredPracticeId: 2 }))).id;
  await signInAs(session, 'lou');
  await accept(session, e);
  await contact(session, e, '2026-11-01T10:00');
  await signInAs(session, 'kim');
  await accept(session, g);
  await signInAs(session, 'lee');

  for (const id of [a, b, c, d]) await accept(session, id);
  await contact(session, a, '2026-11-02T09:00', 'face_to_face');
  await contact(session, a, '2026-11-10T10:00');
  await contact(session, a, '2026-11-24T10:00', 'did_not_attend');
  await call(session, 'casework.saveNextStep', { referralId: a, text: 'Go to the choir together', dueOn: '2026-12-05' });
  await call(session, 'casework.saveGoal', { referralId: a, text: 'Sing again', progress: 'achieved' });
  await call(session, 'casework.saveGoal', { referralId: a, text: 'Warm home', progress: 'in_progress' });
  await call(session, 'casework.saveGoal', { referralId: a, text: 'Swim', progress: 'no_longer_relevant' });
  await call(session, 'measures.record', { referralId: a, instrument: 'swemwbs', stage: 'baseline', takenOn: '2026-08-01', answers: [3, 3, 3, 3, 3, 3, 3] });
  await call(session, 'casework.flagForMdt', { referralId: a, question: 'Diabetes review before winter?' });

  await contact(session, b, '2026-11-20T15:00', 'home_visit');
  await call(session, 'casework.saveNextStep', { referralId: b, text: 'Already done', dueOn: '2026-11-21', done: true });
  await call(session, 'casework.saveNextStep', { referralId: b, text: 'Phone the housing officer', dueOn: '2026-11-28' });
  await call(session, 'casework.saveNextStep', { referralId: b, text: 'Later step', dueOn: '2026-12-20' });
  await call(session, 'measures.record', { referralId: b, instrument: 'ons4', stage: 'baseline', takenOn: '2026-11-01', answers: [4, 5, 6, 7] });
  await call(session, 'casework.escalate', { referralId: b, concern: 'Unsafe gas heater', escalatedTo: 'Housing officer', escalatedOn: '2026-11-20' });

  // C was accepted on 25/11 whatever day the test runs (no contact, so its days count from acceptance).
  await session.active().store.db.updateTable('referral').set({ accepted_at: '2026-11-25T10:00:00.000Z' }).where('id', '=', c).execute();

  await contact(session, d, '2026-11-03T10:00');
  await call(session, 'casework.close', { referralId: d, outcomeSummary: 'Done' });
  return { session, a, b, c, g };
}

describe('the caseload', () => {
  it('lists the link worker’s open cases with last contact, next step, goals, measures due, safeguarding and MDT, those needing attention first', async () => {
    const { session, a, b, c } = await lee();
    const load = await caseloadOf(session);
    expect(load).toMatchObject({ noContactAlertDays: 14, followUpWeeks: 12, today: AS_OF });
    expect(load.rows.map((r) => r.referralId)).toEqual([b, a, c]);
    const [rowB, rowA, rowC] = load.rows;

    expect(rowA).toMatchObject({
      patientName: 'PersonA (Peggy) Ellis',
      practiceName: 'Riverside Surgery',
      status: 'contacted',
      lastContactAt: '2026-11-10T10:00:00.000Z',
      daysWithoutContact: 21,
      noContactAlert: true,
      nextStep: { text: 'Go to the choir together', dueOn: '2026-12-05' },
      nextStepOverdue: false,
      goalsAchieved: 1,
      goalsTotal: 2,
      measuresDue: [{ instrument: 'swemwbs', dueOn: '2026-10-24' }],
      safeguarding: false,
      openEscalations: 0,
      mdtQuestion: 'Diabetes review before winter?',
    });
    expect(rowB).toMatchObject({
      lastContactAt: '2026-11-20T15:00:00.000Z',
      daysWithoutContact: 11,
      noContactAlert: false,
      nextStep: { text: 'Phone the housing officer', dueOn: '2026-11-28' },
      nextStepOverdue: true,
      goalsAchieved: 0,
      goalsTotal: 0,
      measuresDue: [],
      safeguarding: true,
      openEscalations: 1,
      mdtQuestion: null,
    });
    expect(rowC).toMatchObject({ status: 'accepted', lastContactAt: null, nextStep: null, noContactAlert: false, nextStepOverdue: false, measuresDue: [] });
    expect(rowC!.daysWithoutContact).toBe(6);
    expect(await lastAudit(session)).toMatchObject({ action: 'casework.caseload', target_type: 'caseload', detail: '3 open cases' });
  });

  it('makes cases stand out after the number of days the practice sets, and a recorded outcome quietens the escalation', async () => {
    const { session, b, c } = await lee();
    await signInAs(session, 'pat');
    expect(await call(session, 'casework.settings', {})).toEqual({ noContactAlertDays: 14 });
    expect(await call(session, 'casework.settings', { noContactAlertDays: 5 })).toEqual({ noContactAlertDays: 5 });
    expect(await lastAudit(session)).toMatchObject({ action: 'casework.settings', detail: 'no-contact alert after 5 days (was 14)' });
    const tooMany = await expectError(session, 'casework.settings', { noContactAlertDays: 0 });
    expect(tooMany.fieldErrors).toEqual({ noContactAlertDays: ['At least 1 day'] });

    await signInAs(session, 'lee');
    const { escalations: [esc] } = (await call(session, 'casework.get', { referralId: b })) as CaseFile;
    await call(session, 'casework.escalationOutcome', { id: esc!.id, outcome: 'Heater replaced' });
    const load = await caseloadOf(session);
    expect(load.noContactAlertDays).toBe(5);
    expect(load.rows.every((r) => r.noContactAlert)).toBe(true);
    expect(load.rows.find((r) => r.referralId === c)!.daysWithoutContact).toBe(6);
    expect(load.rows.find((r) => r.referralId === b)).toMatchObject({ safeguarding: true, openEscalations: 0 });
  });

  it('is the link worker’s alone: each sees their own cases, and other roles cannot open a caseload or change its setting', async () => {
    const { session, g } = await lee();
    await signInAs(session, 'kim');
    expect((await caseloadOf(session)).rows.map((r) => r.referralId)).toEqual([g]);
    await signInAs(session, 'lou');
    expect((await caseloadOf(session)).rows.map((r) => r.patientName)).toEqual(['PersonE (Peggy) Ellis']);
    expect((await expectError(session, 'casework.settings', { noContactAlertDays: 3 })).code).toBe('FORBIDDEN');
    await signInAs(session, 'pat');
    expect((await expectError(session, 'casework.caseload', {})).code).toBe('FORBIDDEN');
    await signInAs(session, 'rita');
    expect((await expectError(session, 'casework.caseload', {})).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'casework.get', { referralId: g })).code).toBe('FORBIDDEN');
  });

  it('is empty, not an error, for a link worker with no cases', async () => {
    const { session } = await practiceWithReferrals(tempFolder(), 1);
    expect((await caseloadOf(session)).rows).toEqual([]);
  });
});
