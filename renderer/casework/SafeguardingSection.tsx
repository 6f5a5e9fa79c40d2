import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { contract } from '../../main/contract';
import { type CaseFile, type Escalation, EscalationInput } from '../../main/contract/casework';
import { call } from '../api/client';
import { FormField } from '../shared/FormField';
import { ukDate } from '../shared/format';
import { useRemembered } from '../shared/sessionMemory';
import { useApiForm } from '../shared/useApiForm';
import { today } from '../shared/clock';
import { FormDialog } from '../shared/FormDialog';
import { CaseSection, type SectionProps } from './parts';

/** The red alert at the top of the case: every safeguarding escalation, open ones first. */
export function SafeguardingAlert({ escalations }: { escalations: CaseFile['escalations'] }) {
  if (escalations.length === 0) return null;
  const open = escalations.filter((e) => e.outcome === '');
  return (
    <Alert severity="error" sx={{ mb: 2 }} role="region" aria-label="Safeguarding">
      <AlertTitle>
        Safeguarding: {escalations.length === 1 ? '1 escalation' : `${escalations.length} escalations`}
        {open.length > 0 && `, ${open.length === 1 ? '1 awaiting its outcome' : `${open.length} awaiting their outcome`}`}
      </AlertTitle>
      <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
        {[...open, ...escalations.filter((e) => e.outcome !== '')].map((e) => (
          <li key={e.id}>
            {e.concern} — escalated to {e.escalatedTo} on {ukDate(e.escalatedOn)}. {e.outcome ? `Outcome: ${e.outcome}` : 'Outcome not yet recorded.'}
          </li>
        ))}
      </Box>
    </Alert>
  );
}

/** Safeguarding escalations on the case: record one, and its outcome when it is known. */
export function SafeguardingSection({ file, canEdit, onSaved }: SectionProps) {
  const [dialog, setDialog] = useRemembered<{ kind: 'new' } | { kind: 'outcome'; id: number } | undefined>(`safeguarding-open:${file.referralId}`, undefined);
  const escalation = dialog?.kind === 'outcome' ? file.escalations.find((e) => e.id === dialog.id) : undefined;
  const working = file.status === 'accepted' || file.status === 'contacted' || file.status === 'in_progress';
  const done = (next: CaseFile, text: string) => {
    setDialog(undefined);
    onSaved(next, text);
  };
  return (
    <CaseSection
      title="Safeguarding"
      actions={canEdit && working && <Button variant="outlined" color="error" onClick={() => setDialog({ kind: 'new' })}>Record a safeguarding escalation</Button>}
    >
      {file.escalations.length === 0 ? (
        <Typography color="text.secondary">
          No safeguarding escalations.{canEdit && ' If you raise a concern with the safeguarding lead or another agency, record it here: it shows at the top of the case.'}
        </Typography>
      ) : (
        <Box component="ul" sx={{ pl: 0, m: 0, listStyle: 'none' }}>
          {file.escalations.map((e) => (
            <Box component="li" key={e.id} sx={{ py: 1, borderBottom: 1, borderColor: 'divider' }}>
              <Typography sx={{ fontWeight: 700 }}>{e.concern}</Typography>
              <Typography>Escalated to {e.escalatedTo} on {ukDate(e.escalatedOn)} (recorded by {e.recordedByName}).</Typography>
              <Typography>{e.outcome ? `Outcome: ${e.outcome}` : 'Outcome not yet recorded.'}</Typography>
              {canEdit && (
                <Button size="small" onClick={() => setDialog({ kind: 'outcome', id: e.id })}>
                  {e.outcome ? 'Change the outcome' : 'Record the outcome'}
                </Button>
              )}
            </Box>
          ))}
        </Box>
      )}
      {dialog?.kind === 'new' && <EscalationDialog file={file} onClose={() => setDialog(undefined)} onSaved={done} />}
      {escalation && <OutcomeDialog escalation={escalation} onClose={() => setDialog(undefined)} onSaved={done} />}
    </CaseSection>
  );
}

function EscalationDialog({ file, onClose, onSaved }: { file: CaseFile; onClose: () => void; onSaved: SectionProps['onSaved'] }) {
  const api = useApiForm(EscalationInput, {
    defaultValues: { referralId: file.referralId, concern: '', escalatedTo: '', escalatedOn: today(), outcome: '' },
    draft: `escalation:${file.referralId}`,
  });
  const { form, submitWith } = api;
  const submit = submitWith(async (values) => onSaved(await call('casework.escalate', values), 'Safeguarding escalation recorded.'));
  return (
    <FormDialog title="Record a safeguarding escalation" intro="It shows at the top of the case and on its timeline." submitLabel="Record the escalation" api={api} onSubmit={submit} onClose={onClose}>
      <FormField control={form.control} name="concern" label="The concern" multiline minRows={3} autoFocus />
      <FormField control={form.control} name="escalatedTo" label="Escalated to" hint="Name and role, for example: Dr Priya Shah, practice safeguarding lead" />
      <FormField control={form.control} name="escalatedOn" label="Escalated on" type="date" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 280 }} />
      <FormField control={form.control} name="outcome" label="Outcome, if known" multiline minRows={2} />
    </FormDialog>
  );
}

const OutcomeForm = contract['casework.escalationOutcome'].input;

function OutcomeDialog({ escalation, onClose, onSaved }: { escalation: Escalation; onClose: () => void; onSaved: SectionProps['onSaved'] }) {
  const api = useApiForm(OutcomeForm, { defaultValues: { id: escalation.id, outcome: escalation.outcome }, draft: `escalation-outcome:${escalation.id}` });
  const { form, submitWith } = api;
  const submit = submitWith(async (values) => onSaved(await call('casework.escalationOutcome', values), 'Outcome of the escalation recorded.'));
  return (
    <FormDialog title="Outcome of the safeguarding escalation" intro={escalation.concern} submitLabel="Save the outcome" api={api} onSubmit={submit} onClose={onClose}>
      <FormField control={form.control} name="outcome" label="Outcome" multiline minRows={3} autoFocus />
    </FormDialog>
  );
}
