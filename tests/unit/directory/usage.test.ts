import { describe, expect, it } from 'vitest';
import type { Service, ServiceUse } from '../../../main/contract/directory';
import type { Session } from '../../../main/session/session';
import { call } from '../../support/installation';
import { createReferral, expectError, newReferral, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { directoryAsLinkWorker, fixture, importFile, search } from './support';

const tempFolder = useTempFolders();

/** Lee's directory (good.csv) and two referrals at practice 1, made by Rita. */
async function practiceWithReferrals(): Promise<{ session: Session; walk: Service; lunch: Service; referrals: number[] }> {
  const { session } = await directoryAsLinkWorker(tempFolder());
  await importFile(session, { format: 'csv', content: fixture('good.csv'), mode: 'good_rows' });
  const walk = (await search(session, { text: 'walking' })).rows[0]!;
  const lunch = (await search(session, { text: 'lunch' })).rows[0]!;
  await signInAs(session, 'rita');
  const a = await createReferral(session, newReferral());
  const b = await createReferral(session, newReferral({ nhsNumber: '999 000 0026', givenName: 'Arthur', familyName: 'Shaw' }));
  await signInAs(session, 'lee');
  return { session, walk, lunch, referrals: [a.id, b.id] };
}

const record = (session: Session, input: Record<string, unknown>) => call(session, 'directory.recordUse', input) as Promise<ServiceUse>;

describe('service use and usage counts', () => {
  it('counts signposting, referrals and take-up per service, in search results and the usage list', async () => {
    const { session, walk, lunch, referrals: [a, b] } = await practiceWithReferrals();
    const first = await record(session, { referralId: a, serviceId: walk.id, kind: 'signposted', onDate: '2026-11-02' });
    expect(first).toMatchObject({ referralId: a, serviceId: walk.id, serviceName: 'Riverside Walking Group', organisation: 'Leeds Ramblers', takenUp: null, feedback: '', recordedByName: 'Lee Worker' });
    await record(session, { referralId: b, serviceId: walk.id, kind: 'signposted', onDate: '2026-11-03', takenUp: false });
    await record(session, { referralId: b, serviceId: lunch.id, kind: 'referred', onDate: '2026-11-04' });
    await call(session, 'directory.updateUse', { id: first.id, takenUp: true, feedback: 'Went every week; made a friend.' });

    const found = (await search(session, {})).rows;
    expect(found.find((s) => s.id === walk.id)!.usage).toEqual({ signposted: 2, referred: 0, takenUp: 1, notTakenUp: 1 });
    expect(found.find((s) => s.id === lunch.id)!.usage).toEqual({ signposted: 0, referred: 1, takenUp: 0, notTakenUp: 0 });
    expect(found.find((s) => s.name.startsWith('Citizens'))!.usage).toEqual({ signposted: 0, referred: 0, takenUp: 0, notTakenUp: 0 });

    const usage = await call(session, 'directory.usage', {});
    expect(usage).toEqual([
      { serviceId: walk.id, name: 'Riverside Walking Group', organisation: 'Leeds Ramblers', active: true, usage: { signposted: 2, referred: 0, takenUp: 1, notTakenUp: 1 } },
      { serviceId: lunch.id, name: 'Chapel Street Lunch Club', organisation: 'Age UK Leeds (example)', active: true, usage: { signposted: 0, referred: 1, takenUp: 0, notTakenUp: 0 } },
    ]);
    expect(await call(session, 'directory.usage', { since: '2026-11-04' })).toEqual([
      { serviceId: lunch.id, name: 'Chapel Street Lunch Club', organisation: 'Age UK Leeds (example)', active: true, usage: { signposted: 0, referred: 1, takenUp: 0, notTakenUp: 0 } },
    ]);
  });

  it('lists a referral’s services newest first, with take-up and feedback, and audits the read', async () => {
    const { session, walk, lunch, referrals: [a] } = await practiceWithReferrals();
    await record(session, { referralId: a, serviceId: walk.id, kind: 'signposted', onDate: '2026-11-02', feedback: 'Keen to try it' });
    await record(session, { referralId: a, serviceId: lunch.id, kind: 'referred', onDate: '2026-11-05', takenUp: true });
    const uses = (await call(session, 'directory.usesForReferral', { referralId: a })) as ServiceUse[];
    expect(uses.map((u) => [u.serviceName, u.kind, u.onDate, u.takenUp, u.feedback])).toEqual([
      ['Chapel Street Lunch Club', 'referred', '2026-11-05', true, ''],
      ['Riverside Walking Group', 'signposted', '2026-11-02', null, 'Keen to try it'],
    ]);
    const last = await session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(last).toMatchObject({ action: 'directory.usesForReferral', target_type: 'referral', target_id: String(a) });
  });

  it('refuses signposting to an archived service, and to a referral at a practice the link worker does not cover', async () => {
    const { session, walk, lunch, referrals: [a] } = await practiceWithReferrals();
    await call(session, 'directory.archive', { id: lunch.id });
    const archived = await expectError(session, 'directory.recordUse', { referralId: a, serviceId: lunch.id, kind: 'referred', onDate: '2026-11-02' });
    expect(archived).toMatchObject({ code: 'CONFLICT', fieldErrors: { serviceId: ['This service is archived: choose another, or restore it in the directory first.'] } });

    await signInAs(session, 'kim');
    const elsewhere = await expectError(session, 'directory.recordUse', { referralId: a, serviceId: walk.id, kind: 'signposted', onDate: '2026-11-02' });
    expect(elsewhere.code).toBe('FORBIDDEN');
  });

  it('refuses a date in the future', async () => {
    const { session, walk, referrals: [a] } = await practiceWithReferrals();
    const e = await expectError(session, 'directory.recordUse', { referralId: a, serviceId: walk.id, kind: 'signposted', onDate: '2099-01-01' });
    expect(e.fieldErrors).toEqual({ onDate: ['The date cannot be in the future'] });
  });
});
