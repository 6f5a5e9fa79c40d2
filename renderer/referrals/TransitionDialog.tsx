import Alert from '@mui/material/Alert';
import { endStates, type ReferralDetail, type ReferralStatus, statusLabels, TransitionInput } from '../../main/contract/referrals';
import { call } from '../api/client';
import { FormDialog } from '../shared/FormDialog';
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
  const api = useApiForm(TransitionInput, {
    defaultValues: { id: referral.summary.id, to, reason: '', redirectedTo: '' },
    draft: `transition:${referral.summary.id}:${to}`,
  });
  const { form, submitWith } = api;
  const submit = submitWith(async (values) => onDone(await call('referrals.transition', values)));
  const ending = endStates.includes(to);
  return (
    <FormDialog title={`Mark as ${statusLabels[to].toLowerCase()}`} labelledBy="transition-title" intro={prompts[to]} submitLabel={`Mark as ${statusLabels[to].toLowerCase()}`} api={api} onSubmit={submit} onClose={onClose}>
      {form.formState.errors.to && <Alert severity="error" role="alert">{form.formState.errors.to.message}</Alert>}
      {to === 'redirected' && <FormField control={form.control} name="redirectedTo" label="Redirected to" />}
      <FormField control={form.control} name="reason" label={to === 'closed' ? 'Outcome' : ending ? 'Reason' : 'Note (optional)'} multiline minRows={3} autoFocus />
    </FormDialog>
  );
}
