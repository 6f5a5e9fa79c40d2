import { londonDate } from '../calendar/workingDays';
import { type Caseload, type CaseloadRow, workingStates } from '../contract/casework';
import { Instrument, MeasureStage } from '../contract/measures';
import type { ReferralStatus, ReferralSummary } from '../contract/referrals';
import { readFollowUpWeeks } from '../measures/measures';
import { followUpsDue } from '../measures/scoring';
import { displayName } from '../referrals/patients';
import type { Db } from '../store/database';
import { daysBetween } from './dates';
import { readNoContactAlertDays } from './settings';

/**
 * A link worker's open cases with what the caseload shows of each, in a fixed number of set-based
 * statements whatever the number of cases: one for the cases and their aggregates (last contact,
 * next step due, goals, escalations, MDT flag), one for their measures.
 */
export async function caseload(db: Db, userId: number, practiceIds: readonly number[], now: Date, asOf?: string): Promise<Caseload> {
  const today = asOf ?? londonDate(now);
  const noContactAlertDays = await readNoContactAlertDays(db);
  const followUpWeeks = await readFollowUpWeeks(db);
  if (practiceIds.length === 0) return { noContactAlertDays, followUpWeeks, today, rows: [] };

  const mine = db
    .selectFrom('referral')
    .select('id')
    .where('assigned_to_user_id', '=', userId)
    .where('status', 'in', workingStates)
    .where('practice_id', 'in', practiceIds);

  // Each aggregate is grouped over the caller's open cases only, then joined once per case.
  const lastContact = db
    .selectFrom('case_contact')
    .select(['referral_id', (eb) => eb.fn.max('at').as('last_contact_at')])
    .where('reached', '=', 1)
    .where('referral_id', 'in', mine)
    .groupBy('referral_id')
    .as('c');
  const goals = db
    .selectFrom('case_goal')
    .select([
      'referral_id',
      (eb) => eb.fn.sum<number>(eb.case().when('progress', '=', 'achieved').then(1).else(0).end()).as('achieved'),
      (eb) => eb.fn.sum<number>(eb.case().when('progress', '!=', 'no_longer_relevant').then(1).else(0).end()).as('total'),
    ])
    .where('referral_id', 'in', mine)
    .groupBy('referral_id')
    .as('g');
  // The soonest step still to do: the first of each case's steps by due date (a window, not a query per case).
  const nextStep = db
    .selectFrom(
      db
        .selectFrom('case_next_step')
        .select(['referral_id', 'text', 'due_on', (eb) => eb.fn.agg<number>('row_number').over((o) => o.partitionBy('referral_id').orderBy('due_on').orderBy('id')).as('n')])
        .where('done_on', 'is', null)
        .where('referral_id', 'in', mine)
        .as('steps'),
    )
    .select(['referral_id', 'text', 'due_on'])
    .where('n', '=', 1)
    .as('s');
  const escalations = db
    .selectFrom('case_escalation')
    .select([
      'referral_id',
      (eb) => eb.fn.countAll<number>().as('escalations'),
      (eb) => eb.fn.sum<number>(eb.case().when('outcome', '=', '').then(1).else(0).end()).as('open_escalations'),
    ])
    .where('referral_id', 'in', mine)
    .groupBy('referral_id')
    .as('e');

  const rows = await db
    .selectFrom('referral as r')
    .innerJoin('patient as p', 'p.id', 'r.patient_id')
    .innerJoin('practice as pr', 'pr.id', 'r.practice_id')
    .leftJoin(lastContact, 'c.referral_id', 'r.id')
    .leftJoin(goals, 'g.referral_id', 'r.id')
    .leftJoin(nextStep, 's.referral_id', 'r.id')
    .leftJoin(escalations, 'e.referral_id', 'r.id')
    .leftJoin('case_mdt_flag as f', (j) => j.onRef('f.referral_id', '=', 'r.id').on('f.cleared_at', 'is', null))
    .select([
      'r.id', 'r.status', 'r.urgency', 'r.accepted_at', 'r.received_at', 'r.safeguarding',
      'p.given_name', 'p.family_name', 'p.preferred_name', 'p.nhs_number', 'pr.name as practice_name',
      'c.last_contact_at', 'g.achieved', 'g.total', 's.text as next_text', 's.due_on as next_due',
      'e.escalations', 'e.open_escalations', 'f.question as mdt_question',
    ])
    .where('r.id', 'in', mine)
    .execute();

  const measures = await db
    .selectFrom('measure')
    .select(['id', 'referral_id', 'instrument', 'stage', 'taken_on'])
    .where('referral_id', 'in', mine)
    .execute();
  const due = followUpsDue(
    measures.map((m) => ({ id: m.id, referralId: m.referral_id, instrument: Instrument.parse(m.instrument), stage: MeasureStage.parse(m.stage), takenOn: m.taken_on })),
    followUpWeeks,
    today,
  );
  const dueByCase = new Map<number, CaseloadRow['measuresDue']>();
  for (const d of due) dueByCase.set(d.referralId, [...(dueByCase.get(d.referralId) ?? []), { instrument: d.instrument, dueOn: d.dueOn }]);

  const out: CaseloadRow[] = rows.map((r) => {
    const since = r.last_contact_at ?? r.accepted_at ?? r.received_at;
    const daysWithoutContact = Math.max(0, daysBetween(londonDate(new Date(since)), today));
    return {
      referralId: r.id,
      patientName: displayName(r),
      nhsNumber: r.nhs_number,
      practiceName: r.practice_name,
      status: r.status as ReferralStatus,
      urgency: r.urgency as ReferralSummary['urgency'],
      acceptedAt: r.accepted_at,
      lastContactAt: r.last_contact_at ?? null,
      daysWithoutContact,
      noContactAlert: daysWithoutContact > noContactAlertDays,
      nextStep: r.next_text !== null && r.next_due !== null ? { text: r.next_text, dueOn: r.next_due } : null,
      nextStepOverdue: r.next_due !== null && r.next_due < today,
      goalsAchieved: Number(r.achieved ?? 0),
      goalsTotal: Number(r.total ?? 0),
      measuresDue: dueByCase.get(r.id) ?? [],
      safeguarding: r.safeguarding === 1 || Number(r.escalations ?? 0) > 0,
      openEscalations: Number(r.open_escalations ?? 0),
      mdtQuestion: r.mdt_question ?? null,
    };
  });
  return { noContactAlertDays, followUpWeeks, today, rows: out.sort(byAttention) };
}

const needsAttention = (r: CaseloadRow) => r.nextStepOverdue || r.noContactAlert;

/** Cases needing attention first; then the soonest next step; then the longest without contact. */
function byAttention(a: CaseloadRow, b: CaseloadRow): number {
  const attention = Number(needsAttention(b)) - Number(needsAttention(a));
  if (attention !== 0) return attention;
  const dueA = a.nextStep?.dueOn ?? '9999-12-31';
  const dueB = b.nextStep?.dueOn ?? '9999-12-31';
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  return b.daysWithoutContact - a.daysWithoutContact || a.patientName.localeCompare(b.patientName, 'en-GB') || a.referralId - b.referralId;
}
