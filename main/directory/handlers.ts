import { londonToday } from '../contract/time';
import type { HandlerGroup } from '../dispatch/handler';
import { coveredReferral } from '../referrals/access';
import { writeCsv } from './csv';
import { importServices } from './importer';
import { searchServices } from './search';
import { getService, loadServices, saveService, setActive, usageFor } from './services';
import { getUse, recordUse, referralOfUse, updateUse, usesForReferral } from './uses';

/** Ids of the active services, in name order: what the export writes. */
async function activeIds(db: Parameters<typeof loadServices>[0]): Promise<number[]> {
  const rows = await db.selectFrom('service').select('id').where('active', '=', 1).orderBy(({ fn, ref }) => fn('lower', [ref('name')])).orderBy('id').execute();
  return rows.map((r) => r.id);
}

export const directoryHandlers: HandlerGroup<
  | 'directory.search' | 'directory.get' | 'directory.save' | 'directory.archive' | 'directory.import' | 'directory.export'
  | 'directory.usage' | 'directory.recordUse' | 'directory.usesForReferral' | 'directory.updateUse'
> = {
  'directory.search': async ({ db }, query) => searchServices(db, query),
  'directory.get': async ({ db }, { id }) => getService(db, id),
  'directory.save': async ({ db, now, auditTarget }, input) => {
    const { id, created } = await saveService(db, input, now.toISOString());
    auditTarget({ type: 'service', id, detail: created ? 'added' : 'changed' });
    return getService(db, id);
  },
  'directory.archive': async ({ db, now, auditTarget }, { id, restore }) => {
    await setActive(db, id, restore, now.toISOString());
    auditTarget({ type: 'service', id, detail: restore ? 'restored' : 'archived' });
    return getService(db, id);
  },
  'directory.import': async ({ db, now, auditTarget }, input) => {
    const result = await importServices(db, input, now);
    const rows = input.firstRow === undefined ? '' : ` from row ${input.firstRow}`;
    const what = input.dryRun ? 'checked (dry run, nothing saved)' : `${result.imported} added, ${result.updated} updated`;
    auditTarget({
      type: 'directory',
      id: 'import',
      detail: `${input.format.toUpperCase()}${rows}, ${input.mode}: ${result.rows} rows ${what}, ${result.failed.length} with problems`,
    });
    return result;
  },
  'directory.export': async ({ db, now, auditTarget }) => {
    const services = await loadServices(db, await activeIds(db));
    auditTarget({ type: 'directory', id: 'export', detail: `CSV of ${services.length} services` });
    return {
      fileName: `service-directory-${londonToday(now)}.csv`,
      mimeType: 'text/csv;charset=utf-8',
      base64: Buffer.from(writeCsv(services), 'utf8').toString('base64'),
    };
  },
  'directory.usage': async ({ db }, { since }) => {
    const usage = await usageFor(db, undefined, since);
    if (usage.size === 0) return [];
    const services = await db.selectFrom('service').select(['id', 'name', 'organisation', 'active']).where('id', 'in', [...usage.keys()]).execute();
    return services
      .map((s) => ({ serviceId: s.id, name: s.name, organisation: s.organisation, active: s.active === 1, usage: usage.get(s.id)! }))
      .sort((a, b) => b.usage.signposted + b.usage.referred - (a.usage.signposted + a.usage.referred) || a.name.localeCompare(b.name, 'en-GB'));
  },
  'directory.recordUse': async ({ db, user, now, auditTarget }, input) => {
    await coveredReferral(db, user.id, input.referralId);
    const use = await recordUse(db, input, user.id, now.toISOString());
    auditTarget({ type: 'referral', id: input.referralId, detail: `${input.kind} to service ${input.serviceId} (use ${use.id})` });
    return use;
  },
  'directory.usesForReferral': async ({ db, user, auditTarget }, { referralId }) => {
    await coveredReferral(db, user.id, referralId);
    auditTarget({ type: 'referral', id: referralId, detail: 'services signposted or referred to' });
    return usesForReferral(db, referralId);
  },
  'directory.updateUse': async ({ db, user, auditTarget }, { id, takenUp, feedback }) => {
    const referralId = await referralOfUse(db, id);
    await coveredReferral(db, user.id, referralId);
    const before = await getUse(db, id);
    const use = await updateUse(db, id, takenUp, feedback);
    const change = before.takenUp === takenUp ? 'feedback' : `taken up: ${takenUp === null ? 'not known' : takenUp ? 'yes' : 'no'}`;
    auditTarget({ type: 'referral', id: referralId, detail: `service use ${id}: ${change}` });
    return use;
  },
};
