import { describe, expect, it } from 'vitest';
import type { MyReferral, ReferralDetail, ReferralSummary } from '../../../main/contract/referrals';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, addUser, createReferral, expectError, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const PRIVATE_NOTE = 'Son says she is drinking heavily again';

/**
 * Rita (reception, practice 1) refers a patient; Lee (link worker, practice 1) accepts with a
 * private note and writes a message back. Also a referral at practice 2.
 */
async function referredByRita(): Promise<{ session: Session; id: number; other: number }> {
  const { session } = await newInstallation(tempFolder());
  await addTeam(session);
  await addUser(session, 'max', 'practice_manager', [2], 'Max Manager');
  const { id: other } = await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(9), registeredPracticeId: 2 }));
  await signInAs(session, 'rita');
  const { id } = await createReferral(session, newReferral({}, { source: 'reception', whatMatters: 'Seeing her grandchildren more' }));
  await signInAs(session, 'lee');
  await call(session, 'referrals.transition', { id, to: 'accepted', reason: PRIVATE_NOTE });
  await call(session, 'referrals.messageBack', { referralId: id, occasion: 'acceptance', needs: 'Loneliness', whatMatters: 'Family', supportOffered: '', servicesReferredTo: '', outcomes: '' });
  return { session, id, other };
}

describe('who may see and change referrals', () => {
  it('refuses a receptionist the referral, the inbox and the coding worklist', async () => {
    const { session, id } = await referredByRita();
    await signInAs(session, 'rita');
    for (const [channel, input] of [['referrals.get', { id }], ['referrals.inbox', {}], ['referrals.codingWorklist', {}], ['referrals.exportPdf', { id }]] as const) {
      expect((await expectError(session, channel, input)).code).toBe('FORBIDDEN');
    }
  });

  it('shows a receptionist her referral’s status and the message back, never the form or the link worker’s notes', async () => {
    const { session, id } = await referredByRita();
    await signInAs(session, 'rita');
    const mine = (await call(session, 'referrals.mine')) as MyReferral[];
    expect(mine).toHaveLength(1);
    expect(Object.keys(mine[0]!).sort()).toEqual(['id', 'messageBackTo', 'messages', 'nhsNumber', 'patientName', 'receivedAt', 'status', 'statusChangedAt']);
    expect(mine[0]).toMatchObject({ id, status: 'accepted', patientName: 'Margaret (Peggy) Ellis' });
    expect(mine[0]!.messages.map((m) => m.needs)).toEqual(['Loneliness']);
    const text = JSON.stringify(mine);
    expect(text).not.toContain(PRIVATE_NOTE);
    expect(text).not.toContain('grandchildren');
  });

  it('shows each referrer only their own referrals', async () => {
    const { session } = await referredByRita();
    const lees = (await call(session, 'referrals.mine')) as MyReferral[];
    expect(lees).toEqual([]);
  });

  it('keeps a link worker to the practices they work at', async () => {
    const { session, id } = await referredByRita();
    await signInAs(session, 'kim');
    expect((await expectError(session, 'referrals.get', { id })).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'referrals.transition', { id, to: 'contacted' })).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'referrals.recordContactAttempt', { id })).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'referrals.inbox', { practiceId: 1 })).code).toBe('FORBIDDEN');
    const inbox = (await call(session, 'referrals.inbox', {})) as { rows: ReferralSummary[] };
    expect(inbox.rows.map((r) => r.practiceId)).toEqual([2]);
  });

  it('lets a practice manager read the referrals of their practices but not work them', async () => {
    const { session, id, other } = await referredByRita();
    await signInAs(session, 'max');
    expect((await expectError(session, 'referrals.get', { id })).code).toBe('FORBIDDEN');
    expect(((await call(session, 'referrals.get', { id: other })) as ReferralDetail).summary.id).toBe(other);
    expect((await expectError(session, 'referrals.transition', { id: other, to: 'accepted' })).code).toBe('FORBIDDEN');
    const inbox = (await call(session, 'referrals.inbox', {})) as { rows: ReferralSummary[]; total: number };
    expect(inbox.rows.map((r) => r.id)).toEqual([other]);
  });

  it('audits every read of a referral with who read which record', async () => {
    const { session, id } = await referredByRita();
    await call(session, 'referrals.get', { id });
    const last = await session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'referrals.get', actor_name: 'Lee Worker', target_type: 'referral', target_id: String(id), outcome: 'ok' });
  });

  it('audits a refused read too', async () => {
    const { session, id } = await referredByRita();
    await signInAs(session, 'rita');
    await expectError(session, 'referrals.get', { id });
    const last = await session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'referrals.get', actor_name: 'Rita Reception', outcome: 'refused' });
  });

  it('does not show a receptionist the record of a patient registered at another practice', async () => {
    const { session } = await referredByRita();
    const patient = await session.active().store.db.selectFrom('patient').select('id').where('registered_practice_id', '=', 2).executeTakeFirstOrThrow();
    await signInAs(session, 'rita');
    expect((await expectError(session, 'patients.get', { id: patient.id })).code).toBe('FORBIDDEN');
  });

  it('lets only the referrer mark a message back as read', async () => {
    const { session, id } = await referredByRita();
    const detail = (await call(session, 'referrals.get', { id })) as ReferralDetail;
    const messageId = detail.messages[0]!.id;
    expect((await expectError(session, 'referrals.markMessageRead', { messageId })).code).toBe('FORBIDDEN');
    await signInAs(session, 'rita');
    await call(session, 'referrals.markMessageRead', { messageId });
    const [mine] = (await call(session, 'referrals.mine')) as MyReferral[];
    expect(Date.parse(mine!.messages[0]!.readAt!)).not.toBeNaN();
  });
});
