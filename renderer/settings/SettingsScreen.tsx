import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { Path } from 'react-hook-form';
import { z } from 'zod';
import { contract } from '../../main/contract';
import { Settings } from '../../main/contract/people';
import { call } from '../api/client';
import { FormField } from '../shared/FormField';
import { PageHeader } from '../shared/PageHeader';
import { useApiForm } from '../shared/useApiForm';
import { KeySection } from './KeySection';

// Every field is required on this screen, though main also accepts a partial change.
const ReferralSettings = contract['referrals.settings'].input.required();
const CaseworkSettings = contract['casework.settings'].input.required();
const MeasureSettings = contract['measures.settings'].input.required();

/** All of them, in one form with one save: saving never drops a change made in another section. */
const AllSettings = Settings.extend(ReferralSettings.shape).extend(CaseworkSettings.shape).extend(MeasureSettings.shape);
type Values = z.output<typeof AllSettings>;
type Name = keyof Values & Path<z.input<typeof AllSettings>>;

interface Section {
  title: string;
  fields: { name: Name; label: string; hint: string }[];
  save: (v: Values) => Promise<Partial<Values>>;
}

const sections: readonly Section[] = [
  {
    title: 'Security',
    fields: [{ name: 'idleLockMinutes', label: 'Lock after this many minutes without use', hint: 'Between 1 and 60. Practice PCs are shared, so keep it short.' }],
    save: (v) => call('settings.update', { idleLockMinutes: v.idleLockMinutes }),
  },
  {
    title: 'Referrals',
    fields: [
      { name: 'staleAfterWorkingDays', label: 'Flag a referral untouched for this many working days', hint: 'Weekends and bank holidays do not count. Usually 10.' },
      { name: 'contactAttemptsBeforeUnable', label: 'Failed contact attempts before “unable to contact”', hint: 'Usually 3.' },
    ],
    save: (v) => call('referrals.settings', { staleAfterWorkingDays: v.staleAfterWorkingDays, contactAttemptsBeforeUnable: v.contactAttemptsBeforeUnable }),
  },
  {
    title: 'Casework',
    fields: [{ name: 'noContactAlertDays', label: 'Flag an open case with no contact for this many days', hint: 'Usually 14.' }],
    save: (v) => call('casework.settings', { noContactAlertDays: v.noContactAlertDays }),
  },
  {
    title: 'Wellbeing measures',
    fields: [{ name: 'followUpWeeks', label: 'A follow-up measure is due this many weeks after the baseline', hint: 'Usually 12.' }],
    save: (v) => call('measures.settings', { followUpWeeks: v.followUpWeeks }),
  },
];

async function loadAll(): Promise<Values> {
  const [security, referrals, casework, measures] = await Promise.all([
    call('settings.get', {}),
    call('referrals.settings', {}),
    call('casework.settings', {}),
    call('measures.settings', {}),
  ]);
  return { ...security, ...referrals, ...casework, ...measures };
}

const idOf = (title: string) => `settings-${title.toLowerCase().replace(/\W+/g, '-')}`;

/** Practice-wide settings: one form, one save, and a plain word when something is not saved yet. */
export function SettingsScreen() {
  const [saved, setSaved] = useState<string>();
  const api = useApiForm(AllSettings, { load: loadAll, draft: 'settings' });
  const { form, formError, submitWith, draft } = api;
  const { dirtyFields, isDirty, isSubmitting } = form.formState;
  const changed = sections.filter((s) => s.fields.some((f) => dirtyFields[f.name]));

  const submit = submitWith(async (values) => {
    const results: Partial<Values>[] = [];
    // Only what changed is sent; each section's channel applies main's own rules to it.
    for (const section of changed) results.push(await section.save(values));
    form.reset({ ...values, ...Object.assign({}, ...results) });
    setSaved(changed.length === 0 ? 'Nothing had changed.' : `Saved: ${changed.map((s) => s.title.toLowerCase()).join(', ')}.`);
  });

  return (
    <>
      <PageHeader title="Settings" intro="These apply to everyone who uses Signpost in this PCN." />
      {draft.loadError && <Alert severity="error" role="alert">{draft.loadError}</Alert>}
      {!draft.ready && !draft.loadError && <LinearProgress aria-label="Loading the settings" sx={{ maxWidth: 560 }} />}
      {draft.ready && (
        <Box component="form" noValidate onSubmit={submit} aria-label="Settings" sx={{ maxWidth: 560 }}>
          {draft.restoredAt && (
            <Alert severity="info" role="status" sx={{ mb: 2 }}>
              These are the changes you made earlier; they are not saved yet. Save them, or undo them.
            </Alert>
          )}
          {sections.map((section) => (
            <Box component="fieldset" key={section.title} aria-labelledby={idOf(section.title)} sx={{ border: 0, p: 0, m: 0, mb: 3 }}>
              <Typography variant="h2" id={idOf(section.title)} component="legend">{section.title}</Typography>
              {section.fields.map((f) => (
                <FormField key={f.name} control={form.control} name={f.name} label={f.label} hint={f.hint} type="number" onFocus={() => setSaved(undefined)} />
              ))}
            </Box>
          ))}
          {formError && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{formError}</Alert>}
          {saved && !isDirty && <Alert severity="success" role="status" sx={{ mb: 2 }}>{saved}</Alert>}
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2 }}>
            <Button type="submit" variant="contained" disabled={isSubmitting}>Save settings</Button>
            {isDirty && <Button onClick={() => void draft.discard()}>Undo changes</Button>}
            <Typography role="status" color={isDirty ? 'text.primary' : 'text.secondary'} sx={{ fontWeight: isDirty ? 700 : 400 }}>
              {isDirty ? `Not saved yet: ${changed.map((s) => s.title.toLowerCase()).join(', ') || 'your changes'}.` : 'No unsaved changes.'}
            </Typography>
          </Box>
        </Box>
      )}
      <KeySection />
    </>
  );
}
