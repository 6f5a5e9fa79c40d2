import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { readSlotFile } from '../../main/store/keySlots';
import { Session } from '../../main/session/session';
import { KeySection } from '../../renderer/settings/KeySection';
import { newInstallation } from '../support/installation';
import { useTempFolders } from '../support/tempFolder';
import { useSessionTransport } from './inMemoryTransport';

const tempFolder = useTempFolders();

describe('the database key on the Settings screen', () => {
  it('changes the key with the manager’s button and says what that did', async () => {
    const { session } = await newInstallation(tempFolder());
    useSessionTransport(session);
    render(<KeySection />);
    await waitFor(() => expect(screen.getByText(/Key generation 1 \(the key set at setup\)/)).toBeTruthy());
    await userEvent.click(screen.getByRole('button', { name: 'Change the key now' }));
    await waitFor(() => expect(screen.getByText(/Done: the database has a new key \(generation 2\)\. Copies of the key file from before no longer open it\./)).toBeTruthy());
    await waitFor(() => expect(screen.getByText(/Key generation 2\./)).toBeTruthy());
    expect(readSlotFile(session.paths.slots).generation).toBe(2);
  });

  it('makes a new recovery key and shows it once', async () => {
    const { session, recoveryKey: old } = await newInstallation(tempFolder());
    useSessionTransport(session);
    render(<KeySection />);
    await userEvent.click(await screen.findByRole('button', { name: 'Make a new recovery key' }));
    const shown = (await screen.findByTestId('recovery-key')).textContent ?? '';
    expect(shown).toMatch(/^([A-Z2-9]{4}-){7}[A-Z2-9]{4}$/);
    const file = readSlotFile(session.paths.slots);
    expect(Session.unwrapRecovery(file, shown)).not.toBeNull();
    expect(Session.unwrapRecovery(file, old)).toBeNull();
    await userEvent.click(screen.getByRole('checkbox'));
    await userEvent.click(screen.getByRole('button', { name: 'I have kept it' }));
    expect(screen.queryByTestId('recovery-key')).toBeNull();
  });
});
