import { describe, expect, it } from 'vitest';
import { SNOMED } from '../../../main/contract/nhs';
import type { MessageBack, MessageBackContent, MyReferral, ReferralDetail } from '../../../main/contract/referrals';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, createReferral, expectError, newReferral, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

/** Rita refers; Lee, the link worker, is signed in. */
async function referral(details: Parameters<typeof newReferral>[1] = {}): Promise<{ session: Session; id: number }> {
  const { session } = await newInstallation(tempFolder());
  await addTeam(session);
  await signInAs(session, 'rita');
  const { id } = await createReferral(session, newReferral({}, { reasons: ['loneliness', 'housing', 'other'], reasonOther: 'Help with a blue badge form', ...details }));
  await signInAs(session, 'lee');
  return { session, id };
}

const move = (session: Session, id: number, to: string, reason = '', redirectedTo = '') =>
  call(session, 'referrals.transition', { id, to, reason, redirectedTo }) as Promise<ReferralDetail>;

async function draftFor(session: Session, id: number): Promise<MessageBackContent> {
  return (await call(session, 'referrals.messageBackDraft', { referralId: id })) as MessageBackContent;
}

async function send(session: Session, id: number, occasion: MessageBack['occasion'], content: MessageBackContent): Promise<MessageBack> {
  return (await call(session, 'referrals.messageBack', { referralId: id, occasion, ...content })) as MessageBack;
}

describe('the message back to the GP and referrer', () => {
  it('is pre-filled with the needs, what matters, the support offered and the outcome', async () => {
    const { session, id } = await referral({ whatMatters: 'Staying in her own home' });
    await move(session, id, 'accepted');
    let draft = await draftFor(session, id);
    expect(draft).toEqual({
      needs: 'Loneliness and isolation; Housing; Other: Help with a blue badge form',
      whatMatters: 'Staying in her own home',
      supportOffered: '',
      servicesReferredTo: '',
      outcomes: '',
    });
    await move(session, id, 'contacted', 'Met at the practice; talked through housing options');
    await move(session, id, 'closed', 'Joined the Tuesday lunch club; housing application made');
    draft = await draftFor(session, id);
    expect(draft.supportOffered).toMatch(/^\d\d\/\d\d\/\d{4}: Met at the practice; talked through housing options$/);
    expect(draft.outcomes).toBe('Closed: Joined the Tuesday lunch club; housing application made');
  });

  it('names the service a redirected referral went to', async () => {
    const { session, id } = await referral();
    await move(session, id, 'redirected', 'Debt is the main worry', 'Citizens Advice Leeds');
    const draft = await draftFor(session, id);
    expect(draft.servicesReferredTo).toBe('Citizens Advice Leeds');
    expect(draft.outcomes).toBe('Redirected: Debt is the main worry');
  });

  it('carries the referral code once accepted, its author and occasion, and reaches the referrer', async () => {
    const { session, id } = await referral();
    await move(session, id, 'accepted');
    const message = await send(session, id, 'acceptance', await draftFor(session, id));
    expect(message).toMatchObject({ referralId: id, occasion: 'acceptance', authorName: 'Lee Worker', readAt: null, codes: [{ ...SNOMED.referral }] });
    const detail = (await call(session, 'referrals.get', { id })) as ReferralDetail;
    expect(detail.messages.map((m) => m.id)).toEqual([message.id]);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'message', byName: 'Lee Worker' });

    await signInAs(session, 'rita');
    const [mine] = (await call(session, 'referrals.mine')) as MyReferral[];
    expect(mine?.messages).toEqual([message]);
  });

  it('addressed to the usual GP only, is not shown to the referrer, nor exported or marked read by them', async () => {
    const { session, id } = await referral({ messageBackTo: 'usual_gp', usualGp: 'Dr Priya Shah' });
    await move(session, id, 'accepted');
    const message = await send(session, id, 'acceptance', await draftFor(session, id));
    await signInAs(session, 'rita');
    const [mine] = (await call(session, 'referrals.mine')) as MyReferral[];
    expect(mine).toMatchObject({ id, messageBackTo: 'usual_gp', messages: [] });
    const gpOnly = 'This referral’s message back goes to the patient’s usual GP only, not to the referrer.';
    expect(await expectError(session, 'referrals.exportMessage', { messageId: message.id, format: 'pdf' })).toMatchObject({ code: 'FORBIDDEN', message: gpOnly });
    expect(await expectError(session, 'referrals.markMessageRead', { messageId: message.id })).toMatchObject({ code: 'FORBIDDEN', message: gpOnly });
    // The link worker still saves it for the GP record.
    await signInAs(session, 'lee');
    await call(session, 'referrals.exportMessage', { messageId: message.id, format: 'pdf' });
  });

  it('carries the declined code when the patient declines', async () => {
    const { session, id } = await referral();
    await move(session, id, 'declined', 'Prefers to wait until after surgery');
    const message = await send(session, id, 'closure', await draftFor(session, id));
    expect(message.codes).toEqual([{ ...SNOMED.declined }]);
  });

  it('needs the needs and what matters', async () => {
    const { session, id } = await referral();
    const e = await expectError(session, 'referrals.messageBack', { referralId: id, occasion: 'update', needs: '', whatMatters: ' ' });
    expect(Object.keys(e.fieldErrors ?? {}).sort()).toEqual(['needs', 'whatMatters']);
  });
});

describe('exports', () => {
  it('gives the referral as a PDF named after it and the day, and audits the export', async () => {
    const { session, id } = await referral();
    const file = (await call(session, 'referrals.exportPdf', { id })) as { fileName: string; mimeType: string; base64: string };
    expect(file.fileName).toMatch(new RegExp(`^referral-${id}-\\d{4}-\\d\\d-\\d\\d\\.pdf$`));
    expect(file.mimeType).toBe('application/pdf');
    expect(Buffer.from(file.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const last = await session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'referrals.exportPdf', target_type: 'referral', target_id: String(id), detail: 'exported as PDF' });
  });

  it('gives the message back as PDF and DOCX, to the referrer too, but not to a link worker of another practice', async () => {
    const { session, id } = await referral();
    await move(session, id, 'accepted');
    const message = await send(session, id, 'acceptance', await draftFor(session, id));
    await signInAs(session, 'rita');
    const pdf = (await call(session, 'referrals.exportMessage', { messageId: message.id, format: 'pdf' })) as { fileName: string; mimeType: string; base64: string };
    expect(pdf.fileName).toMatch(/^message-back-\d+-\d+-\d{4}-\d\d-\d\d\.pdf$/);
    expect(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const docx = (await call(session, 'referrals.exportMessage', { messageId: message.id, format: 'docx' })) as { fileName: string; mimeType: string; base64: string };
    expect(docx.mimeType).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(Buffer.from(docx.base64, 'base64').subarray(0, 2).toString('latin1')).toBe('PK');

    await signInAs(session, 'kim');
    expect((await expectError(session, 'referrals.exportMessage', { messageId: message.id, format: 'pdf' })).code).toBe('FORBIDDEN');
  });
});
