import { sql } from 'kysely';
import { type Figures, SMALL_NUMBER_RULE } from '../contract/newsletter';
import { type Measure, MeasureScores } from '../contract/measures';
import { type Reason, reasonLabels } from '../contract/referrals';
import { buildSeries } from '../measures/scoring';
import type { Db } from '../store/database';
import { averageOf, chartValue, showChange, showCount } from './suppression';

/**
 * The month's figures for a practice or the whole PCN, every count and average passed through the
 * small-number rule before it leaves this file.
 */

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "June 2026" for "2026-06". */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTH_NAMES[m - 1]} ${y}`;
}

/** The month before or after, "2026-01" − 1 = "2025-12". */
export function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Minutes England is ahead of UTC at an instant (0 or 60). */
function londonOffsetMinutes(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => ({ ...acc, [p.type]: p.value }), {});
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return Math.round((asUtc - at.getTime()) / 60_000);
}

/** Midnight in England at the start of the month's first day, as a UTC ISO timestamp. */
export function monthStartUtc(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const guess = new Date(Date.UTC(y, m - 1, 1));
  return new Date(guess.getTime() - londonOffsetMinutes(guess) * 60_000).toISOString();
}

/** [start, end) of the month in England, as UTC ISO timestamps (what received_at and accepted_at hold). */
export function monthBounds(month: string): { start: string; end: string; firstDay: string; lastDay: string } {
  const next = addMonths(month, 1);
  const [y, m] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { start: monthStartUtc(month), end: monthStartUtc(next), firstDay: `${month}-01`, lastDay: `${month}-${String(lastDay).padStart(2, '0')}` };
}

export interface RawFigures {
  received: number;
  accepted: number;
  peopleSupported: number;
  topReasons: { reason: Reason; count: number }[];
  receivedByMonth: { month: string; count: number }[];
  swemwbsChanges: number[];
  lifeSatisfactionChanges: number[];
}

const OPEN_STATES = ['accepted', 'contacted', 'in_progress'];
const CHART_MONTHS = 6;
const TOP_REASONS = 5;

/** The month's figures, unrounded and unsuppressed: only for the rule below to publish. */
export async function rawFigures(db: Db, practiceIds: readonly number[], month: string): Promise<RawFigures> {
  const empty: RawFigures = { received: 0, accepted: 0, peopleSupported: 0, topReasons: [], receivedByMonth: [], swemwbsChanges: [], lifeSatisfactionChanges: [] };
  if (practiceIds.length === 0) return empty;
  const { start, end, firstDay, lastDay } = monthBounds(month);
  // "Received" counts a referral in the month it was made (the referral's own date), not the month
  // it was typed in: a paper referral of 28 November entered on 2 December belongs to November.
  // It was entered on or after the day it was made, so the entry time bounds the search below.
  const madeOn = (table?: 'r') => sql<string>`json_extract(${sql.ref(table ? `${table}.details` : 'details')}, '$.referralDate')`;
  const inScope = db.selectFrom('referral').where('practice_id', 'in', practiceIds);

  const received = await inScope.select((eb) => eb.fn.countAll<number>().as('n')).where('received_at', '>=', start).where(madeOn(), '>=', firstDay).where(madeOn(), '<=', lastDay).executeTakeFirstOrThrow();
  // "+practice_id" (valid SQL in SQLite and PostgreSQL alike) keeps the planner on the accepted_at
  // index, which covers these two queries, instead of a practice index that reads every referral row.
  const practice = sql<number>`+${sql.ref('practice_id')}`;
  const status = sql<string>`+${sql.ref('status')}`;
  const byAccepted = db.selectFrom('referral').where(practice, 'in', practiceIds);
  const accepted = await byAccepted.select((eb) => eb.fn.countAll<number>().as('n')).where('accepted_at', '>=', start).where('accepted_at', '<', end).executeTakeFirstOrThrow();
  // Open at some time in the month: accepted by its end, and still open or ended on or after its start.
  const supported = await byAccepted
    .select((eb) => eb.fn.count<number>('patient_id').distinct().as('n'))
    // "is not null" gives the range a lower end, so the planner reads it from the covering index.
    .where('accepted_at', 'is not', null)
    .where('accepted_at', '<', end)
    .where((eb) => eb.or([eb(status, 'in', OPEN_STATES), eb('status_changed_at', '>=', start)]))
    .where(status, 'not in', ['declined', 'redirected', 'unable_to_contact'])
    .executeTakeFirstOrThrow();

  const reasons = await db
    .selectFrom('referral_reason as rr')
    .innerJoin('referral as r', 'r.id', 'rr.referral_id')
    .select(['rr.reason', (eb) => eb.fn.countAll<number>().as('n')])
    .where('r.practice_id', 'in', practiceIds)
    .where('r.received_at', '>=', start)
    .where(madeOn('r'), '>=', firstDay)
    .where(madeOn('r'), '<=', lastDay)
    .groupBy('rr.reason')
    .orderBy('n', 'desc')
    .orderBy('rr.reason')
    .limit(TOP_REASONS)
    .execute();

  const firstChartMonth = addMonths(month, -(CHART_MONTHS - 1));
  const byMonthRows = await db
    .selectFrom('referral')
    .select(madeOn().as('made_on'))
    .where('practice_id', 'in', practiceIds)
    .where('received_at', '>=', monthStartUtc(firstChartMonth))
    .where(madeOn(), '>=', `${firstChartMonth}-01`)
    .where(madeOn(), '<=', lastDay)
    .execute();
  const receivedByMonth = Array.from({ length: CHART_MONTHS }, (_, i) => addMonths(firstChartMonth, i)).map((m) => ({
    month: m,
    count: byMonthRows.filter((r) => r.made_on.slice(0, 7) === m).length,
  }));

  const changes = await wellbeingChanges(db, practiceIds, firstDay, lastDay);
  return {
    received: Number(received.n),
    accepted: Number(accepted.n),
    peopleSupported: Number(supported.n),
    topReasons: reasons.map((r) => ({ reason: r.reason as Reason, count: Number(r.n) })),
    receivedByMonth,
    ...changes,
  };
}

/**
 * Change from baseline for each case with a follow-up in the month, through the measures
 * capability's own series (so the newsletter reads change exactly as the case screen does), using
 * only the measures taken by the month's end.
 */
async function wellbeingChanges(db: Db, practiceIds: readonly number[], firstDay: string, lastDay: string): Promise<{ swemwbsChanges: number[]; lifeSatisfactionChanges: number[] }> {
  const followedUp = db
    .selectFrom('measure as f')
    .innerJoin('referral as r', 'r.id', 'f.referral_id')
    .select('f.referral_id')
    .where('r.practice_id', 'in', practiceIds)
    .where('f.stage', '=', 'follow_up')
    .where('f.instrument', 'in', ['swemwbs', 'ons4'])
    .where('f.taken_on', '>=', firstDay)
    .where('f.taken_on', '<=', lastDay);
  const rows = await db
    .selectFrom('measure')
    .select(['id', 'referral_id', 'instrument', 'stage', 'taken_on', 'scores'])
    .where('referral_id', 'in', followedUp)
    .where('instrument', 'in', ['swemwbs', 'ons4'])
    .where('taken_on', '<=', lastDay)
    .orderBy('referral_id')
    .execute();
  const byCase = new Map<number, Measure[]>();
  for (const r of rows) {
    const m: Measure = {
      id: r.id,
      referralId: r.referral_id,
      instrument: r.instrument as Measure['instrument'],
      stage: r.stage as Measure['stage'],
      takenOn: r.taken_on,
      answers: [],
      scores: MeasureScores.parse(JSON.parse(r.scores)),
      recordedByName: '',
      recordedAt: '',
    };
    (byCase.get(r.referral_id) ?? byCase.set(r.referral_id, []).get(r.referral_id)!).push(m);
  }
  const swemwbsChanges: number[] = [];
  const lifeSatisfactionChanges: number[] = [];
  for (const measures of byCase.values()) {
    for (const s of buildSeries(measures)) {
      // Only a case whose latest measure of this kind falls in the month counts for the month.
      if (!s.change || s.change.latestOn < firstDay) continue;
      if (s.key === 'swemwbs_metric') swemwbsChanges.push(s.change.difference);
      if (s.key === 'life_satisfaction') lifeSatisfactionChanges.push(s.change.difference);
    }
  }
  return { swemwbsChanges, lifeSatisfactionChanges };
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The figures as they may be published: every count and average through the small-number rule. */
export function publishFigures(raw: RawFigures, month: string): Figures {
  const swemwbs = averageOf(raw.swemwbsChanges);
  const ons = averageOf(raw.lifeSatisfactionChanges);
  const people = (a: { value: number | null; people: number }) => (a.value === null ? '' : `, from ${showCount(a.people)} people with a follow-up this month`);
  return {
    periodLabel: monthLabel(month),
    tiles: [
      { label: 'Referrals received', value: showCount(raw.received), note: 'made in the month' },
      { label: 'Referrals accepted', value: showCount(raw.accepted), note: 'in the month' },
      { label: 'People supported', value: showCount(raw.peopleSupported), note: 'with an open case during the month' },
      { label: 'Average SWEMWBS change', value: showChange(swemwbs), note: `wellbeing since their first measure${people(swemwbs)}` },
      { label: 'Average ONS4 life satisfaction change', value: showChange(ons), note: `on a 0–10 scale${people(ons)}` },
    ],
    charts: [
      {
        title: 'Referrals received, last six months',
        bars: raw.receivedByMonth.map((b) => {
          const [y, m] = b.month.split('-').map(Number) as [number, number];
          return { label: `${SHORT_MONTHS[m - 1]} ${y}`, value: chartValue(b.count), display: showCount(b.count) };
        }),
      },
      {
        title: 'Top reasons for referral this month',
        // Hidden counts follow the shown ones in alphabetical order, so their order tells nothing either.
        bars: [
          ...raw.topReasons.filter((r) => chartValue(r.count) !== null),
          ...raw.topReasons.filter((r) => chartValue(r.count) === null).sort((a, b) => reasonLabels[a.reason].localeCompare(reasonLabels[b.reason], 'en-GB')),
        ].map((r) => ({ label: reasonLabels[r.reason], value: chartValue(r.count), display: showCount(r.count) })),
      },
    ],
    footnote: `${SMALL_NUMBER_RULE} A referral may give more than one reason. People supported counts each person once. SWEMWBS and ONS4 changes compare each person’s latest measure in the month with their first (baseline) measure.`,
  };
}

export async function figuresFor(db: Db, practiceIds: readonly number[], month: string): Promise<Figures> {
  return publishFigures(await rawFigures(db, practiceIds, month), month);
}
