import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { type Control, Controller, type FieldValues, type Path } from 'react-hook-form';
import { contract } from '../../main/contract';
import { howToReferLabels, type Service, type ServiceUse, useKindLabels } from '../../main/contract/directory';
import { call } from '../api/client';
import { RadioField } from '../shared/ChoiceFields';
import { FormField } from '../shared/FormField';
import { ukDate } from '../shared/format';
import { useApiForm } from '../shared/useApiForm';
import { useLoad } from '../shared/useLoad';
import { usageText } from '../directory/usageText';
import { today } from '../shared/clock';
import { FormDialog } from '../shared/FormDialog';
import { CaseSection } from './parts';

function takenUpText(takenUp: boolean | null): string {
  return takenUp === null ? 'Not known yet' : takenUp ? 'Yes' : 'No';
}

/**
 * The services the person was signposted or referred to from this case, found in the directory,
 * and whether they took each up.
 */
export function SignpostingSection({ referralId, canEdit, working, onChanged }: { referralId: number; canEdit: boolean; working: boolean; onChanged: (announcement: string) => void }) {
  const uses = useLoad(() => call('directory.usesForReferral', { referralId }), [referralId]);
  const [dialog, setDialog] = useState<{ kind: 'new' } | { kind: 'update'; use: ServiceUse }>();
  const done = (text: string) => {
    setDialog(undefined);
    void uses.reload();
    onChanged(text);
  };
  const list = uses.data ?? [];
  return (
    <CaseSection
      title="Services signposted or referred to"
      actions={canEdit && working && <Button variant="contained" onClick={() => setDialog({ kind: 'new' })}>Signpost or refer to a service</Button>}
    >
      {uses.error && <Alert severity="error" role="alert">{uses.error}</Alert>}
      {uses.data && list.length === 0 && (
        <Typography color="text.secondary">
          None yet.{canEdit && ' Find a service in the directory and record that you signposted or referred the person to it.'}
        </Typography>
      )}
      {list.length > 0 && (
        <Table size="small" aria-label="Services signposted or referred to, newest first">
          <TableHead>
            <TableRow>
              <TableCell component="th" scope="col">Date</TableCell>
              <TableCell component="th" scope="col">Service</TableCell>
              <TableCell component="th" scope="col">How</TableCell>
              <TableCell component="th" scope="col">Taken up</TableCell>
              <TableCell component="th" scope="col">Feedback</TableCell>
              {canEdit && <TableCell component="th" scope="col"><Box component="span" sx={visuallyHidden}>Actions</Box></TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {list.map((u) => (
              <TableRow key={u.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{ukDate(u.onDate)}</TableCell>
                <TableCell component="th" scope="row">{u.serviceName}{u.organisation && <Typography component="span" variant="body2" color="text.secondary"> · {u.organisation}</Typography>}</TableCell>
                <TableCell>{useKindLabels[u.kind]}</TableCell>
                <TableCell>{takenUpText(u.takenUp)}</TableCell>
                <TableCell sx={{ whiteSpace: 'pre-wrap' }}>{u.feedback || '—'}</TableCell>
                {canEdit && (
                  <TableCell>
                    <Button size="small" onClick={() => setDialog({ kind: 'update', use: u })} aria-label={`Record take-up and feedback for ${u.serviceName}`}>
                      Take-up and feedback
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {dialog?.kind === 'new' && <SignpostDialog referralId={referralId} onClose={() => setDialog(undefined)} onDone={done} />}
      {dialog?.kind === 'update' && <UpdateUseDialog use={dialog.use} onClose={() => setDialog(undefined)} onDone={done} />}
    </CaseSection>
  );
}

/** Read by screen readers, not shown (MUI's sx reads a bare 1 as 100%, hence '1px'). */
const visuallyHidden = { position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: 0, border: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** Yes, no or not known yet: the person's take-up of a service, as three radio buttons. */
function TakenUpField<T extends FieldValues>({ control, name }: { control: Control<T>; name: Path<T> }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <FormControl component="fieldset" margin="normal" error={fieldState.error !== undefined} sx={{ display: 'block' }}>
          <FormLabel component="legend">Did the person take it up?</FormLabel>
          <RadioGroup
            row
            name={field.name}
            value={field.value === true ? 'yes' : field.value === false ? 'no' : 'unknown'}
            onChange={(e) => field.onChange(e.target.value === 'yes' ? true : e.target.value === 'no' ? false : null)}
          >
            <FormControlLabel value="unknown" control={<Radio slotProps={{ input: { ref: field.ref } }} />} label="Not known yet" />
            <FormControlLabel value="yes" control={<Radio />} label="Yes" />
            <FormControlLabel value="no" control={<Radio />} label="No" />
          </RadioGroup>
          {fieldState.error && <FormHelperText>{fieldState.error.message}</FormHelperText>}
        </FormControl>
      )}
    />
  );
}

function SignpostDialog({ referralId, onClose, onDone }: { referralId: number; onClose: () => void; onDone: (text: string) => void }) {
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setText(typed.trim()), 300);
    return () => clearTimeout(timer);
  }, [typed]);
  const found = useLoad(() => call('directory.search', { text, limit: 8 }), [text]);
  const [chosen, setChosen] = useState<Service>();

  const api = useApiForm(contract['directory.recordUse'].input, {
    defaultValues: { referralId, onDate: today(), takenUp: null, feedback: '' },
  });
  const { form, submitWith } = api;
  const choose = (service: Service) => {
    setChosen(service);
    form.setValue('serviceId', service.id, { shouldValidate: true });
    form.setValue('kind', service.howToRefer === 'direct_referral' ? 'referred' : 'signposted');
  };
  const submit = submitWith(async (values) => {
    const use = await call('directory.recordUse', values);
    onDone(`${useKindLabels[use.kind]} to ${use.serviceName}.`);
  });
  const serviceError = form.formState.errors.serviceId?.message;

  return (
    <FormDialog title="Signpost or refer to a service" submitLabel="Save" api={api} onSubmit={submit} onClose={onClose} maxWidth="md">
      <TextField
        label="Search the service directory"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={(e) => { if (e.key === 'Enter') e.preventDefault(); }}
        helperText="Words from the name, organisation, description or area, like choir or benefits"
        autoFocus
      />
      {found.error && <Alert severity="error" role="alert">{found.error}</Alert>}
      <FormControl component="fieldset" error={serviceError !== undefined} sx={{ display: 'block', mt: 1 }}>
        <FormLabel component="legend">Service</FormLabel>
        {found.data && found.data.rows.length === 0 && (
          <Typography color="text.secondary" role="status">No service matches. Try other words, or add the service in the service directory first.</Typography>
        )}
        <RadioGroup name="serviceId" value={chosen ? String(chosen.id) : ''} onChange={(e) => choose(found.data!.rows.find((s) => String(s.id) === e.target.value)!)}>
          {found.data?.rows.map((s) => (
            <FormControlLabel
              key={s.id}
              value={String(s.id)}
              control={<Radio />}
              label={
                <Box sx={{ py: 0.5 }}>
                  <Typography component="span" sx={{ fontWeight: 700 }}>{s.name}</Typography>
                  {s.organisation && <Typography component="span"> · {s.organisation}</Typography>}
                  <Typography variant="body2" color="text.secondary">{howToReferLabels[s.howToRefer]} · {usageText(s.usage)}</Typography>
                </Box>
              }
            />
          ))}
        </RadioGroup>
        {found.data && found.data.total > found.data.rows.length && (
          <FormHelperText>Showing {found.data.rows.length} of {found.data.total}: type more words to narrow the list.</FormHelperText>
        )}
        {serviceError && <FormHelperText>Choose a service from the list</FormHelperText>}
      </FormControl>
      {chosen && (
        <>
          <RadioField control={form.control} name="kind" label={`How did the person get to ${chosen.name}?`} options={useKindLabels} row />
          <FormField control={form.control} name="onDate" label="Date" type="date" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 280 }} />
          <TakenUpField control={form.control} name="takenUp" />
          <FormField control={form.control} name="feedback" label="Feedback (optional)" multiline minRows={2} />
        </>
      )}
    </FormDialog>
  );
}

function UpdateUseDialog({ use, onClose, onDone }: { use: ServiceUse; onClose: () => void; onDone: (text: string) => void }) {
  const api = useApiForm(contract['directory.updateUse'].input, {
    defaultValues: { id: use.id, takenUp: use.takenUp, feedback: use.feedback },
    draft: `service-use:${use.id}`,
  });
  const { form, submitWith } = api;
  const submit = submitWith(async (values) => {
    const saved = await call('directory.updateUse', values);
    onDone(`Take-up of ${saved.serviceName}: ${takenUpText(saved.takenUp).toLowerCase()}.`);
  });
  return (
    <FormDialog title={`${use.serviceName}: take-up and feedback`} intro={`${useKindLabels[use.kind]} on ${ukDate(use.onDate)}.`} submitLabel="Save" api={api} onSubmit={submit} onClose={onClose}>
      <TakenUpField control={form.control} name="takenUp" />
      <FormField control={form.control} name="feedback" label="Feedback (optional)" multiline minRows={3} />
    </FormDialog>
  );
}
