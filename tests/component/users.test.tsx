import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { UsersScreen } from '../../renderer/people/UsersScreen';
import { newInstallation } from '../support/installation';
import { addTeam, addUser, signInAs } from '../support/referrals';
import { useTempFolders } from '../support/tempFolder';
import { useSessionTransport } from './inMemoryTransport';

const tempFolder = useTempFolders();

/** Mia manages practice 2 only; Pat covers both practices; Lee and Rita work at practice 1, Kim at 2. */
async function asMia() {
  const { session } = await newInstallation(tempFolder());
  await addTeam(session);
  await addUser(session, 'mia', 'practice_manager', [2], 'Mia Manager');
  await signInAs(session, 'mia');
  useSessionTransport(session);
  render(<UsersScreen me={session.active().user} />);
  await waitFor(() => expect(screen.getByRole('cell', { name: 'Kim Worker' })).toBeTruthy());
  return session;
}

function rowOf(name: string): HTMLElement {
  return screen.getByRole('cell', { name }).closest('tr')!;
}

describe('the Users screen', () => {
  it('shows a practice manager the accounts of their practice, and only the actions main allows', async () => {
    await asMia();
    // Lee and Rita work only at practice 1.
    expect(screen.queryByRole('cell', { name: 'Lee Worker' })).toBeNull();
    expect(screen.queryByRole('cell', { name: 'Rita Reception' })).toBeNull();

    const kim = within(rowOf('Kim Worker'));
    for (const action of ['Edit Kim Worker', 'Reset password for Kim Worker', 'Disable Kim Worker']) expect(kim.getByRole('button', { name: action })).toBeTruthy();
    // Pat covers both practices and is a manager: Mia can do nothing to that account.
    expect(within(rowOf('Pat Manager')).queryAllByRole('button')).toHaveLength(0);
    expect(within(rowOf('Pat Manager')).getByText('Managed by a manager who covers all their practices')).toBeTruthy();
    // Her own row: the name only, never a reset or a disable.
    const own = within(rowOf('Mia Manager'));
    expect(own.getAllByRole('button').map((b) => b.textContent)).toEqual(['Edit']);
  });

  it('offers only the roles and practices the manager may give', async () => {
    await asMia();
    await userEvent.click(screen.getByRole('button', { name: 'Add a user' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Add a user' }));
    expect(dialog.getByLabelText('Hillview Medical Centre (A81002)')).toBeTruthy();
    expect(dialog.queryByLabelText('Riverside Surgery (A81001)')).toBeNull();
    await userEvent.click(dialog.getByRole('combobox'));
    const options = screen.getAllByRole('option').map((o) => o.textContent);
    expect(options).toEqual(['Reception / care navigator', 'Clinician', 'Social prescribing link worker']);
  });

  it('lets a manager edit their own name but not their own role or practices', async () => {
    await asMia();
    await userEvent.click(within(rowOf('Mia Manager')).getByRole('button', { name: 'Edit Mia Manager' }));
    const dialog = within(screen.getByRole('dialog', { name: 'Edit Mia Manager' }));
    expect(dialog.getByLabelText('Full name')).toBeTruthy();
    expect(dialog.queryByRole('combobox')).toBeNull();
    expect(dialog.queryByRole('checkbox')).toBeNull();
    expect(dialog.getByText(/Your own role and practices are changed by another manager/)).toBeTruthy();
  });

  it('shows a paused sign-in and lets the manager allow it again', async () => {
    const { session } = await newInstallation(tempFolder());
    await addTeam(session);
    await session.logout();
    for (let i = 0; i < 5; i += 1) await session.login('kim', 'not the password').catch(() => undefined);
    await signInAs(session, 'pat');
    useSessionTransport(session);
    render(<UsersScreen me={session.active().user} />);
    await waitFor(() => expect(within(rowOf('Kim Worker')).getByText(/^Sign-in paused until \d\d:\d\d$/)).toBeTruthy());
    await userEvent.click(screen.getByRole('button', { name: 'Allow Kim Worker to sign in now' }));
    await waitFor(() => expect(screen.getByText('Kim Worker can sign in again now.')).toBeTruthy());
    expect(within(rowOf('Kim Worker')).queryByText(/Sign-in paused/)).toBeNull();
  });
});
