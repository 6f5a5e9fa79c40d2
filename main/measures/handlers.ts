import { AppError } from '../contract/errors';
import { instrumentShortNames, stageLabels } from '../contract/measures';
import { listTarget } from '../dispatch/auditTargets';
import type { HandlerGroup } from '../dispatch/handler';
import { caseForUser, practiceIdsOf } from './access';
import { dueFollowUps, measuresForReferral, readFollowUpWeeks, recordMeasure, writeFollowUpWeeks } from './measures';

export const measureHandlers: HandlerGroup<'measures.record' | 'measures.forReferral' | 'measures.due' | 'measures.settings'> = {
  'measures.record': async ({ db, user, now, auditTarget }, input) => {
    await caseForUser(db, user.id, input.referralId);
    const measure = await recordMeasure(db, { id: user.id, fullName: user.fullName }, input, now);
    auditTarget({
      type: 'measure',
      id: measure.id,
      detail: `referral ${input.referralId}: ${instrumentShortNames[input.instrument]} ${stageLabels[input.stage].toLowerCase()} taken ${input.takenOn}`,
    });
    return measure;
  },
  'measures.forReferral': async ({ db, user, auditTarget }, { referralId }) => {
    await caseForUser(db, user.id, referralId);
    const out = await measuresForReferral(db, referralId);
    auditTarget({ type: 'referral', id: referralId, detail: `wellbeing measures (${out.measures.length})` });
    return out;
  },
  'measures.due': async ({ db, user, now, auditTarget }, { asOf, practiceId }) => {
    const covered = await practiceIdsOf(db, user.id);
    if (practiceId !== undefined && !covered.includes(practiceId)) {
      throw new AppError('FORBIDDEN', 'You do not work at that practice.', { practiceId: ['You do not work at that practice'] });
    }
    const due = await dueFollowUps(db, practiceId !== undefined ? [practiceId] : covered, asOf, now);
    auditTarget(listTarget('referral', due.rows.map((r) => r.referralId), `follow-up measures due: ${due.rows.length}`));
    return due;
  },
  'measures.settings': async ({ db, auditTarget }, { followUpWeeks }) => {
    const before = await readFollowUpWeeks(db);
    if (followUpWeeks !== undefined) await writeFollowUpWeeks(db, followUpWeeks);
    const after = await readFollowUpWeeks(db);
    auditTarget({ type: 'setting', id: 'measuresFollowUpWeeks', detail: before === after ? 'read' : `follow-up due after ${after} weeks (was ${before})` });
    return { followUpWeeks: after };
  },
};
