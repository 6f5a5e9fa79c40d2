import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useEffect, useState } from 'react';
import { Settings } from '../../main/contract/people';
import { call } from '../api/client';
import { FormField } from '../shared/FormField';
import { PageHeader } from '../shared/PageHeader';
import { useApiForm } from '../shared/useApiForm';

export function SettingsScreen() {
  const [saved, setSaved] = useState(false);
  const { form, formError, submitWith } = useApiForm(Settings, { defaultValues: { idleLockMinutes: 10 } });
  useEffect(() => {
    void call('settings.get', {}).then((s) => form.reset(s));
  }, [form]);
  const submit = submitWith(async (values) => {
    form.reset(await call('settings.update', values));
    setSaved(true);
  });
  return (
    <>
      <PageHeader title="Settings" intro="These apply to everyone who uses Signpost in this PCN." />
      <Box component="form" noValidate onSubmit={submit} sx={{ maxWidth: 480 }}>
        {saved && <Alert severity="success" role="status">Settings saved.</Alert>}
        {formError && <Alert severity="error" role="alert">{formError}</Alert>}
        <FormField
          control={form.control}
          name="idleLockMinutes"
          label="Lock after this many minutes without use"
          type="number"
          hint="Between 1 and 60. Practice PCs are shared, so keep it short."
          onFocus={() => setSaved(false)}
        />
        <Button type="submit" variant="contained" sx={{ mt: 2 }}>Save settings</Button>
      </Box>
    </>
  );
}
