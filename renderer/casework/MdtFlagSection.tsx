import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { type CaseFile, MdtFlagInput } from '../../main/contract/casework';
import { ApiError, call } from '../api/client';
import { FormField } from '../shared/FormField';
import { ukDate } from '../shared/format';
import { useRemembered } from '../shared/sessionMemory';
import { useApiForm } from '../shared/useApiForm';
import { FormDialog } from '../shared/FormDialog';
import { CaseSection, type SectionProps } from './parts';

/** Whether the case goes to the next MDT of its practice, and the question for the team. */
export function MdtFlagSection({ file, canEdit, onSaved, onError }: SectionProps & { onError: (message: string) => void }) {
  const [asking, setAsking] = useRemembered(`mdt-flag-open:${file.referralId}`, false);
  const working = file.status === 'accepted' || file.status === 'contacted' || file.status === 'in_progress';
  const flag = file.mdtFlag;
  const clear = async () => {
    try {
      onSaved(await call('casework.clearMdtFlag', { referralId: file.referralId }), 'Taken off the MDT list.');
    } catch (e) {
      onError(e instanceof ApiError ? e.message : 'That did not work; try again.');
    }
  };
  return (
    <CaseSection title="Multidisciplinary team (MDT)">
      {!file.mdtConsent ? (
        <Alert severity="info">The person did not agree to be discussed at MDT, so this case cannot be flagged for it.</Alert>
      ) : flag ? (
        <>
          <Typography sx={{ fontWeight: 700 }}>Flagged for the next MDT of the practice.</Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>Question for the team: {flag.question}</Typography>
          <Typography variant="body2" color="text.secondary">Flagged by {flag.flaggedByName} on {ukDate(flag.flaggedAt)}.</Typography>
          {canEdit && (
            <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
              {working && <Button variant="outlined" onClick={() => setAsking(true)}>Change the question</Button>}
              <Button onClick={() => void clear()}>Take off the MDT list</Button>
            </Stack>
          )}
        </>
      ) : (
        <>
          <Typography color="text.secondary">
            Not flagged for MDT.{canEdit && working && ' Flag it when you want the practice team’s view, with the question you want them to answer.'}
          </Typography>
          {canEdit && working && <Button variant="outlined" sx={{ mt: 1 }} onClick={() => setAsking(true)}>Flag for MDT</Button>}
        </>
      )}
      {file.mdtDiscussions.length > 0 && <MdtDiscussions discussions={file.mdtDiscussions} />}
      {asking && <MdtDialog file={file} onClose={() => setAsking(false)} onSaved={(next, text) => { setAsking(false); onSaved(next, text); }} />}
    </CaseSection>
  );
}

/** What each meeting decided about the case, and the actions it agreed, so the case says it. */
function MdtDiscussions({ discussions }: { discussions: CaseFile['mdtDiscussions'] }) {
  return (
    <Stack spacing={1.5} sx={{ mt: 2 }}>
      {discussions.map((d) => (
        <Box key={d.meetingId} component="section" aria-label={`Discussed on ${ukDate(d.date)}`} sx={{ borderLeft: 4, borderColor: 'primary.main', pl: 1.5 }}>
          <Typography sx={{ fontWeight: 700 }}>Discussed at {d.title} on {ukDate(d.date)}</Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}>Decision: {d.decision.trim() || 'none recorded'}</Typography>
          {d.nextSteps.trim() && <Typography sx={{ whiteSpace: 'pre-wrap' }}>Next steps agreed: {d.nextSteps}</Typography>}
          {d.actions.length > 0 && (
            <Box component="ul" sx={{ m: 0, pl: 3 }}>
              {d.actions.map((a) => (
                <li key={a.id}>
                  <Typography variant="body2">
                    {a.text}: {a.ownerName}, due {ukDate(a.dueOn)}{a.doneOn ? ` (done ${ukDate(a.doneOn)})` : ''}
                  </Typography>
                </li>
              ))}
            </Box>
          )}
        </Box>
      ))}
    </Stack>
  );
}

function MdtDialog({ file, onClose, onSaved }: { file: CaseFile; onClose: () => void; onSaved: SectionProps['onSaved'] }) {
  const api = useApiForm(MdtFlagInput, { defaultValues: { referralId: file.referralId, question: file.mdtFlag?.question ?? '' }, draft: `mdt-flag:${file.referralId}` });
  const { form, submitWith } = api;
  const submit = submitWith(async (values) => onSaved(await call('casework.flagForMdt', values), 'Flagged for the next MDT.'));
  return (
    <FormDialog title="Flag for MDT" intro="The case goes on the list for the next MDT meeting of its practice." submitLabel="Flag for MDT" api={api} onSubmit={submit} onClose={onClose}>
      <FormField control={form.control} name="question" label="The question for the team" multiline minRows={3} autoFocus hint="What do you want the GP, nurse or pharmacist to answer?" />
    </FormDialog>
  );
}
