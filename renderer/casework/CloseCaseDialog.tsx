import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import { useState } from 'react';
import { CloseInput } from '../../main/contract/casework';
import { call } from '../api/client';
import { MessageBackDialog } from '../referrals/MessageBackDialog';
import { FormDialog } from '../shared/FormDialog';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';

/**
 * Closes the case with an outcome summary, then opens the message back to the referrer, pre-filled
 * from the case (goals achieved, services taken up, change in measures, the summary). Reopened
 * after a lock on a case already closed, it goes straight to the message back.
 */
export function CloseCaseDialog({ referralId, warnings, alreadyClosed, onClose, onClosed, onMessageSent }: {
  referralId: number;
  /** What closing now would leave behind (open flags, steps, goals, MDT actions), said before it is done. */
  warnings: readonly string[];
  alreadyClosed: boolean;
  onClose: () => void;
  onClosed: () => void;
  onMessageSent: () => void;
}) {
  const [closed, setClosed] = useState(alreadyClosed);
  const api = useApiForm(CloseInput, { defaultValues: { referralId, outcomeSummary: '' }, draft: `close-case:${referralId}` });
  const { form, submitWith } = api;
  const submit = submitWith(async (values) => {
    await call('casework.close', values);
    setClosed(true);
    onClosed();
  });
  if (closed) {
    return <MessageBackDialog referralId={referralId} occasion="closure" onClose={onClose} onSent={onMessageSent} />;
  }
  return (
    <FormDialog
      title="Close the case"
      intro="Summarise the outcome for the person. Next, the message back to the referrer opens, filled in from the case for you to check."
      submitLabel="Close the case"
      api={api}
      onSubmit={submit}
      onClose={onClose}
    >
      {warnings.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          <AlertTitle>Before you close</AlertTitle>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {warnings.map((w) => <li key={w}>{w}</li>)}
          </Box>
        </Alert>
      )}
      <FormField control={form.control} name="outcomeSummary" label="Outcome summary" multiline minRows={4} autoFocus />
    </FormDialog>
  );
}
