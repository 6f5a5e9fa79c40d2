import { describe, expect, it } from 'vitest';
import type { Service } from '../../../main/contract/directory';
import { useTempFolders } from '../../support/tempFolder';
import { call } from '../../support/installation';
import { expectError } from '../../support/referrals';
import { allNames, directoryAsLinkWorker, fixture, importFile, search } from './support';

const tempFolder = useTempFolders();

const HEADER = 'name,organisation,categories,description,eligibility,how_to_refer,phone,email,website,address,postcode,opening_times,cost,cost_note,last_checked';

const mixedFailures = [
  { row: 3, reason: "postcode 'XX1' is not a real UK postcode" },
  { row: 6, reason: "name is missing; email 'not-an-email' is not an e-mail address" },
  {
    row: 7,
    reason:
      "how_to_refer 'maybe' should be signpost or direct referral; cost 'sometimes' should be free, low cost or paid; last_checked '31/02/2026' is not a real date (use dd/mm/yyyy)",
  },
];

describe('CSV import of a good file', () => {
  it('adds every row, with categories from labels and codes, UK and ISO dates, and normalised postcodes', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const result = await importFile(session, { format: 'csv', content: fixture('good.csv'), mode: 'good_rows' });
    expect(result).toEqual({ imported: 3, updated: 0, failed: [], rows: 3, ignoredColumns: [] });

    const { rows } = await search(session, { text: 'walking' });
    const walk = rows[0]!;
    expect(walk).toMatchObject({
      name: 'Riverside Walking Group',
      organisation: 'Leeds Ramblers',
      categories: ['loneliness', 'physical_activity'],
      tags: [],
      howToRefer: 'signpost',
      website: 'https://www.example.org/walks',
      postcode: 'LS11 5PS',
      cost: 'free',
      lastChecked: '2026-02-03',
      active: true,
    });
    const lunch = (await search(session, { text: 'lunch club' })).rows[0]!;
    expect(lunch).toMatchObject({ howToRefer: 'direct_referral', cost: 'low_cost', costNote: '£4 per lunch', lastChecked: '2026-01-15' });
    const advice = (await search(session, { text: 'citizens advice' })).rows[0]!;
    expect(advice.categories).toEqual(['housing', 'money']);
    expect(advice.description).toBe('Free, confidential advice on benefits, debt and housing problems, by phone or face to face.');
  });

  it('updates the service with the same name and organisation (in any case) instead of adding a second', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    await importFile(session, { format: 'csv', content: fixture('good.csv'), mode: 'good_rows' });
    const again = `${HEADER}\nRIVERSIDE walking group,  leeds ramblers ,,Now on Saturdays too.,,signpost,,,,,,,,,\n`;
    const result = await importFile(session, { format: 'csv', content: again, mode: 'good_rows' });
    expect(result).toMatchObject({ imported: 0, updated: 1, failed: [] });
    expect(await allNames(session)).toHaveLength(3);
    expect((await search(session, { text: 'saturdays' })).rows.map((s) => s.description)).toEqual(['Now on Saturdays too.']);
  });
});

describe('CSV import of a bad file', () => {
  const bad = [
    HEADER,
    ',Nobody,,,,,,,,,,,,,',
    'Phone Club,Somebody,,,,signpost,12345,,,,,,,,',
    'Web Club,Somebody,,,,signpost,,,not a web address,,,,,,01/01/2099',
  ].join('\r\n');
  const badFailures = [
    { row: 2, reason: 'name is missing' },
    { row: 3, reason: "phone '12345' is not a UK phone number" },
    { row: 4, reason: "website 'not a web address' is not a web address; last_checked '01/01/2099' is in the future" },
  ];

  it.each(['good_rows', 'all_or_nothing'] as const)('imports nothing and reports every row with its reason (%s)', async (mode) => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const result = await importFile(session, { format: 'csv', content: bad, mode });
    expect(result).toEqual({ imported: 0, updated: 0, failed: badFailures, rows: 3, ignoredColumns: [] });
    expect(await allNames(session)).toEqual([]);
  });

  it('refuses a file without a name column, saying what the first row must be', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const e = await expectError(session, 'directory.import', { format: 'csv', content: 'service title,phone\nWalks,0113 496 0001\n', mode: 'good_rows' });
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toBe('The first row of the file must name the columns, and one must be called “name”. Download an export to see the columns Signpost reads.');
    expect(e.fieldErrors?.content).toEqual([e.message]);
  });

  it('names the row where a quoted value is never closed', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const content = `${HEADER}\nGood Group,Org,,,,,,,,,,,,,\n"Broken Group,Org,,,,,,,,,,,,,\nAnother,Org,,,,,,,,,,,,,\n`;
    const e = await expectError(session, 'directory.import', { format: 'csv', content, mode: 'good_rows' });
    expect(e.message).toMatch(/^Row 3: a value starts with a double quote/);
    expect(await allNames(session)).toEqual([]);
  });

  it('reports a row with more values than columns (an unquoted comma)', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const content = 'name,organisation,address\nLunch Club,Age UK,4 Chapel Street, Leeds\n';
    const result = await importFile(session, { format: 'csv', content, mode: 'good_rows' });
    expect(result.failed).toEqual([
      { row: 2, reason: 'has 4 values but the first row names 3 columns; a value with a comma in it needs double quotes around it' },
    ]);
  });
});

describe('CSV import of a mixed file', () => {
  it('imports the good rows and reports each bad one by its spreadsheet row (good_rows)', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const result = await importFile(session, { format: 'csv', content: fixture('mixed.csv'), mode: 'good_rows' });
    expect(result).toEqual({ imported: 3, updated: 0, failed: mixedFailures, rows: 6, ignoredColumns: [] });
    expect((await allNames(session)).sort()).toEqual(['Food Bank Referral', "Men's Shed Headingley", 'Riverside Walking Group']);
    const shed = (await search(session, { text: 'shed' })).rows[0] as Service;
    expect(shed).toMatchObject({ categories: ['loneliness'], tags: ['Woodwork'] });
  });

  it('imports nothing when any row is bad (all_or_nothing), and still reports every bad row', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const result = await importFile(session, { format: 'csv', content: fixture('mixed.csv'), mode: 'all_or_nothing' });
    expect(result).toEqual({ imported: 0, updated: 0, failed: mixedFailures, rows: 6, ignoredColumns: [] });
    expect(await allNames(session)).toEqual([]);
  });

  it('checks without saving on a dry run, counting what would be added and updated', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    await importFile(session, { format: 'csv', content: fixture('good.csv'), mode: 'good_rows' });
    const result = await importFile(session, { format: 'csv', content: fixture('mixed.csv'), mode: 'good_rows', dryRun: true });
    expect(result).toEqual({ imported: 2, updated: 1, failed: mixedFailures, rows: 6, ignoredColumns: [] });
    expect(await allNames(session)).toHaveLength(3);
  });

  it('numbers rows from firstRow when the renderer sends a later chunk of the file', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const chunk = `${HEADER}\nGood Group,Org,,,,,,,,,,,,,\nBad Group,Org,,,,,,,,,XX1,,,,\n`;
    const result = await importFile(session, { format: 'csv', content: chunk, mode: 'good_rows', firstRow: 202 });
    expect(result.failed).toEqual([{ row: 203, reason: "postcode 'XX1' is not a real UK postcode" }]);
  });

  it('reads columns named the way practices name them, and lists the columns it did not read', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const content = '\uFEFFService Name,Organization,Telephone,Post Code,Opening Hours,Notes\nChair Yoga,Leeds Yoga,0113 496 0020,ls6 1aa,Fridays 11:00,ask for Sam\n';
    const result = await importFile(session, { format: 'csv', content, mode: 'good_rows' });
    expect(result).toMatchObject({ imported: 1, failed: [], ignoredColumns: ['Notes'] });
    expect((await search(session, { text: 'yoga' })).rows[0]).toMatchObject({ organisation: 'Leeds Yoga', phone: '0113 496 0020', postcode: 'LS6 1AA', openingTimes: 'Fridays 11:00' });
  });

  it('audits each import with its counts', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    await importFile(session, { format: 'csv', content: fixture('mixed.csv'), mode: 'good_rows' });
    const last = await session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'directory.import', actor_name: 'Lee Worker', target_type: 'directory', target_id: 'import' });
    expect(last.detail).toBe('CSV, good_rows: 6 rows 3 added, 0 updated, 3 with problems');
    await call(session, 'directory.search', {});
  });
});
