import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { endStates, type ReferralDetail, type ReferralStatus, statusLabels, TransitionInput } from '../../main/contract/referrals';
import { call } from '../api/client';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';

const prompts: Partial<Record<ReferralStatus, string>> = {
  accepted: 'You take this referral on as its link worker.',
  contacted: 'You have spoken with the person.',
  in_progress: 'You are working with the person on their plan.',
  closed: 'Summarise the outcome: it starts the message back to the referrer.',
  declined: 'The person has declined social prescribing. Record the code for “declined” in the clinical system.',
  unable_to_contact: 'Every recorded attempt to reach the person failed.',
  redirected: 'Another service suits the person better.',
};

export function TransitionDialog({ referral, to, onClose, onDone }: { referral: ReferralDetail; to: ReferralStatus; onClose: () => void; onDone: (r: ReferralDetail) => void }) {
  const { form, formError, submitWith } = useApiForm(TransitionInput, { defaultValues: { id: referral.summary.id, to, reason: '', redirectedTo: '' } });
  const submit = submitWith(async (values) => onDone(await call('referrals.transition', values)));
  const ending = endStates.includes(to);
  return (
    <Dialog open onClose={onClose} aria-labelledby="transition-title" fullWidth maxWidth="sm">
      <form noValidate onSubmit={submit}>
        <DialogTitle id="transition-title">Mark as {statusLabels[to].toLowerCase()}</DialogTitle>
        <DialogContent>
          <DialogContentText>{prompts[to]}</DialogContentText>
          {formError && <Alert severity="error" role="alert">{formError}</Alert>}
          {form.formState.errors.to && <Alert severity="error" role="alert">{form.formState.errors.to.message}</Alert>}
          {to === 'redirected' && <FormField control={form.control} name="redirectedTo" label="Redirected to" />}
          <FormField control={form.control} name="reason" label={to === 'closed' ? 'Outcome' : ending ? 'Reason' : 'Note (optional)'} multiline minRows={3} autoFocus />
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>Mark as {statusLabels[to].toLowerCase()}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
