import { describe, expect, it } from 'vitest';
import { SNOMED } from '../../../main/contract/nhs';
import { londonToday } from '../../../main/contract/time';
import type { ReferralDetail, ReferralSummary } from '../../../main/contract/referrals';
import type { Session } from '../../../main/session/session';
import { call, newInstallation, TEST_NOW } from '../../support/installation';
import { addTeam, createReferral, expectError, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();
const today = () => londonToday(new Date(TEST_NOW));

async function referrals(session: Session, count: number): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) ids.push((await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(i) }))).id);
  return ids;
}

async function worklist(session: Session): Promise<number[]> {
  return ((await call(session, 'referrals.codingWorklist')) as ReferralSummary[]).map((r) => r.id);
}

async function code(session: Session, id: number, which: keyof typeof SNOMED): Promise<ReferralDetail> {
  return (await call(session, 'referrals.recordCoding', { id, code: SNOMED[which].code, recordedOn: today() })) as ReferralDetail;
}

describe('the coding worklist', () => {
  it('lists accepted referrals without the referral code, and declined ones without the declined code', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    const [received, accepted, coded, declinedEarly, declinedLater, redirected] = await referrals(session, 6);
    await signInAs(session, 'lee');
    const move = (id: number, to: string, reason = '', redirectedTo = '') => call(session, 'referrals.transition', { id, to, reason, redirectedTo });
    for (const id of [accepted!, coded!, declinedLater!]) await move(id, 'accepted');
    await code(session, coded!, 'referral');
    await code(session, declinedLater!, 'referral');
    await move(declinedLater!, 'declined', 'Changed her mind');
    await move(declinedEarly!, 'declined', 'Not interested');
    await move(redirected!, 'redirected', 'Needs debt advice first', 'Citizens Advice');

    expect((await worklist(session)).sort()).toEqual([accepted, declinedEarly, declinedLater].sort());
    expect(await worklist(session)).not.toContain(received);
    const inbox = (await call(session, 'referrals.inbox', {})) as { rows: ReferralSummary[] };
    const codedFlag = new Map(inbox.rows.map((r) => [r.id, r.coded]));
    expect([codedFlag.get(coded!), codedFlag.get(accepted!), codedFlag.get(received!)]).toEqual([true, false, false]);
  });

  it('takes a referral off the list once its code is recorded, with who recorded it and when', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    const [id] = await referrals(session, 1);
    await signInAs(session, 'lee');
    await call(session, 'referrals.transition', { id, to: 'accepted' });
    expect(await worklist(session)).toEqual([id]);

    const detail = await code(session, id!, 'referral');
    expect(detail.coding).toEqual([expect.objectContaining({ code: '871731000000106', term: 'Referral to social prescribing service', recordedOn: today(), byName: 'Lee Worker' })]);
    expect(detail.summary.coded).toBe(true);
    expect(detail.timeline.at(-1)).toMatchObject({ kind: 'coded', byName: 'Lee Worker' });
    expect(await worklist(session)).toEqual([]);
  });

  it('lets the practice manager record the code as well', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    const [id] = await referrals(session, 1);
    await signInAs(session, 'lee');
    await call(session, 'referrals.transition', { id, to: 'accepted' });
    await signInAs(session, 'pat');
    expect((await code(session, id!, 'referral')).coding[0]?.byName).toBe('Pat Manager');
  });

  it('refuses a code that does not apply yet, a second recording, and a date in the future', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    const [id] = await referrals(session, 1);
    await signInAs(session, 'lee');
    expect((await expectError(session, 'referrals.recordCoding', { id, code: SNOMED.referral.code, recordedOn: today() })).code).toBe('CONFLICT');
    expect((await expectError(session, 'referrals.recordCoding', { id, code: SNOMED.declined.code, recordedOn: today() })).code).toBe('CONFLICT');

    await call(session, 'referrals.transition', { id, to: 'accepted' });
    const future = londonToday(new Date(Date.parse(TEST_NOW) + 3 * 86_400_000));
    const e = await expectError(session, 'referrals.recordCoding', { id, code: SNOMED.referral.code, recordedOn: future });
    expect(e.fieldErrors).toEqual({ recordedOn: ['The date it was recorded cannot be in the future'] });

    await code(session, id!, 'referral');
    const again = await expectError(session, 'referrals.recordCoding', { id, code: SNOMED.referral.code, recordedOn: today() });
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toMatch(/already recorded on \d\d\/\d\d\/\d{4} by Lee Worker/);
  });
});
