import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { z } from 'zod';
import { Id, requiredText } from '../../main/contract/fields';
import { NewUser, type Practice, type UserRow } from '../../main/contract/people';
import { Role } from '../../main/contract/roles';
import { call } from '../api/client';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';
import { PracticePicker } from './PracticePicker';
import { RoleSelect } from './RoleSelect';

const EditUser = z.object({ fullName: requiredText('the full name', 120), role: Role, practiceIds: z.array(Id).min(1, 'Choose at least one practice') });

export function UserDialog({ user, practices, onClose, onSaved }: { user: UserRow | undefined; practices: Practice[]; onClose: () => void; onSaved: (u: UserRow) => void }) {
  return user ? <EditUserDialog user={user} practices={practices} onClose={onClose} onSaved={onSaved} /> : <AddUserDialog practices={practices} onClose={onClose} onSaved={onSaved} />;
}

function AddUserDialog({ practices, onClose, onSaved }: { practices: Practice[]; onClose: () => void; onSaved: (u: UserRow) => void }) {
  const { form, formError, submitWith } = useApiForm(NewUser, {
    defaultValues: { fullName: '', username: '', role: 'reception', practiceIds: practices.length === 1 ? [practices[0]!.id] : [], temporaryPassword: '' },
  });
  const submit = submitWith(async (values) => onSaved(await call('users.create', values)));
  return (
    <Dialog open onClose={onClose} aria-labelledby="add-user-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={submit}>
        <DialogTitle id="add-user-title">Add a user</DialogTitle>
        <DialogContent>
          {formError && <Alert severity="error" role="alert">{formError}</Alert>}
          <FormField control={form.control} name="fullName" label="Full name" autoFocus />
          <FormField control={form.control} name="username" label="Username" hint="e.g. lee.worker" />
          <RoleSelect control={form.control} name="role" />
          <PracticePicker control={form.control} name="practiceIds" practices={practices} />
          <FormField control={form.control} name="temporaryPassword" label="Temporary password" type="text" autoComplete="off" hint="At least 10 characters. Tell them in person; they choose their own at first sign-in." />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>Add user</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function EditUserDialog({ user, practices, onClose, onSaved }: { user: UserRow; practices: Practice[]; onClose: () => void; onSaved: (u: UserRow) => void }) {
  const { form, formError, submitWith } = useApiForm(EditUser, {
    defaultValues: { fullName: user.fullName, role: user.role, practiceIds: user.practiceIds },
  });
  const submit = submitWith(async (values) => onSaved(await call('users.update', { id: user.id, ...values })));
  return (
    <Dialog open onClose={onClose} aria-labelledby="edit-user-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={submit}>
        <DialogTitle id="edit-user-title">Edit {user.fullName}</DialogTitle>
        <DialogContent>
          {formError && <Alert severity="error" role="alert">{formError}</Alert>}
          <FormField control={form.control} name="fullName" label="Full name" autoFocus />
          <RoleSelect control={form.control} name="role" />
          <PracticePicker control={form.control} name="practiceIds" practices={practices} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>Save changes</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
