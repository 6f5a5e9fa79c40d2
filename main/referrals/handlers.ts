import { AppError } from '../contract/errors';
import type { ReferralDetail } from '../contract/referrals';
import { listTarget } from '../dispatch/auditTargets';
import type { HandlerGroup, UserContext } from '../dispatch/handler';
import { coveredPracticeIds, coveredReferral, referralRow } from './access';
import { recordCoding, uncodedReferralIds } from './coding';
import type { Ctx } from './context';
import { loadDetail } from './detail';
import { discardDraft, listDrafts, saveDraft } from './drafts';
import { messageBackFile, referralFile } from './exports';
import { inbox } from './inbox';
import { recordContactAttempt, transition } from './lifecycle';
import { markMessageRead, MESSAGE_TO_GP_ONLY, messageBackDraft, messageFromRow, messageRow, writeMessageBack } from './messageBack';
import { myReferrals, referrerGetsMessages } from './mine';
import { getPatientFor } from './patients';
import { correctDetails, correctPatient } from './correction';
import { reconcile, typedPatientOf } from './reconcile';
import { createReferral } from './referrals';
import { searchPatients } from './search';
import { readReferralSettings, writeReferralSettings } from './settings';
import { loadSummaries, staleRule } from './summaries';

/** The codes worklist is a to-do list, not an archive: at most this many, oldest first. */
const WORKLIST_LIMIT = 500;

function ctxOf(c: UserContext): Ctx {
  return { db: c.db, actor: { id: c.user.id, fullName: c.user.fullName }, now: c.now };
}

/**
 * The referral as an export for this caller: in full for a link worker or manager of its practice;
 * for its referrer otherwise, without the timeline (the link worker's notes stay with the link worker).
 */
async function detailForExport(c: UserContext, referralId: number): Promise<ReferralDetail> {
  const row = await referralRow(c.db, referralId);
  const covered = await coveredPracticeIds(c.db, c.user.id);
  const worksTheCase = covered.includes(row.practice_id) && (c.user.role === 'link_worker' || c.user.role === 'practice_manager');
  const detail = await loadDetail(c.db, referralId, c.now);
  if (worksTheCase) return detail;
  if (row.referrer_user_id !== c.user.id) {
    throw new AppError('FORBIDDEN', 'Only the referrer, or the link workers and managers of the practice, can export this message back.');
  }
  if (!referrerGetsMessages(detail.details)) throw new AppError('FORBIDDEN', MESSAGE_TO_GP_ONLY);
  // A referrer from another practice sees the patient as they typed them, never the practice's record.
  const typed = covered.includes(detail.patient.registeredPracticeId) ? null : typedPatientOf(row);
  const patient = typed ? { ...typed.patient, id: detail.patient.id } : detail.patient;
  return { ...detail, patient, timeline: [], toReconcile: null };
}

export const referralHandlers: HandlerGroup<
  | 'patients.search' | 'patients.get' | 'patients.update' | 'referrals.create' | 'referrals.correctDetails' | 'referrals.reconcile' | 'referrals.saveDraft' | 'referrals.drafts' | 'referrals.discardDraft'
  | 'referrals.inbox' | 'referrals.get' | 'referrals.transition' | 'referrals.recordContactAttempt' | 'referrals.recordCoding'
  | 'referrals.codingWorklist' | 'referrals.mine' | 'referrals.messageBack' | 'referrals.messageBackDraft'
  | 'referrals.markMessageRead' | 'referrals.exportPdf' | 'referrals.exportMessage' | 'referrals.settings'
> = {
  'patients.search': async ({ db, user, auditTarget }, { query }) => {
    const { kind, matches } = await searchPatients(db, await coveredPracticeIds(db, user.id), query);
    auditTarget(listTarget('patient', matches.map((m) => m.id), `search by ${kind}: ${matches.length} found`));
    return matches;
  },
  'patients.get': async ({ db, user, auditTarget }, { id }) => {
    const patient = await getPatientFor(db, user.id, id);
    auditTarget({ type: 'patient', id });
    return patient;
  },
  'patients.update': async (c, { id, patient }) => {
    const { patient: after, summary } = await correctPatient(ctxOf(c), id, patient);
    c.auditTarget({ type: 'patient', id, detail: summary ? `corrected: ${summary}` : 'nothing changed' });
    return after;
  },
  'referrals.create': async (c, input) => {
    const { made, audit } = await createReferral(ctxOf(c), input);
    c.auditTarget(made.outcome === 'made' ? { type: 'referral', id: made.id, detail: audit } : { type: 'patient', id: made.patientId, detail: audit });
    return made;
  },
  'referrals.correctDetails': async (c, input) => {
    const row = await coveredReferral(c.db, c.user.id, input.id);
    const summary = await correctDetails(ctxOf(c), row, input);
    c.auditTarget({ type: 'referral', id: row.id, detail: summary ? `details corrected: ${summary}` : 'nothing changed' });
    return loadDetail(c.db, row.id, c.now);
  },
  'referrals.reconcile': async (c, { id, choices }) => {
    const row = await coveredReferral(c.db, c.user.id, id);
    const summary = await reconcile(ctxOf(c), row, choices);
    c.auditTarget({ type: 'referral', id, detail: `typed patient details checked; patient ${row.patient_id}: ${summary}` });
    return loadDetail(c.db, id, c.now);
  },
  'referrals.saveDraft': async ({ db, user, now, auditTarget }, { id, form }) => {
    const saved = await saveDraft(db, user.id, id, form, now.toISOString());
    auditTarget({ type: 'referral_draft', id: saved.id, detail: saved.id === id ? 'saved' : 'started' });
    return saved;
  },
  'referrals.drafts': async ({ db, user, auditTarget }) => {
    const drafts = await listDrafts(db, user.id);
    auditTarget(listTarget('referral_draft', drafts.map((d) => d.id), `own drafts: ${drafts.length}`));
    return drafts;
  },
  'referrals.discardDraft': async ({ db, user, auditTarget }, { id }) => {
    await discardDraft(db, user.id, id);
    auditTarget({ type: 'referral_draft', id, detail: 'discarded' });
    return { done: true as const };
  },
  'referrals.inbox': async ({ db, user, now, auditTarget }, query) => {
    const page = await inbox(db, await coveredPracticeIds(db, user.id), query, now);
    auditTarget(listTarget('referral', page.rows.map((r) => r.id), `inbox: ${page.rows.length} of ${page.total}`));
    return page;
  },
  'referrals.get': async ({ db, user, now, auditTarget }, { id }) => {
    await coveredReferral(db, user.id, id);
    auditTarget({ type: 'referral', id });
    return loadDetail(db, id, now);
  },
  'referrals.transition': async (c, input) => {
    const row = await coveredReferral(c.db, c.user.id, input.id);
    const ctx = ctxOf(c);
    await transition(ctx, row, input);
    c.auditTarget({ type: 'referral', id: row.id, detail: `${row.status} → ${input.to}` });
    return loadDetail(c.db, row.id, ctx.now);
  },
  'referrals.recordContactAttempt': async (c, { id, note }) => {
    const row = await coveredReferral(c.db, c.user.id, id);
    const ctx = ctxOf(c);
    await recordContactAttempt(ctx, row, note);
    c.auditTarget({ type: 'referral', id, detail: `contact attempt ${row.contact_attempts + 1}` });
    return loadDetail(c.db, id, ctx.now);
  },
  'referrals.recordCoding': async (c, { id, code, recordedOn }) => {
    const row = await coveredReferral(c.db, c.user.id, id);
    const ctx = ctxOf(c);
    await recordCoding(ctx, row, code, recordedOn);
    c.auditTarget({ type: 'referral', id, detail: `coded ${code}` });
    return loadDetail(c.db, id, ctx.now);
  },
  'referrals.codingWorklist': async ({ db, user, now, auditTarget }) => {
    const ids = await uncodedReferralIds(db, await coveredPracticeIds(db, user.id), WORKLIST_LIMIT);
    auditTarget(listTarget('referral', ids, `coding worklist: ${ids.length}`));
    return loadSummaries(db, ids, await staleRule(db, now));
  },
  'referrals.mine': async ({ db, user, auditTarget }) => {
    const mine = await myReferrals(db, user.id);
    auditTarget(listTarget('referral', mine.map((r) => r.id), `own referrals: ${mine.length}`));
    return mine;
  },
  'referrals.messageBack': async (c, input) => {
    const row = await coveredReferral(c.db, c.user.id, input.referralId);
    const message = await writeMessageBack(ctxOf(c), row, input);
    c.auditTarget({ type: 'message_back', id: message.id, detail: `referral ${row.id}, ${input.occasion}` });
    return message;
  },
  'referrals.messageBackDraft': async ({ db, user, auditTarget }, { referralId }) => {
    const draft = await messageBackDraft(db, await coveredReferral(db, user.id, referralId));
    auditTarget({ type: 'referral', id: referralId, detail: 'message back pre-filled' });
    return draft;
  },
  'referrals.markMessageRead': async (c, { messageId }) => {
    const message = await markMessageRead(ctxOf(c), messageId);
    c.auditTarget({ type: 'message_back', id: messageId, detail: `read; referral ${message.referral_id}` });
    return { done: true as const };
  },
  'referrals.exportPdf': async (c, { id }) => {
    await coveredReferral(c.db, c.user.id, id);
    const ctx = ctxOf(c);
    const out = await referralFile(ctx, await loadDetail(c.db, id, ctx.now));
    c.auditTarget({ type: 'referral', id, detail: 'exported as PDF' });
    return out;
  },
  'referrals.exportMessage': async (c, { messageId, format }) => {
    const message = await messageRow(c.db, messageId);
    const detail = await detailForExport(c, message.referral_id);
    const out = await messageBackFile(ctxOf(c), messageFromRow(message), detail, format);
    c.auditTarget({ type: 'message_back', id: messageId, detail: `exported as ${format.toUpperCase()}; referral ${message.referral_id}` });
    return out;
  },
  'referrals.settings': async ({ db, auditTarget }, input) => {
    const before = await readReferralSettings(db);
    const after = await writeReferralSettings(db, input);
    const changed = before.staleAfterWorkingDays !== after.staleAfterWorkingDays || before.contactAttemptsBeforeUnable !== after.contactAttemptsBeforeUnable;
    auditTarget({
      type: 'setting',
      id: 'referrals',
      detail: changed ? `stale after ${after.staleAfterWorkingDays} working days; ${after.contactAttemptsBeforeUnable} contact attempts` : 'read',
    });
    return after;
  },
};
