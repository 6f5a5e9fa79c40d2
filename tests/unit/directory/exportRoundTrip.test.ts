import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Service } from '../../../main/contract/directory';
import { call } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';
import { directoryAsLinkWorker, fixture, importFile, search, serviceInput } from './support';

const tempFolder = useTempFolders();

type ExportFile = { fileName: string; mimeType: string; base64: string };

/** What a service is, leaving out what the directory itself keeps (id, when changed, usage). */
function comparable(s: Service) {
  return Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'id' && k !== 'updatedAt' && k !== 'usage'));
}

describe('CSV export', () => {
  it('writes the import columns, UK dates and category labels, with a byte-order mark for Excel', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    await importFile(session, { format: 'csv', content: fixture('good.csv'), mode: 'good_rows' });
    const file = (await call(session, 'directory.export')) as ExportFile;
    expect(file.fileName).toMatch(/^service-directory-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(file.mimeType).toBe('text/csv;charset=utf-8');
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text.startsWith('\uFEFFname,organisation,categories,tags,description,eligibility,how_to_refer,phone,email,website,address,postcode,opening_times,cost,cost_note,last_checked\r\n')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.name)).toEqual(['Chapel Street Lunch Club', 'Citizens Advice Benefits Check', 'Riverside Walking Group']);
    expect(rows[1]).toMatchObject({ categories: 'Housing; Money, benefits and debt', last_checked: '10/12/2025', cost: 'free', how_to_refer: 'signpost' });
    expect(rows[0]).toMatchObject({ cost: 'low cost', how_to_refer: 'direct referral' });
  });

  it('round-trips: importing the export updates every service and duplicates none', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    await importFile(session, { format: 'csv', content: fixture('good.csv'), mode: 'good_rows' });
    await importFile(session, { format: 'oruk', content: fixture('oruk-services.json'), mode: 'good_rows' });
    await call(session, 'directory.save', serviceInput({ name: 'Formula Club', organisation: '=HYPERLINK("x")', phone: '+44 113 496 0099', tags: ['-minus', '@at'], lastChecked: '' }));
    const before = (await search(session, { limit: 200 })).rows;

    const file = (await call(session, 'directory.export')) as ExportFile;
    const text = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(text).toContain(`'=HYPERLINK`);
    const result = await importFile(session, { format: 'csv', content: text, mode: 'all_or_nothing' });
    expect(result).toEqual({ imported: 0, updated: before.length, failed: [], rows: before.length, ignoredColumns: [] });

    const after = (await search(session, { limit: 200 })).rows;
    expect(after.map(comparable)).toEqual(before.map(comparable));
    expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
  });

  it('leaves archived services out and is audited', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    await importFile(session, { format: 'csv', content: fixture('good.csv'), mode: 'good_rows' });
    const walk = (await search(session, { text: 'walking' })).rows[0]!;
    await call(session, 'directory.archive', { id: walk.id });
    const file = (await call(session, 'directory.export')) as ExportFile;
    expect(Buffer.from(file.base64, 'base64').toString('utf8')).not.toContain('Riverside Walking Group');
    const last = await session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'directory.export', detail: 'CSV of 2 services' });
  });
});
