import { describe, expect, it } from 'vitest';
import { fieldErrorsFrom } from '../../../main/contract/errors';
import {
  measureQuestions,
  ons4Questions,
  RecordMeasureInput,
  SWEMWBS_NOTICE,
  swemwbsAnswerLabels,
  swemwbsStatements,
  uclaAnswerLabels,
  uclaQuestions,
} from '../../../main/contract/measures';
import { parseAt } from '../../../main/contract/time';
import { TEST_NOW } from '../../support/installation';

const base = { referralId: 1, stage: 'baseline', takenOn: '2026-01-05' } as const;

/** Parsed as dispatch parses it: at main's instant (the test installations' fixed one). */
const at = new Date(TEST_NOW);
const parseMeasure = (input: unknown) => parseAt(at, () => RecordMeasureInput.parse(input));
const safeParseMeasure = (input: unknown) => parseAt(at, () => RecordMeasureInput.safeParse(input));

function errorsOf(input: unknown): Record<string, string[]> {
  const r = safeParseMeasure(input);
  if (r.success) throw new Error(`expected field errors, got ${JSON.stringify(r.data)}`);
  return fieldErrorsFrom(r.error);
}

describe('the measure input accepts item answers only', () => {
  it('accepts a complete SWEMWBS, including answers as the radio buttons send them', () => {
    const r = parseMeasure({ ...base, instrument: 'swemwbs', answers: ['1', '2', '3', '4', '5', '1', '2'] });
    expect(r.answers).toEqual([1, 2, 3, 4, 5, 1, 2]);
  });

  it('refuses a typed-in total beside the answers, naming the key it will not take', () => {
    const e = errorsOf({ ...base, instrument: 'swemwbs', answers: [3, 3, 3, 3, 3, 3, 3], total: 21 });
    expect(Object.keys(e)).toEqual(['_form']);
    expect(e._form![0]).toMatch(/Signpost works out every score itself.*total/);
  });

  it('refuses scores sent instead of answers', () => {
    expect(Object.keys(errorsOf({ ...base, instrument: 'swemwbs', metric: 20.73 })).sort()).toEqual(['_form', 'answers']);
    expect(errorsOf({ ...base, instrument: 'ucla3', answers: [1, 1, 1], score: 3 })._form).toBeDefined();
  });

  it('names each unanswered question at its own field', () => {
    const e = errorsOf({ ...base, instrument: 'ons4', answers: [5, null, 7] });
    expect(e).toEqual({ 'answers.1': ['Choose an answer for question 2'], 'answers.3': ['Choose an answer for question 4'] });
  });

  it('names every question when no answer was given at all', () => {
    const e = errorsOf({ ...base, instrument: 'swemwbs', answers: [] });
    expect(Object.keys(e)).toEqual(['answers.0', 'answers.1', 'answers.2', 'answers.3', 'answers.4', 'answers.5', 'answers.6']);
  });

  it.each([
    ['ons4', [0, 10, 11, 5], 'answers.2', 'Question 3 takes an answer from 0 to 10'],
    ['ons4', [-1, 10, 5, 5], 'answers.0', 'Question 1 takes an answer from 0 to 10'],
    ['swemwbs', [1, 2, 3, 0, 5, 1, 2], 'answers.3', 'Question 4 takes an answer from 1 to 5'],
    ['swemwbs', [1, 2, 3, 4, 5, 1, 2.5], 'answers.6', 'Question 7 takes an answer from 1 to 5'],
    ['ucla3', [1, 4, 1], 'answers.1', 'Question 2 takes an answer from 1 to 3'],
    ['ucla3', [1, 1, 1, 6], 'answers.3', 'Question 4 takes an answer from 1 to 5, or none'],
  ])('refuses an out-of-range %s answer at its field (%j)', (instrument, answers, field, message) => {
    expect(errorsOf({ ...base, instrument, answers })).toEqual({ [field]: [message] });
  });

  it('refuses more answers than the measure has questions', () => {
    expect(errorsOf({ ...base, instrument: 'ons4', answers: [1, 2, 3, 4, 5] })).toEqual({ answers: ['ONS4 has 4 questions'] });
  });

  it('takes the direct loneliness question as optional', () => {
    expect(parseMeasure({ ...base, instrument: 'ucla3', answers: [1, 2, 3] }).answers).toEqual([1, 2, 3]);
    expect(parseMeasure({ ...base, instrument: 'ucla3', answers: [1, 2, 3, '2'] }).answers).toEqual([1, 2, 3, 2]);
  });

  it('asks for a measure, a stage and a real date that is not in the future', () => {
    expect(errorsOf({ referralId: 1, answers: [] })).toEqual({ instrument: ['Choose a measure'] });
    const e = errorsOf({ referralId: 1, instrument: 'ucla3', stage: 'later', takenOn: '2026-02-30', answers: [1, 1, 1] });
    expect(e).toEqual({ stage: ['Say whether this is the baseline or a follow-up'], takenOn: ['Enter a real date'] });
    const future = errorsOf({ ...base, takenOn: '2999-01-01', instrument: 'ucla3', answers: [1, 1, 1] });
    expect(future).toEqual({ takenOn: ['The date the measure was taken cannot be in the future'] });
  });
});

describe('the wording the form shows', () => {
  it('has the exact ONS4 questions, anxiety last with its own scale', () => {
    expect(ons4Questions.map((q) => q.text)).toEqual([
      'Overall, how satisfied are you with your life nowadays?',
      'Overall, to what extent do you feel that the things you do in your life are worthwhile?',
      'Overall, how happy did you feel yesterday?',
      'On a scale where nought is ‘not at all anxious’ and 10 is ‘completely anxious’, overall, how anxious did you feel yesterday?',
    ]);
    expect(Object.keys(measureQuestions.ons4[0]!.options)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    expect(measureQuestions.ons4[3]!.options['10']).toBe('10 – completely anxious');
  });

  it('has the seven SWEMWBS statements, five answers and Warwick’s notice word for word', () => {
    expect(swemwbsStatements).toHaveLength(7);
    expect(swemwbsStatements[6]).toBe('I’ve been able to make up my own mind about things');
    expect(Object.values(swemwbsAnswerLabels)).toEqual(['None of the time', 'Rarely', 'Some of the time', 'Often', 'All of the time']);
    expect(SWEMWBS_NOTICE).toBe(
      'Short Warwick Edinburgh Mental Wellbeing Scale (SWEMWBS) © NHS Health Scotland, University of Warwick and University of Edinburgh, 2008, all rights reserved.',
    );
  });

  it('has the three UCLA questions with their three answers, then the optional direct question', () => {
    expect(uclaQuestions).toEqual(['How often do you feel that you lack companionship?', 'How often do you feel left out?', 'How often do you feel isolated from others?']);
    expect(Object.values(uclaAnswerLabels)).toEqual(['Hardly ever', 'Some of the time', 'Often']);
    expect(measureQuestions.ucla3[3]).toMatchObject({ number: 4, text: 'How often do you feel lonely?', optional: true });
    expect(Object.values(measureQuestions.ucla3[3]!.options)).toEqual(['Often/always', 'Some of the time', 'Occasionally', 'Hardly ever', 'Never']);
  });
});
