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
import { PasswordField } from '../shared/PasswordField';
import { useApiForm } from '../shared/useApiForm';

const ChangePasswordFields = z
  .object({ currentPassword: Password, newPassword: NewPassword, confirmPassword: z.string() })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'The two new passwords are not the same' })
  .refine((v) => v.currentPassword !== v.newPassword, { path: ['newPassword'], message: 'Choose a password different from your current one' });

type ActiveState = Extract<SessionState, { state: 'active' }>;

/**
 * `currentPassword`, when given, is the password the person typed a moment ago to sign in: it is
 * not asked for again (the field shows only if main says it is wrong after all).
 */
export function ChangePasswordForm({ onChange, currentPassword }: { onChange: (s: SessionState) => void; currentPassword?: string | undefined }) {
  const [done, setDone] = useState(false);
  const { form, formError, submitWith } = useApiForm(ChangePasswordFields, {
    defaultValues: { currentPassword: currentPassword ?? '', newPassword: '', confirmPassword: '' },
  });
  const askCurrent = currentPassword === undefined || form.formState.errors.currentPassword !== undefined;
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
      {askCurrent && <FormField control={form.control} name="currentPassword" label="Current password" type="password" autoComplete="current-password" />}
      <PasswordField
        control={form.control}
        name="newPassword"
        label="New password"
        autoComplete="new-password"
        autoFocus={!askCurrent}
        hint="At least 10 characters and hard to guess: no names, not the practice’s. A few unrelated words make a strong password that is easy to remember."
      />
      <PasswordField control={form.control} name="confirmPassword" label="New password again" autoComplete="new-password" />
      <Button type="submit" variant="contained" sx={{ mt: 2 }} disabled={form.formState.isSubmitting}>Change password</Button>
    </Box>
  );
}

/** At first sign-in with a temporary password, main refuses everything else until it is changed. */
export function ChangePasswordScreen({ session, currentPassword, onChange }: { session: ActiveState; currentPassword?: string | undefined; onChange: (s: SessionState) => void; firstSignIn: true }) {
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
      <ChangePasswordForm onChange={onChange} currentPassword={currentPassword} />
      <Stack direction="row" sx={{ mt: 2 }}>
        <Button onClick={async () => onChange(await call('auth.logout', {}))}>Sign out</Button>
      </Stack>
    </CentredCard>
  );
}
