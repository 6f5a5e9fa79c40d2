import { z } from 'zod';
import { MessageBackContent } from '../../main/contract/referrals';
import { call } from '../api/client';
import { RadioField } from '../shared/ChoiceFields';
import { FormDialog } from '../shared/FormDialog';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';

const MessageForm = MessageBackContent.extend({ occasion: z.enum(['acceptance', 'closure', 'update']) });
const occasionLabels = { acceptance: 'On acceptance', update: 'An update', closure: 'On closure' };

/**
 * The message back to the GP and referrer, pre-filled by main from the referral and its casework;
 * what the link worker changes is kept as a draft until it is sent.
 */
export function MessageBackDialog({ referralId, occasion, onClose, onSent }: { referralId: number; occasion: 'acceptance' | 'closure' | 'update'; onClose: () => void; onSent: () => void }) {
  const api = useApiForm(MessageForm, {
    defaultValues: { occasion, needs: '', whatMatters: '', supportOffered: '', servicesReferredTo: '', outcomes: '' },
    load: async () => ({ occasion, ...(await call('casework.messageBackDraft', { referralId })) }),
    draft: `message-back:${referralId}`,
  });
  const { form, submitWith } = api;
  const submit = submitWith(async (values) => {
    await call('referrals.messageBack', { referralId, ...values });
    onSent();
  });
  return (
    <FormDialog
      title="Message back to the GP and referrer"
      labelledBy="message-title"
      intro="It appears in the referrer’s view and can be saved as PDF or Word for the GP record."
      submitLabel="Send message back"
      api={api}
      onSubmit={submit}
      onClose={onClose}
      maxWidth="md"
    >
      <RadioField control={form.control} name="occasion" label="This message is sent" options={occasionLabels} row />
      <FormField control={form.control} name="needs" label="The person’s needs and concerns" multiline minRows={2} />
      <FormField control={form.control} name="whatMatters" label="What matters to them" multiline minRows={2} />
      <FormField control={form.control} name="supportOffered" label="Support offered" multiline minRows={2} />
      <FormField control={form.control} name="servicesReferredTo" label="Services referred or signposted to" multiline minRows={2} />
      <FormField control={form.control} name="outcomes" label="Outcomes so far" multiline minRows={2} />
    </FormDialog>
  );
}
