import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { z } from 'zod';
import { Password } from '../../main/contract/fields';
import type { SessionState } from '../../main/contract/people';
import { call } from '../api/client';
import { CentredCard } from '../shared/CentredCard';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';

const UnlockForm = z.object({ password: Password });

/** Shown while main holds the session locked: nothing of the app is rendered behind it. */
export function LockScreen({ user, onChange }: { user: { username: string; fullName: string }; onChange: (s: SessionState) => void }) {
  const { form, formError, submitWith } = useApiForm(UnlockForm, { defaultValues: { password: '' } });
  const submit = submitWith(async (values) => onChange(await call('auth.unlock', values)));
  return (
    <CentredCard title="Signpost is locked">
      <Typography sx={{ mb: 1 }}>
        Locked for {user.fullName} ({user.username}). Enter your password to carry on where you left off, or sign out so someone
        else can sign in.
      </Typography>
      {formError && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{formError}</Alert>}
      <Box component="form" noValidate onSubmit={submit}>
        <FormField control={form.control} name="password" label="Password" type="password" autoComplete="current-password" autoFocus />
        <Stack direction="row" spacing={2} sx={{ mt: 2, justifyContent: "space-between" }}>
          <Button onClick={async () => onChange(await call('auth.logout', {}))}>Sign out</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>Unlock</Button>
        </Stack>
      </Box>
    </CentredCard>
  );
}
