import type { CaseFile } from '../../../main/contract/casework';
import type { ReferralDetail } from '../../../main/contract/referrals';
import type { Session } from '../../../main/session/session';
import { call, newInstallation } from '../../support/installation';
import { addTeam, createReferral, newReferral, type NewReferralInput, signInAs, syntheticNhsNumber } from '../../support/referrals';

export type Team = Awaited<ReturnType<typeof addTeam>>;

/**
 * An installation with the usual team (Lee, link worker at practice 1; Rita, reception at
 * practice 1; Kim, link worker at practice 2) and `count` referrals at practice 1 made by the
 * manager, each for its own patient. Lee is signed in at the end.
 */
export async function practiceWithReferrals(
  folder: string,
  count = 1,
  referral: Parameters<typeof newReferral>[1] = {},
): Promise<{ session: Session; team: Team; ids: number[] }> {
  const { session } = await newInstallation(folder);
  const team = await addTeam(session);
  const ids: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const input: NewReferralInput = newReferral({ nhsNumber: syntheticNhsNumber(i + 1), givenName: `Person${String.fromCharCode(65 + i)}` }, referral);
    ids.push((await createReferral(session, input)).id);
  }
  await signInAs(session, 'lee');
  return { session, team, ids };
}

/** Lee accepts the referral (it becomes Lee's case). */
export async function accept(session: Session, id: number): Promise<ReferralDetail> {
  return (await call(session, 'referrals.transition', { id, to: 'accepted', reason: '' })) as ReferralDetail;
}

/** An accepted referral, its first contact recorded: the case is 'contacted'. */
export async function contacted(session: Session, id: number, at = '2026-02-02T10:00'): Promise<CaseFile> {
  await accept(session, id);
  return (await call(session, 'casework.addContact', { referralId: id, at, type: 'phone', durationMinutes: 20, notes: 'First call' })) as CaseFile;
}

export const getCase = (session: Session, referralId: number) => call(session, 'casework.get', { referralId }) as Promise<CaseFile>;
export const getReferral = (session: Session, id: number) => call(session, 'referrals.get', { id }) as Promise<ReferralDetail>;

export async function lastAudit(session: Session) {
  return session.active().store.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow();
}
