import {
  type DirectLoneliness,
  directLonelinessOrder,
  type Instrument,
  type Measure,
  type MeasureScores,
  type MeasureStage,
  type Ons4AnxietyBand,
  ons4AnxietyBandLabels,
  type Ons4Band,
  ons4BandLabels,
  type Ons4ItemScore,
  ons4Questions,
  type ScoreChange,
  type Series,
  SWEMWBS_MEANINGFUL_CHANGE,
  SWEMWBS_METRIC,
  type SwemwbsChangeSize,
  swemwbsChangeText,
} from '../contract/measures';

/**
 * Every scoring rule of the wellbeing measures, as pure functions (no I/O): ONS4 bands, the
 * SWEMWBS conversion table, the UCLA total, series over time and change from baseline.
 * Anything out of range throws: the contract refuses it first, so reaching here with it is a bug.
 */

function assertWhole(value: number, min: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${what} must be a whole number from ${min} to ${max}; got ${value}`);
}

function assertCount(answers: readonly unknown[], count: number, what: string): void {
  if (answers.length !== count) throw new RangeError(`${what} has ${count} answers; got ${answers.length}`);
}

// ---------------------------------------------------------------- ONS4

/** Life satisfaction, worthwhile and happiness: 0–4 low, 5–6 medium, 7–8 high, 9–10 very high. */
export function ons4Band(score: number): Ons4Band {
  assertWhole(score, 0, 10, 'An ONS4 answer');
  if (score <= 4) return 'low';
  if (score <= 6) return 'medium';
  if (score <= 8) return 'high';
  return 'very_high';
}

/** Anxiety (higher is worse): 0–1 very low, 2–3 low, 4–5 medium, 6–10 high. */
export function ons4AnxietyBand(score: number): Ons4AnxietyBand {
  assertWhole(score, 0, 10, 'An ONS4 answer');
  if (score <= 1) return 'very_low';
  if (score <= 3) return 'low';
  if (score <= 5) return 'medium';
  return 'high';
}

/** Each of the four reported on its own with its ONS band; ONS4 has no total. */
export function scoreOns4(answers: readonly number[]): Ons4ItemScore[] {
  assertCount(answers, 4, 'ONS4');
  return ons4Questions.map((q, i) => {
    const score = answers[i]!;
    if (q.key === 'anxiety') {
      const band = ons4AnxietyBand(score);
      return { item: q.key, score, band, bandLabel: ons4AnxietyBandLabels[band] };
    }
    const band = ons4Band(score);
    return { item: q.key, score, band, bandLabel: ons4BandLabels[band] };
  });
}

// ---------------------------------------------------------------- SWEMWBS

/** Warwick's published table: raw 7–35 → metric score. */
export function swemwbsMetric(raw: number): number {
  assertWhole(raw, 7, 35, 'A SWEMWBS raw score');
  return SWEMWBS_METRIC[raw]!;
}

export function scoreSwemwbs(answers: readonly number[]): { raw: number; metric: number } {
  assertCount(answers, 7, 'SWEMWBS');
  answers.forEach((a, i) => assertWhole(a, 1, 5, `SWEMWBS answer ${i + 1}`));
  const raw = answers.reduce((sum, a) => sum + a, 0);
  return { raw, metric: swemwbsMetric(raw) };
}

/**
 * A change in the metric score against the published range of meaningful change for one person
 * (about 1 to 3 points): under 1 little or none; 1 up to 3 within the range; 3 or more beyond it.
 * Worked in hundredths, so 1.00 and 3.00 fall on the side the words say.
 */
export function swemwbsChangeSize(difference: number): SwemwbsChangeSize {
  const hundredths = Math.round(Math.abs(difference) * 100);
  if (hundredths < SWEMWBS_MEANINGFUL_CHANGE.lower * 100) return 'little_or_none';
  if (hundredths < SWEMWBS_MEANINGFUL_CHANGE.upper * 100) return 'within_range';
  return 'beyond_range';
}

// ---------------------------------------------------------------- UCLA 3-item loneliness

/** Total 3–9, higher is lonelier; ONS's direct question (4th answer, 1–5) is reported on its own, never added in. */
export function scoreUcla3(answers: readonly (number | null | undefined)[]): { total: number; direct: DirectLoneliness | null } {
  if (answers.length !== 3 && answers.length !== 4) throw new RangeError(`UCLA has 3 answers and an optional fourth; got ${answers.length}`);
  const items = answers.slice(0, 3) as number[];
  items.forEach((a, i) => assertWhole(a, 1, 3, `UCLA answer ${i + 1}`));
  const fourth = answers[3];
  let direct: DirectLoneliness | null = null;
  if (fourth !== undefined && fourth !== null) {
    assertWhole(fourth, 1, 5, 'The direct loneliness answer');
    direct = directLonelinessOrder[fourth - 1]!;
  }
  return { total: items[0]! + items[1]! + items[2]!, direct };
}

// ---------------------------------------------------------------- one measure

/** What scoring needs of a recorded measure: which one, and its item answers. */
export type ItemAnswers =
  | { instrument: 'ons4' | 'swemwbs'; answers: readonly number[] }
  | { instrument: 'ucla3'; answers: readonly (number | null | undefined)[] };

export function scoreMeasure(input: ItemAnswers): MeasureScores {
  switch (input.instrument) {
    case 'ons4':
      return { instrument: 'ons4', items: scoreOns4(input.answers) };
    case 'swemwbs':
      return { instrument: 'swemwbs', ...scoreSwemwbs(input.answers) };
    case 'ucla3':
      return { instrument: 'ucla3', ...scoreUcla3(input.answers) };
  }
}

// ---------------------------------------------------------------- over time

/** 25/11/2026 */
export function ukDate(iso: string): string {
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

function points(value: number, decimals: number): string {
  const n = Math.abs(value).toFixed(decimals);
  return `${n} ${n === (1).toFixed(decimals) ? 'point' : 'points'}`;
}

export interface SeriesPoint {
  measureId: number;
  takenOn: string;
  stage: MeasureStage;
  value: number;
  band: string | null;
}

interface SeriesRule {
  label: string;
  higherIsBetter: boolean;
  /** Decimal places the score is shown with. */
  decimals: number;
  /** What the change means, with its leading punctuation, after "up 3 points" / "down 3 points". */
  meaning(difference: number): { size: SwemwbsChangeSize | null; text: string };
  /** How a single value reads: "6 (medium)". */
  show(value: number, band: string | null): string;
}

const plainShow = (decimals: number) => (value: number, band: string | null) => (band ? `${value.toFixed(decimals)} (${band.toLowerCase()})` : value.toFixed(decimals));

function betterOf(difference: number, higherIsBetter: boolean): boolean | null {
  if (difference === 0) return null;
  return difference > 0 === higherIsBetter;
}

/**
 * Change from baseline: from the first baseline of the series (by date) to the latest measure after
 * it. Null when there is no baseline or nothing after it.
 */
export function changeFromBaseline(series: readonly SeriesPoint[], rule: SeriesRule): ScoreChange | null {
  const ordered = [...series].sort(byDateThenId);
  const baselineAt = ordered.findIndex((p) => p.stage === 'baseline');
  if (baselineAt < 0 || baselineAt === ordered.length - 1) return null;
  const baseline = ordered[baselineAt]!;
  const latest = ordered.at(-1)!;
  const scale = 10 ** rule.decimals;
  const difference = Math.round((latest.value - baseline.value) * scale) / scale;
  const { size, text } = rule.meaning(difference);
  const movement = difference === 0 ? 'no change' : `${difference > 0 ? 'up' : 'down'} ${points(difference, rule.decimals)}`;
  const description =
    `${rule.label} ${rule.show(baseline.value, baseline.band)} at baseline (${ukDate(baseline.takenOn)}), ` +
    `${rule.show(latest.value, latest.band)} on ${ukDate(latest.takenOn)}: ${movement}${text}.`;
  return {
    baselineOn: baseline.takenOn,
    baseline: baseline.value,
    latestOn: latest.takenOn,
    latest: latest.value,
    difference,
    better: betterOf(difference, rule.higherIsBetter),
    size,
    description,
  };
}

function byDateThenId(a: { takenOn: string; measureId: number }, b: { takenOn: string; measureId: number }): number {
  return a.takenOn < b.takenOn ? -1 : a.takenOn > b.takenOn ? 1 : a.measureId - b.measureId;
}

const ons4Rule = (label: string, higherIsBetter: boolean): SeriesRule => ({
  label,
  higherIsBetter,
  decimals: 0,
  show: plainShow(0),
  meaning: () => ({ size: null, text: higherIsBetter ? '' : ' (lower anxiety is better)' }),
});

const swemwbsRule: SeriesRule = {
  label: 'SWEMWBS metric score',
  higherIsBetter: true,
  decimals: 2,
  show: plainShow(2),
  meaning: (d) => {
    const size = swemwbsChangeSize(d);
    return { size, text: `: ${swemwbsChangeText[size]}` };
  },
};

const uclaRule: SeriesRule = {
  label: 'UCLA loneliness score',
  higherIsBetter: false,
  decimals: 0,
  show: plainShow(0),
  meaning: () => ({ size: null, text: ' (the scale runs from 3 to 9; higher is lonelier)' }),
};

type SeriesSpec = Pick<Series, 'instrument' | 'key' | 'min' | 'max'> & { rule: SeriesRule; value(m: Measure): { value: number; band: string | null } };

function ons4Item(m: Measure, i: number) {
  if (m.scores.instrument !== 'ons4') throw new Error('not an ONS4 measure');
  const s = m.scores.items[i]!;
  return { value: s.score, band: s.bandLabel };
}

const seriesSpecs: readonly SeriesSpec[] = [
  ...ons4Questions.map((q, i): SeriesSpec => ({
    instrument: 'ons4',
    key: q.key,
    min: 0,
    max: 10,
    rule: ons4Rule(q.label, q.higherIsBetter),
    value: (m) => ons4Item(m, i),
  })),
  {
    instrument: 'swemwbs',
    key: 'swemwbs_metric',
    min: 7,
    max: 35,
    rule: swemwbsRule,
    value: (m) => {
      if (m.scores.instrument !== 'swemwbs') throw new Error('not a SWEMWBS measure');
      return { value: m.scores.metric, band: null };
    },
  },
  {
    instrument: 'ucla3',
    key: 'ucla_total',
    min: 3,
    max: 9,
    rule: uclaRule,
    value: (m) => {
      if (m.scores.instrument !== 'ucla3') throw new Error('not a UCLA measure');
      return { value: m.scores.total, band: null };
    },
  },
];

/** Each score over time (oldest first) with its change from baseline, for every measure the case has. */
export function buildSeries(measures: readonly Measure[]): Series[] {
  const out: Series[] = [];
  for (const spec of seriesSpecs) {
    const mine = measures.filter((m) => m.instrument === spec.instrument);
    if (mine.length === 0) continue;
    const pts: SeriesPoint[] = mine
      .map((m) => ({ measureId: m.id, takenOn: m.takenOn, stage: m.stage, ...spec.value(m) }))
      .sort(byDateThenId);
    out.push({
      instrument: spec.instrument,
      key: spec.key,
      label: spec.rule.label,
      min: spec.min,
      max: spec.max,
      higherIsBetter: spec.rule.higherIsBetter,
      points: pts,
      change: changeFromBaseline(pts, spec.rule),
    });
  }
  return out;
}

// ---------------------------------------------------------------- follow-ups due

export interface DatedMeasure {
  id: number;
  referralId: number;
  instrument: Instrument;
  stage: MeasureStage;
  takenOn: string;
}

/** An ISO date plus whole days (calendar arithmetic in UTC, so no clock change moves it). */
export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const instrumentOrder: readonly Instrument[] = ['ons4', 'swemwbs', 'ucla3'];

/**
 * Follow-ups due on or before `asOf`: for each case and measure, the latest baseline is older than
 * `weeks` weeks and no follow-up of that measure was taken on or after the baseline's date.
 */
export function followUpsDue(
  measures: readonly DatedMeasure[],
  weeks: number,
  asOf: string,
): { referralId: number; instrument: Instrument; baselineOn: string; dueOn: string }[] {
  const groups = new Map<string, DatedMeasure[]>();
  for (const m of measures) {
    const key = `${m.referralId}:${m.instrument}`;
    const list = groups.get(key);
    if (list) list.push(m);
    else groups.set(key, [m]);
  }
  const due: { referralId: number; instrument: Instrument; baselineOn: string; dueOn: string }[] = [];
  for (const list of groups.values()) {
    const ordered = [...list].sort((a, b) => byDateThenId({ takenOn: a.takenOn, measureId: a.id }, { takenOn: b.takenOn, measureId: b.id }));
    const baseline = ordered.filter((m) => m.stage === 'baseline').at(-1);
    if (!baseline) continue;
    if (ordered.some((m) => m.stage === 'follow_up' && m.takenOn >= baseline.takenOn)) continue;
    const dueOn = addDays(baseline.takenOn, weeks * 7);
    if (dueOn <= asOf) due.push({ referralId: baseline.referralId, instrument: baseline.instrument, baselineOn: baseline.takenOn, dueOn });
  }
  return due.sort(
    (a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.referralId - b.referralId || instrumentOrder.indexOf(a.instrument) - instrumentOrder.indexOf(b.instrument)),
  );
}
