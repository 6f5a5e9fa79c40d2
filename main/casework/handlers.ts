import { contactTypeLabels, goalProgressLabels } from '../contract/casework';
import type { HandlerGroup, UserContext } from '../dispatch/handler';
import { coveredPracticeIds, coveredReferral } from '../referrals/access';
import type { Ctx } from '../referrals/context';
import { loadCaseFile } from './caseFile';
import { caseload } from './caseload';
import { caseMessageBackDraft, closeCase } from './closure';
import { addContact } from './contacts';
import { clearMdtFlag, flagForMdt } from './mdt';
import { saveGoal, saveNextStep, savePlan } from './plan';
import { escalate, escalationReferralId, recordEscalationOutcome } from './safeguarding';
import { readNoContactAlertDays, writeNoContactAlertDays } from './settings';

function ctxOf(c: UserContext): Ctx {
  return { db: c.db, actor: { id: c.user.id, fullName: c.user.fullName }, now: c.now };
}

/** The case file after a change, as the writer (a link worker) sees it. */
const fileAfter = (c: UserContext, referralId: number) => loadCaseFile(c.db, referralId, { withNotes: true });

export const caseworkHandlers: HandlerGroup<
  | 'casework.get' | 'casework.addContact' | 'casework.savePlan' | 'casework.saveGoal' | 'casework.saveNextStep'
  | 'casework.escalate' | 'casework.escalationOutcome' | 'casework.flagForMdt' | 'casework.clearMdtFlag' | 'casework.close'
  | 'casework.messageBackDraft' | 'casework.caseload' | 'casework.settings'
> = {
  'casework.get': async ({ db, user, auditTarget }, { referralId }) => {
    await coveredReferral(db, user.id, referralId);
    const file = await loadCaseFile(db, referralId, { withNotes: user.role === 'link_worker' });
    auditTarget({ type: 'referral', id: referralId, detail: `case file (${file.contacts.length} contacts${file.notesWithheld ? ', notes withheld' : ''})` });
    return file;
  },
  'casework.addContact': async (c, input) => {
    const row = await coveredReferral(c.db, c.user.id, input.referralId);
    const done = await addContact(ctxOf(c), row, input);
    const extra = done.countedAsAttempt ? ', counted as a contact attempt' : done.markedContacted ? ', referral marked contacted' : '';
    c.auditTarget({ type: 'referral', id: row.id, detail: `contact ${done.id}: ${contactTypeLabels[input.type].toLowerCase()}${extra}` });
    return fileAfter(c, row.id);
  },
  'casework.savePlan': async (c, { referralId, whatMatters }) => {
    const row = await coveredReferral(c.db, c.user.id, referralId);
    await savePlan(ctxOf(c), row, whatMatters);
    c.auditTarget({ type: 'referral', id: referralId, detail: 'plan: what matters changed' });
    return fileAfter(c, referralId);
  },
  'casework.saveGoal': async (c, input) => {
    const row = await coveredReferral(c.db, c.user.id, input.referralId);
    const { id } = await saveGoal(ctxOf(c), row, input);
    c.auditTarget({ type: 'referral', id: row.id, detail: `goal ${id} ${input.id === undefined ? 'added' : 'changed'}: ${goalProgressLabels[input.progress].toLowerCase()}` });
    return fileAfter(c, row.id);
  },
  'casework.saveNextStep': async (c, input) => {
    const row = await coveredReferral(c.db, c.user.id, input.referralId);
    const id = await saveNextStep(ctxOf(c), row, input);
    c.auditTarget({ type: 'referral', id: row.id, detail: `next step ${id} ${input.id === undefined ? 'added' : 'changed'}${input.done ? ', done' : ''}` });
    return fileAfter(c, row.id);
  },
  'casework.escalate': async (c, input) => {
    const row = await coveredReferral(c.db, c.user.id, input.referralId);
    const id = await escalate(ctxOf(c), row, input);
    c.auditTarget({ type: 'referral', id: row.id, detail: `safeguarding escalation ${id} recorded` });
    return fileAfter(c, row.id);
  },
  'casework.escalationOutcome': async (c, { id, outcome }) => {
    const referralId = await escalationReferralId(c.db, id);
    await coveredReferral(c.db, c.user.id, referralId);
    await recordEscalationOutcome(ctxOf(c), referralId, id, outcome);
    c.auditTarget({ type: 'referral', id: referralId, detail: `safeguarding escalation ${id}: outcome recorded` });
    return fileAfter(c, referralId);
  },
  'casework.flagForMdt': async (c, { referralId, question }) => {
    const row = await coveredReferral(c.db, c.user.id, referralId);
    const { id, changed } = await flagForMdt(ctxOf(c), row, question);
    c.auditTarget({ type: 'referral', id: referralId, detail: `MDT flag ${id} ${changed ? 'question changed' : 'added'}` });
    return fileAfter(c, referralId);
  },
  'casework.clearMdtFlag': async (c, { referralId }) => {
    const row = await coveredReferral(c.db, c.user.id, referralId);
    const id = await clearMdtFlag(ctxOf(c), row);
    c.auditTarget({ type: 'referral', id: referralId, detail: `MDT flag ${id} cleared` });
    return fileAfter(c, referralId);
  },
  'casework.close': async (c, { referralId, outcomeSummary }) => {
    const row = await coveredReferral(c.db, c.user.id, referralId);
    await closeCase(ctxOf(c), row, outcomeSummary);
    c.auditTarget({ type: 'referral', id: referralId, detail: `${row.status} → closed` });
    return fileAfter(c, referralId);
  },
  'casework.messageBackDraft': async ({ db, user, auditTarget }, { referralId }) => {
    const row = await coveredReferral(db, user.id, referralId);
    auditTarget({ type: 'referral', id: referralId, detail: 'message back draft from the case' });
    return caseMessageBackDraft(db, row);
  },
  'casework.caseload': async ({ db, user, now, auditTarget }, { asOf }) => {
    const out = await caseload(db, user.id, await coveredPracticeIds(db, user.id), now, asOf);
    auditTarget({ type: 'caseload', id: user.id, detail: `${out.rows.length} open cases` });
    return out;
  },
  'casework.settings': async ({ db, auditTarget }, { noContactAlertDays }) => {
    const before = await readNoContactAlertDays(db);
    if (noContactAlertDays !== undefined) await writeNoContactAlertDays(db, noContactAlertDays);
    const after = await readNoContactAlertDays(db);
    auditTarget({ type: 'setting', id: 'caseworkNoContactAlertDays', detail: before === after ? 'read' : `no-contact alert after ${after} days (was ${before})` });
    return { noContactAlertDays: after };
  },
};
