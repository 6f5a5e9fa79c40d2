import { describe, expect, it } from 'vitest';
import type { DueFollowUp, Measure, MeasuresForReferral } from '../../../main/contract/measures';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, addUser, createReferral, expectError, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

/** A case at practice 1 (made by the manager), with Lee, a link worker at practice 1, signed in. */
async function caseForLee(): Promise<{ session: Session; referralId: number }> {
  const { session } = await newInstallation(tempFolder());
  await addTeam(session);
  const { id } = await createReferral(session, newReferral());
  await signInAs(session, 'lee');
  return { session, referralId: id };
}

const record = (session: Session, input: Record<string, unknown>) => call(session, 'measures.record', input) as Promise<Measure>;
const forReferral = (session: Session, referralId: number) => call(session, 'measures.forReferral', { referralId }) as Promise<MeasuresForReferral>;
const due = (session: Session, input: Record<string, unknown> = {}) => call(session, 'measures.due', input) as Promise<{ followUpWeeks: number; rows: DueFollowUp[] }>;

async function measureRows(session: Session) {
  return session.active().store.db.selectFrom('measure').selectAll().orderBy('id').execute();
}

async function lastAudit(session: Session) {
  return session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}

describe('recording wellbeing measures on a case', () => {
  it('records a SWEMWBS baseline and follow-up from item answers and reads back the series with its change', async () => {
    const { session, referralId } = await caseForLee();

    // raw 3+3+3+3+3+3+3 = 21 → 19.25; raw 4+4+3+4+3+3+3 = 24 → 21.54
    const baseline = await record(session, { referralId, instrument: 'swemwbs', stage: 'baseline', takenOn: '2026-05-04', answers: [3, 3, 3, 3, 3, 3, 3] });
    expect(baseline.scores).toEqual({ instrument: 'swemwbs', raw: 21, metric: 19.25 });
    expect(baseline.recordedByName).toBe('Lee Worker');
    const audit = await lastAudit(session);
    expect(audit).toMatchObject({ action: 'measures.record', outcome: 'ok', target_type: 'measure', target_id: String(baseline.id) });
    expect(audit.detail).toBe(`referral ${referralId}: SWEMWBS baseline taken 2026-05-04`);

    await record(session, { referralId, instrument: 'swemwbs', stage: 'follow_up', takenOn: '2026-08-03', answers: ['4', '4', '3', '4', '3', '3', '3'] });

    const read = await forReferral(session, referralId);
    expect(read.measures.map((m) => [m.stage, m.takenOn, m.answers])).toEqual([
      ['baseline', '2026-05-04', [3, 3, 3, 3, 3, 3, 3]],
      ['follow_up', '2026-08-03', [4, 4, 3, 4, 3, 3, 3]],
    ]);
    expect(read.series).toHaveLength(1);
    const [series] = read.series;
    expect(series!.points.map((p) => p.value)).toEqual([19.25, 21.54]);
    expect(series!.change).toMatchObject({ baseline: 19.25, latest: 21.54, difference: 2.29, better: true, size: 'within_range' });
    expect(series!.change!.description).toContain('up 2.29 points: a change within the range of meaningful individual change (about 1 to 3 points)');

    expect(await lastAudit(session)).toMatchObject({ action: 'measures.forReferral', target_type: 'referral', target_id: String(referralId) });
  });

  it('keeps the answers and the scores main computed in the database, and nothing else', async () => {
    const { session, referralId } = await caseForLee();
    await record(session, { referralId, instrument: 'ucla3', stage: 'baseline', takenOn: '2026-05-04', answers: [3, 2, 3, 2] });
    await record(session, { referralId, instrument: 'ons4', stage: 'baseline', takenOn: '2026-05-04', answers: [4, 5, 7, 6] });
    const [ucla, ons] = await measureRows(session);
    expect(JSON.parse(ucla!.answers)).toEqual([3, 2, 3, 2]);
    expect(JSON.parse(ucla!.scores)).toEqual({ instrument: 'ucla3', total: 8, direct: 'some_of_the_time' });
    expect(JSON.parse(ons!.scores).items.map((i: { band: string }) => i.band)).toEqual(['low', 'medium', 'high', 'high']);
    const read = await forReferral(session, referralId);
    expect(read.series.map((s) => s.key)).toEqual(['life_satisfaction', 'worthwhile', 'happiness', 'anxiety', 'ucla_total']);
    expect(read.series.every((s) => s.change === null)).toBe(true);
  });

  it('refuses a typed-in total and stores nothing', async () => {
    const { session, referralId } = await caseForLee();
    const e = await expectError(session, 'measures.record', {
      referralId, instrument: 'swemwbs', stage: 'baseline', takenOn: '2026-05-04', answers: [3, 3, 3, 3, 3, 3, 3], metric: 35,
    });
    expect(e.code).toBe('VALIDATION');
    expect(e.fieldErrors!._form![0]).toMatch(/works out every score itself/);
    expect(await measureRows(session)).toEqual([]);
  });

  it('names the unanswered question in main’s field errors', async () => {
    const { session, referralId } = await caseForLee();
    const e = await expectError(session, 'measures.record', { referralId, instrument: 'ons4', stage: 'baseline', takenOn: '2026-05-04', answers: [1, 2, 3, null] });
    expect(e).toMatchObject({ code: 'VALIDATION', fieldErrors: { 'answers.3': ['Choose an answer for question 4'] } });
  });

  it('allows one baseline per measure, and a follow-up only after a baseline of that measure', async () => {
    const { session, referralId } = await caseForLee();
    const early = await expectError(session, 'measures.record', { referralId, instrument: 'ucla3', stage: 'follow_up', takenOn: '2026-05-04', answers: [1, 1, 1] });
    expect(early.fieldErrors).toEqual({ stage: ['This case has no UCLA loneliness baseline yet: record this one as the baseline'] });

    await record(session, { referralId, instrument: 'ucla3', stage: 'baseline', takenOn: '2026-05-04', answers: [1, 1, 1] });
    const second = await expectError(session, 'measures.record', { referralId, instrument: 'ucla3', stage: 'baseline', takenOn: '2026-06-04', answers: [1, 1, 1] });
    expect(second.code).toBe('CONFLICT');
    expect(second.fieldErrors!.stage![0]).toMatch(/already has a UCLA loneliness baseline, taken on 04\/05\/2026/);

    const before = await expectError(session, 'measures.record', { referralId, instrument: 'ucla3', stage: 'follow_up', takenOn: '2026-05-03', answers: [1, 1, 1] });
    expect(before.fieldErrors).toEqual({ takenOn: ['A follow-up cannot be dated before the UCLA loneliness baseline (04/05/2026)'] });

    // A baseline of another measure is another matter.
    await record(session, { referralId, instrument: 'swemwbs', stage: 'baseline', takenOn: '2026-06-04', answers: [1, 1, 1, 1, 1, 1, 1] });
    expect(await measureRows(session)).toHaveLength(2);
  });
});

describe('who may record and read measures', () => {
  it('refuses a link worker of another practice, to record and to read, and stores nothing', async () => {
    const { session, referralId } = await caseForLee();
    await record(session, { referralId, instrument: 'ucla3', stage: 'baseline', takenOn: '2026-05-04', answers: [2, 2, 2] });
    await signInAs(session, 'kim');
    const write = await expectError(session, 'measures.record', { referralId, instrument: 'ucla3', stage: 'follow_up', takenOn: '2026-06-04', answers: [1, 1, 1] });
    expect(write).toMatchObject({ code: 'FORBIDDEN', message: 'This case belongs to a practice you do not work at.' });
    const read = await expectError(session, 'measures.forReferral', { referralId });
    expect(read.code).toBe('FORBIDDEN');
    expect(await measureRows(session)).toHaveLength(1);
    expect((await due(session, { asOf: '2026-12-31' })).rows).toEqual([]);
  });

  it('lets the practice manager read the measures but not record one', async () => {
    const { session, referralId } = await caseForLee();
    await record(session, { referralId, instrument: 'ucla3', stage: 'baseline', takenOn: '2026-05-04', answers: [2, 2, 2] });
    await signInAs(session, 'pat');
    expect((await forReferral(session, referralId)).measures).toHaveLength(1);
    const e = await expectError(session, 'measures.record', { referralId, instrument: 'ucla3', stage: 'follow_up', takenOn: '2026-06-04', answers: [1, 1, 1] });
    expect(e.code).toBe('FORBIDDEN');
  });

  it.each([['rita', 'reception'], ['chris', 'clinician']] as const)('refuses %s (%s at the same practice) by role', async (username, role) => {
    const { session, referralId } = await caseForLee();
    await signInAs(session, 'pat');
    if (role === 'clinician') await addUser(session, username, role, [1], 'Chris Clinician');
    await signInAs(session, username);
    expect((await expectError(session, 'measures.forReferral', { referralId })).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'measures.due', {})).code).toBe('FORBIDDEN');
  });

  it('says a case that does not exist does not exist', async () => {
    const { session } = await caseForLee();
    expect((await expectError(session, 'measures.forReferral', { referralId: 999 })).code).toBe('NOT_FOUND');
  });
});

describe('follow-ups due', () => {
  it('lists a case whose baseline is 12 weeks old with no follow-up since, and drops it once the follow-up is recorded', async () => {
    const { session, referralId } = await caseForLee();
    await record(session, { referralId, instrument: 'swemwbs', stage: 'baseline', takenOn: '2026-05-04', answers: [3, 3, 3, 3, 3, 3, 3] });
    await record(session, { referralId, instrument: 'ons4', stage: 'baseline', takenOn: '2026-05-11', answers: [5, 5, 5, 5] });

    expect(await due(session, { asOf: '2026-07-26' })).toEqual({ followUpWeeks: 12, rows: [] });
    expect((await due(session, { asOf: '2026-07-27' })).rows).toEqual([{ referralId, instrument: 'swemwbs', baselineOn: '2026-05-04', dueOn: '2026-07-27' }]);

    await record(session, { referralId, instrument: 'swemwbs', stage: 'follow_up', takenOn: '2026-07-30', answers: [4, 4, 4, 4, 4, 4, 4] });
    expect((await due(session, { asOf: '2026-08-10' })).rows).toEqual([{ referralId, instrument: 'ons4', baselineOn: '2026-05-11', dueOn: '2026-08-03' }]);
  });

  it('follows the practice’s setting for the number of weeks', async () => {
    const { session, referralId } = await caseForLee();
    await record(session, { referralId, instrument: 'ucla3', stage: 'baseline', takenOn: '2026-05-04', answers: [2, 2, 2] });
    await signInAs(session, 'pat');
    expect(await call(session, 'measures.settings', { followUpWeeks: 6 })).toEqual({ followUpWeeks: 6 });
    await signInAs(session, 'lee');
    expect(await due(session, { asOf: '2026-06-15' })).toEqual({ followUpWeeks: 6, rows: [{ referralId, instrument: 'ucla3', baselineOn: '2026-05-04', dueOn: '2026-06-15' }] });
  });

  it('leaves out closed cases', async () => {
    const { session, referralId } = await caseForLee();
    await record(session, { referralId, instrument: 'ucla3', stage: 'baseline', takenOn: '2026-05-04', answers: [2, 2, 2] });
    await signInAs(session, 'pat');
    const other = await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(5), givenName: 'Tom' }));
    await signInAs(session, 'lee');
    await record(session, { referralId: other.id, instrument: 'ucla3', stage: 'baseline', takenOn: '2026-05-04', answers: [2, 2, 2] });
    for (const to of ['accepted', 'contacted', 'closed'] as const) {
      await call(session, 'referrals.transition', { id: referralId, to, reason: to === 'closed' ? 'Goals met' : '' });
    }
    expect((await due(session, { asOf: '2026-12-01' })).rows.map((r) => r.referralId)).toEqual([other.id]);
  });
});
