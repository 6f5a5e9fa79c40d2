import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { Control, FieldValues, Path } from 'react-hook-form';
import type { z } from 'zod';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';

export interface NumberSetting<T> {
  name: Path<T>;
  label: string;
  hint: string;
}

/** One capability's settings: whole numbers, loaded from main and saved through main's own rules. */
export function SettingsSection<S extends z.ZodType<FieldValues, FieldValues>>({
  title,
  schema,
  fields,
  load,
  save,
}: {
  title: string;
  schema: S;
  fields: NumberSetting<z.input<S>>[];
  load: () => Promise<z.input<S>>;
  save: (values: z.output<S>) => Promise<z.input<S>>;
}) {
  const [saved, setSaved] = useState(false);
  const { form, formError, submitWith } = useApiForm(schema);
  useEffect(() => {
    void load().then((values) => form.reset(values));
    // Loaded once when the section opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const submit = submitWith(async (values) => {
    form.reset(await save(values));
    setSaved(true);
  });
  const id = `settings-${title.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <Box component="form" noValidate onSubmit={submit} aria-labelledby={id} sx={{ maxWidth: 560, mb: 4 }}>
      <Typography variant="h2" id={id}>{title}</Typography>
      {saved && <Alert severity="success" role="status" sx={{ mt: 1 }}>{title}: saved.</Alert>}
      {formError && <Alert severity="error" role="alert" sx={{ mt: 1 }}>{formError}</Alert>}
      {fields.map((f) => (
        <FormField key={f.name} control={form.control as unknown as Control<z.input<S>>} name={f.name} label={f.label} hint={f.hint} type="number" onFocus={() => setSaved(false)} />
      ))}
      <Button type="submit" variant="contained" sx={{ mt: 1 }}>Save {title.toLowerCase()}</Button>
    </Box>
  );
}
