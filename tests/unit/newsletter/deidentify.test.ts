import { describe, expect, it } from 'vitest';
import { ageBand, type CheckContext, lookupTerms, type PatientIdentity, type RawFinding, scanText } from '../../../main/newsletter/deidentify';

const margaret: PatientIdentity = {
  givenName: 'Margaret',
  familyName: 'Ellis',
  preferredName: 'Peggy',
  dateOfBirth: '1951-03-04',
  sex: 'female',
  addressLine1: 'Flat 2, 14 Beech Grove',
  addressLine2: 'Headingley',
  town: 'Leeds',
  postcode: 'LS6 2QR',
  phones: ['07700900123'],
  email: 'peggy@example.org',
  nhsNumber: '9990000018',
};

function context(overrides: Partial<CheckContext> = {}): CheckContext {
  return {
    patient: margaret,
    knownNames: new Set(['margaret', 'ellis', 'peggy', 'smith', 'john', 'rose', 'will', 'hope', 'patel', 'khan', 'grace']),
    staffNames: new Set(['sam', 'patel']),
    protectedPhrases: ['Headingley Community Choir', 'Age UK Leeds', 'Citizens Advice Leeds', 'Riverside Surgery', 'Smith Street Allotments'],
    smallPlaces: new Set(['thorner', 'bramhope']),
    today: '2026-06-15',
    ...overrides,
  };
}

function scan(text: string, ctx = context()): RawFinding[] {
  return scanText(text, ctx);
}

function kinds(text: string, ctx = context()): string[] {
  return scan(text, ctx).map((f) => `${f.kind}:${f.text}`);
}

/** Each finding's span is exactly where the text stands. */
function expectPositions(text: string, found: RawFinding[]) {
  for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
}

describe('the person’s own names', () => {
  it('flags given, family and preferred names, with their exact positions', () => {
    const text = 'Margaret Ellis, known as Peggy, came to us in the winter. Peggy now sings.';
    const found = scan(text);
    expect(found.map((f) => [f.kind, f.text, f.start, f.end])).toEqual([
      ['own_name', 'Margaret', 0, 8],
      ['own_name', 'Ellis', 9, 14],
      ['own_name', 'Peggy', 25, 30],
      ['own_name', 'Peggy', 58, 63],
    ]);
    expectPositions(text, found);
    expect(found[0]!.suggestion).toBe('The person');
  });

  it('flags a name typed in lower case when it is not an everyday word', () => {
    expect(kinds('we met peggy at the library')).toEqual(['own_name:peggy']);
  });

  it('does not flag an everyday word that happens to be the person’s name when it is written as a word', () => {
    const rose: PatientIdentity = { ...margaret, givenName: 'Rose', preferredName: '' };
    expect(kinds('Her mood rose steadily over the weeks.', context({ patient: rose }))).toEqual([]);
    expect(kinds('Over the weeks Rose found her feet.', context({ patient: rose }))).toEqual(['own_name:Rose']);
  });
});

describe('other patients’ names', () => {
  it('flags a capitalised word found in the patient name index', () => {
    expect(kinds('She now walks every week with her neighbour John Smith.')).toEqual(['other_name:John', 'other_name:Smith']);
  });

  it('does not flag Dr, the doctor’s name after it, staff, or everyday words opening a sentence', () => {
    expect(kinds('Dr Khan referred her. Will she come back? Hope is what she found. Sam, her link worker, listened.')).toEqual([]);
  });

  it('flags an everyday word used as a name mid-sentence', () => {
    expect(kinds('She goes to the café with Grace every Tuesday.')).toEqual(['other_name:Grace']);
  });

  it('does not flag common words, month names alone or directory service names', () => {
    const text = 'In March she joined the Headingley Community Choir, and in May she met Age UK Leeds and Smith Street Allotments. The group meets weekly.';
    expect(kinds(text)).toEqual([]);
  });

  it('looks up only the capitalised words of the text, folded', () => {
    const { nameWords, placePhrases } = lookupTerms(['She met Zoë and Dr Okafor in Thorner on Monday.']);
    expect(nameWords.sort()).toEqual(['okafor', 'she', 'thorner', 'zoe']);
    expect(placePhrases).toContain('thorner');
  });
});

describe('numbers and contact details', () => {
  it('flags NHS numbers with or without spaces', () => {
    expect(kinds('NHS number 999 000 0018 or 9990000018.')).toEqual(['nhs_number:999 000 0018', 'nhs_number:9990000018']);
  });

  it('flags UK phone numbers in their usual shapes', () => {
    expect(kinds('Call 07700 900123, 0113 496 0000, +44 7700 900123 or 01134960000.')).toEqual([
      'phone:07700 900123', 'phone:0113 496 0000', 'phone:+44 7700 900123', 'phone:01134960000',
    ]);
  });

  it('flags e-mail addresses and postcodes', () => {
    expect(kinds('Write to peggy.ellis@example.org; she lives in ls6 2qr, near LS1 4AP.')).toEqual([
      'email:peggy.ellis@example.org', 'postcode:ls6 2qr', 'postcode:LS1 4AP',
    ]);
  });

  it('does not flag measure scores, years or counts', () => {
    expect(kinds('SWEMWBS went up 4.1 points in 2026; ONS4 life satisfaction 3 to 6; 12 sessions over 10 weeks.')).toEqual([]);
  });
});

describe('dates and ages', () => {
  it('flags exact dates and suggests a season', () => {
    const text = 'She first came on 3 March 2026, then 12/04/2026 and again on the 5th of June.';
    const found = scan(text);
    expect(found.map((f) => [f.kind, f.text, f.suggestion])).toEqual([
      ['date', 'on 3 March 2026', 'in the spring'],
      ['date', '12/04/2026', 'in the spring'],
      ['date', 'on the 5th of June', 'in the summer'],
    ]);
    expectPositions(text, found);
  });

  it('flags the date of birth as a date of birth, with an age band', () => {
    const found = scan('Born on 04/03/1951, she has lived here all her life.');
    expect(found.map((f) => [f.kind, f.text])).toEqual([['date_of_birth', '04/03/1951']]);
    expect(found[0]!.advice).toContain('in her seventies');
    expect(kinds('She was born in 1951.')).toEqual(['date_of_birth:born in 1951']);
  });

  it('does not flag a month alone or a month and year', () => {
    expect(kinds('Since March she has been out more; by June 2026 she was singing.')).toEqual([]);
  });

  it('flags ages and suggests an age band', () => {
    const text = 'A 72-year-old widow, aged 72, who is 72 years old.';
    const found = scan(text);
    expect(found.map((f) => [f.kind, f.text, f.suggestion])).toEqual([
      ['age', '72-year-old', 'seventy-something'],
      ['age', 'aged 72', 'in her seventies'],
      ['age', '72 years old', 'in her seventies'],
    ]);
    expect(kinds('Aged seventy-two, she lives alone.')).toEqual(['age:Aged seventy-two']);
  });

  it('makes age bands at the edges', () => {
    expect(ageBand(9, 'her')).toBe('a child');
    expect(ageBand(16, 'his')).toBe('in his teens');
    expect(ageBand(20, 'their')).toBe('in their twenties');
    expect(ageBand(99, 'her')).toBe('in her nineties');
    expect(ageBand(101, 'her')).toBe('aged over 100');
  });
});

describe('addresses and places', () => {
  it('flags a house number and street, and the person’s own street without a number', () => {
    expect(kinds('She lives at 14 Beech Grove. Beech Grove is quiet.')).toEqual(['address:14 Beech Grove', 'address:Beech Grove']);
  });

  it('flags a named street on its own', () => {
    expect(kinds('She walks down Acacia Avenue to the shop.')).toEqual(['address:Acacia Avenue']);
  });

  it('flags small places: the bundled list, places with few patients and the person’s own locality', () => {
    expect(kinds('She moved from Thorner to Headingley, and visits Bramhope.')).toEqual(['place:Thorner', 'place:Headingley', 'place:Bramhope']);
  });

  it('does not flag a city', () => {
    expect(kinds('She goes into Leeds by bus.')).toEqual([]);
  });
});

describe('a whole story', () => {
  it('finds each identifier once, in order, at its place', () => {
    const text =
      'Peggy Ellis, a 79-year-old from LS6 2QR, was referred on 12 January 2026 by Dr Khan. ' +
      'Her neighbour John helps. Call 07700 900123. She joined the Headingley Community Choir in the spring.';
    const found = scan(text);
    expect(found.map((f) => f.kind)).toEqual(['own_name', 'own_name', 'age', 'postcode', 'date', 'other_name', 'phone']);
    expectPositions(text, found);
  });

  it('treats markup as text: it is found or passed over like any other characters', () => {
    const text = '<script>alert("Peggy")</script> <b>bold</b>';
    expect(kinds(text)).toEqual(['own_name:Peggy']);
  });
});
