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
    areas: new Set(['meanwood']),
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

/** Each finding's span, and its fix's, is exactly where the text stands. */
function expectPositions(text: string, found: RawFinding[]) {
  for (const f of found) {
    expect(text.slice(f.start, f.end)).toBe(f.text);
    if (f.fix) expect(text.slice(f.fix.start, f.fix.end)).toBe(f.fix.text);
  }
}

/** The text with every finding's fix applied, from the last to the first (as a writer clicking each would get). */
function fixed(text: string, ctx = context()): string {
  let out = text;
  let before = Number.POSITIVE_INFINITY;
  for (const f of [...scan(text, ctx)].reverse()) {
    if (!f.fix || f.fix.end > before) continue;
    out = out.slice(0, f.fix.start) + f.fix.with + out.slice(f.fix.end);
    before = f.fix.start;
  }
  return out;
}

describe('the person’s own names', () => {
  it('flags given, family and preferred names, with their exact positions, a full name as one', () => {
    const text = 'Margaret Ellis, known as Peggy, came to us in the winter. Peggy now sings.';
    const found = scan(text);
    expect(found.map((f) => [f.kind, f.text, f.start, f.end])).toEqual([
      ['own_name', 'Margaret Ellis', 0, 14],
      ['own_name', 'Peggy', 25, 30],
      ['own_name', 'Peggy', 58, 63],
    ]);
    expectPositions(text, found);
    expect(found[0]!.fix?.with).toBe('The person');
    expect(fixed(text)).toBe('The person, known as the person, came to us in the winter. The person now sings.');
  });

  it('takes an initial after the name, and a title before it, with the name', () => {
    expect(kinds('We met Peggy H. at the library, and Mrs Ellis came again.')).toEqual(['own_name:Peggy H.', 'own_name:Mrs Ellis']);
    expect(fixed('Peggy H. joined the choir.')).toBe('The person joined the choir.');
  });

  it('keeps the possessive when it changes the name', () => {
    expect(fixed('Peggy’s daughter drives her there.')).toBe('The person’s daughter drives her there.');
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
  it('flags a capitalised word found in the patient name index, a full name as one', () => {
    expect(kinds('She now walks every week with her neighbour John Smith.')).toEqual(['other_name:John Smith']);
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

describe('names from the names list, beside the patient index', () => {
  it('flags a relative’s first name that no patient has, and the fix leaves “her son”', () => {
    const text = 'Her son Gary rings every evening, and her neighbour, Sandra, pops in.';
    expect(kinds(text)).toEqual(['name:Gary', 'name:Sandra']);
    expect(fixed(text)).toBe('Her son rings every evening, and her neighbour pops in.');
  });

  it('turns “Gary, her son,” into “her son”, and a name alone into “someone”', () => {
    expect(fixed('Gary, her son, rings every day.')).toBe('Her son rings every day.');
    expect(fixed('After Gary left she went to bed early.')).toBe('After someone left she went to bed early.');
  });

  it('flags a surname after a title whatever it is, and a name opening a sentence', () => {
    expect(kinds('She sat with Mrs Hollings. Liam came later.')).toEqual(['name:Mrs Hollings', 'name:Liam']);
  });

  it('does not flag benefits, organisations, cities or colleagues that happen to contain surnames', () => {
    expect(kinds('She now gets Pension Credit and Universal Credit, goes to Leeds City Council and sees Sam weekly.')).toEqual([]);
    expect(kinds('White vans park outside. Happy days followed.')).toEqual([]);
  });
});

describe('numbers and contact details', () => {
  it('takes out a sentence that is only contact details, instead of leaving “is and you can ring her on.”', () => {
    const text = 'She sings every week. Her NHS number is 999 000 0018 and you can ring her on 07700 900123. She is happier.';
    expect(kinds(text)).toEqual(['nhs_number:999 000 0018', 'phone:07700 900123']);
    expectPositions(text, scan(text));
    expect(fixed(text)).toBe('She sings every week. She is happier.');
  });

  it('takes out a detail in brackets or between commas, and asks for a rephrase when it is part of the sentence', () => {
    expect(fixed('Her daughter (07700 900123) drives her there.')).toBe('Her daughter drives her there.');
    expect(fixed('She lives at 14 Beech Grove, LS6 2QR.')).toBe('She lives nearby.');
    const [phone] = scan('Her daughter, who you can call on 07700 900123 most days, drives her there.');
    expect([phone!.kind, phone!.fix]).toEqual(['phone', null]);
  });

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
    expect(found.map((f) => [f.kind, f.text, f.fix?.text, f.fix?.with])).toEqual([
      ['date', '3 March 2026', 'on 3 March 2026', 'in the spring'],
      ['date', '12/04/2026', '12/04/2026', 'in the spring'],
      ['date', '5th of June', 'on the 5th of June', 'in the summer'],
    ]);
    expectPositions(text, found);
    expect(fixed(text)).toBe('She first came in the spring, then in the spring and again in the summer.');
  });

  it('keeps the preposition a date needs: “since 3 March” becomes “since the spring”', () => {
    expect(fixed('Since 3 March she has sung every week, and until 12 June she swam.')).toBe('Since the spring she has sung every week, and until the summer she swam.');
  });

  it('flags the date of birth as a date of birth, with an age band', () => {
    const found = scan('Born on 04/03/1951, she has lived here all her life.');
    expect(found.map((f) => [f.kind, f.text])).toEqual([['date_of_birth', '04/03/1951']]);
    expect(found[0]!.advice).toContain('in her seventies');
    expect(fixed('Born on 04/03/1951, she has lived here all her life.')).toBe('In her seventies, she has lived here all her life.');
    expect(kinds('She was born in 1951.')).toEqual(['date_of_birth:born in 1951']);
    // "She was born on 04/03/1951." has no clean swap: the writer rephrases, and the check says so.
    const [dob] = scan('She was born on 04/03/1951.');
    expect([dob!.kind, dob!.fix]).toEqual(['date_of_birth', null]);
    expect(dob!.advice).toMatch(/rephrase the sentence/);
  });

  it('does not flag a month alone or a month and year', () => {
    expect(kinds('Since March she has been out more; by June 2026 she was singing.')).toEqual([]);
  });

  it('flags ages and suggests an age band', () => {
    const text = 'A 72-year-old widow, aged 72, who is 72 years old.';
    const found = scan(text);
    expect(found.map((f) => [f.kind, f.text, f.fix?.with])).toEqual([
      ['age', '72-year-old', 'A seventy-something'],
      ['age', 'aged 72', 'in her seventies'],
      ['age', '72 years old', 'in her seventies'],
    ]);
    expect(fixed(text)).toBe('A seventy-something widow, in her seventies, who is in her seventies.');
    expect(kinds('Aged seventy-two, she lives alone.')).toEqual(['age:Aged seventy-two']);
    expect(fixed('She started singing at the age of 72, and met an 18-year-old there.')).toBe('She started singing in her seventies, and met a teenager there.');
    expect(fixed('An 84-year-old, she still drives.')).toBe('Someone in her eighties, she still drives.');
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

  it('flags villages from the gazetteer and the person’s own locality', () => {
    expect(kinds('She moved from Thorner to Headingley, and visits Bramhope.')).toEqual(['place:Thorner', 'place:Headingley', 'place:Bramhope']);
  });

  it('flags a town from the gazetteer and an area from patients’ addresses, and swaps the whole phrase', () => {
    const text = 'Her son Gary helped her when she moved from Barnsley to Belle Isle last summer.';
    const ctx = context({ areas: new Set(['belle isle']) });
    expect(kinds(text, ctx)).toEqual(['name:Gary', 'place:Barnsley', 'place:Belle Isle']);
    expectPositions(text, scan(text, ctx));
    expect(fixed(text, ctx)).toBe('Her son helped her when she moved from another town to another area last summer.');
    expect(fixed('She lives in Meanwood now, near Thorner.')).toBe('She lives locally now, nearby.');
  });

  it('asks for a rephrase where swapping the place would break the sentence', () => {
    for (const text of ['Barnsley is where she grew up.', 'She loved the Barnsley market.', 'She moved to Barnsley Hospital.']) {
      const found = scan(text).find((f) => f.kind === 'place')!;
      expect([found.text, found.fix]).toEqual(['Barnsley', null]);
      expect(found.advice).toMatch(/rephrase the sentence/);
    }
  });

  it('does not flag a city, a region, a month, or a word that is also a town unless it follows “in” or “from”', () => {
    expect(kinds('She goes into Leeds by bus, and to Sheffield, Yorkshire and Manchester in March.')).toEqual([]);
    expect(kinds('She got a good Deal on a coat. She moved to Deal.')).toEqual(['place:Deal']);
  });
});

describe('a whole story', () => {
  it('finds each identifier once, in order, at its place', () => {
    const text =
      'Peggy Ellis, a 79-year-old from LS6 2QR, was referred on 12 January 2026 by Dr Khan. ' +
      'Her neighbour John helps. Call 07700 900123. She joined the Headingley Community Choir in the spring.';
    const found = scan(text);
    expect(found.map((f) => f.kind)).toEqual(['own_name', 'age', 'postcode', 'date', 'other_name', 'phone']);
    expectPositions(text, found);
    expect(fixed(text)).toBe(
      'The person, someone in her seventies from another area, was referred in the winter by Dr Khan. Her neighbour helps. She joined the Headingley Community Choir in the spring.',
    );
  });

  it('treats markup as text: it is found or passed over like any other characters', () => {
    const text = '<script>alert("Peggy")</script> <b>bold</b>';
    expect(kinds(text)).toEqual(['own_name:Peggy']);
  });
});
