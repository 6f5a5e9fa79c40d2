import { describe, expect, it } from 'vitest';
import type { IssueDetail } from '../../../main/contract/newsletter';
import { dispatch } from '../../../main/dispatch/dispatch';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, createReferral, expectError, newReferral, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { MONTH, newsletterPractice } from '../newsletter/support';

const tempFolder = useTempFolders();

async function entriesAfter(session: Session, id: number) {
  return session.active().store.db.selectFrom('audit_log').selectAll().where('id', '>', id).orderBy('id').execute();
}

async function lastId(session: Session): Promise<number> {
  return (await session.active().store.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
}

/** Calls a channel that should succeed and returns the audit entries it wrote. */
async function auditOf(session: Session, channel: string, input: unknown = {}) {
  const before = await lastId(session);
  await call(session, channel, input);
  return (await entriesAfter(session, before)).map((e) => ({ action: e.action, outcome: e.outcome, targetType: e.target_type, targetId: e.target_id, detail: e.detail }));
}

describe('every call that returns or writes patient data is audited', () => {
  it('audits the lists that name patients, drafts and the pre-filled message back, with the records they showed', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    await signInAs(session, 'rita');
    const draft = (await call(session, 'referrals.saveDraft', { form: { patient: { givenName: 'Margaret' } } })) as { id: number };
    const [saved] = await auditOf(session, 'referrals.saveDraft', { id: draft.id, form: { patient: { givenName: 'Margaret', familyName: 'Ellis' } } });
    expect(saved).toEqual({ action: 'referrals.saveDraft', outcome: 'ok', targetType: 'referral_draft', targetId: String(draft.id), detail: 'saved' });
    expect(await auditOf(session, 'referrals.drafts')).toEqual([{ action: 'referrals.drafts', outcome: 'ok', targetType: 'referral_draft', targetId: String(draft.id), detail: 'own drafts: 1' }]);
    expect((await auditOf(session, 'referrals.discardDraft', { id: draft.id }))[0]).toMatchObject({ action: 'referrals.discardDraft', detail: 'discarded' });
    const { id } = await createReferral(session, newReferral());
    expect(await auditOf(session, 'referrals.mine')).toEqual([{ action: 'referrals.mine', outcome: 'ok', targetType: 'referral', targetId: String(id), detail: 'own referrals: 1' }]);

    await signInAs(session, 'lee');
    expect((await auditOf(session, 'referrals.inbox'))[0]).toMatchObject({ action: 'referrals.inbox', targetId: String(id), detail: 'inbox: 1 of 1' });
    await call(session, 'referrals.transition', { id, to: 'accepted' });
    expect((await auditOf(session, 'referrals.codingWorklist'))[0]).toMatchObject({ action: 'referrals.codingWorklist', targetId: String(id) });
    expect((await auditOf(session, 'referrals.messageBackDraft', { referralId: id }))[0]).toMatchObject({ targetType: 'referral', targetId: String(id) });
    expect((await auditOf(session, 'mdt.myActions'))[0]).toMatchObject({ action: 'mdt.myActions', outcome: 'ok', targetId: 'none' });
    expect((await auditOf(session, 'measures.due'))[0]).toMatchObject({ action: 'measures.due', outcome: 'ok' });
  });

  it('audits the story candidates, the de-identification check and the newsletter preview', async () => {
    const { session, margaret } = await newsletterPractice(tempFolder());
    expect((await auditOf(session, 'stories.candidates'))[0]).toMatchObject({ action: 'stories.candidates', targetType: 'referral', targetId: expect.stringContaining(String(margaret)) as string });
    expect((await auditOf(session, 'stories.check', { referralId: margaret, title: 'Peggy sings', text: 'Margaret Ellis sings.' }))[0]).toMatchObject({
      action: 'stories.check', targetId: String(margaret), detail: expect.stringMatching(/^de-identification check: \d+ findings$/) as string,
    });
    await signInAs(session, 'pat');
    const issue = (await call(session, 'newsletter.create', { month: MONTH, practiceId: 1 })) as IssueDetail;
    expect(await auditOf(session, 'newsletter.preview', { id: issue.summary.id })).toEqual([
      { action: 'newsletter.preview', outcome: 'ok', targetType: 'newsletter_issue', targetId: String(issue.summary.id), detail: 'previewed' },
    ]);
  });
});

describe('a refusal on practice scope', () => {
  it('is audited as refused, naming the record asked for, and stays though the write was rolled back', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    const { id } = await createReferral(session, newReferral());
    await signInAs(session, 'kim');
    const before = await lastId(session);
    expect((await expectError(session, 'referrals.transition', { id, to: 'accepted' })).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'referrals.get', { id })).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'casework.addContact', { referralId: id, at: '2026-12-04T09:00', type: 'phone', durationMinutes: 10 })).code).toBe('FORBIDDEN');
    const entries = await entriesAfter(session, before);
    expect(entries.map((e) => [e.action, e.outcome, e.actor_name, e.detail])).toEqual([
      ['referrals.transition', 'refused', 'Kim Worker', `This referral belongs to a practice you do not work at. (id ${id})`],
      ['referrals.get', 'refused', 'Kim Worker', `This referral belongs to a practice you do not work at. (id ${id})`],
      ['casework.addContact', 'refused', 'Kim Worker', `This referral belongs to a practice you do not work at. (referralId ${id})`],
    ]);
    const row = await session.active().store.db.selectFrom('referral').select(['status']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('received');
  });

  it('leaves other errors unaudited as refusals (a bad input is not a refusal)', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    await signInAs(session, 'lee');
    const before = await lastId(session);
    const r = await dispatch(session, 'referrals.get', { id: 9999 });
    expect(r.ok ? null : r.error.code).toBe('NOT_FOUND');
    expect((await entriesAfter(session, before)).filter((e) => e.outcome === 'refused')).toEqual([]);
  });
});
