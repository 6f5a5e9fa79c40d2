import { describe, expect, it } from 'vitest';
import type { CaseFile } from '../../../main/contract/casework';
import { call } from '../../support/installation';
import { expectError } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { contacted, getCase, getReferral, lastAudit, practiceWithReferrals } from './support';

const tempFolder = useTempFolders();

describe('the personalised care and support plan', () => {
  it('starts from what matters in the referral, and keeps the link worker’s words once changed', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    const start = await contacted(session, id!);
    expect(start.plan).toEqual({ whatMatters: 'Getting out of the house again; singing in a choir.', fromReferral: true, updatedAt: null, updatedByName: null });

    const file = (await call(session, 'casework.savePlan', { referralId: id, whatMatters: '  Singing again; warm home this winter  ' })) as CaseFile;
    expect(file.plan).toMatchObject({ whatMatters: 'Singing again; warm home this winter', fromReferral: false, updatedByName: 'Lee Worker' });
    // The referral keeps what the referrer wrote.
    expect((await getReferral(session, id!)).details.whatMatters).toBe('Getting out of the house again; singing in a choir.');

    const empty = await expectError(session, 'casework.savePlan', { referralId: id, whatMatters: '   ' });
    expect(empty.fieldErrors).toEqual({ whatMatters: ['Enter what matters to the person'] });
    expect((await getCase(session, id!)).plan.whatMatters).toBe('Singing again; warm home this winter');
  });

  it('keeps goals in the person’s own words with target dates and progress, and puts an achieved goal on the timeline', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await contacted(session, id!);
    await call(session, 'casework.saveGoal', { referralId: id, text: 'I want to sing in a choir again', targetDate: '2026-12-31' });
    let file = (await call(session, 'casework.saveGoal', { referralId: id, text: 'Sort out my heating bills', targetDate: '', progress: 'in_progress' })) as CaseFile;
    expect(file.goals.map((g) => [g.text, g.targetDate, g.progress])).toEqual([
      ['I want to sing in a choir again', '2026-12-31', 'not_started'],
      ['Sort out my heating bills', null, 'in_progress'],
    ]);
    const choir = file.goals[0]!;
    file = (await call(session, 'casework.saveGoal', { referralId: id, id: choir.id, text: choir.text, targetDate: choir.targetDate, progress: 'achieved' })) as CaseFile;
    expect(file.goals[0]).toMatchObject({ id: choir.id, progress: 'achieved', updatedByName: 'Lee Worker' });
    expect(await lastAudit(session)).toMatchObject({ action: 'casework.saveGoal', detail: `goal ${choir.id} changed: achieved` });
    const timeline = (await getReferral(session, id!)).timeline;
    expect(timeline.at(-1)).toMatchObject({ kind: 'note', text: 'Goal achieved: I want to sing in a choir again' });

    // Saving it again as achieved adds no second entry.
    await call(session, 'casework.saveGoal', { referralId: id, id: choir.id, text: 'I sing in a choir again', progress: 'achieved' });
    expect((await getReferral(session, id!)).timeline.filter((e) => e.text.startsWith('Goal achieved'))).toHaveLength(1);

    const missing = await expectError(session, 'casework.saveGoal', { referralId: id, text: '', progress: 'sideways' });
    expect(missing.fieldErrors).toEqual({ text: ['Enter the goal in the person’s own words'], progress: ['Choose how the goal is going'] });
  });

  it('refuses to change a goal through another case', async () => {
    const { session, ids: [a, b] } = await practiceWithReferrals(tempFolder(), 2);
    await contacted(session, a!);
    await contacted(session, b!);
    const file = (await call(session, 'casework.saveGoal', { referralId: a, text: 'Walk to the shops' })) as CaseFile;
    const e = await expectError(session, 'casework.saveGoal', { referralId: b, id: file.goals[0]!.id, text: 'Hijacked', progress: 'achieved' });
    expect(e).toEqual({ code: 'NOT_FOUND', message: 'That goal is not on this case.' });
    expect((await getCase(session, a!)).goals[0]!.text).toBe('Walk to the shops');
  });

  it('lists agreed next steps still to do by due date, then those done with the day they were done', async () => {
    const { session, ids: [id] } = await practiceWithReferrals(tempFolder());
    await contacted(session, id!);
    await call(session, 'casework.saveNextStep', { referralId: id, text: 'Phone Citizens Advice together', dueOn: '2026-12-10' });
    let file = (await call(session, 'casework.saveNextStep', { referralId: id, text: 'Visit the choir rehearsal', dueOn: '2026-12-03' })) as CaseFile;
    expect(file.nextSteps.map((s) => s.text)).toEqual(['Visit the choir rehearsal', 'Phone Citizens Advice together']);
    const visit = file.nextSteps[0]!;
    file = (await call(session, 'casework.saveNextStep', { referralId: id, id: visit.id, text: visit.text, dueOn: visit.dueOn, done: true })) as CaseFile;
    expect(file.nextSteps.map((s) => [s.text, s.doneOn === null])).toEqual([
      ['Phone Citizens Advice together', true],
      ['Visit the choir rehearsal', false],
    ]);
    expect(file.nextSteps[1]!.doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const bad = await expectError(session, 'casework.saveNextStep', { referralId: id, text: 'Something', dueOn: '31/12/2026' });
    expect(Object.keys(bad.fieldErrors!)).toEqual(['dueOn']);
    expect(bad.fieldErrors!.dueOn![0]).toBe('Enter a date as day, month and year');
  });
});
