import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { z } from 'zod';
import { NewPassword, Password } from '../../main/contract/fields';
import type { SessionState } from '../../main/contract/people';
import { call } from '../api/client';
import { CentredCard } from '../shared/CentredCard';
import { ukDateTime } from '../shared/format';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';

const ChangePasswordFields = z
  .object({ currentPassword: Password, newPassword: NewPassword, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords are not the same' })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ['newPassword'], message: 'Choose a password different from your current one' });

type ActiveState = Extract<SessionState, { state: 'active' }>;

export function ChangePasswordForm({ onChange }: { onChange: (s: SessionState) => void }) {
  const [done, setDone] = useState(false);
  const { form, formError, submitWith } = useApiForm(ChangePasswordFields, {
    defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
  });
  const submit = submitWith(async ({ currentPassword, newPassword }) => {
    const state = await call('auth.changePassword', { currentPassword, newPassword });
    form.reset();
    setDone(true);
    onChange(state);
  });
  return (
    <Box component="form" noValidate onSubmit={submit} sx={{ maxWidth: 480 }}>
      {done && <Alert severity="success" sx={{ mb: 2 }}>Your password has been changed.</Alert>}
      {formError && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{formError}</Alert>}
      <FormField control={form.control} name="currentPassword" label="Current password" type="password" autoComplete="current-password" />
      <FormField
        control={form.control}
        name="newPassword"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 10 characters and hard to guess: no names, not the practice’s. A few unrelated words make a strong password that is easy to remember."
      />
      <FormField control={form.control} name="confirmPassword" label="New password again" type="password" autoComplete="new-password" />
      <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.formState.isSubmitting}>Change password</Button>
    </Box>
  );
}

/** At first sign-in with a temporary password, main refuses everything else until it is changed. */
export function ChangePasswordScreen({ session, onChange }: { session: ActiveState; onChange: (s: SessionState) => void; firstSignIn: true }) {
  const reset = session.user.passwordReset;
  return (
    <CentredCard title="Choose your password">
      {reset && (
        <Alert severity="warning" sx={{ mb: 2 }} data-testid="password-reset-notice">
          Your password was reset by {reset.byName} on {ukDateTime(reset.at).replace(' ', ' at ')}. If you did not ask for this, tell your
          practice manager or IT straight away.
        </Alert>
      )}
      <Typography sx={{ mb: 2 }}>
        Welcome, {session.user.fullName}. You signed in with a temporary password{reset ? '' : ' from your practice manager'}: choose your own
        password to carry on. Only you will know it.
      </Typography>
      <ChangePasswordForm onChange={onChange} />
      <Stack direction="row" sx={{ mt: 2 }}>
        <Button onClick={async () => onChange(await call('auth.logout', {}))}>Sign out</Button>
      </Stack>
    </CentredCard>
  );
}
