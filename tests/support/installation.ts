import { type Clock, fixedClock } from '../../main/clock/clock';
import type { SetupInput } from '../../main/contract/people';
import { dispatch } from '../../main/dispatch/dispatch';
import { Session } from '../../main/session/session';
import type { KdfParams } from '../../main/store/keySlots';

/** Cheap scrypt for tests: the slot format is the same, only the cost differs. */
export const TEST_KDF: KdfParams = { N: 2 ** 10, r: 8, p: 1 };

export const MANAGER_PASSWORD = 'correct horse battery';

export const setupInput: SetupInput = {
  pcnName: 'Riverside PCN',
  practices: [
    { name: 'Riverside Surgery', odsCode: 'A81001' },
    { name: 'Hillview Medical Centre', odsCode: 'A81002' },
  ],
  manager: { fullName: 'Pat Manager', username: 'pat', password: MANAGER_PASSWORD },
};

/**
 * The instant every test installation starts at unless a test chooses its own: a Friday morning in
 * England. Tests never read the machine's clock, so they pass at any hour (see tests/unit/anyHour).
 */
export const TEST_NOW = '2026-12-04T10:30:00Z';

export async function newInstallation(folder: string, clock: Clock = fixedClock(TEST_NOW), options: { idleLockSeconds?: number } = {}) {
  const session = new Session({ dataFolder: folder, kdf: TEST_KDF, clock, ...(options.idleLockSeconds ? { idleLockSecondsOverride: options.idleLockSeconds } : {}) });
  const { recoveryKey } = await session.setup(setupInput);
  return { session, recoveryKey };
}

/** Calls dispatch and throws on a typed error, for tests that expect success. */
export async function call(session: Session, channel: string, input: unknown = {}): Promise<unknown> {
  const r = await dispatch(session, channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message} ${JSON.stringify(r.error.fieldErrors ?? {})}`);
  return r.result;
}
