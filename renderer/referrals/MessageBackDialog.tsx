import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { useEffect } from 'react';
import { z } from 'zod';
import { MessageBackContent } from '../../main/contract/referrals';
import { call } from '../api/client';
import { FormField } from '../shared/FormField';
import { RadioField } from '../shared/ChoiceFields';
import { useApiForm } from '../shared/useApiForm';

const MessageForm = MessageBackContent.extend({ occasion: z.enum(['acceptance', 'closure', 'update']) });
const occasionLabels = { acceptance: 'On acceptance', update: 'An update', closure: 'On closure' };

/** The message back to the GP and referrer, pre-filled by main from the referral and its casework. */
export function MessageBackDialog({ referralId, occasion, onClose, onSent }: { referralId: number; occasion: 'acceptance' | 'closure' | 'update'; onClose: () => void; onSent: () => void }) {
  const { form, formError, submitWith } = useApiForm(MessageForm, {
    defaultValues: { occasion, needs: '', whatMatters: '', supportOffered: '', servicesReferredTo: '', outcomes: '' },
  });
  useEffect(() => {
    void call('casework.messageBackDraft', { referralId }).then((draft) => form.reset({ occasion, ...draft }));
  }, [referralId, occasion, form]);
  const submit = submitWith(async (values) => {
    await call('referrals.messageBack', { referralId, ...values });
    onSent();
  });
  return (
    <Dialog open onClose={onClose} aria-labelledby="message-title" fullWidth maxWidth="md">
      <form noValidate onSubmit={submit}>
        <DialogTitle id="message-title">Message back to the GP and referrer</DialogTitle>
        <DialogContent>
          <DialogContentText>It appears in the referrer’s view and can be saved as PDF or Word for the GP record.</DialogContentText>
          {formError && <Alert severity="error" role="alert">{formError}</Alert>}
          <RadioField control={form.control} name="occasion" label="This message is sent" options={occasionLabels} row />
          <FormField control={form.control} name="needs" label="The person’s needs and concerns" multiline minRows={2} />
          <FormField control={form.control} name="whatMatters" label="What matters to them" multiline minRows={2} />
          <FormField control={form.control} name="supportOffered" label="Support offered" multiline minRows={2} />
          <FormField control={form.control} name="servicesReferredTo" label="Services referred or signposted to" multiline minRows={2} />
          <FormField control={form.control} name="outcomes" label="Outcomes so far" multiline minRows={2} />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>Send message back</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
