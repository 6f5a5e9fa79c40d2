import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/dispatch/dispatch';
import { call, newInstallation } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

describe('a new installation', () => {
  it('signs the first manager in and lists the practices', async () => {
    const { session, recoveryKey } = await newInstallation(tempFolder());
    expect(recoveryKey).toMatch(/^([A-Z2-9]{4}-){7}[A-Z2-9]{4}$/);
    const practices = (await call(session, 'practices.list')) as { practices: unknown[] };
    expect(practices.practices).toHaveLength(2);
    const r = await dispatch(session, 'users.create', { fullName: 'Lee Worker', username: 'lee', role: 'link_worker', practiceIds: [1], temporaryPassword: 'another good one' });
    expect(r.ok).toBe(true);
  });
});
