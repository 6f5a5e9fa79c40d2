import { describe, expect, it } from 'vitest';
import { formatNhsNumber, NhsNumber, nhsNumberProblem, normalisePostcode, Postcode } from '../../../main/contract/nhs';
import { checkDigit, syntheticNhsNumber } from '../../support/referrals';

describe('NHS number validation (Modulus 11)', () => {
  it.each([['9990000018'], ['9434765919'], ['9990000026']])('accepts the valid number %s', (n) => {
    expect(nhsNumberProblem(n)).toBeNull();
  });

  it('works the check digit of 999 000 0018 out by hand: 9×10 + 9×9 + 9×8 + 1×2 = 245, 245 mod 11 = 3, 11 − 3 = 8', () => {
    expect(checkDigit('999000001')).toBe(8);
    expect(NhsNumber.parse('9990000018')).toBe('9990000018');
  });

  it.each([['9990000017'], ['9990000019'], ['9434765918']])('refuses %s, whose check digit is wrong', (n) => {
    expect(nhsNumberProblem(n)).toMatch(/not valid/);
  });

  it('refuses every number whose first nine digits give a check digit of 10, whatever the last digit', () => {
    expect(checkDigit('999000000')).toBeNull();
    for (let last = 0; last <= 9; last += 1) expect(nhsNumberProblem(`999000000${last}`)).toMatch(/not valid/);
  });

  it.each([['0000000000'], ['1111111111'], ['9999999999']])('refuses %s, a number of one repeated digit', (n) => {
    expect(nhsNumberProblem(n)).toMatch(/not a real NHS number/);
  });

  it.each([['999 000 0018'], ['999-000-0018'], [' 999 000-0018 '], ['9990 000018']])('accepts %j with spaces or dashes, and keeps only the digits', (typed) => {
    expect(NhsNumber.parse(typed)).toBe('9990000018');
  });

  it('says how many digits a wrong-length number has, and refuses letters', () => {
    expect(nhsNumberProblem('999000001')).toBe('An NHS number has 10 digits; this has 9');
    expect(nhsNumberProblem('99900000188')).toBe('An NHS number has 10 digits; this has 11');
    expect(nhsNumberProblem('999O000018')).toMatch(/digits only/);
    expect(nhsNumberProblem('  ')).toBe('Enter the NHS number');
  });

  it('shows a number as 999 000 0018', () => {
    expect(formatNhsNumber('9990000018')).toBe('999 000 0018');
  });

  it('the test support makes only valid, distinct numbers in the 999 range', () => {
    const made = Array.from({ length: 200 }, (_, i) => syntheticNhsNumber(i));
    expect(new Set(made).size).toBe(200);
    for (const n of made) {
      expect(n.startsWith('999')).toBe(true);
      expect(nhsNumberProblem(n)).toBeNull();
    }
  });
});

describe('UK postcodes', () => {
  it.each([
    ['ls14ap', 'LS1 4AP'],
    ['LS1 4AP', 'LS1 4AP'],
    [' ls1   4ap ', 'LS1 4AP'],
    ['sw1a1aa', 'SW1A 1AA'],
    ['m11ae', 'M1 1AE'],
    ['b338th', 'B33 8TH'],
    ['cr26xh', 'CR2 6XH'],
    ['dn551pt', 'DN55 1PT'],
    ['w1a0ax', 'W1A 0AX'],
    ['ec1a1bb', 'EC1A 1BB'],
    ['gir0aa', 'GIR 0AA'],
  ])('normalises %j to %s', (typed, expected) => {
    expect(normalisePostcode(typed)).toBe(expected);
    expect(Postcode.parse(typed)).toBe(expected);
  });

  it.each([['LS1'], ['12345'], ['LS1 4A'], ['LS1 4APX'], ['QS1 4AP'], ['LS1 4CP'], ['L$1 4AP'], ['XX XXX']])('refuses %j', (typed) => {
    expect(normalisePostcode(typed)).toBeNull();
    const r = Postcode.safeParse(typed);
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toBe('Enter a real UK postcode, like LS1 4AP');
  });

  it('asks for a postcode that is missing', () => {
    expect(Postcode.safeParse('  ').error?.issues[0]?.message).toBe('Enter the postcode');
  });
});
