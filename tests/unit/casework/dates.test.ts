import { describe, expect, it } from 'vitest';
import { daysBetween, londonLocalToUtc } from '../../../main/casework/dates';
import { londonNowLocal } from '../../../main/contract/time';

describe('times typed in England', () => {
  it.each([
    ['2026-01-15T09:30', '2026-01-15T09:30:00.000Z'],
    ['2026-07-15T09:30', '2026-07-15T08:30:00.000Z'],
    ['2026-03-29T00:30', '2026-03-29T00:30:00.000Z'],
    // The hour that does not exist when the clocks go forward is read an hour later, as a clock shows it.
    ['2026-03-29T01:30', '2026-03-29T01:30:00.000Z'],
    ['2026-03-29T02:30', '2026-03-29T01:30:00.000Z'],
    // The hour that happens twice when the clocks go back is read as the second one (GMT).
    ['2026-10-25T01:30', '2026-10-25T01:30:00.000Z'],
    ['2026-10-25T00:30', '2026-10-24T23:30:00.000Z'],
    ['2026-12-31T23:59', '2026-12-31T23:59:00.000Z'],
  ])('reads %s in England as %s', (local, utc) => {
    expect(londonLocalToUtc(local)).toBe(utc);
  });

  it('shows now as a wall-clock time in England, and counts calendar days', () => {
    expect(londonNowLocal(new Date('2026-07-01T23:30:00Z'))).toBe('2026-07-02T00:30');
    expect(londonNowLocal(new Date('2026-01-01T23:30:00Z'))).toBe('2026-01-01T23:30');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-12-01', '2026-11-20')).toBe(-11);
  });
});
