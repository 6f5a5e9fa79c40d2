import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { today } from '../shared/clock';
import { ConsentInput, consentHowLabels, consentScopeLabels, type IssueRef, type Story, WithdrawConsentInput } from '../../main/contract/newsletter';
import { call } from '../api/client';
import { RadioField } from '../shared/ChoiceFields';
import { FormField } from '../shared/FormField';
import { ukDate } from '../shared/format';
import { useApiForm } from '../shared/useApiForm';

const RecordSchema = ConsentInput.omit({ storyId: true });
const WithdrawSchema = WithdrawConsentInput.omit({ storyId: true });

function RecordConsentDialog({ story, onClose, onSaved }: { story: Story; onClose: () => void; onSaved: (s: Story) => void }) {
  const { form, formError, submitWith } = useApiForm(RecordSchema, { defaultValues: { givenOn: today(), how: undefined, takenBy: '', scope: undefined } });
  return (
    <Dialog open onClose={onClose} aria-labelledby="consent-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={submitWith(async (v) => onSaved(await call('stories.recordConsent', { storyId: story.id, ...v })))}>
        <DialogTitle id="consent-title">Record consent to use the story</DialogTitle>
        <DialogContent>
          <Typography>Ask the person whether their story may be shared, and how widely. Read them the story first.</Typography>
          {formError && <Alert severity="error">{formError}</Alert>}
          <FormField control={form.control} name="givenOn" label="Date consent was given" type="date" slotProps={{ inputLabel: { shrink: true } }} />
          <RadioField control={form.control} name="how" label="How consent was given" options={consentHowLabels} />
          <FormField control={form.control} name="takenBy" label="Who took consent" />
          <RadioField control={form.control} name="scope" label="Who may read the story" options={consentScopeLabels} hint="A newsletter for the whole PCN needs consent across the PCN or wider." />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained">Record consent</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function WithdrawDialog({ story, onClose, onDone }: { story: Story; onClose: () => void; onDone: (s: Story, usedIn: IssueRef[]) => void }) {
  const { form, formError, submitWith } = useApiForm(WithdrawSchema, { defaultValues: { withdrawnOn: today(), note: '' } });
  return (
    <Dialog open onClose={onClose} aria-labelledby="withdraw-title" fullWidth maxWidth="sm">
      <form
        noValidate
        onSubmit={submitWith(async (v) => {
          const out = await call('stories.withdrawConsent', { storyId: story.id, ...v });
          onDone(out.story, out.usedIn);
        })}
      >
        <DialogTitle id="withdraw-title">Record that consent was withdrawn</DialogTitle>
        <DialogContent>
          <Typography>The story will not go into any new issue. The practice manager is told which past issues used it.</Typography>
          {formError && <Alert severity="error">{formError}</Alert>}
          <FormField control={form.control} name="withdrawnOn" label="Date consent was withdrawn" type="date" slotProps={{ inputLabel: { shrink: true } }} />
          <FormField control={form.control} name="note" label="Note (optional)" multiline minRows={2} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" color="error">Record withdrawal</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The story's consent: what was agreed, by whom and how widely; record it, or record its withdrawal. */
export function ConsentPanel({ story, onChange }: { story: Story; onChange: (s: Story) => void }) {
  const [dialog, setDialog] = useState<'record' | 'withdraw'>();
  const [told, setTold] = useState<IssueRef[]>();
  const c = story.consent;
  return (
    <Box component="section" aria-labelledby="consent-heading" sx={{ mt: 3 }}>
      <Typography variant="h2" id="consent-heading" sx={{ mb: 1 }}>
        Consent
      </Typography>
      {c === null && <Alert severity="warning">No consent recorded yet: the story cannot be approved without it.</Alert>}
      {c && c.withdrawnOn && (
        <Alert severity="error">
          Consent withdrawn on {ukDate(c.withdrawnOn)}{c.withdrawnNote ? `: ${c.withdrawnNote}` : ''}. The story cannot go into any new issue.
        </Alert>
      )}
      {c && (
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: '12rem 1fr', rowGap: 0.5, m: 0, mt: 1, '& dt': { fontWeight: 700, color: 'text.secondary' }, '& dd': { m: 0 } }}>
          <dt>Who may read it</dt>
          <dd>{consentScopeLabels[c.scope]}</dd>
          <dt>Given on</dt>
          <dd>{ukDate(c.givenOn)}</dd>
          <dt>How</dt>
          <dd>{consentHowLabels[c.how]}</dd>
          <dt>Taken by</dt>
          <dd>{c.takenBy}</dd>
        </Box>
      )}
      {told && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {told.length === 0 ? 'No issue has used this story.' : `The practice manager has been told. Issues that used it: ${told.map((u) => u.label).join('; ')}.`}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
        {(c === null || c.withdrawnOn !== null) && <Button variant="outlined" onClick={() => setDialog('record')}>Record consent…</Button>}
        {c !== null && c.withdrawnOn === null && <Button color="error" onClick={() => setDialog('withdraw')}>Record that consent was withdrawn…</Button>}
      </Stack>
      {dialog === 'record' && <RecordConsentDialog story={story} onClose={() => setDialog(undefined)} onSaved={(s) => { setDialog(undefined); onChange(s); }} />}
      {dialog === 'withdraw' && <WithdrawDialog story={story} onClose={() => setDialog(undefined)} onDone={(s, used) => { setDialog(undefined); setTold(used); onChange(s); }} />}
    </Box>
  );
}
