import { describe, expect, it } from 'vitest';
import type { Measure, MeasureScores } from '../../../main/contract/measures';
import {
  addDays,
  buildSeries,
  followUpsDue,
  ons4AnxietyBand,
  ons4Band,
  scoreMeasure,
  scoreOns4,
  scoreSwemwbs,
  scoreUcla3,
  swemwbsChangeSize,
  swemwbsMetric,
} from '../../../main/measures/scoring';

/** Warwick's published conversion table, typed out again here from measures.md (not copied from the code). */
const publishedTable: [number, number][] = [
  [7, 7.0], [8, 9.51], [9, 11.25], [10, 12.4], [11, 13.33], [12, 14.08], [13, 14.75], [14, 15.32], [15, 15.84], [16, 16.36],
  [17, 16.88], [18, 17.43], [19, 17.98], [20, 18.59], [21, 19.25], [22, 19.98], [23, 20.73], [24, 21.54], [25, 22.35], [26, 23.21],
  [27, 24.11], [28, 25.03], [29, 26.02], [30, 27.03], [31, 28.13], [32, 29.31], [33, 30.7], [34, 32.55], [35, 35.0],
];

/** Seven SWEMWBS answers (1–5) that add up to `raw`. */
function swemwbsAnswersFor(raw: number): number[] {
  const answers = Array<number>(7).fill(1);
  let left = raw - 7;
  for (let i = 0; i < 7 && left > 0; i++) {
    const add = Math.min(4, left);
    answers[i] = 1 + add;
    left -= add;
  }
  return answers;
}

describe('SWEMWBS raw → metric conversion', () => {
  it('covers all 29 raw scores from 7 to 35', () => {
    expect(publishedTable.map(([raw]) => raw)).toEqual(Array.from({ length: 29 }, (_, i) => i + 7));
  });

  it.each(publishedTable)('converts raw %i to metric %s, as Warwick publishes', (raw, metric) => {
    expect(swemwbsMetric(raw)).toBe(metric);
  });

  it.each(publishedTable)('scores seven answers adding up to %i as metric %s', (raw, metric) => {
    expect(scoreSwemwbs(swemwbsAnswersFor(raw))).toEqual({ raw, metric });
  });

  it('refuses raw scores outside 7–35 and answers outside 1–5 rather than guess', () => {
    expect(() => swemwbsMetric(6)).toThrow(RangeError);
    expect(() => swemwbsMetric(36)).toThrow(RangeError);
    expect(() => swemwbsMetric(20.5)).toThrow(RangeError);
    expect(() => scoreSwemwbs([0, 5, 5, 5, 5, 5, 5])).toThrow(RangeError);
    expect(() => scoreSwemwbs([1, 1, 1, 1, 1, 1])).toThrow(RangeError);
  });
});

describe('ONS4 bands', () => {
  it.each([
    [0, 'low'], [4, 'low'], [5, 'medium'], [6, 'medium'], [7, 'high'], [8, 'high'], [9, 'very_high'], [10, 'very_high'],
  ])('puts life satisfaction, worthwhile and happiness %i in the %s band', (score, band) => {
    expect(ons4Band(score)).toBe(band);
  });

  it.each([
    [0, 'very_low'], [1, 'very_low'], [2, 'low'], [3, 'low'], [4, 'medium'], [5, 'medium'], [6, 'high'], [10, 'high'],
  ])('puts anxiety %i in the %s band (higher is worse)', (score, band) => {
    expect(ons4AnxietyBand(score)).toBe(band);
  });

  it('reports each question on its own with its band, and no total', () => {
    expect(scoreOns4([4, 5, 9, 6])).toEqual([
      { item: 'life_satisfaction', score: 4, band: 'low', bandLabel: 'Low' },
      { item: 'worthwhile', score: 5, band: 'medium', bandLabel: 'Medium' },
      { item: 'happiness', score: 9, band: 'very_high', bandLabel: 'Very high' },
      { item: 'anxiety', score: 6, band: 'high', bandLabel: 'High' },
    ]);
    const scores = scoreMeasure({ instrument: 'ons4', answers: [4, 5, 9, 6] });
    expect(Object.keys(scores).sort()).toEqual(['instrument', 'items']);
  });

  it('bands anxiety by its own thresholds even when the same number would be medium elsewhere', () => {
    const [life, , , anxiety] = scoreOns4([5, 5, 5, 5]);
    expect(life!.band).toBe('medium');
    expect(anxiety!.band).toBe('medium');
    const [life2, , , anxiety2] = scoreOns4([6, 6, 6, 6]);
    expect(life2!.band).toBe('medium');
    expect(anxiety2!.band).toBe('high');
  });

  it('refuses answers outside 0–10', () => {
    expect(() => ons4Band(11)).toThrow(RangeError);
    expect(() => ons4AnxietyBand(-1)).toThrow(RangeError);
    expect(() => scoreOns4([1, 2, 3])).toThrow(RangeError);
  });
});

describe('UCLA 3-item loneliness', () => {
  it('totals the least lonely answers as 3', () => {
    expect(scoreUcla3([1, 1, 1])).toEqual({ total: 3, direct: null });
  });

  it('totals the loneliest answers as 9', () => {
    expect(scoreUcla3([3, 3, 3])).toEqual({ total: 9, direct: null });
  });

  it('reports the direct ONS question on its own and never adds it to the total', () => {
    expect(scoreUcla3([2, 1, 3, 1])).toEqual({ total: 6, direct: 'often_always' });
    expect(scoreUcla3([2, 1, 3, 5])).toEqual({ total: 6, direct: 'never' });
    expect(scoreUcla3([2, 1, 3, null])).toEqual({ total: 6, direct: null });
  });

  it('refuses answers outside 1–3, and a direct answer outside 1–5', () => {
    expect(() => scoreUcla3([0, 1, 1])).toThrow(RangeError);
    expect(() => scoreUcla3([1, 1, 4])).toThrow(RangeError);
    expect(() => scoreUcla3([1, 1, 1, 6])).toThrow(RangeError);
  });
});

describe('SWEMWBS change against the range of meaningful individual change (about 1 to 3 points)', () => {
  it.each([
    [0, 'little_or_none'], [0.99, 'little_or_none'], [-0.99, 'little_or_none'],
    [1, 'within_range'], [-1, 'within_range'], [2.99, 'within_range'],
    [3, 'beyond_range'], [-3, 'beyond_range'], [10.5, 'beyond_range'],
  ])('calls a change of %s %s', (difference, size) => {
    expect(swemwbsChangeSize(difference)).toBe(size);
  });

  it('is not fooled by floating point at the edges (15.84 − 14.84 is exactly 1 point)', () => {
    expect(swemwbsChangeSize(15.84 - 14.84)).toBe('within_range');
    expect(swemwbsChangeSize(22.35 - 19.35)).toBe('beyond_range');
  });
});

let nextId = 1;
function measure(instrument: Measure['instrument'], stage: Measure['stage'], takenOn: string, scores: MeasureScores, answers: number[] = []): Measure {
  return { id: nextId++, referralId: 5, instrument, stage, takenOn, answers, scores, recordedByName: 'Lee Worker', recordedAt: `${takenOn}T10:00:00.000Z` };
}
const swemwbs = (stage: Measure['stage'], takenOn: string, raw: number) =>
  measure('swemwbs', stage, takenOn, { instrument: 'swemwbs', raw, metric: swemwbsMetric(raw) });

describe('series over time and change from baseline', () => {
  it('describes a SWEMWBS change of 1 point or more, up to 3, as within the range of meaningful change', () => {
    // raw 20 → 18.59 and raw 22 → 19.98: 1.39 points.
    const [series] = buildSeries([swemwbs('baseline', '2026-01-05', 20), swemwbs('follow_up', '2026-04-06', 22)]);
    expect(series!.change).toMatchObject({ baseline: 18.59, latest: 19.98, difference: 1.39, better: true, size: 'within_range' });
    expect(series!.change!.description).toBe(
      'SWEMWBS metric score 18.59 at baseline (05/01/2026), 19.98 on 06/04/2026: up 1.39 points: ' +
        'a change within the range of meaningful individual change (about 1 to 3 points); it may be a real change for this person, or partly measurement error.',
    );
  });

  it('describes a change under 1 point as little or no change', () => {
    // raw 17 → 16.88, raw 18 → 17.43: 0.55 points.
    const [series] = buildSeries([swemwbs('baseline', '2026-01-05', 17), swemwbs('follow_up', '2026-04-06', 18)]);
    expect(series!.change).toMatchObject({ difference: 0.55, size: 'little_or_none' });
    expect(series!.change!.description).toContain('up 0.55 points: little or no change');
  });

  it('describes a change of 3 points or more as larger than the usual threshold, whichever way it goes', () => {
    // raw 25 → 22.35, raw 20 → 18.59: down 3.76 points.
    const [series] = buildSeries([swemwbs('baseline', '2026-01-05', 25), swemwbs('follow_up', '2026-04-06', 20)]);
    expect(series!.change).toMatchObject({ difference: -3.76, better: false, size: 'beyond_range' });
    expect(series!.change!.description).toContain('down 3.76 points: a change larger than the usual threshold of meaningful individual change');
  });

  it('measures change from the baseline to the latest measure, in date order whatever order they were recorded in', () => {
    const [series] = buildSeries([
      swemwbs('follow_up', '2026-06-01', 30),
      swemwbs('baseline', '2026-01-05', 14),
      swemwbs('follow_up', '2026-03-02', 20),
    ]);
    expect(series!.points.map((p) => p.takenOn)).toEqual(['2026-01-05', '2026-03-02', '2026-06-01']);
    expect(series!.change).toMatchObject({ baselineOn: '2026-01-05', latestOn: '2026-06-01', baseline: 15.32, latest: 27.03, difference: 11.71 });
  });

  it('has no change to report with only a baseline, or with no baseline at all', () => {
    expect(buildSeries([swemwbs('baseline', '2026-01-05', 20)])[0]!.change).toBeNull();
    expect(buildSeries([swemwbs('follow_up', '2026-01-05', 20), swemwbs('follow_up', '2026-02-05', 25)])[0]!.change).toBeNull();
  });

  it('gives ONS4 four series, each with its own change, and counts lower anxiety as better', () => {
    const ons = (stage: Measure['stage'], takenOn: string, a: number[]) => measure('ons4', stage, takenOn, { instrument: 'ons4', items: scoreOns4(a) }, a);
    const series = buildSeries([ons('baseline', '2026-01-05', [3, 4, 5, 8]), ons('follow_up', '2026-04-06', [6, 4, 7, 3])]);
    expect(series.map((s) => [s.key, s.change?.difference, s.change?.better])).toEqual([
      ['life_satisfaction', 3, true],
      ['worthwhile', 0, null],
      ['happiness', 2, true],
      ['anxiety', -5, true],
    ]);
    expect(series[0]!.change!.description).toBe('Life satisfaction 3 (low) at baseline (05/01/2026), 6 (medium) on 06/04/2026: up 3 points.');
    expect(series[1]!.change!.description).toContain('no change');
    expect(series[3]!.change!.description).toBe('Anxiety 8 (high) at baseline (05/01/2026), 3 (low) on 06/04/2026: down 5 points (lower anxiety is better).');
    expect(series.every((s) => s.change!.size === null)).toBe(true);
  });

  it('counts a lower UCLA total as better, and invents no threshold for it', () => {
    const ucla = (stage: Measure['stage'], takenOn: string, a: number[]) => measure('ucla3', stage, takenOn, { instrument: 'ucla3', ...scoreUcla3(a) }, a);
    const [series] = buildSeries([ucla('baseline', '2026-01-05', [3, 3, 2]), ucla('follow_up', '2026-04-06', [2, 1, 2])]);
    expect(series).toMatchObject({ key: 'ucla_total', min: 3, max: 9, higherIsBetter: false });
    expect(series!.change).toMatchObject({ baseline: 8, latest: 5, difference: -3, better: true, size: null });
    expect(series!.change!.description).toBe('UCLA loneliness score 8 at baseline (05/01/2026), 5 on 06/04/2026: down 3 points (the scale runs from 3 to 9; higher is lonelier).');
  });
});

describe('follow-ups due', () => {
  const dated = (id: number, referralId: number, instrument: 'ons4' | 'swemwbs' | 'ucla3', stage: 'baseline' | 'follow_up', takenOn: string) => ({ id, referralId, instrument, stage, takenOn });

  it('falls due exactly the set number of weeks after the baseline, not a day before', () => {
    const baseline = [dated(1, 7, 'swemwbs', 'baseline', '2026-01-05')];
    expect(addDays('2026-01-05', 84)).toBe('2026-03-30');
    expect(followUpsDue(baseline, 12, '2026-03-29')).toEqual([]);
    expect(followUpsDue(baseline, 12, '2026-03-30')).toEqual([{ referralId: 7, instrument: 'swemwbs', baselineOn: '2026-01-05', dueOn: '2026-03-30' }]);
  });

  it('is no longer due once a follow-up of the same measure has been taken since the baseline', () => {
    const list = [
      dated(1, 7, 'swemwbs', 'baseline', '2026-01-05'),
      dated(2, 7, 'swemwbs', 'follow_up', '2026-04-01'),
      dated(3, 7, 'ucla3', 'baseline', '2026-01-05'),
    ];
    expect(followUpsDue(list, 12, '2026-05-01')).toEqual([{ referralId: 7, instrument: 'ucla3', baselineOn: '2026-01-05', dueOn: '2026-03-30' }]);
  });

  it('lists the longest-overdue first', () => {
    const list = [dated(1, 8, 'ons4', 'baseline', '2026-02-01'), dated(2, 7, 'ons4', 'baseline', '2026-01-05')];
    expect(followUpsDue(list, 4, '2026-06-01').map((r) => r.referralId)).toEqual([7, 8]);
  });
});
