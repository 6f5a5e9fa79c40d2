import { describe, expect, it } from 'vitest';
import { useTempFolders } from '../../support/tempFolder';
import { expectError } from '../../support/referrals';
import { allNames, directoryAsLinkWorker, fixture, importFile, search } from './support';

const tempFolder = useTempFolders();

describe('Open Referral UK import', () => {
  it('maps what maps from a paged ORUK response and reports the service without a name', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const result = await importFile(session, { format: 'oruk', content: fixture('oruk-services.json'), mode: 'good_rows' });
    expect(result).toEqual({ imported: 2, updated: 0, failed: [{ row: 2, reason: 'name is missing' }], rows: 3, ignoredColumns: [] });

    const choir = (await search(session, { text: 'choir' })).rows[0]!;
    expect(choir).toMatchObject({
      name: 'Kirkstall Community Choir',
      organisation: 'Kirkstall Arts (example)',
      description: 'A friendly choir for all abilities. No auditions and no need to read music.',
      categories: ['loneliness'],
      tags: ['Music'],
      eligibility: 'Adults, aged 18 and over',
      howToRefer: 'signpost',
      phone: '0113 496 0010',
      email: 'choir@example.org',
      website: 'https://example.org/choir',
      address: 'Kirkstall Community Hall, 1 Abbey Road, Leeds, West Yorkshire',
      postcode: 'LS5 3HS',
      openingTimes: 'Thursday 19:00–21:00: Term time only',
      cost: 'paid',
      costNote: 'Per session £3.00 First session free',
      lastChecked: '2026-01-20',
    });
    const debt = (await search(session, { text: 'debt drop' })).rows[0]!;
    expect(debt).toMatchObject({
      organisation: 'Leeds Money Matters (example)',
      categories: ['money'],
      phone: '0800 138 1111',
      website: 'https://example.org/debt',
      address: 'Central Library, Calverley Street, Leeds',
      postcode: 'LS1 3AB',
      openingTimes: 'Monday, Wednesday 10:00–13:00',
      cost: 'free',
      eligibility: 'Leeds residents',
      lastChecked: null,
    });
  });

  it('accepts a bare array of services and imports nothing from it in all_or_nothing mode when one lacks a name', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const services = (JSON.parse(fixture('oruk-services.json')) as { content: unknown[] }).content;
    const result = await importFile(session, { format: 'oruk', content: JSON.stringify(services), mode: 'all_or_nothing' });
    expect(result).toMatchObject({ imported: 0, updated: 0, failed: [{ row: 2, reason: 'name is missing' }] });
    expect(await allNames(session)).toEqual([]);
  });

  it('updates rather than duplicates when the same ORUK file is imported twice', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    await importFile(session, { format: 'oruk', content: fixture('oruk-services.json'), mode: 'good_rows' });
    const again = await importFile(session, { format: 'oruk', content: fixture('oruk-services.json'), mode: 'good_rows' });
    expect(again).toMatchObject({ imported: 0, updated: 2 });
    expect(await allNames(session)).toHaveLength(2);
  });

  it('archives a service whose ORUK status is inactive', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const content = JSON.stringify([{ name: 'Closed Club', organization: { name: 'Old Org' }, status: 'inactive' }]);
    await importFile(session, { format: 'oruk', content, mode: 'good_rows' });
    expect((await search(session, { text: 'closed' })).total).toBe(0);
    expect((await search(session, { text: 'closed', includeArchived: true })).rows[0]).toMatchObject({ name: 'Closed Club', active: false });
  });

  it('says plainly when the file is not JSON, or not a list of services', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const notJson = await expectError(session, 'directory.import', { format: 'oruk', content: 'name,organisation\n', mode: 'good_rows' });
    expect(notJson.message).toBe('The file is not valid JSON. Open Referral UK files are JSON: check you chose the right file.');
    const notList = await expectError(session, 'directory.import', { format: 'oruk', content: '{"name":"x"}', mode: 'good_rows' });
    expect(notList.message).toMatch(/^This JSON is not an Open Referral UK list of services/);
  });
});
