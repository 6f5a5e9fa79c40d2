import { describe, expect, it } from 'vitest';
import type { PatientMatch } from '../../../main/contract/referrals';
import { editDistance } from '../../../main/referrals/editDistance';
import { candidateScore, parseQuery } from '../../../main/referrals/search';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, createReferral, expectError, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const people = [
  { givenName: 'Margaret', familyName: 'Smith', preferredName: 'Peggy', dateOfBirth: '1951-03-04' },
  { givenName: 'John', familyName: 'Smith', preferredName: '', dateOfBirth: '1960-07-21' },
  { givenName: 'Jon', familyName: 'Smyth', preferredName: '', dateOfBirth: '1972-11-02' },
  { givenName: 'Zoë', familyName: 'O’Brien', preferredName: '', dateOfBirth: '1988-01-15' },
  { givenName: 'Amir', familyName: 'Khan', preferredName: '', dateOfBirth: '1960-07-21' },
  { givenName: 'Siobhan', familyName: 'McAllister', preferredName: 'Shiv', dateOfBirth: '1990-05-30' },
] as const;

/** Six patients at practice 1 and one at practice 2 (Hillview), made by the manager. */
async function practiceWithPatients(): Promise<Session> {
  const { session } = await newInstallation(tempFolder());
  await addTeam(session);
  for (const [i, p] of people.entries()) await createReferral(session, newReferral({ ...p, nhsNumber: syntheticNhsNumber(i) }));
  await createReferral(session, newReferral({ givenName: 'Margaret', familyName: 'Smithers', preferredName: '', nhsNumber: syntheticNhsNumber(50), registeredPracticeId: 2 }));
  return session;
}

async function search(session: Session, query: string): Promise<string[]> {
  const matches = (await call(session, 'patients.search', { query })) as PatientMatch[];
  return matches.map((m) => m.name);
}

describe('reading what was typed into the patient search', () => {
  it.each([
    ['999 000 0018', { kind: 'nhs', nhsNumber: '9990000018' }],
    ['999-000-0018', { kind: 'nhs', nhsNumber: '9990000018' }],
    ['04/03/1951', { kind: 'dob', date: '1951-03-04' }],
    ['4/3/1951', { kind: 'dob', date: '1951-03-04' }],
    ['1951-03-04', { kind: 'dob', date: '1951-03-04' }],
    ['31/02/1951', { kind: 'name', tokens: ['31', '02', '1951'] }],
    ['Zoë O’Brien', { kind: 'name', tokens: ['zoe', 'o', 'brien'] }],
    ['12345', { kind: 'none' }],
  ])('reads %j as %j', (typed, expected) => {
    expect(parseQuery(typed)).toEqual(expected);
  });
});

describe('typo tolerance', () => {
  it('counts a swap of neighbouring letters as one typo', () => {
    expect(editDistance('smiht', 'smith')).toBe(1);
    expect(editDistance('smyth', 'smith')).toBe(1);
    expect(editDistance('margret', 'margaret')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('matches a name still being typed with a typo in it, and not an unrelated name', () => {
    const smith = { given_name: 'John', family_name: 'Smith', preferred_name: '', family_key: 'smith' };
    expect(candidateScore(['jon', 'smiht'], smith)).toBe(2);
    expect(candidateScore(['smitt'], smith)).toBe(1);
    expect(candidateScore(['jones'], smith)).toBeNull();
  });
});

describe('finding a patient', () => {
  it('finds by NHS number typed with spaces or dashes, exactly', async () => {
    const session = await practiceWithPatients();
    expect(await search(session, syntheticNhsNumber(1).replace(/(\d{3})(\d{3})(\d{4})/, '$1 $2 $3'))).toEqual(['John Smith']);
    expect(await search(session, syntheticNhsNumber(1).replace(/(\d{3})(\d{3})(\d{4})/, '$1-$2-$3'))).toEqual(['John Smith']);
    expect(await search(session, syntheticNhsNumber(40))).toEqual([]);
  });

  it('finds by date of birth typed either way', async () => {
    const session = await practiceWithPatients();
    expect(await search(session, '21/07/1960')).toEqual(['Amir Khan', 'John Smith']);
    expect(await search(session, '1960-07-21')).toEqual(['Amir Khan', 'John Smith']);
  });

  it('finds by the start of a name, in any of given, family and preferred names', async () => {
    const session = await practiceWithPatients();
    const smi = await search(session, 'smi');
    // Prefix matches first; with so few, the typo-tolerant comparison adds Smyth after them.
    expect(smi.slice(0, 3).sort()).toEqual(['John Smith', 'Margaret (Peggy) Smith', 'Margaret Smithers']);
    expect(smi.slice(3)).toEqual(['Jon Smyth']);
    expect(await search(session, 'peg')).toEqual(['Margaret (Peggy) Smith']);
    expect(await search(session, 'jo smi')).toEqual(['John Smith', 'Jon Smyth']);
  });

  it('ignores accents and apostrophes', async () => {
    const session = await practiceWithPatients();
    expect(await search(session, 'zoe o’brien')).toEqual(['Zoë O’Brien']);
    expect(await search(session, 'obrien')).toEqual(['Zoë O’Brien']);
  });

  it('tolerates typos when the prefix search finds too few', async () => {
    const session = await practiceWithPatients();
    expect(await search(session, 'mcalister')).toEqual(['Siobhan (Shiv) McAllister']);
    expect(await search(session, 'jon smiht')).toEqual(['John Smith']);
    expect((await search(session, 'jon smith')).sort()).toEqual(['John Smith', 'Jon Smyth']);
    expect(await search(session, 'margret smith')).toEqual(['Margaret (Peggy) Smith', 'Margaret Smithers']);
  });

  it('finds only patients of the practices the caller works at', async () => {
    const session = await practiceWithPatients();
    expect(await search(session, 'smithers')).toEqual(['Margaret Smithers']);
    await signInAs(session, 'rita');
    expect(await search(session, 'smithers')).toEqual([]);
    expect(await search(session, syntheticNhsNumber(50))).toEqual([]);
  });

  it('gives at most 20 results', async () => {
    const { session } = await newInstallation(tempFolder());
    for (let i = 0; i < 25; i += 1) await createReferral(session, newReferral({ familyName: `Taylor`, givenName: `Person${i}`, nhsNumber: syntheticNhsNumber(i) }));
    expect(await search(session, 'taylor')).toHaveLength(20);
  });

  it('needs at least two characters', async () => {
    const { session } = await newInstallation(tempFolder());
    expect((await expectError(session, 'patients.search', { query: ' s ' })).fieldErrors).toEqual({ query: ['Type at least 2 characters'] });
  });

  it('audits the search with the records it showed, never what was typed', async () => {
    const session = await practiceWithPatients();
    const [match] = (await call(session, 'patients.search', { query: 'khan' })) as PatientMatch[];
    const last = await session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'patients.search', target_type: 'patient', target_id: String(match!.id), detail: 'search by name: 1 found' });
    expect(JSON.stringify(last)).not.toMatch(/khan/i);
  });
});
