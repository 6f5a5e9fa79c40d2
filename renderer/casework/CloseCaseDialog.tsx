import { useState } from 'react';
import { CloseInput } from '../../main/contract/casework';
import { call } from '../api/client';
import { MessageBackDialog } from '../referrals/MessageBackDialog';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';
import { FormDialog } from './parts';

/**
 * Closes the case with an outcome summary, then opens the message back to the referrer, pre-filled
 * from the case (goals achieved, services taken up, change in measures, the summary).
 */
export function CloseCaseDialog({ referralId, onClose, onClosed, onMessageSent }: { referralId: number; onClose: () => void; onClosed: () => void; onMessageSent: () => void }) {
  const [closed, setClosed] = useState(false);
  const { form, formError, submitWith } = useApiForm(CloseInput, { defaultValues: { referralId, outcomeSummary: '' } });
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
      formError={formError}
      submitting={form.formState.isSubmitting}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormField control={form.control} name="outcomeSummary" label="Outcome summary" multiline minRows={4} autoFocus />
    </FormDialog>
  );
}
