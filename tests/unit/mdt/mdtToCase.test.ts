import { describe, expect, it } from 'vitest';
import { type CaseFile, closureWarnings } from '../../../main/contract/casework';
import type { Agenda, MdtAction } from '../../../main/contract/mdt';
import { call } from '../../support/installation';
import { addUser, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { contacted, getCase, getReferral, practiceWithReferrals } from '../casework/support';
import { agenda, nextWorkingDayFromToday, oneOff, saveMeeting, weeksAhead } from './support';

const tempFolder = useTempFolders();

/** Lee's case discussed at an MDT: one action for Lee, one for the GP, and the meeting finished. */
async function discussedCase() {
  const { session, team, ids } = await practiceWithReferrals(tempFolder(), 2);
  await signInAs(session, 'pat');
  const gp = await addUser(session, 'amir', 'clinician', [1], 'Dr Amir Khan');
  await signInAs(session, 'lee');
  const [id, other] = ids as [number, number];
  await contacted(session, id);
  await contacted(session, other);
  await call(session, 'casework.flagForMdt', { referralId: id, question: 'Could the nurse review her diabetes?' });
  const { meeting } = await saveMeeting(session, oneOff(nextWorkingDayFromToday()));
  await call(session, 'mdt.addItem', { meetingId: meeting.id, kind: 'case', referralId: id, question: 'Review', presenter: 'Lee Worker', lateReason: 'Flagged this week' });
  const a = (await call(session, 'mdt.start', { meetingId: meeting.id })) as Agenda;
  const item = a.items.find((i) => i.referralId === id)!;
  await call(session, 'mdt.saveMinutes', { itemId: item.id, situation: 'HbA1c rising', actionToDate: '', update: '', nextSteps: 'Nurse review', decision: 'Joint GP and nurse appointment', discussed: true, carryForward: false });
  const dueLee = weeksAhead(2);
  await call(session, 'mdt.addAction', { meetingId: meeting.id, itemId: item.id, text: 'Book the joint appointment', ownerUserId: team.lee, ownerName: 'Lee', dueOn: dueLee });
  await call(session, 'mdt.addAction', { meetingId: meeting.id, itemId: item.id, text: 'Review her medication', ownerUserId: gp, ownerName: 'Amir', dueOn: weeksAhead(3) });
  await call(session, 'mdt.finish', { meetingId: meeting.id });
  return { session, id, other, meeting, dueLee };
}

describe('MDT decisions and actions reach the case', () => {
  it('shows the meeting, its decision and its actions on the case and its timeline', async () => {
    const { session, id, meeting } = await discussedCase();
    const file = await getCase(session, id);
    expect(file.mdtDiscussions).toEqual([expect.objectContaining({
      meetingId: meeting.id, decision: 'Joint GP and nurse appointment', nextSteps: 'Nurse review',
      actions: [
        expect.objectContaining({ text: 'Book the joint appointment', ownerName: 'Lee Worker', doneOn: null }),
        expect.objectContaining({ text: 'Review her medication', ownerName: 'Dr Amir Khan', doneOn: null }),
      ],
    })]);
    const timeline = (await getReferral(session, id)).timeline.map((e) => e.text);
    expect(timeline.find((t) => t.startsWith('Discussed at'))).toMatch(/decision: Joint GP and nurse appointment; action for Lee Worker by .*Book the joint appointment; action for Dr Amir Khan/);
  });

  it('makes the link worker’s action a next step with its due date, and marking either done marks both', async () => {
    const { session, id, dueLee } = await discussedCase();
    let file = await getCase(session, id);
    const step = file.nextSteps.find((s) => s.fromMdtOn !== null)!;
    expect(step).toMatchObject({ dueOn: dueLee, doneOn: null, text: expect.stringMatching(/^Book the joint appointment \(agreed at the MDT on /) });
    file = (await call(session, 'casework.saveNextStep', { referralId: id, id: step.id, text: step.text, dueOn: step.dueOn, done: true })) as CaseFile;
    expect((await call(session, 'mdt.myActions')) as MdtAction[]).toEqual([]);
    expect(file.mdtDiscussions[0]!.actions[0]!.doneOn).not.toBeNull();
    // The GP's action is the GP's, not a step on the case.
    expect(file.nextSteps.filter((s) => s.fromMdtOn !== null)).toHaveLength(1);
  });

  it('lists the GP’s action under their own actions, and marking it done there keeps the case in step', async () => {
    const { session, id } = await discussedCase();
    await signInAs(session, 'amir');
    const mine = (await call(session, 'mdt.myActions')) as MdtAction[];
    expect(mine.map((a) => [a.text, a.about])).toEqual([['Review her medication', 'P.E.']]);
    await signInAs(session, 'lee');
    const leeStep = (await getCase(session, id)).nextSteps.find((s) => s.fromMdtOn !== null)!;
    const leeAction = ((await call(session, 'mdt.myActions')) as MdtAction[])[0]!;
    await call(session, 'mdt.completeAction', { actionId: leeAction.id });
    expect((await getCase(session, id)).nextSteps.find((s) => s.id === leeStep.id)!.doneOn).not.toBeNull();
  });

  it('warns before closing about open flags, steps, goals and MDT actions, and marks a closed case on the agenda', async () => {
    const { session, other } = await discussedCase();
    await call(session, 'casework.flagForMdt', { referralId: other, question: 'Housing?' });
    await call(session, 'casework.saveGoal', { referralId: other, text: 'Join the choir', targetDate: weeksAhead(6), progress: 'in_progress' });
    const { meeting } = await saveMeeting(session, oneOff(weeksAhead(4)));
    expect((await agenda(session, meeting.id)).items.some((i) => i.referralId === other)).toBe(true);
    const warnings = closureWarnings(await getCase(session, other));
    expect(warnings).toEqual([
      'The case is flagged for the MDT: closing takes it off the list.',
      expect.stringMatching(/^It is on the agenda of MDT meeting on \d\d\/\d\d\/\d{4}: the agenda will show it as closed\.$/),
      '1 goal is still in progress.',
    ]);
    await call(session, 'casework.close', { referralId: other, outcomeSummary: 'Moved away' });
    const item = (await agenda(session, meeting.id)).items.find((i) => i.referralId === other)!;
    expect(item.patient!.status).toBe('closed');
  });
});
