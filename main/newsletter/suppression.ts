import { SMALL_NUMBER_LIMIT } from '../contract/newsletter';

/**
 * Small-number suppression, the way NHS statistics publish: a count from 1 to 7 is shown as
 * "fewer than 8" (0 is shown: it picks nobody out), and an average from fewer than 8 people is not
 * shown at all. Bars of a chart follow the same rule: a suppressed count has no bar length.
 */

export const FEWER_THAN = `fewer than ${SMALL_NUMBER_LIMIT}`;

export function isSuppressed(count: number): boolean {
  return count > 0 && count < SMALL_NUMBER_LIMIT;
}

/** A count as it may be published. */
export function showCount(count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new Error(`not a count: ${count}`);
  return isSuppressed(count) ? FEWER_THAN : count.toLocaleString('en-GB');
}

/** The count a chart may draw: null where the count is suppressed. */
export function chartValue(count: number): number | null {
  return isSuppressed(count) ? null : count;
}

export interface Average {
  /** Null when too few people contribute for it to be shown. */
  value: number | null;
  people: number;
}

/** The mean of the values, or null when fewer than 8 people contribute (or none). */
export function averageOf(values: readonly number[]): Average {
  if (values.length < SMALL_NUMBER_LIMIT) return { value: null, people: values.length };
  return { value: values.reduce((a, b) => a + b, 0) / values.length, people: values.length };
}

/** "+3.4 points" / "−1.0 points", or the reason it is not shown. */
export function showChange(average: Average, decimals = 1): string {
  if (average.value === null) return average.people === 0 ? 'no follow-ups yet' : `not shown: ${FEWER_THAN} people`;
  const v = average.value;
  const rounded = v.toFixed(decimals);
  const sign = Number(rounded) > 0 ? '+' : Number(rounded) < 0 ? '−' : '';
  return `${sign}${Math.abs(Number(rounded)).toFixed(decimals)} points`;
}
