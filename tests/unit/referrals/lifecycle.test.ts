import { describe, expect, it } from 'vitest';
import type { FixedClock } from '../../../main/clock/clock';
import { endStates, type ReferralDetail, type ReferralStatus, statusLabels, transitions } from '../../../main/contract/referrals';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, addUser, createReferral, expectError, newReferral, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

/** The way to reach each state that has moves out of it. */
const pathTo: Partial<Record<ReferralStatus, ReferralStatus[]>> = {
  received: [],
  accepted: ['accepted'],
  contacted: ['accepted', 'contacted'],
  in_progress: ['accepted', 'contacted', 'in_progress'],
};

const allStatuses = Object.keys(transitions) as ReferralStatus[];
const legalMoves = allStatuses.flatMap((from) => transitions[from].map((to) => [from, to] as const));
const illegalMoves = allStatuses.flatMap((from) => allStatuses.filter((to) => !transitions[from].includes(to)).map((to) => [from, to] as const));

function moveInput(id: number, to: ReferralStatus) {
  return { id, to, reason: endStates.includes(to) ? `Reason for ${to}` : '', redirectedTo: to === 'redirected' ? 'Citizens Advice' : '' };
}

/** A referral made by the manager, with Lee the link worker signed in to work it. */
async function referralForLee(): Promise<{ session: Session; id: number; team: Awaited<ReturnType<typeof addTeam>> }> {
  const { session } = await newInstallation(tempFolder());
  const team = await addTeam(session);
  const { id } = await createReferral(session, newReferral());
  await signInAs(session, 'lee');
  return { session, id, team };
}

async function moveTo(session: Session, id: number, path: readonly ReferralStatus[]): Promise<ReferralDetail> {
  let detail = (await call(session, 'referrals.get', { id })) as ReferralDetail;
  for (const to of path) {
    if (to === 'unable_to_contact') for (let i = 0; i < 3; i += 1) await call(session, 'referrals.recordContactAttempt', { id, note: '' });
    detail = (await call(session, 'referrals.transition', moveInput(id, to))) as ReferralDetail;
  }
  return detail;
}

describe('the referral’s life', () => {
  it.each(legalMoves)('moves from %s to %s', async (from, to) => {
    const { session, id } = await referralForLee();
    await moveTo(session, id, pathTo[from]!);
    const detail = await moveTo(session, id, [to]);
    expect(detail.summary.status).toBe(to);
    expect(detail.allowedNext).toEqual(transitions[to]);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'status', status: to, byName: 'Lee Worker' });
  });

  it.each(illegalMoves.filter(([from]) => pathTo[from] !== undefined || from === 'closed'))(
    'refuses to move from %s to %s, naming both states',
    async (from, to) => {
      const { session, id } = await referralForLee();
      await moveTo(session, id, from === 'closed' ? ['accepted', 'contacted', 'closed'] : pathTo[from]!);
      const e = await expectError(session, 'referrals.transition', moveInput(id, to));
      expect(e.code).toBe('CONFLICT');
      expect(e.message).toBe(`This referral is ${statusLabels[from].toLowerCase()}: it cannot move to ${statusLabels[to].toLowerCase()}.`);
      expect(((await call(session, 'referrals.get', { id })) as ReferralDetail).summary.status).toBe(from);
    },
  );

  it('has no moves out of an end state', () => {
    for (const end of endStates) expect(transitions[end]).toEqual([]);
  });

  it.each([
    ['closed', 'reason', 'Summarise the outcome'],
    ['declined', 'reason', 'Give the reason'],
    ['redirected', 'reason', 'Give the reason'],
  ] as const)('needs a reason to end a referral as %s', async (to, field, message) => {
    const { session, id } = await referralForLee();
    await moveTo(session, id, to === 'closed' ? ['accepted', 'contacted'] : []);
    const e = await expectError(session, 'referrals.transition', { id, to, reason: '  ', redirectedTo: 'Citizens Advice' });
    expect(e.code).toBe('VALIDATION');
    expect(e.fieldErrors?.[field]).toEqual([message]);
  });

  it('needs the service a referral is redirected to', async () => {
    const { session, id } = await referralForLee();
    const e = await expectError(session, 'referrals.transition', { id, to: 'redirected', reason: 'Better served elsewhere' });
    expect(e.fieldErrors).toEqual({ redirectedTo: ['Name the service the person was redirected to'] });
  });

  it('records who ended the referral, when, and why, and keeps the outcome', async () => {
    const { session, id } = await referralForLee();
    const closedAt = new Date('2026-12-04T10:34:00Z'); // four minutes on: within the idle limit
    (session.clock as FixedClock).set(closedAt);
    const detail = await moveTo(session, id, ['accepted', 'contacted', 'closed']);
    const last = detail.timeline.at(-1)!;
    expect(last).toMatchObject({ status: 'closed', byName: 'Lee Worker', text: 'Reason for closed' });
    expect(last.at).toBe(closedAt.toISOString());
    expect(detail.summary.lastActivityAt).toBe(last.at);
    const row = await session.active().store.db.selectFrom('referral').select(['outcome', 'status_changed_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toEqual({ outcome: 'Reason for closed', status_changed_at: last.at });
  });
});

describe('accepting', () => {
  it('assigns the referral to the link worker who accepts it', async () => {
    const { session, id } = await referralForLee();
    const detail = await moveTo(session, id, ['accepted']);
    expect(detail.summary.assignedToName).toBe('Lee Worker');
    expect(detail.timeline.at(-1)?.text).toBe('Assigned to Lee Worker');
  });

  it('assigns it to another link worker of the practice when one is named', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    const sam = await addUser(session, 'sam', 'link_worker', [1, 2], 'Sam Patel');
    const { id } = await createReferral(session, newReferral());
    await signInAs(session, 'lee');
    const detail = (await call(session, 'referrals.transition', { id, to: 'accepted', assignToUserId: sam, reason: 'Sam covers Tuesdays' })) as ReferralDetail;
    expect(detail.summary.assignedToName).toBe('Sam Patel');
    expect(detail.timeline.at(-1)?.text).toBe('Assigned to Sam Patel. Sam covers Tuesdays');
  });

  it('refuses to assign to someone who is not a link worker at the referral’s practice', async () => {
    const { session, id, team } = await referralForLee();
    for (const userId of [team.kim, team.rita, 999]) {
      const e = await expectError(session, 'referrals.transition', { id, to: 'accepted', assignToUserId: userId });
      expect(e.fieldErrors).toEqual({ assignToUserId: ['Choose a link worker who works at this referral’s practice'] });
    }
  });
});

describe('unable to contact', () => {
  it('needs the set number of contact attempts first, and says how many are recorded', async () => {
    const { session, id } = await referralForLee();
    await moveTo(session, id, ['accepted']);
    await call(session, 'referrals.recordContactAttempt', { id, note: 'No answer, left voicemail' });
    let detail = (await call(session, 'referrals.recordContactAttempt', { id, note: '' })) as ReferralDetail;
    expect(detail.contactAttempts).toBe(2);
    expect(detail.timeline.map((e) => e.text).slice(-2)).toEqual(['Contact attempt 1: No answer, left voicemail', 'Contact attempt 2']);

    const e = await expectError(session, 'referrals.transition', { id, to: 'unable_to_contact', reason: 'Three calls, no answer' });
    expect(e.code).toBe('VALIDATION');
    expect(e.fieldErrors?.to?.[0]).toBe('Record 3 attempts to contact the person before marking the referral unable to contact: 2 attempts are recorded');

    await call(session, 'referrals.recordContactAttempt', { id, note: 'Letter sent' });
    detail = (await call(session, 'referrals.transition', { id, to: 'unable_to_contact', reason: 'Three calls, no answer' })) as ReferralDetail;
    expect(detail.summary.status).toBe('unable_to_contact');
  });

  it('follows the practice’s setting for the number of attempts', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    expect(await call(session, 'referrals.settings', { contactAttemptsBeforeUnable: 1 })).toEqual({ staleAfterWorkingDays: 10, contactAttemptsBeforeUnable: 1 });
    const { id } = await createReferral(session, newReferral());
    await signInAs(session, 'lee');
    await moveTo(session, id, ['accepted']);
    await call(session, 'referrals.recordContactAttempt', { id, note: '' });
    const detail = (await call(session, 'referrals.transition', { id, to: 'unable_to_contact', reason: 'No answer' })) as ReferralDetail;
    expect(detail.summary.status).toBe('unable_to_contact');
  });

  it('takes no more contact attempts once the referral has ended', async () => {
    const { session, id } = await referralForLee();
    await moveTo(session, id, ['declined']);
    expect((await expectError(session, 'referrals.recordContactAttempt', { id, note: '' })).code).toBe('CONFLICT');
  });
});

describe('the referral settings', () => {
  it('read with an empty input and keep a value not sent', async () => {
    const { session } = await newInstallation(tempFolder());
    expect(await call(session, 'referrals.settings', {})).toEqual({ staleAfterWorkingDays: 10, contactAttemptsBeforeUnable: 3 });
    await call(session, 'referrals.settings', { staleAfterWorkingDays: 5 });
    expect(await call(session, 'referrals.settings', {})).toEqual({ staleAfterWorkingDays: 5, contactAttemptsBeforeUnable: 3 });
    const e = await expectError(session, 'referrals.settings', { staleAfterWorkingDays: 0 });
    expect(e.fieldErrors).toEqual({ staleAfterWorkingDays: ['At least 1 working day'] });
  });
});
