import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useState } from 'react';
import type { UserRow } from '../../main/contract/people';
import { roleLabels } from '../../main/contract/roles';
import { ApiError, call } from '../api/client';
import { ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { TemporaryPasswordDialog } from './TemporaryPasswordDialog';
import { UserDialog } from './UserDialog';

type Dialog =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'edit'; user: UserRow }
  | { kind: 'password'; user: UserRow; mode: 'reset' | 'enable' };

export function UsersScreen({ currentUserId }: { currentUserId: number }) {
  const users = useLoad(() => call('users.list', {}));
  const practices = useLoad(() => call('practices.list', {}));
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string }>();
  const practiceName = new Map(practices.data?.practices.map((p) => [p.id, p.odsCode]) ?? []);

  const done = async (text: string) => {
    setDialog({ kind: 'none' });
    setMessage({ severity: 'success', text });
    await users.reload();
  };

  const disable = async (user: UserRow) => {
    try {
      await call('users.disable', { id: user.id });
      await done(`${user.fullName} is disabled: their password no longer opens Signpost.`);
    } catch (e) {
      setMessage({ severity: 'error', text: e instanceof ApiError ? e.message : 'Could not disable the user.' });
    }
  };

  return (
    <>
      <PageHeader
        title="Users"
        intro="Everyone who signs in to Signpost, their role and the practices they work at."
        actions={<Button variant="contained" onClick={() => setDialog({ kind: 'add' })}>Add a user</Button>}
      />
      {message && <Alert severity={message.severity} role={message.severity === 'error' ? 'alert' : 'status'} sx={{ mb: 2 }} onClose={() => setMessage(undefined)}>{message.text}</Alert>}
      {users.error && <Alert severity="error" role="alert">{users.error}</Alert>}
      <TableContainer component={Paper} variant="outlined">
        <Table aria-label="Users">
          <TableHead>
            <TableRow>
              <TableCell>Name</TableCell>
              <TableCell>Username</TableCell>
              <TableCell>Role</TableCell>
              <TableCell>Practices</TableCell>
              <TableCell>Last signed in</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Actions</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {users.data?.map((u) => (
              <TableRow key={u.id}>
                <TableCell>{u.fullName}</TableCell>
                <TableCell>{u.username}</TableCell>
                <TableCell>{roleLabels[u.role]}</TableCell>
                <TableCell>{u.practiceIds.map((id) => practiceName.get(id)).join(', ')}</TableCell>
                <TableCell>{u.lastLoginAt ? ukDateTime(u.lastLoginAt) : 'Never'}</TableCell>
                <TableCell>
                  {u.enabled ? (u.mustChangePassword ? <Chip size="small" label="Temporary password" /> : <Chip size="small" color="success" label="Active" />) : <Chip size="small" label="Disabled" />}
                </TableCell>
                <TableCell>
                  <Stack direction="row" spacing={1}>
                    <Button size="small" onClick={() => setDialog({ kind: 'edit', user: u })} aria-label={`Edit ${u.fullName}`}>Edit</Button>
                    {u.enabled && <Button size="small" onClick={() => setDialog({ kind: 'password', user: u, mode: 'reset' })} aria-label={`Reset password for ${u.fullName}`}>Reset password</Button>}
                    {u.enabled && u.id !== currentUserId && <Button size="small" color="error" onClick={() => void disable(u)} aria-label={`Disable ${u.fullName}`}>Disable</Button>}
                    {!u.enabled && <Button size="small" onClick={() => setDialog({ kind: 'password', user: u, mode: 'enable' })} aria-label={`Enable ${u.fullName}`}>Enable</Button>}
                  </Stack>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {(dialog.kind === 'add' || dialog.kind === 'edit') && practices.data && (
        <UserDialog
          user={dialog.kind === 'edit' ? dialog.user : undefined}
          practices={practices.data.practices}
          onClose={() => setDialog({ kind: 'none' })}
          onSaved={(u) => void done(dialog.kind === 'add' ? `${u.fullName} is added. Give them their temporary password; they choose their own at first sign-in.` : `${u.fullName} is updated.`)}
        />
      )}
      {dialog.kind === 'password' && (
        <TemporaryPasswordDialog
          user={dialog.user}
          mode={dialog.mode}
          onClose={() => setDialog({ kind: 'none' })}
          onSaved={(u) => void done(dialog.mode === 'enable' ? `${u.fullName} is enabled again with a temporary password.` : `${u.fullName} has a temporary password; they choose their own at next sign-in.`)}
        />
      )}
    </>
  );
}
