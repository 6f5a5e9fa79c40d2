import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../main/dispatch/dispatch';
import { call, MANAGER_PASSWORD, newInstallation } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const tempFolder = useTempFolders();

const NOTE = { type: 'phone', notes: 'Talked for forty minutes about her late husband and the allotment.' };

async function withLinkWorker() {
  const { session } = await newInstallation(tempFolder());
  await call(session, 'users.create', { fullName: 'Lee Worker', username: 'lee', role: 'link_worker', practiceIds: [1], temporaryPassword: 'temporary two 2' });
  await call(session, 'auth.logout');
  await call(session, 'auth.login', { username: 'lee', password: 'temporary two 2' });
  await call(session, 'auth.changePassword', { currentPassword: 'temporary two 2', newPassword: 'lee link worker 22' });
  return session;
}

describe('form drafts in main', () => {
  it('keeps a form as typed through a lock, and gives it back after unlock', async () => {
    const session = await withLinkWorker();
    await call(session, 'drafts.save', { key: 'contact:1', form: NOTE });
    await call(session, 'auth.lock');
    expect((await dispatch(session, 'drafts.get', { key: 'contact:1' })).ok).toBe(false);
    await call(session, 'auth.unlock', { password: 'lee link worker 22' });
    expect(await call(session, 'drafts.get', { key: 'contact:1' })).toMatchObject({ form: NOTE, savedAt: '2026-12-04T10:30:00.000Z' });
  });

  it('replaces the draft on each save, and forgets it when discarded', async () => {
    const session = await withLinkWorker();
    await call(session, 'drafts.save', { key: 'contact:1', form: NOTE });
    await call(session, 'drafts.save', { key: 'contact:1', form: { ...NOTE, notes: 'Shorter now.' } });
    expect(await call(session, 'drafts.get', { key: 'contact:1' })).toMatchObject({ form: { notes: 'Shorter now.' } });
    expect(await call(session, 'drafts.get', { key: 'contact:2' })).toBeNull();
    await call(session, 'drafts.discard', { key: 'contact:1' });
    expect(await call(session, 'drafts.get', { key: 'contact:1' })).toBeNull();
    // Discarding again (the form was sent from another window) is not an error.
    expect(await call(session, 'drafts.discard', { key: 'contact:1' })).toEqual({ done: true });
  });

  it('shows a draft only to the person who typed it, never to the next person at the PC', async () => {
    const session = await withLinkWorker();
    await call(session, 'drafts.save', { key: 'contact:1', form: NOTE });
    await call(session, 'auth.logout');
    await call(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    expect(await call(session, 'drafts.get', { key: 'contact:1' })).toBeNull();
    await call(session, 'drafts.save', { key: 'contact:1', form: { notes: 'Pat’s own' } });
    await call(session, 'auth.logout');
    await call(session, 'auth.login', { username: 'lee', password: 'lee link worker 22' });
    expect(await call(session, 'drafts.get', { key: 'contact:1' })).toMatchObject({ form: NOTE });
  });

  it('refuses a key that is not a form name with ids, at the key', async () => {
    const session = await withLinkWorker();
    const r = await dispatch(session, 'drafts.save', { key: 'Margaret Hughes', form: NOTE });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ code: 'VALIDATION', fieldErrors: { key: [expect.stringContaining('form name and record ids')] } });
  });

  it('is not possible signed out', async () => {
    const session = await withLinkWorker();
    await call(session, 'auth.logout');
    const r = await dispatch(session, 'drafts.get', { key: 'contact:1' });
    expect(r.ok ? 'ok' : r.error.code).toBe('UNAUTHENTICATED');
  });
});
