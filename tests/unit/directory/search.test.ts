import { beforeEach, describe, expect, it } from 'vitest';
import type { Service } from '../../../main/contract/directory';
import type { Session } from '../../../main/session/session';
import { call } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';
import { directoryAsLinkWorker, fixture, importFile, search, serviceInput } from './support';

const tempFolder = useTempFolders();

let session: Session;
beforeEach(async () => {
  ({ session } = await directoryAsLinkWorker(tempFolder()));
  await importFile(session, { format: 'csv', content: fixture('good.csv'), mode: 'good_rows' });
  await importFile(session, { format: 'oruk', content: fixture('oruk-services.json'), mode: 'good_rows' });
});

const names = (r: { rows: Service[] }) => r.rows.map((s) => s.name);

describe('directory search', () => {
  it('lists every active service by name when no words or category are given', async () => {
    const r = await search(session);
    expect(r.total).toBe(5);
    expect(names(r)).toEqual(['Chapel Street Lunch Club', 'Citizens Advice Benefits Check', 'Debt Advice Drop-in', 'Kirkstall Community Choir', 'Riverside Walking Group']);
  });

  it('finds services by word prefixes across name, organisation, description and eligibility, ignoring accents and case', async () => {
    expect(names(await search(session, { text: 'canal' }))).toEqual(['Riverside Walking Group']);
    expect(names(await search(session, { text: 'RAMBL' }))).toEqual(['Riverside Walking Group']);
    expect(names(await search(session, { text: 'aged 60' }))).toEqual(['Chapel Street Lunch Club']);
    expect(names(await search(session, { text: 'lunch' }))).toEqual(['Chapel Street Lunch Club']);
    expect(names(await search(session, { text: 'cafe' }))).toEqual([]);
  });

  it('finds services by tag and by category label, and ranks a name match first', async () => {
    expect(names(await search(session, { text: 'music' }))).toEqual(['Kirkstall Community Choir']);
    const debt = names(await search(session, { text: 'debt' }));
    expect(debt[0]).toBe('Debt Advice Drop-in');
    expect(debt).toContain('Citizens Advice Benefits Check');
  });

  it('filters by category, with or without words', async () => {
    expect(names(await search(session, { category: 'money' }))).toEqual(['Citizens Advice Benefits Check', 'Debt Advice Drop-in']);
    expect(names(await search(session, { category: 'money', text: 'library' }))).toEqual(['Debt Advice Drop-in']);
    expect(names(await search(session, { category: 'bereavement' }))).toEqual([]);
  });

  it('takes search syntax as plain words', async () => {
    expect((await search(session, { text: '"walk* (^' })).rows.map((s) => s.name)).toEqual(['Riverside Walking Group']);
  });

  it('pages the results and gives the total', async () => {
    const first = await search(session, { limit: 2, offset: 0 });
    const third = await search(session, { limit: 2, offset: 4 });
    expect(first.total).toBe(5);
    expect(names(first)).toEqual(['Chapel Street Lunch Club', 'Citizens Advice Benefits Check']);
    expect(names(third)).toEqual(['Riverside Walking Group']);
  });

  it('leaves archived services out unless asked, and finds an edited service by its new words only', async () => {
    const walk = (await search(session, { text: 'walking' })).rows[0]!;
    await call(session, 'directory.archive', { id: walk.id });
    expect((await search(session, { text: 'walking' })).total).toBe(0);
    expect(names(await search(session, { text: 'walking', includeArchived: true }))).toEqual(['Riverside Walking Group']);
    await call(session, 'directory.archive', { id: walk.id, restore: true });

    await call(session, 'directory.save', serviceInput({ id: walk.id, description: 'Nordic walking in Roundhay Park.' }));
    expect(names(await search(session, { text: 'roundhay' }))).toEqual(['Riverside Walking Group']);
    expect((await search(session, { text: 'first aid' })).total).toBe(0);
  });
});
