import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { LoginScreen } from '../../renderer/auth/LoginScreen';
import { MANAGER_PASSWORD, newInstallation } from '../support/installation';
import { useTempFolders } from '../support/tempFolder';
import { useSessionTransport } from './inMemoryTransport';

const tempFolder = useTempFolders();

describe('the sign-in screen', () => {
  it('shows main’s wrong-password message at the password field and keeps the username typed', async () => {
    const { session } = await newInstallation(tempFolder());
    await session.logout();
    useSessionTransport(session);
    const onSignedIn = vi.fn();
    render(<LoginScreen onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText(/Username/), 'pat');
    await userEvent.type(screen.getByLabelText(/Password/), 'not the password');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByText(/The username or password is not right/)).toBeTruthy());
    expect(screen.getByLabelText(/Password/).getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText(/Username/) as HTMLInputElement).value).toBe('pat');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('says until when sign-in is paused after repeated wrong passwords, at the password field', async () => {
    const { session } = await newInstallation(tempFolder());
    await session.logout();
    for (let i = 0; i < 5; i += 1) await session.login('pat', 'not the password').catch(() => undefined);
    useSessionTransport(session);
    const onSignedIn = vi.fn();
    render(<LoginScreen onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText(/Username/), 'pat');
    await userEvent.type(screen.getByLabelText(/Password/), MANAGER_PASSWORD);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByText(/^Too many attempts: try again after \d\d:\d\d\.$/)).toBeTruthy());
    expect(screen.getByLabelText(/Password/).getAttribute('aria-invalid')).toBe('true');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('signs in with the right password and hands the active session up', async () => {
    const { session } = await newInstallation(tempFolder());
    await session.logout();
    useSessionTransport(session);
    const onSignedIn = vi.fn();
    render(<LoginScreen onSignedIn={onSignedIn} />);
    await userEvent.type(screen.getByLabelText(/Username/), 'pat');
    await userEvent.type(screen.getByLabelText(/Password/), MANAGER_PASSWORD);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(expect.objectContaining({ state: 'active' }), { username: 'pat', password: MANAGER_PASSWORD }));
  });

  it('says what is missing before asking main, when the fields are left empty', async () => {
    const { session } = await newInstallation(tempFolder());
    await session.logout();
    const calls = useSessionTransport(session);
    render(<LoginScreen onSignedIn={vi.fn()} />);
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByText('Enter your password')).toBeTruthy());
    expect(calls).not.toContain('auth.login');
  });
});
