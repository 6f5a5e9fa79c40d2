import { newReferral } from '../../support/referrals';
import type { RunningHost } from './devHost';

export const PASSWORD = { pat: 'correct horse battery', rita: 'rita reception desk 1', lee: 'lee link worker 22' } as const;

export async function rpcOk(host: RunningHost, channel: string, input: unknown = {}): Promise<unknown> {
  const r = await host.rpc(channel, input);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.result;
}

/**
 * The practice as its manager would leave it after set-up: a PCN of two practices, a receptionist
 * (Rita, practice 1) and a link worker (Lee, both practices), each with their own password.
 * Everyone is signed out at the end.
 */
export async function preparePractice(host: RunningHost): Promise<void> {
  await rpcOk(host, 'setup.create', {
    pcnName: 'Riverside PCN',
    practices: [{ name: 'Riverside Surgery', odsCode: 'A81001' }, { name: 'Hillview Medical Centre', odsCode: 'A81002' }],
    manager: { fullName: 'Pat Manager', username: 'pat', password: PASSWORD.pat },
  });
  await rpcOk(host, 'users.create', { fullName: 'Rita Reception', username: 'rita', role: 'reception', practiceIds: [1], temporaryPassword: 'temporary one 1' });
  await rpcOk(host, 'users.create', { fullName: 'Lee Worker', username: 'lee', role: 'link_worker', practiceIds: [1, 2], temporaryPassword: 'temporary two 2' });
  for (const [username, temporary] of [['rita', 'temporary one 1'], ['lee', 'temporary two 2']] as const) {
    await rpcOk(host, 'auth.logout');
    await rpcOk(host, 'auth.login', { username, password: temporary });
    await rpcOk(host, 'auth.changePassword', { currentPassword: temporary, newPassword: PASSWORD[username] });
  }
  await rpcOk(host, 'auth.logout');
}

/** A referral for Margaret Hughes that Lee the link worker made and accepted (id 1 on a fresh host). */
export async function prepareAcceptedReferral(host: RunningHost): Promise<void> {
  await rpcOk(host, 'auth.login', { username: 'lee', password: PASSWORD.lee });
  await rpcOk(host, 'referrals.create', newReferral({ givenName: 'Margaret', familyName: 'Hughes', preferredName: '' }));
  await rpcOk(host, 'referrals.transition', { id: 1, to: 'accepted', reason: '' });
  await rpcOk(host, 'auth.logout');
}
