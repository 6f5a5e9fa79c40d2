import { z } from 'zod';
import { channel } from './channel';
import { Id, Timestamp } from './fields';
import { managers } from './roles';
import { IsoDate, PastOrToday } from './nhs';

/**
 * Wellbeing measures: every question's exact wording, the answer labels, the licence notice and the
 * schemas. Shared with the renderer so that the form shows the very words main scores.
 * Sources: ONS/GSS personal well-being harmonised standard; Warwick Medical School (SWEMWBS);
 * the UCLA 3-item loneliness scale as ONS uses it. See /work/shared/measures.md.
 */

// ---------------------------------------------------------------- vocabularies

export const Instrument = z.enum(['ons4', 'swemwbs', 'ucla3'], { error: 'Choose a measure' });
export type Instrument = z.infer<typeof Instrument>;

export const instrumentLabels: Readonly<Record<Instrument, string>> = {
  ons4: 'ONS4 personal wellbeing',
  swemwbs: 'SWEMWBS (Short Warwick-Edinburgh Mental Wellbeing Scale)',
  ucla3: 'UCLA 3-item loneliness scale',
};

/** Short names for headings, chart legends and lists. */
export const instrumentShortNames: Readonly<Record<Instrument, string>> = { ons4: 'ONS4', swemwbs: 'SWEMWBS', ucla3: 'UCLA loneliness' };

export const MeasureStage = z.enum(['baseline', 'follow_up'], { error: 'Say whether this is the baseline or a follow-up' });
export type MeasureStage = z.infer<typeof MeasureStage>;
export const stageLabels: Readonly<Record<MeasureStage, string>> = { baseline: 'Baseline', follow_up: 'Follow-up' };

// ---------------------------------------------------------------- ONS4

/** The ONS interviewer's introduction, read before the four questions (GSS harmonised standard). */
export const ONS4_INTRO =
  'Next I would like to ask you four questions about your feelings on aspects of your life. There are no right or wrong answers. ' +
  'For each of these questions I’d like you to give an answer on a scale of nought to 10, where nought is ‘not at all’ and 10 is ‘completely’.';

export const Ons4Item = z.enum(['life_satisfaction', 'worthwhile', 'happiness', 'anxiety']);
export type Ons4Item = z.infer<typeof Ons4Item>;

export interface Ons4Question {
  key: Ons4Item;
  /** A short name for lists and charts. */
  label: string;
  text: string;
  /** What nought and 10 mean for this question (the interviewer instruction). */
  anchors: readonly [string, string];
  /** Anxiety runs the other way: a higher answer is worse. */
  higherIsBetter: boolean;
}

export const ons4Questions: readonly Ons4Question[] = [
  {
    key: 'life_satisfaction',
    label: 'Life satisfaction',
    text: 'Overall, how satisfied are you with your life nowadays?',
    anchors: ['not at all satisfied', 'completely satisfied'],
    higherIsBetter: true,
  },
  {
    key: 'worthwhile',
    label: 'Worthwhile',
    text: 'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
    anchors: ['not at all worthwhile', 'completely worthwhile'],
    higherIsBetter: true,
  },
  {
    key: 'happiness',
    label: 'Happiness',
    text: 'Overall, how happy did you feel yesterday?',
    anchors: ['not at all happy', 'completely happy'],
    higherIsBetter: true,
  },
  {
    key: 'anxiety',
    label: 'Anxiety',
    text: 'On a scale where nought is ‘not at all anxious’ and 10 is ‘completely anxious’, overall, how anxious did you feel yesterday?',
    anchors: ['not at all anxious', 'completely anxious'],
    higherIsBetter: false,
  },
];

/** Answer labels 0–10 for one ONS4 question: the ends carry their anchors. */
export function ons4AnswerLabels(question: Ons4Question): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  for (let v = 0; v <= 10; v++) out[String(v)] = v === 0 ? `0 – ${question.anchors[0]}` : v === 10 ? `10 – ${question.anchors[1]}` : String(v);
  return out;
}

export const Ons4Band = z.enum(['low', 'medium', 'high', 'very_high']);
export type Ons4Band = z.infer<typeof Ons4Band>;
export const ons4BandLabels: Readonly<Record<Ons4Band, string>> = { low: 'Low', medium: 'Medium', high: 'High', very_high: 'Very high' };

export const Ons4AnxietyBand = z.enum(['very_low', 'low', 'medium', 'high']);
export type Ons4AnxietyBand = z.infer<typeof Ons4AnxietyBand>;
export const ons4AnxietyBandLabels: Readonly<Record<Ons4AnxietyBand, string>> = { very_low: 'Very low', low: 'Low', medium: 'Medium', high: 'High' };

/** The ONS thresholds, written out so the form and the panel can say what each band means. */
export const ONS4_BANDS_TEXT = 'ONS bands: life satisfaction, worthwhile and happiness 0–4 low, 5–6 medium, 7–8 high, 9–10 very high; anxiety 0–1 very low, 2–3 low, 4–5 medium, 6–10 high (higher anxiety is worse).';

// ---------------------------------------------------------------- SWEMWBS

export const SWEMWBS_STEM =
  'Below are some statements about feelings and thoughts. Please tick the box that best describes your experience of each over the last 2 weeks.';

export const swemwbsStatements: readonly string[] = [
  'I’ve been feeling optimistic about the future',
  'I’ve been feeling useful',
  'I’ve been feeling relaxed',
  'I’ve been dealing with problems well',
  'I’ve been thinking clearly',
  'I’ve been feeling close to other people',
  'I’ve been able to make up my own mind about things',
];

export const swemwbsAnswerLabels: Readonly<Record<string, string>> = {
  '1': 'None of the time',
  '2': 'Rarely',
  '3': 'Some of the time',
  '4': 'Often',
  '5': 'All of the time',
};

/** Warwick's licence: this notice must appear wherever the scale is shown or reported. */
export const SWEMWBS_NOTICE =
  'Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.';

/** Warwick's published raw → metric conversion table, raw scores 7 to 35. */
export const SWEMWBS_METRIC: Readonly<Record<number, number>> = {
  7: 7.0, 8: 9.51, 9: 11.25, 10: 12.4, 11: 13.33, 12: 14.08, 13: 14.75, 14: 15.32, 15: 15.84, 16: 16.36,
  17: 16.88, 18: 17.43, 19: 17.98, 20: 18.59, 21: 19.25, 22: 19.98, 23: 20.73, 24: 21.54, 25: 22.35, 26: 23.21,
  27: 24.11, 28: 25.03, 29: 26.02, 30: 27.03, 31: 28.13, 32: 29.31, 33: 30.7, 34: 32.55, 35: 35.0,
};

/** The published range of meaningful change for one person, in metric points (standard error of measurement estimates). */
export const SWEMWBS_MEANINGFUL_CHANGE = { lower: 1, upper: 3 } as const;

export const SwemwbsChangeSize = z.enum(['little_or_none', 'within_range', 'beyond_range']);
export type SwemwbsChangeSize = z.infer<typeof SwemwbsChangeSize>;
export const swemwbsChangeText: Readonly<Record<SwemwbsChangeSize, string>> = {
  little_or_none: 'little or no change (less than 1 point, below the published range of meaningful individual change of about 1 to 3 points)',
  within_range:
    'a change within the range of meaningful individual change (about 1 to 3 points); it may be a real change for this person, or partly measurement error',
  beyond_range: 'a change larger than the usual threshold of meaningful individual change (about 1 to 3 points)',
};

// ---------------------------------------------------------------- UCLA 3-item loneliness

export const uclaQuestions: readonly string[] = [
  'How often do you feel that you lack companionship?',
  'How often do you feel left out?',
  'How often do you feel isolated from others?',
];

export const uclaAnswerLabels: Readonly<Record<string, string>> = { '1': 'Hardly ever', '2': 'Some of the time', '3': 'Often' };

/** ONS's direct loneliness question, optional beside the UCLA items and reported on its own (never added in). */
export const DIRECT_LONELINESS_QUESTION = 'How often do you feel lonely?';

export const DirectLoneliness = z.enum(['often_always', 'some_of_the_time', 'occasionally', 'hardly_ever', 'never']);
export type DirectLoneliness = z.infer<typeof DirectLoneliness>;
/** In the ONS order; the answer's position (1–5) is how it is entered. */
export const directLonelinessLabels: Readonly<Record<DirectLoneliness, string>> = {
  often_always: 'Often/always',
  some_of_the_time: 'Some of the time',
  occasionally: 'Occasionally',
  hardly_ever: 'Hardly ever',
  never: 'Never',
};
export const directLonelinessOrder = DirectLoneliness.options;
/** Entered as 1–5 (the position in the ONS list). */
export const directLonelinessAnswerLabels: Readonly<Record<string, string>> = Object.fromEntries(
  directLonelinessOrder.map((k, i) => [String(i + 1), directLonelinessLabels[k]]),
);

// ---------------------------------------------------------------- the questions of each measure, for forms

export interface QuestionDef {
  /** 1-based, as the form and its error messages number it. */
  number: number;
  text: string;
  options: Readonly<Record<string, string>>;
  optional?: boolean;
}

export const measureQuestions: Readonly<Record<Instrument, readonly QuestionDef[]>> = {
  ons4: ons4Questions.map((q, i) => ({ number: i + 1, text: q.text, options: ons4AnswerLabels(q) })),
  swemwbs: swemwbsStatements.map((text, i) => ({ number: i + 1, text, options: swemwbsAnswerLabels })),
  ucla3: [
    ...uclaQuestions.map((text, i) => ({ number: i + 1, text, options: uclaAnswerLabels })),
    { number: 4, text: DIRECT_LONELINESS_QUESTION, options: directLonelinessAnswerLabels, optional: true },
  ],
};

// ---------------------------------------------------------------- input: item answers only

/** A radio button's value arrives as text ("4"); anything else that is not a whole number stays as it is and fails. */
function fromRadio(v: unknown): unknown {
  if (v === null || v === '') return undefined;
  return typeof v === 'string' && /^\d{1,2}$/.test(v) ? Number(v) : v;
}

function answer(question: number, min: number, max: number) {
  const missing = `Choose an answer for question ${question}`;
  const range = `Question ${question} takes an answer from ${min} to ${max}`;
  return z.preprocess(fromRadio, z.number({ error: (i) => (i.input === undefined ? missing : range) }).int(range).min(min, range).max(max, range));
}

function optionalAnswer(question: number, min: number, max: number) {
  const range = `Question ${question} takes an answer from ${min} to ${max}, or none`;
  return z.preprocess(fromRadio, z.number({ error: range }).int(range).min(min, range).max(max, range).optional());
}

/** Pads a short list so that each missing answer is named at its own question, not at the list. */
function padded(required: number) {
  return (v: unknown) => (Array.isArray(v) && v.length < required ? [...v, ...Array<undefined>(required - v.length).fill(undefined)] : v);
}

const ons4Answer = (n: number) => answer(n, 0, 10);
export const Ons4Answers = z.preprocess(
  padded(4),
  z.tuple([ons4Answer(1), ons4Answer(2), ons4Answer(3), ons4Answer(4)], { error: 'ONS4 has 4 questions' }),
);

const swemwbsAnswer = (n: number) => answer(n, 1, 5);
export const SwemwbsAnswers = z.preprocess(
  padded(7),
  z.tuple(
    [swemwbsAnswer(1), swemwbsAnswer(2), swemwbsAnswer(3), swemwbsAnswer(4), swemwbsAnswer(5), swemwbsAnswer(6), swemwbsAnswer(7)],
    { error: 'SWEMWBS has 7 statements' },
  ),
);

/** Three UCLA items, then ONS's direct question (optional, 1–5 in the ONS order). */
export const Ucla3Answers = z.preprocess(
  padded(3),
  z.tuple([answer(1, 1, 3), answer(2, 1, 3), answer(3, 1, 3), optionalAnswer(4, 1, 5)], { error: 'The UCLA scale has 3 questions and an optional fourth' }),
);

const KEYS_REFUSED = 'Only the answers to each question are recorded: Signpost works out every score itself';
const refuseOtherKeys = {
  error: (i: { code?: string; keys?: string[] }) => (i.code === 'unrecognized_keys' && i.keys ? `${KEYS_REFUSED} (not accepted: ${i.keys.join(', ')})` : undefined),
};

export const TakenOn = PastOrToday('the date the measure was taken');

const common = {
  referralId: Id,
  stage: MeasureStage,
  takenOn: TakenOn,
};

/**
 * What a link worker records: item answers only. Any other key (a total, a score) is refused, so a
 * typed-in total is impossible by construction.
 */
export const RecordMeasureInput = z.discriminatedUnion(
  'instrument',
  [
    z.strictObject({ ...common, instrument: z.literal('ons4'), answers: Ons4Answers }, refuseOtherKeys),
    z.strictObject({ ...common, instrument: z.literal('swemwbs'), answers: SwemwbsAnswers }, refuseOtherKeys),
    z.strictObject({ ...common, instrument: z.literal('ucla3'), answers: Ucla3Answers }, refuseOtherKeys),
  ],
  { error: 'Choose a measure' },
);
export type RecordMeasureInput = z.input<typeof RecordMeasureInput>;
export type MeasureAnswers = z.output<typeof RecordMeasureInput>;

// ---------------------------------------------------------------- scores (computed in main)

export const Ons4ItemScore = z.object({ item: Ons4Item, score: z.number().int(), band: z.string(), bandLabel: z.string() });
export type Ons4ItemScore = z.infer<typeof Ons4ItemScore>;

export const MeasureScores = z.discriminatedUnion('instrument', [
  z.object({ instrument: z.literal('ons4'), items: z.array(Ons4ItemScore).length(4) }),
  z.object({ instrument: z.literal('swemwbs'), raw: z.number().int().min(7).max(35), metric: z.number() }),
  z.object({ instrument: z.literal('ucla3'), total: z.number().int().min(3).max(9), direct: DirectLoneliness.nullable() }),
]);
export type MeasureScores = z.infer<typeof MeasureScores>;

export const Measure = z.object({
  id: Id,
  referralId: Id,
  instrument: Instrument,
  stage: MeasureStage,
  takenOn: z.string(),
  answers: z.array(z.number().int().nullable()),
  scores: MeasureScores,
  recordedByName: z.string(),
  recordedAt: Timestamp,
});
export type Measure = z.infer<typeof Measure>;

/** One line of a chart: a score of one measure over time. */
export const SeriesKey = z.enum(['life_satisfaction', 'worthwhile', 'happiness', 'anxiety', 'swemwbs_metric', 'ucla_total']);
export type SeriesKey = z.infer<typeof SeriesKey>;

export const ScoreChange = z.object({
  baselineOn: z.string(),
  baseline: z.number(),
  latestOn: z.string(),
  latest: z.number(),
  /** latest − baseline, rounded to the score's precision. */
  difference: z.number(),
  /** Whether the change is towards better wellbeing (null when there is none). */
  better: z.boolean().nullable(),
  /** SWEMWBS only: the change against the published range of meaningful individual change. */
  size: SwemwbsChangeSize.nullable(),
  /** One sentence, plain English, for the screen and for screen readers. */
  description: z.string(),
});
export type ScoreChange = z.infer<typeof ScoreChange>;

export const Series = z.object({
  instrument: Instrument,
  key: SeriesKey,
  label: z.string(),
  min: z.number(),
  max: z.number(),
  higherIsBetter: z.boolean(),
  points: z.array(z.object({ measureId: Id, takenOn: z.string(), stage: MeasureStage, value: z.number(), band: z.string().nullable() })),
  change: ScoreChange.nullable(),
});
export type Series = z.infer<typeof Series>;

export const MeasuresForReferral = z.object({
  referralId: Id,
  /** Oldest first. */
  measures: z.array(Measure),
  series: z.array(Series),
});
export type MeasuresForReferral = z.infer<typeof MeasuresForReferral>;

export const DueFollowUp = z.object({
  referralId: Id,
  instrument: Instrument,
  baselineOn: z.string(),
  dueOn: z.string(),
});
export type DueFollowUp = z.infer<typeof DueFollowUp>;

// ---------------------------------------------------------------- channels

const worksCases = ['link_worker', 'practice_manager'] as const;

export const measureChannels = {
  'measures.record': channel({
    summary: 'Record a wellbeing measure for a case from its item answers; main computes every score.',
    access: ['link_worker'],
    audit: 'write',
    input: RecordMeasureInput,
    output: Measure,
  }),
  'measures.forReferral': channel({
    summary: 'All wellbeing measures of a case with their scores, each score over time and its change from baseline.',
    access: worksCases,
    audit: 'read',
    input: z.object({ referralId: Id }),
    output: MeasuresForReferral,
  }),
  'measures.due': channel({
    summary: 'Open cases whose follow-up measure is due: a baseline older than the set number of weeks, with no follow-up since.',
    access: worksCases,
    audit: 'read',
    input: z.object({ asOf: IsoDate.optional(), practiceId: Id.optional() }),
    output: z.object({ followUpWeeks: z.number().int(), rows: z.array(DueFollowUp) }),
  }),
  'measures.settings': channel({
    summary: 'Weeks after a baseline before a follow-up measure is due. Send {} to read; send a value to change it.',
    access: managers,
    audit: 'write',
    input: z.object({ followUpWeeks: z.number().int().min(1, 'At least 1 week').max(52, 'At most 52 weeks').optional() }),
    output: z.object({ followUpWeeks: z.number().int() }),
  }),
};
