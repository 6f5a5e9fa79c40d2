import { describe, expect, it } from 'vitest';
import type { Service } from '../../../main/contract/directory';
import { call, newInstallation } from '../../support/installation';
import { addTeam, addUser, expectError, signInAs } from '../../support/referrals';
import { useTempFolders } from '../../support/tempFolder';
import { allNames, fixture, serviceInput } from './support';

const tempFolder = useTempFolders();

async function team() {
  const { session } = await newInstallation(tempFolder());
  await addTeam(session);
  await addUser(session, 'cleo', 'clinician', [1], 'Cleo Clinician');
  await addUser(session, 'ada', 'admin', [1], 'Ada Admin');
  return session;
}

describe('who may do what in the directory', () => {
  it('lets a link worker and a practice manager add and change services', async () => {
    const session = await team();
    await signInAs(session, 'lee');
    const made = (await call(session, 'directory.save', serviceInput())) as Service;
    await signInAs(session, 'pat');
    const changed = (await call(session, 'directory.save', serviceInput({ id: made.id, costNote: 'Bring water' }))) as Service;
    expect(changed).toMatchObject({ id: made.id, costNote: 'Bring water' });
  });

  it('refuses a receptionist who tries to add, import or archive a service, and saves nothing', async () => {
    const session = await team();
    await signInAs(session, 'lee');
    const made = (await call(session, 'directory.save', serviceInput())) as Service;
    await signInAs(session, 'rita');
    expect((await expectError(session, 'directory.save', serviceInput({ name: 'Sneaky Service' }))).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'directory.import', { format: 'csv', content: fixture('good.csv'), mode: 'good_rows' })).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'directory.archive', { id: made.id })).code).toBe('FORBIDDEN');
    expect((await expectError(session, 'directory.export', {})).code).toBe('FORBIDDEN');
    expect(await allNames(session)).toEqual(['Riverside Walking Group']);
  });

  it.each(['rita', 'cleo', 'lee', 'pat'])('lets %s search and read the directory', async (who) => {
    const session = await team();
    await signInAs(session, 'lee');
    const made = (await call(session, 'directory.save', serviceInput())) as Service;
    await signInAs(session, who);
    expect(((await call(session, 'directory.get', { id: made.id })) as Service).name).toBe('Riverside Walking Group');
  });

  it('keeps the administrator (who sees no patient work) out of the directory', async () => {
    const session = await team();
    await signInAs(session, 'ada');
    expect((await expectError(session, 'directory.search', {})).code).toBe('FORBIDDEN');
  });

  it('lets only a link worker record signposting', async () => {
    const session = await team();
    await signInAs(session, 'pat');
    const e = await expectError(session, 'directory.recordUse', { referralId: 1, serviceId: 1, kind: 'signposted', onDate: '2026-11-02' });
    expect(e.code).toBe('FORBIDDEN');
  });
});

describe('saving a service from the form', () => {
  it('puts each problem at its field', async () => {
    const session = await team();
    await signInAs(session, 'lee');
    const e = await expectError(session, 'directory.save', serviceInput({ name: ' ', postcode: 'XX1', email: 'nope', website: 'not a site', phone: '0113 49', lastChecked: '2099-01-01' }));
    expect(e.code).toBe('VALIDATION');
    expect(e.fieldErrors).toEqual({
      name: ['Enter the service name'],
      phone: ['Enter a UK phone number, like 0113 496 0000, or a short number like 116 123'],
      email: ['Enter an e-mail address like name@example.org'],
      website: ['Enter a web address, like www.example.org.uk'],
      postcode: ['Enter a real UK postcode, like LS1 4AP, or leave it empty'],
      lastChecked: ['The last checked date cannot be in the future'],
    });
  });

  it('refuses a second service with the same name and organisation, at the name field', async () => {
    const session = await team();
    await signInAs(session, 'lee');
    await call(session, 'directory.save', serviceInput());
    const e = await expectError(session, 'directory.save', serviceInput({ name: 'riverside  WALKING group' }));
    expect(e).toMatchObject({ code: 'CONFLICT', fieldErrors: { name: ['The directory already has a service with this name and organisation: search for it and change that one.'] } });
  });

  it('audits adding, changing and archiving', async () => {
    const session = await team();
    await signInAs(session, 'lee');
    const made = (await call(session, 'directory.save', serviceInput())) as Service;
    await call(session, 'directory.save', serviceInput({ id: made.id, costNote: 'x' }));
    await call(session, 'directory.archive', { id: made.id });
    const rows = await session.active().store.db.selectFrom('audit_log').select(['action', 'target_type', 'target_id', 'detail']).where('action', 'like', 'directory.%').orderBy('id').execute();
    expect(rows).toEqual([
      { action: 'directory.save', target_type: 'service', target_id: String(made.id), detail: 'added' },
      { action: 'directory.save', target_type: 'service', target_id: String(made.id), detail: 'changed' },
      { action: 'directory.archive', target_type: 'service', target_id: String(made.id), detail: 'archived' },
    ]);
  });
});
