import { describe, expect, it } from 'vitest';
import { type ImportResult, MAX_IMPORT_CHARS, MAX_IMPORT_ROWS } from '../../../main/contract/directory';
import { dispatch } from '../../../main/dispatch/dispatch';
import { type Chunk, csvChunks, csvRecords, orukChunks } from '../../../renderer/directory/chunks';
import { type Progress, runImport } from '../../../renderer/directory/runImport';
import { call } from '../../support/installation';
import { expectError } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { allNames, directoryAsLinkWorker, fixture } from './support';

const tempFolder = useTempFolders();

const HEADER = 'name,organisation,postcode';

/** A CSV of n services, the rows listed in `bad` with a postcode that is not real. */
function bigCsv(n: number, bad: number[] = []): string {
  const rows = Array.from({ length: n }, (_, i) => `Group ${i + 1},Org,${bad.includes(i + 2) ? 'XX1' : 'LS1 4AP'}`);
  return [HEADER, ...rows].join('\n') + '\n';
}

describe('splitting an import file into parts', () => {
  it('keeps a quoted line break inside its row and numbers parts as a spreadsheet does', () => {
    expect(csvRecords('a,b\r\n"x\ny",1\n\n2,3')).toEqual(['a,b', '"x\ny",1', '', '2,3']);
    const { chunks, totalRows } = csvChunks(bigCsv(450), 200);
    expect(totalRows).toBe(450);
    expect(chunks.map((c) => [c.firstRow, c.rows])).toEqual([[2, 200], [202, 200], [402, 50]]);
    expect(chunks[1]!.content.split('\r\n')[0]).toBe(HEADER);
    expect(chunks[1]!.content.split('\r\n')[1]).toBe('Group 201,Org,LS1 4AP');
  });

  it('counts blank rows as rows (as the spreadsheet shows them) but not as services', () => {
    const { chunks, totalRows } = csvChunks(fixture('mixed.csv'));
    expect(totalRows).toBe(6);
    expect(chunks).toHaveLength(1);
  });

  it('splits an ORUK page into arrays of services, numbered from 1', () => {
    const services = Array.from({ length: 250 }, (_, i) => ({ name: `S${i + 1}` }));
    const { chunks, totalRows } = orukChunks(JSON.stringify({ content: services }), 200);
    expect(totalRows).toBe(250);
    expect(chunks.map((c) => [c.firstRow, c.rows, (JSON.parse(c.content) as unknown[]).length])).toEqual([[1, 200, 200], [201, 50, 50]]);
    expect(orukChunks('not json').chunks).toEqual([{ content: 'not json', firstRow: 1, rows: 0 }]);
  });
});

describe('a chunked import through dispatch', () => {
  const sender = (session: Awaited<ReturnType<typeof directoryAsLinkWorker>>['session'], mode: 'good_rows' | 'all_or_nothing') =>
    (chunk: Chunk, dryRun: boolean) => call(session, 'directory.import', { format: 'csv', content: chunk.content, mode, dryRun, firstRow: chunk.firstRow }) as Promise<ImportResult>;

  it('imports 450 rows in three parts, reporting progress and the bad rows by their place in the whole file', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const { chunks, totalRows } = csvChunks(bigCsv(450, [5, 390]));
    const seen: Progress[] = [];
    const outcome = await runImport(sender(session, 'good_rows'), chunks, totalRows, 'good_rows', { progress: (p) => seen.push(p), stopRequested: () => false });
    expect(outcome).toMatchObject({ imported: 448, updated: 0, rowsDone: 450, cancelled: false, refused: false });
    expect(outcome.failed).toEqual([
      { row: 5, reason: "postcode 'XX1' is not a real UK postcode" },
      { row: 390, reason: "postcode 'XX1' is not a real UK postcode" },
    ]);
    expect(seen.map((p) => `${p.phase} ${p.done}/${p.total}`)).toEqual(['importing 0/450', 'importing 200/450', 'importing 400/450', 'importing 450/450']);
  });

  it('in all-or-nothing mode checks every part first and imports nothing when a later part has a bad row', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const { chunks, totalRows } = csvChunks(bigCsv(450, [420]));
    const outcome = await runImport(sender(session, 'all_or_nothing'), chunks, totalRows, 'all_or_nothing', { progress: () => undefined, stopRequested: () => false });
    expect(outcome).toMatchObject({ imported: 0, updated: 0, refused: true, failed: [{ row: 420, reason: "postcode 'XX1' is not a real UK postcode" }] });
    expect(await allNames(session)).toEqual([]);
  });

  it('stops after the current part when cancelled, keeping what was imported', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const { chunks, totalRows } = csvChunks(bigCsv(450));
    let parts = 0;
    const outcome = await runImport(
      async (chunk, dryRun) => {
        parts += 1;
        return sender(session, 'good_rows')(chunk, dryRun);
      },
      chunks,
      totalRows,
      'good_rows',
      { progress: () => undefined, stopRequested: () => parts >= 1 },
    );
    expect(outcome).toMatchObject({ imported: 200, rowsDone: 200, cancelled: true });
    expect(await allNames(session)).toHaveLength(200);
  });
});

describe('a long import and everyone else', () => {
  it('refuses one call with more rows than a part may hold, at the file', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const e = await expectError(session, 'directory.import', { format: 'csv', content: bigCsv(MAX_IMPORT_ROWS + 1), mode: 'good_rows' });
    expect(e).toMatchObject({ code: 'VALIDATION', fieldErrors: { content: [`This part of the file has ${MAX_IMPORT_ROWS + 1} rows: send at most ${MAX_IMPORT_ROWS} at a time`] } });
    const big = await expectError(session, 'directory.import', { format: 'csv', content: `${HEADER}\n${'x'.repeat(MAX_IMPORT_CHARS)}`, mode: 'good_rows' });
    expect(Object.keys(big.fieldErrors ?? {})).toEqual(['content']);
  });

  it('lets another call through while the largest part is being imported', async () => {
    const { session } = await directoryAsLinkWorker(tempFolder());
    const order: string[] = [];
    const importing = dispatch(session, 'directory.import', { format: 'csv', content: bigCsv(MAX_IMPORT_ROWS), mode: 'good_rows' }).then((r) => {
      order.push(r.ok ? 'import' : 'import failed');
    });
    // Another window's call arrives as the next event (as an IPC or HTTP request does), not in the import's own turn.
    const other = new Promise((done) => setTimeout(done, 0)).then(async () => {
      const r = await dispatch(session, 'app.time', {});
      order.push(r.ok ? 'other call' : 'other call failed');
    });
    await Promise.all([importing, other]);
    expect(order).toEqual(['other call', 'import']);
  });
});
