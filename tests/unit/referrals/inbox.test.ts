import { describe, expect, it } from 'vitest';
import { type FixedClock, fixedClock } from '../../../main/clock/clock';
import type { ReferralSummary } from '../../../main/contract/referrals';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, createReferral, newReferral, signInAs, syntheticNhsNumber } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

interface Inbox {
  rows: ReferralSummary[];
  total: number;
  staleAfterWorkingDays: number;
}

async function inbox(session: Session, query: object = {}): Promise<Inbox> {
  return (await call(session, 'referrals.inbox', query)) as Inbox;
}

describe('the stale flag', () => {
  /** Days pass on this clock, so the idle lock is set longer than any test's jump. */
  let clock: FixedClock;
  async function installationAt(iso: string): Promise<Session> {
    clock = fixedClock(iso);
    const { session } = await newInstallation(tempFolder(), clock, { idleLockSeconds: 60 * 86_400 });
    await addTeam(session);
    return session;
  }

  it('counts working days across a weekend and the Christmas bank holidays', async () => {
    const session = await installationAt('2026-12-23T09:00:00Z'); // Wednesday
    await call(session, 'referrals.settings', { staleAfterWorkingDays: 2 });
    const early = await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(1) }));
    clock.set('2026-12-23T11:00:00Z');
    const late = await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(2) }));

    // Tuesday 29 December: Christmas (Fri), the weekend and Boxing Day's substitute (Mon) are not working days,
    // so two working days back is Wednesday 23 at 10:00. Counting weekdays alone would make both stale.
    clock.set('2026-12-29T10:00:00Z');
    const all = await inbox(session, { sort: 'received_asc' });
    expect(all.staleAfterWorkingDays).toBe(2);
    expect(all.rows.map((r) => [r.id, r.stale])).toEqual([[early.id, true], [late.id, false]]);
    expect((await inbox(session, { staleOnly: true })).rows.map((r) => r.id)).toEqual([early.id]);
  });

  it('goes when the link worker touches the referral, and never applies to an ended one', async () => {
    const session = await installationAt('2026-03-02T09:00:00Z'); // Monday
    const a = await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(1) }));
    const b = await createReferral(session, newReferral({ nhsNumber: syntheticNhsNumber(2) }));
    await signInAs(session, 'lee');
    await call(session, 'referrals.transition', { id: b.id, to: 'declined', reason: 'Does not want support now' });

    clock.set('2026-03-16T09:30:00Z'); // ten working days and half an hour later
    expect((await inbox(session, { staleOnly: true })).rows.map((r) => r.id)).toEqual([a.id]);
    await call(session, 'referrals.recordContactAttempt', { id: a.id, note: 'No answer' });
    expect((await inbox(session, { staleOnly: true })).total).toBe(0);
    expect((await inbox(session)).rows.every((r) => !r.stale)).toBe(true);
  });
});

describe('the inbox', () => {
  /**
   * Twelve referrals at practice 1 (urgency cycling routine, soon, urgent; every third about housing)
   * and three at practice 2, received a day apart, the oldest first.
   */
  async function busyPractice(): Promise<{ session: Session; ids: number[] }> {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    const urgencies = ['routine', 'soon', 'urgent'] as const;
    const ids: number[] = [];
    for (let i = 0; i < 15; i += 1) {
      const practice = i < 12 ? 1 : 2;
      const made = await createReferral(session, newReferral(
        { nhsNumber: syntheticNhsNumber(i), registeredPracticeId: practice },
        { urgency: urgencies[i % 3]!, reasons: i % 3 === 0 ? ['housing'] : ['loneliness'] },
      ));
      ids.push(made.id);
    }
    const db = session.active().store.db;
    for (const [i, id] of ids.entries()) {
      const at = new Date(session.clock.now().getTime() - (15 - i) * 86_400_000).toISOString();
      await db.updateTable('referral').set({ received_at: at, last_activity_at: at }).where('id', '=', id).execute();
    }
    await signInAs(session, 'lee');
    return { session, ids };
  }

  it('lists only the practices the link worker covers, urgent first and oldest first within each', async () => {
    const { session, ids } = await busyPractice();
    const { rows, total } = await inbox(session);
    expect(total).toBe(12);
    expect(rows.every((r) => r.practiceId === 1)).toBe(true);
    expect(rows.map((r) => r.urgency)).toEqual([...Array(4).fill('urgent'), ...Array(4).fill('soon'), ...Array(4).fill('routine')]);
    expect(rows.slice(0, 4).map((r) => r.id)).toEqual([ids[2], ids[5], ids[8], ids[11]]);
  });

  it('sorts by date received either way, and by the longest untouched', async () => {
    const { session, ids } = await busyPractice();
    expect((await inbox(session, { sort: 'received_desc' })).rows.map((r) => r.id)).toEqual(ids.slice(0, 12).reverse());
    expect((await inbox(session, { sort: 'received_asc' })).rows.map((r) => r.id)).toEqual(ids.slice(0, 12));
    await call(session, 'referrals.recordContactAttempt', { id: ids[0]!, note: '' });
    const byActivity = (await inbox(session, { sort: 'last_activity' })).rows.map((r) => r.id);
    expect(byActivity[0]).toBe(ids[1]);
    expect(byActivity.at(-1)).toBe(ids[0]);
  });

  it('pages with offset and limit, the total counting every match', async () => {
    const { session, ids } = await busyPractice();
    const pages = [];
    for (let offset = 0; offset < 12; offset += 5) pages.push(await inbox(session, { sort: 'received_asc', offset, limit: 5 }));
    expect(pages.map((p) => p.rows.length)).toEqual([5, 5, 2]);
    expect(pages.map((p) => p.total)).toEqual([12, 12, 12]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(ids.slice(0, 12));
  });

  it('filters by status, reason, urgency and practice', async () => {
    const { session, ids } = await busyPractice();
    await call(session, 'referrals.transition', { id: ids[0]!, to: 'accepted' });
    await call(session, 'referrals.transition', { id: ids[1]!, to: 'declined', reason: 'Not now' });
    expect((await inbox(session, { status: ['accepted', 'declined'], sort: 'received_asc' })).rows.map((r) => r.id)).toEqual([ids[0], ids[1]]);
    expect((await inbox(session, { status: ['received'] })).total).toBe(10);

    const housing = await inbox(session, { reason: 'housing', sort: 'received_asc' });
    expect(housing.rows.map((r) => r.id)).toEqual([ids[0], ids[3], ids[6], ids[9]]);
    expect(housing.rows.every((r) => r.reasons.includes('housing'))).toBe(true);

    const routineHousing = await inbox(session, { reason: 'housing', urgency: 'routine' });
    expect(routineHousing.total).toBe(4);
    expect((await inbox(session, { urgency: 'urgent', status: ['received'] })).total).toBe(4);
    expect((await inbox(session, { practiceId: 1 })).total).toBe(12);
  });

  it('filters by age: only referrals received at least so many days ago', async () => {
    const { session, ids } = await busyPractice();
    const old = await inbox(session, { minAgeDays: 10, sort: 'received_asc' });
    // Practice 1's referrals were received 15 down to 4 days ago: those 10 or more days old are the first six.
    expect(old.rows.map((r) => r.id)).toEqual(ids.slice(0, 6));
  });

  it('lets the manager of both practices see all of them', async () => {
    const { session } = await busyPractice();
    await signInAs(session, 'pat');
    expect((await inbox(session)).total).toBe(15);
    expect((await inbox(session, { practiceId: 2 })).total).toBe(3);
  });
});
