import { describe, expect, it } from 'vitest';
import { SMALL_NUMBER_RULE } from '../../../main/contract/newsletter';
import { averageOf, chartValue, showChange, showCount } from '../../../main/newsletter/suppression';

describe('small-number suppression', () => {
  it('shows 0, hides 1 to 7, shows 8 and more', () => {
    expect(showCount(0)).toBe('0');
    expect(showCount(1)).toBe('fewer than 8');
    expect(showCount(7)).toBe('fewer than 8');
    expect(showCount(8)).toBe('8');
    expect(showCount(12345)).toBe('12,345');
  });

  it('draws no bar for a hidden count', () => {
    expect([0, 1, 7, 8].map(chartValue)).toEqual([0, null, null, 8]);
  });

  it('shows an average only from 8 people or more', () => {
    expect(averageOf([])).toEqual({ value: null, people: 0 });
    expect(averageOf([4])).toEqual({ value: null, people: 1 });
    expect(averageOf([1, 2, 3, 4, 5, 6, 7])).toEqual({ value: null, people: 7 });
    expect(averageOf([1, 2, 3, 4, 5, 6, 7, 8])).toEqual({ value: 4.5, people: 8 });
    expect(showChange(averageOf([]))).toBe('no follow-ups yet');
    expect(showChange(averageOf([3, 3, 3, 3, 3, 3, 3]))).toBe('not shown: fewer than 8 people');
    expect(showChange(averageOf([3, 3, 3, 3, 3, 3, 3, 5.4]))).toBe('+3.3 points');
    expect(showChange(averageOf(Array<number>(8).fill(-1)))).toBe('−1.0 points');
    expect(showChange(averageOf(Array<number>(8).fill(0)))).toBe('0.0 points');
  });

  it('states the rule for the footnote', () => {
    expect(SMALL_NUMBER_RULE).toContain('counts from 1 to 7 are shown as “fewer than 8”');
    expect(SMALL_NUMBER_RULE).toContain('at least 8 people');
  });
});
