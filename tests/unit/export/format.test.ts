import { describe, expect, it } from 'vitest';
import { ageOn, generatedLine, nhsNumber, orNone, patientName, plainText, ukDate, ukDateTime, ukPhone } from '../../../main/export/format';

describe('UK dates', () => {
  it('shows a date-only value as written, never shifted by a time zone', () => {
    expect(ukDate('2026-11-25')).toBe('25/11/2026');
    expect(ukDate('1951-03-04')).toBe('04/03/1951');
  });

  it('shows a stored UTC timestamp on its UK calendar day and clock, summer time included', () => {
    expect(ukDateTime('2026-07-01T23:30:00.000Z')).toBe('02/07/2026 00:30');
    expect(ukDate('2026-07-01T23:30:00.000Z')).toBe('02/07/2026');
    expect(ukDateTime('2026-01-01T23:30:00.000Z')).toBe('01/01/2026 23:30');
    expect(ukDateTime('2026-07-01 23:30:00')).toBe('02/07/2026 00:30');
    expect(ukDateTime(new Date('2026-12-03T15:40:00Z'))).toBe('03/12/2026 15:40');
  });

  it('leaves what is not a date as it was rather than printing "Invalid Date"', () => {
    expect(ukDate('not a date')).toBe('not a date');
    expect(ukDateTime('')).toBe('');
  });

  it('counts age in whole years on the UK calendar', () => {
    expect(ageOn('1951-03-04', new Date('2026-03-03T12:00:00Z'))).toBe(74);
    expect(ageOn('1951-03-04', new Date('2026-03-04T00:30:00Z'))).toBe(75);
    expect(ageOn('2000-07-02', new Date('2026-07-01T23:30:00Z'))).toBe(26);
    expect(ageOn('nonsense', new Date('2026-12-04T10:30:00Z'))).toBeNull();
  });
});

describe('NHS and phone numbers, names', () => {
  it('spaces the NHS number 3-3-4', () => {
    expect(nhsNumber('9990000018')).toBe('999 000 0018');
    expect(nhsNumber('999-000-0018')).toBe('999 000 0018');
  });

  it('spaces UK phone numbers the way they are read out', () => {
    expect(ukPhone('07700900123')).toBe('07700 900123');
    expect(ukPhone('01134960000')).toBe('0113 496 0000');
    expect(ukPhone('01614960000')).toBe('0161 496 0000');
    expect(ukPhone('02079460000')).toBe('020 7946 0000');
    expect(ukPhone('03001234567')).toBe('0300 123 4567');
    expect(ukPhone('01632960961')).toBe('01632 960961');
    expect(ukPhone('+44 113')).toBe('+44 113');
  });

  it('joins title, given and family name', () => {
    expect(patientName({ title: 'Mrs', givenName: 'Margaret', familyName: 'Ellis' })).toBe('Mrs Margaret Ellis');
    expect(patientName({ title: '', givenName: 'Sam', familyName: 'Ng' })).toBe('Sam Ng');
  });
});

describe('plain text for documents', () => {
  it('keeps markup characters as characters', () => {
    expect(plainText('<script>alert(1)</script> & "O\'Brien"')).toBe('<script>alert(1)</script> & "O\'Brien"');
  });

  it('normalises line endings, drops control characters and mends broken surrogates', () => {
    expect(plainText('one\r\ntwo\rthree')).toBe('one\ntwo\nthree');
    expect(plainText('bell\u0007 nul\u0000 esc\u001b del\u007f c1\u0085 nonchar\uFFFE')).toBe('bell nul esc del c1 nonchar');
    expect(plainText('half \uD83D pair \uD83D\uDE00')).toBe('half \uFFFD pair \uD83D\uDE00');
    expect(plainText('  trailing   \nspaces  ')).toBe('trailing\nspaces');
    expect(plainText(null)).toBe('');
  });

  it('says "None recorded" rather than leaving a gap', () => {
    expect(orNone('  ')).toBe('None recorded');
    expect(orNone('', 'None known')).toBe('None known');
    expect(orNone('Some')).toBe('Some');
  });

  it('writes the generated line with UK date and time', () => {
    expect(generatedLine(new Date('2026-06-01T08:05:00Z'), 'Sam Patel')).toBe('Generated 01/06/2026 09:05 by Sam Patel');
  });
});
