import { workingDaysBefore } from '../calendar/workingDays';
import { endStates, type Reason, type ReferralStatus, type ReferralSummary } from '../contract/referrals';
import type { Db } from '../store/database';
import { isCoded } from './coding';
import { displayName } from './patients';
import { readReferralSettings } from './settings';
import { inIdOrder } from '../store/inIdOrder';

export interface StaleRule {
  /** Referrals not ended and last touched before this instant (ISO) are stale. */
  cutoff: string;
  days: number;
}

/** Worked out once per query from the setting and the calendar, then compared in SQL. */
export async function staleRule(db: Db, now: Date): Promise<StaleRule> {
  const { staleAfterWorkingDays } = await readReferralSettings(db);
  return { cutoff: workingDaysBefore(now, staleAfterWorkingDays).toISOString(), days: staleAfterWorkingDays };
}

export function isStale(r: { status: string; last_activity_at: string }, rule: StaleRule): boolean {
  return !endStates.includes(r.status as ReferralStatus) && r.last_activity_at < rule.cutoff;
}

async function recordedCodes(db: Db, ids: readonly number[]): Promise<Map<number, Set<string>>> {
  const rows = await db.selectFrom('referral_coding').select(['referral_id', 'code']).where('referral_id', 'in', ids).execute();
  const out = new Map<number, Set<string>>();
  for (const r of rows) {
    const set = out.get(r.referral_id) ?? new Set<string>();
    set.add(r.code);
    out.set(r.referral_id, set);
  }
  return out;
}

/** The inbox rows for these referral ids, in the order given. */
export async function loadSummaries(db: Db, ids: readonly number[], rule: StaleRule): Promise<ReferralSummary[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('referral as r')
    .innerJoin('patient as p', 'p.id', 'r.patient_id')
    .innerJoin('practice as pr', 'pr.id', 'r.practice_id')
    .leftJoin('app_user as a', 'a.id', 'r.assigned_to_user_id')
    .select([
      'r.id', 'r.status', 'r.urgency', 'r.reasons', 'r.received_at', 'r.last_activity_at', 'r.safeguarding', 'r.practice_id', 'r.accepted_at',
      'p.given_name', 'p.family_name', 'p.preferred_name', 'p.nhs_number', 'p.date_of_birth', 'pr.name as practice_name', 'a.full_name as assigned_name',
    ])
    .where('r.id', 'in', ids)
    .execute();
  const codes = await recordedCodes(db, ids);
  return inIdOrder(ids, rows, (r) => ({
    id: r.id,
    patientName: displayName(r),
    nhsNumber: r.nhs_number,
    dateOfBirth: r.date_of_birth,
    practiceId: r.practice_id,
    practiceName: r.practice_name,
    status: r.status as ReferralStatus,
    urgency: r.urgency as ReferralSummary['urgency'],
    reasons: JSON.parse(r.reasons) as Reason[],
    receivedAt: r.received_at,
    lastActivityAt: r.last_activity_at,
    assignedToName: r.assigned_name,
    stale: isStale(r, rule),
    safeguarding: r.safeguarding === 1,
    coded: isCoded(r, codes.get(r.id) ?? new Set()),
  }));
}
