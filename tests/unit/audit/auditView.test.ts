import { describe, expect, it } from 'vitest';
import type { FixedClock } from '../../../main/clock/clock';
import type { AuditEntry } from '../../../main/contract/audit';
import { call } from '../../support/installation';
import { addUser, createReferral, expectError, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { practiceWithReferrals } from '../casework/support';

const tempFolder = useTempFolders();

type Page = { entries: AuditEntry[]; total: number };
const list = (s: Parameters<typeof call>[0], input: unknown) => call(s, 'audit.list', input) as Promise<Page>;

/** Lee opens Margaret Ellis's referral one day; the next day Kim's practice makes another referral. */
async function loggedDays() {
  const { session, team, ids } = await practiceWithReferrals(tempFolder(), 1);
  await call(session, 'referrals.get', { id: ids[0] });
  const clock = session.clock as FixedClock;
  clock.set('2026-12-05T10:30:00Z');
  await signInAs(session, 'pat');
  await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(7), givenName: 'John', familyName: 'Smith', preferredName: '' }));
  const { nhs_number: nhsNumber } = await session.active().store.db.selectFrom('patient').select('nhs_number').where('given_name', '=', 'PersonA').executeTakeFirstOrThrow();
  return { session, team, id: ids[0]!, nhsNumber };
}

describe('the audit log a manager can read', () => {
  it('answers "who looked at Mrs Ellis?" in plain words, by her NHS number', async () => {
    const { session, nhsNumber } = await loggedDays();
    const page = await list(session, { filter: { nhsNumber } });
    const summaries = page.entries.map((e) => e.summary);
    expect(summaries).toContain('Lee Worker opened PersonA (Peggy) Ellis’s referral');
    expect(summaries).toContain('Pat Manager made a referral for PersonA (Peggy) Ellis');
    expect(summaries.some((s) => s.includes('John Smith'))).toBe(false);
    expect(page.total).toBe(page.entries.length);
  });

  it('filters by person and by dates in England, and pages through the rest', async () => {
    const { session, team } = await loggedDays();
    const lee = await list(session, { filter: { actorUserId: team.lee } });
    expect(lee.entries.every((e) => e.actorName === 'Lee Worker')).toBe(true);
    expect(lee.entries.length).toBeGreaterThan(0);
    const secondDay = await list(session, { filter: { from: '2026-12-05', to: '2026-12-05' } });
    expect(secondDay.entries.every((e) => e.at >= '2026-12-05T00:00:00.000Z')).toBe(true);
    expect(secondDay.entries.map((e) => e.summary)).toContain('Pat Manager made a referral for John Smith');
    const first = await list(session, { limit: 3 });
    const next = await list(session, { limit: 3, beforeId: first.entries.at(-1)!.id });
    // Reading the log is itself audited, so the whole list is read last and the pages found in it.
    const all = (await list(session, { limit: 500 })).entries.map((e) => e.id);
    const at = all.indexOf(first.entries.at(-1)!.id);
    expect(next.entries.map((e) => e.id)).toEqual(all.slice(at + 1, at + 4));
  });

  it('says at the field when the dates are the wrong way round or the NHS number is not real', async () => {
    const { session } = await loggedDays();
    const dates = await expectError(session, 'audit.list', { filter: { from: '2026-12-05', to: '2026-12-01' } });
    expect(dates.fieldErrors).toEqual({ 'filter.to': ['The end date is before the start date'] });
    const nhs = await expectError(session, 'audit.list', { filter: { nhsNumber: '999 000 0019' } });
    expect(Object.keys(nhs.fieldErrors ?? {})).toEqual(['filter.nhsNumber']);
  });

  it('exports the matching entries as CSV for Excel, and the export is itself audited', async () => {
    const { session, nhsNumber } = await loggedDays();
    const file = (await call(session, 'audit.export', { filter: { nhsNumber } })) as { base64: string; fileName: string; count: number };
    const csv = Buffer.from(file.base64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFFEntry,When (England),Who,What')).toBe(true);
    expect(csv).toContain('Lee Worker opened PersonA (Peggy) Ellis’s referral');
    expect(file.fileName).toBe('signpost-audit-2026-12-05.csv');
    const latest = (await list(session, { limit: 1 })).entries[0]!;
    expect(latest).toMatchObject({ action: 'audit.export', summary: 'Pat Manager exported entries of the audit log' });
    expect(latest.detail).toContain(`CSV of ${file.count} entries`);
  });

  it('names no patient to the administrator, whose role holds no patient data', async () => {
    const { session } = await loggedDays();
    await addUser(session, 'ada', 'admin', [1, 2], 'Ada Admin');
    await signInAs(session, 'ada');
    const page = await list(session, { limit: 500 });
    expect(page.entries.some((e) => e.summary.includes('Ellis'))).toBe(false);
    expect(page.entries.map((e) => e.summary)).toContain('Lee Worker opened referral 1');
  });
});
