import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { z } from 'zod';
import { NewPassword } from '../../main/contract/fields';
import type { UserRow } from '../../main/contract/people';
import { call } from '../api/client';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';

const TemporaryPassword = z.object({ temporaryPassword: NewPassword });

/** Resetting a password or re-enabling a user writes a fresh key slot under a temporary password. */
export function TemporaryPasswordDialog({ user, mode, onClose, onSaved }: { user: UserRow; mode: 'reset' | 'enable'; onClose: () => void; onSaved: (u: UserRow) => void }) {
  const { form, formError, submitWith } = useApiForm(TemporaryPassword, { defaultValues: { temporaryPassword: '' } });
  const submit = submitWith(async ({ temporaryPassword }) =>
    onSaved(await call(mode === 'enable' ? 'users.enable' : 'users.resetPassword', { id: user.id, temporaryPassword })),
  );
  const title = mode === 'enable' ? `Enable ${user.fullName}` : `Reset the password for ${user.fullName}`;
  return (
    <Dialog open onClose={onClose} aria-labelledby="temp-password-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={submit}>
        <DialogTitle id="temp-password-title">{title}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            Choose a temporary password that is hard to guess and tell it to {user.fullName} in person. They will choose their own when
            they next sign in{mode === 'reset' ? ', and Signpost will tell them that you reset it' : ''}.
          </DialogContentText>
          {formError && <Alert severity="error" role="alert">{formError}</Alert>}
          <FormField control={form.control} name="temporaryPassword" label="Temporary password" autoComplete="off" autoFocus />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>{mode === 'enable' ? 'Enable user' : 'Set temporary password'}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
