import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { z } from 'zod';
import { Id, requiredText } from '../../main/contract/fields';
import { type ListedUser, NewUser, type Practice, type UserRow } from '../../main/contract/people';
import { type Role, Role as RoleSchema, roleLabels } from '../../main/contract/roles';
import { call } from '../api/client';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';
import { PracticePicker } from './PracticePicker';
import { RoleSelect } from './RoleSelect';

const EditUser = z.object({ fullName: requiredText('the full name', 120), role: RoleSchema, practiceIds: z.array(Id).min(1, 'Choose at least one practice') });

/** What the person adding or editing may give: the roles and practices main would accept from them. */
export interface Grantable {
  roles: readonly Role[];
  practices: readonly Practice[];
}

interface Props {
  user: ListedUser | undefined;
  allPractices: readonly Practice[];
  grantable: Grantable;
  onClose: () => void;
  onSaved: (u: UserRow) => void;
}

export function UserDialog({ user, ...rest }: Props) {
  return user ? <EditUserDialog user={user} {...rest} /> : <AddUserDialog {...rest} />;
}

function AddUserDialog({ grantable, onClose, onSaved }: Omit<Props, 'user'>) {
  const { practices, roles } = grantable;
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
          <RoleSelect control={form.control} name="role" roles={roles} />
          <PracticePicker control={form.control} name="practiceIds" practices={[...practices]} />
          <FormField
            control={form.control}
            name="temporaryPassword"
            label="Temporary password"
            type="text"
            autoComplete="off"
            hint="At least 10 characters, hard to guess: not a name or the practice’s. Tell them in person; they choose their own at first sign-in."
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>Add user</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function EditUserDialog({ user, allPractices, grantable, onClose, onSaved }: Props & { user: ListedUser }) {
  const { form, formError, submitWith } = useApiForm(EditUser, {
    defaultValues: { fullName: user.fullName, role: user.role, practiceIds: user.practiceIds },
  });
  const submit = submitWith(async (values) => onSaved(await call('users.update', { id: user.id, ...values })));
  const current = allPractices.filter((p) => user.practiceIds.includes(p.id)).map((p) => `${p.name} (${p.odsCode})`).join(', ');
  return (
    <Dialog open onClose={onClose} aria-labelledby="edit-user-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={submit}>
        <DialogTitle id="edit-user-title">Edit {user.fullName}</DialogTitle>
        <DialogContent>
          {formError && <Alert severity="error" role="alert">{formError}</Alert>}
          <FormField control={form.control} name="fullName" label="Full name" autoFocus />
          {user.may.editAccess ? (
            <>
              <RoleSelect control={form.control} name="role" roles={grantable.roles} />
              <PracticePicker control={form.control} name="practiceIds" practices={[...grantable.practices]} />
            </>
          ) : (
            <DialogContentText sx={{ mt: 2 }}>
              {roleLabels[user.role]} at {current}. Your own role and practices are changed by another manager who covers every practice.
            </DialogContentText>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>Save changes</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
