import { AppError } from '../contract/errors';
import { londonToday } from '../contract/time';
import {
  type DueFollowUp,
  Instrument,
  instrumentShortNames,
  type Measure,
  type MeasureAnswers,
  MeasureScores,
  MeasureStage,
  type MeasuresForReferral,
} from '../contract/measures';
import { endStates } from '../contract/referrals';
import type { Db } from '../store/database';
import { buildSeries, followUpsDue, scoreMeasure, ukDate } from './scoring';

export interface Actor {
  id: number;
  fullName: string;
}

type MeasureRow = {
  id: number;
  referral_id: number;
  instrument: string;
  stage: string;
  taken_on: string;
  answers: string;
  scores: string;
  recorded_by_name: string;
  recorded_at: string;
};

function toMeasure(r: MeasureRow): Measure {
  return {
    id: r.id,
    referralId: r.referral_id,
    instrument: Instrument.parse(r.instrument),
    stage: MeasureStage.parse(r.stage),
    takenOn: r.taken_on,
    answers: JSON.parse(r.answers) as (number | null)[],
    scores: MeasureScores.parse(JSON.parse(r.scores)),
    recordedByName: r.recorded_by_name,
    recordedAt: r.recorded_at,
  };
}

const columns = ['id', 'referral_id', 'instrument', 'stage', 'taken_on', 'answers', 'scores', 'recorded_by_name', 'recorded_at'] as const;

/** The answers as kept: the optional fourth UCLA answer only when it was given. */
function storedAnswers(input: MeasureAnswers): number[] {
  return (input.answers as readonly (number | undefined)[]).filter((a, i) => a !== undefined || i < 3) as number[];
}

/**
 * Keeps the case's timeline of a measure sound: one baseline per measure, and a follow-up only
 * after a baseline of the same measure, dated on or after it.
 */
async function assertStageFits(db: Db, input: MeasureAnswers): Promise<void> {
  const name = instrumentShortNames[input.instrument];
  const baseline = await db
    .selectFrom('measure')
    .select(['taken_on'])
    .where('referral_id', '=', input.referralId)
    .where('instrument', '=', input.instrument)
    .where('stage', '=', 'baseline')
    .orderBy('taken_on')
    .executeTakeFirst();
  if (input.stage === 'baseline' && baseline) {
    throw new AppError('CONFLICT', `This case already has a ${name} baseline.`, {
      stage: [`This case already has a ${name} baseline, taken on ${ukDate(baseline.taken_on)}: record this one as a follow-up`],
    });
  }
  if (input.stage === 'follow_up' && !baseline) {
    throw new AppError('VALIDATION', `Record a ${name} baseline first.`, {
      stage: [`This case has no ${name} baseline yet: record this one as the baseline`],
    });
  }
  if (input.stage === 'follow_up' && baseline && input.takenOn < baseline.taken_on) {
    throw new AppError('VALIDATION', 'A follow-up cannot come before the baseline.', {
      takenOn: [`A follow-up cannot be dated before the ${name} baseline (${ukDate(baseline.taken_on)})`],
    });
  }
}

export async function recordMeasure(db: Db, actor: Actor, input: MeasureAnswers, now: Date): Promise<Measure> {
  await assertStageFits(db, input);
  const scores = scoreMeasure(input);
  const inserted = await db
    .insertInto('measure')
    .values({
      referral_id: input.referralId,
      instrument: input.instrument,
      stage: input.stage,
      taken_on: input.takenOn,
      answers: JSON.stringify(storedAnswers(input)),
      scores: JSON.stringify(scores),
      recorded_by: actor.id,
      recorded_by_name: actor.fullName,
      recorded_at: now.toISOString(),
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toMeasure(inserted);
}

export async function measuresForReferral(db: Db, referralId: number): Promise<MeasuresForReferral> {
  const rows = await db
    .selectFrom('measure')
    .select(columns)
    .where('referral_id', '=', referralId)
    .orderBy('taken_on')
    .orderBy('id')
    .execute();
  const measures = rows.map(toMeasure);
  return { referralId, measures, series: buildSeries(measures) };
}

const FOLLOW_UP_KEY = 'measuresFollowUpWeeks';
const DEFAULT_FOLLOW_UP_WEEKS = 12;

export async function readFollowUpWeeks(db: Db): Promise<number> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', FOLLOW_UP_KEY).executeTakeFirst();
  const weeks = Number(row?.value);
  return Number.isInteger(weeks) && weeks > 0 ? weeks : DEFAULT_FOLLOW_UP_WEEKS;
}

export async function writeFollowUpWeeks(db: Db, weeks: number): Promise<void> {
  await db
    .insertInto('setting')
    .values({ key: FOLLOW_UP_KEY, value: String(weeks) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(weeks) }))
    .execute();
}

/** Open cases at these practices whose follow-up measure is due on or before `asOf`. */
export async function dueFollowUps(db: Db, practiceIds: readonly number[], asOf: string | undefined, now: Date): Promise<{ followUpWeeks: number; rows: DueFollowUp[] }> {
  const followUpWeeks = await readFollowUpWeeks(db);
  if (practiceIds.length === 0) return { followUpWeeks, rows: [] };
  const rows = await db
    .selectFrom('measure')
    .innerJoin('referral', 'referral.id', 'measure.referral_id')
    .select(['measure.id', 'measure.referral_id', 'measure.instrument', 'measure.stage', 'measure.taken_on'])
    .where('referral.practice_id', 'in', practiceIds)
    .where('referral.status', 'not in', endStates)
    .execute();
  const dated = rows.map((r) => ({
    id: r.id,
    referralId: r.referral_id,
    instrument: Instrument.parse(r.instrument),
    stage: MeasureStage.parse(r.stage),
    takenOn: r.taken_on,
  }));
  return { followUpWeeks, rows: followUpsDue(dated, followUpWeeks, asOf ?? londonToday(now)) };
}
