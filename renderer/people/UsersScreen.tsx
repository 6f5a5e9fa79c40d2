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
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { ListedUser, SessionUser } from '../../main/contract/people';
import { roleLabels } from '../../main/contract/roles';
import { grantableRoles } from '../../main/contract/userScope';
import { ApiError, call } from '../api/client';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { ukDateTime, ukTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { TemporaryPasswordDialog } from './TemporaryPasswordDialog';
import { UserDialog } from './UserDialog';

type Dialog =
  | { kind: 'none' }
  | { kind: 'add' }
  | { kind: 'edit'; user: ListedUser }
  | { kind: 'password'; user: ListedUser; mode: 'reset' | 'enable' };

/** Offers only what main allows this person (the rows say what they may do to each account). */
export function UsersScreen({ me }: { me: Pick<SessionUser, 'id' | 'role' | 'practiceIds'> }) {
  const users = useLoad(() => call('users.list', {}));
  const practices = useLoad(() => call('practices.list', {}));
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string }>();
  const practiceName = new Map(practices.data?.practices.map((p) => [p.id, p.odsCode]) ?? []);
  const allPractices = practices.data?.practices ?? [];
  const grantable = {
    roles: grantableRoles(me, allPractices.map((p) => p.id)),
    practices: allPractices.filter((p) => me.practiceIds.includes(p.id)),
  };

  const done = async (text: string) => {
    setDialog({ kind: 'none' });
    setMessage({ severity: 'success', text });
    await users.reload();
  };

  const act = async (run: () => Promise<unknown>, success: string | (() => Promise<string>), failure: string) => {
    try {
      await run();
      await done(typeof success === 'string' ? success : await success());
    } catch (e) {
      setMessage({ severity: 'error', text: e instanceof ApiError ? e.message : failure });
    }
  };
  // Disabling takes effect at once (their key slot goes, the database key changes), so it is asked
  // about first; a refusal from main shows in that dialog.
  const [disabling, setDisabling] = useState<ListedUser>();
  const disable = async (user: ListedUser) => {
    await call('users.disable', { id: user.id });
    setDisabling(undefined);
    // Disabling changes the database key too; say if that has to wait (Signpost open elsewhere).
    const key = await call('security.keyStatus', {});
    await done(
      key.rotationDue
        ? `${user.fullName} is disabled: their password no longer opens Signpost. The database key change is waiting until Signpost is closed elsewhere (Settings, Database key).`
        : `${user.fullName} is disabled: their password no longer opens Signpost, and the database has a new key, so a copy of the key file they may have kept no longer opens it either.`,
    );
  };
  const allowSignIn = (user: ListedUser) =>
    act(() => call('users.allowSignIn', { id: user.id }), `${user.fullName} can sign in again now.`, 'Could not lift the pause.');

  return (
    <>
      <PageHeader
        title="Users"
        intro="Everyone who works at your practices, their role and the practices they work at. You manage the accounts whose practices are all yours."
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
                  <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap' }}>
                    {u.enabled ? (u.mustChangePassword ? <Chip size="small" label="Temporary password" /> : <Chip size="small" color="success" label="Active" />) : <Chip size="small" label="Disabled" />}
                    {u.signInPausedUntil && <Chip size="small" color="warning" label={`Sign-in paused until ${ukTime(u.signInPausedUntil)}`} />}
                  </Stack>
                </TableCell>
                <TableCell>
                  <Stack direction="row" spacing={1}>
                    {u.may.editName && <Button size="small" onClick={() => setDialog({ kind: 'edit', user: u })} aria-label={`Edit ${u.fullName}`}>Edit</Button>}
                    {u.may.resetPassword && <Button size="small" onClick={() => setDialog({ kind: 'password', user: u, mode: 'reset' })} aria-label={`Reset password for ${u.fullName}`}>Reset password</Button>}
                    {u.may.allowSignIn && <Button size="small" onClick={() => void allowSignIn(u)} aria-label={`Allow ${u.fullName} to sign in now`}>Allow sign-in</Button>}
                    {u.may.disable && <Button size="small" color="error" onClick={() => setDisabling(u)} aria-label={`Disable ${u.fullName}`}>Disable</Button>}
                    {u.may.enable && <Button size="small" onClick={() => setDialog({ kind: 'password', user: u, mode: 'enable' })} aria-label={`Enable ${u.fullName}`}>Enable</Button>}
                    {u.id !== me.id && !Object.values(u.may).some(Boolean) && <Typography variant="body2" color="text.secondary">Managed by a manager who covers all their practices</Typography>}
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
          allPractices={allPractices}
          grantable={grantable}
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
      {disabling && (
        <ConfirmDialog title={`Disable ${disabling.fullName}?`} confirmLabel="Disable" cancelLabel="Keep them" onCancel={() => setDisabling(undefined)} onConfirm={() => disable(disabling)}>
          Their password stops opening Signpost straight away. You can enable them again later with a new temporary password; what
          they recorded stays as it is.
        </ConfirmDialog>
      )}
    </>
  );
}
