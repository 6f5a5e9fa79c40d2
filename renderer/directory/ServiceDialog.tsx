import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { type ReactNode, useState } from 'react';
import type { Control } from 'react-hook-form';
import { z } from 'zod';
import { Cost, costLabels, howToReferLabels, type Service, ServiceInput, Tag } from '../../main/contract/directory';
import { reasonLabels } from '../../main/contract/referrals';
import { ApiError, call } from '../api/client';
import { CheckboxGroupField, RadioField, SelectField } from '../shared/ChoiceFields';
import { FormField } from '../shared/FormField';
import { ukDate } from '../shared/format';
import { useApiForm } from '../shared/useApiForm';
import { usageText } from './usageText';
import { today } from '../shared/clock';

/** The contract's service, with tags typed as one line and cost chosen from a list that has "not known". */
const ServiceForm = ServiceInput.omit({ id: true, tags: true, cost: true }).extend({
  tags: z
    .string()
    .transform((v) => v.split(/[,;]/).map((t) => t.trim()).filter(Boolean))
    .pipe(z.array(Tag).max(20, 'Use 20 tags or fewer')),
  cost: z.union([Cost, z.literal('')]).transform((v) => (v === '' ? null : v)),
});

const costOptions = { '': 'Not known', ...costLabels };

function defaults(service: Service | undefined): z.input<typeof ServiceForm> {
  return {
    name: service?.name ?? '',
    organisation: service?.organisation ?? '',
    categories: service?.categories ?? [],
    tags: service?.tags.join(', ') ?? '',
    description: service?.description ?? '',
    eligibility: service?.eligibility ?? '',
    howToRefer: service?.howToRefer ?? 'signpost',
    phone: service?.phone ?? '',
    email: service?.email ?? '',
    website: service?.website ?? '',
    address: service?.address ?? '',
    postcode: service?.postcode ?? '',
    openingTimes: service?.openingTimes ?? '',
    cost: service?.cost ?? '',
    costNote: service?.costNote ?? '',
    lastChecked: service?.lastChecked ?? today(),
  };
}

/** Add a service, or change one: every field the directory keeps, errors from main at their fields. */
export function ServiceEditDialog({ service, onClose, onSaved }: { service: Service | undefined; onClose: () => void; onSaved: (s: Service, verb: string) => void }) {
  const { form, formError, setFormError, submitWith } = useApiForm(ServiceForm, { defaultValues: defaults(service) });
  const [busy, setBusy] = useState(false);
  const submit = submitWith(async (values) => onSaved(await call('directory.save', { ...values, ...(service ? { id: service.id } : {}) }), service ? 'saved' : 'added'));
  const archive = async () => {
    if (!service) return;
    setBusy(true);
    try {
      onSaved(await call('directory.archive', { id: service.id, restore: !service.active }), service.active ? 'archived' : 'restored');
    } catch (e) {
      setFormError(e instanceof ApiError ? e.message : 'Could not archive the service.');
    } finally {
      setBusy(false);
    }
  };
  // The shared fields take the form's typed-in values; the parsed ones (tags as a list) only reach submit.
  const c = form.control as unknown as Control<z.input<typeof ServiceForm>>;
  const title = service ? `Edit ${service.name}` : 'Add a service';
  return (
    <Dialog open onClose={onClose} aria-labelledby="service-title" fullWidth maxWidth="md" scroll="paper">
      {/* A flex column, so the fields scroll between the title and the buttons. */}
      <form noValidate onSubmit={submit} aria-labelledby="service-title" style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <DialogTitle id="service-title">{title}</DialogTitle>
        <DialogContent dividers>
          {formError && <Alert severity="error" role="alert">{formError}</Alert>}
          {service && !service.active && <Alert severity="info">This service is archived: it is kept on past cases but not offered in searches.</Alert>}
          {service && <Typography color="text.secondary" sx={{ mt: 1 }}>{usageText(service.usage)}</Typography>}
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>
            <FormField control={c} name="name" label="Service name" autoFocus />
            <FormField control={c} name="organisation" label="Organisation" hint="Who runs it, if not the service itself" />
          </Box>
          <FormField control={c} name="description" label="What it offers" multiline minRows={3} />
          <FormField control={c} name="eligibility" label="Who can use it" multiline minRows={2} hint="Ages, area, conditions, anything a person needs first" />
          <CheckboxGroupField control={c} name="categories" label="Categories" hint="The needs it helps with, as on the referral form" options={reasonLabels} />
          <FormField control={c} name="tags" label="Tags" hint="Other words people search for, separated by commas: choir, gardening, Polish speakers" />
          <RadioField control={c} name="howToRefer" label="How people get to it" options={howToReferLabels} />
          <Typography variant="h3" component="h3" sx={{ mt: 2 }}>Contact and place</Typography>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr 1fr' }, columnGap: 2 }}>
            <FormField control={c} name="phone" label="Phone" />
            <FormField control={c} name="email" label="E-mail" type="email" />
            <FormField control={c} name="website" label="Website" />
          </Box>
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '3fr 1fr' }, columnGap: 2 }}>
            <FormField control={c} name="address" label="Address" />
            <FormField control={c} name="postcode" label="Postcode" />
          </Box>
          <FormField control={c} name="openingTimes" label="Opening times" hint="e.g. Tuesdays 10:00–12:00, term time only" />
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 2fr 1fr' }, columnGap: 2, alignItems: 'start' }}>
            <SelectField control={c} name="cost" label="Cost" options={costOptions} />
            <FormField control={c} name="costNote" label="About the cost" hint="e.g. £3 a session, first one free" />
            <FormField control={c} name="lastChecked" label="Details last checked" type="date" slotProps={{ inputLabel: { shrink: true } }} />
          </Box>
        </DialogContent>
        <DialogActions>
          {service && (
            <Button color={service.active ? 'error' : 'primary'} onClick={() => void archive()} disabled={busy} sx={{ mr: 'auto' }}>
              {service.active ? 'Archive this service' : 'Restore this service'}
            </Button>
          )}
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>{service ? 'Save changes' : 'Add service'}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function Detail({ term, children }: { term: string; children: ReactNode }) {
  if (children === '' || children === null || children === undefined) return null;
  return (
    <>
      <Typography component="dt" sx={{ fontWeight: 700 }}>{term}</Typography>
      <Typography component="dd" sx={{ m: 0, mb: 1.5, whiteSpace: 'pre-line' }}>{children}</Typography>
    </>
  );
}

/** A service as a receptionist or clinician sees it: everything needed to tell a patient about it. */
export function ServiceViewDialog({ service, onClose }: { service: Service; onClose: () => void }) {
  return (
    <Dialog open onClose={onClose} aria-labelledby="service-view-title" fullWidth maxWidth="sm" scroll="paper">
      <DialogTitle id="service-view-title">{service.name}</DialogTitle>
      {/* Focusable, so a long entry can be scrolled by keyboard alone. */}
      <DialogContent dividers tabIndex={0}>
        {!service.active && <Alert severity="info" sx={{ mb: 2 }}>This service is archived.</Alert>}
        <Box component="dl" sx={{ m: 0 }}>
          <Detail term="Organisation">{service.organisation}</Detail>
          <Detail term="What it offers">{service.description}</Detail>
          <Detail term="Who can use it">{service.eligibility}</Detail>
          <Detail term="Categories">{service.categories.map((x) => reasonLabels[x]).join('; ')}</Detail>
          <Detail term="Tags">{service.tags.join(', ')}</Detail>
          <Detail term="How people get to it">{howToReferLabels[service.howToRefer]}</Detail>
          <Detail term="Phone">{service.phone}</Detail>
          <Detail term="E-mail">{service.email}</Detail>
          <Detail term="Website">{service.website}</Detail>
          <Detail term="Address">{[service.address, service.postcode].filter(Boolean).join(', ')}</Detail>
          <Detail term="Opening times">{service.openingTimes}</Detail>
          <Detail term="Cost">{[service.cost ? costLabels[service.cost] : 'Not known', service.costNote].filter(Boolean).join(': ')}</Detail>
          <Detail term="Details last checked">{service.lastChecked ? ukDate(service.lastChecked) : 'Never'}</Detail>
          <Detail term="Use">{usageText(service.usage)}</Detail>
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} autoFocus>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
