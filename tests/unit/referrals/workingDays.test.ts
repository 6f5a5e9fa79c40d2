import { describe, expect, it } from 'vitest';
import { bankHolidaysEnglandWales, isBankHoliday, ruleBasedBankHolidays } from '../../../main/calendar/bankHolidays';
import { isWorkingDay, londonDate, workingDaysBefore } from '../../../main/calendar/workingDays';

describe('bank holidays in England and Wales', () => {
  it('bundles 2024 to 2028, eight a year, each on a weekday', () => {
    expect(Object.keys(bankHolidaysEnglandWales)).toEqual(['2024', '2025', '2026', '2027', '2028']);
    for (const days of Object.values(bankHolidaysEnglandWales)) {
      expect(days).toHaveLength(8);
      for (const d of days) expect([1, 2, 3, 4, 5]).toContain(new Date(`${d}T12:00:00Z`).getUTCDay());
    }
  });

  it.each([2024, 2025, 2026, 2027, 2028])('agrees with the usual rules (Easter, May, August, substitute days) in %i', (year) => {
    expect(ruleBasedBankHolidays(year)).toEqual(bankHolidaysEnglandWales[year]);
  });

  it('moves Christmas and Boxing Day to the next weekdays when they fall at a weekend (2027)', () => {
    expect(isBankHoliday('2027-12-27')).toBe(true);
    expect(isBankHoliday('2027-12-28')).toBe(true);
    expect(isBankHoliday('2027-12-24')).toBe(false);
  });

  it('follows the rules for a year outside the list', () => {
    expect(isBankHoliday('2029-03-30')).toBe(true); // Good Friday 2029
    expect(isBankHoliday('2029-04-02')).toBe(true); // Easter Monday 2029
  });
});

describe('working days', () => {
  it('are Monday to Friday except bank holidays', () => {
    expect(isWorkingDay('2026-12-24')).toBe(true); // Thursday
    expect(isWorkingDay('2026-12-25')).toBe(false); // Christmas Day, Friday
    expect(isWorkingDay('2026-12-26')).toBe(false); // Saturday
    expect(isWorkingDay('2026-12-28')).toBe(false); // Boxing Day substitute, Monday
    expect(isWorkingDay('2026-12-29')).toBe(true);
  });

  it('count back across a weekend: one working day before Monday 10:00 is Friday 10:00', () => {
    expect(workingDaysBefore(new Date('2026-03-09T10:00:00Z'), 1).toISOString()).toBe('2026-03-06T10:00:00.000Z');
  });

  it('count back across a weekend and two bank holidays over Christmas 2026', () => {
    // Tue 29 Dec: Mon 28 (holiday), Sun, Sat, Fri 25 (holiday) are skipped; Thu 24 is one, Wed 23 is two.
    expect(workingDaysBefore(new Date('2026-12-29T10:00:00Z'), 2).toISOString()).toBe('2026-12-23T10:00:00.000Z');
  });

  it('count ten working days as two weeks when no holiday intervenes', () => {
    expect(workingDaysBefore(new Date('2026-03-20T15:30:00Z'), 10).toISOString()).toBe('2026-03-06T15:30:00.000Z');
  });

  it('use the date in England, not in UTC, after midnight in summer time', () => {
    // 23:30 UTC on Sunday 7 June 2026 is 00:30 on Monday 8 June in England.
    expect(londonDate(new Date('2026-06-07T23:30:00Z'))).toBe('2026-06-08');
    expect(workingDaysBefore(new Date('2026-06-07T23:30:00Z'), 1).toISOString()).toBe('2026-06-04T23:30:00.000Z');
  });
});
