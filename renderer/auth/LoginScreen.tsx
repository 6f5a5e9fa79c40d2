import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { z } from 'zod';
import { Password, Username } from '../../main/contract/fields';
import type { SessionState } from '../../main/contract/people';
import { call } from '../api/client';
import { CentredCard } from '../shared/CentredCard';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';

const LoginForm = z.object({ username: Username, password: Password });

/** `typed` is handed up so a first sign-in's "Choose your password" need not ask for it again. */
export function LoginScreen({ onSignedIn }: { onSignedIn: (s: SessionState, typed: { username: string; password: string }) => void }) {
  const { form, formError, submitWith } = useApiForm(LoginForm, { defaultValues: { username: '', password: '' } });
  const submit = submitWith(async (values) => onSignedIn(await call('auth.login', values), values));
  return (
    <CentredCard title="Sign in to Signpost">
      {formError && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{formError}</Alert>}
      <Box component="form" noValidate onSubmit={submit}>
        <FormField control={form.control} name="username" label="Username" autoComplete="username" autoFocus />
        <FormField control={form.control} name="password" label="Password" type="password" autoComplete="current-password" />
        <Button type="submit" variant="contained" fullWidth sx={{ mt: 2 }} disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Signing in…' : 'Sign in'}
        </Button>
      </Box>
    </CentredCard>
  );
}
