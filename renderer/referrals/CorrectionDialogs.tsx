import Box from '@mui/material/Box';
import Stack from '@mui/material/Stack';
import { type Control, useWatch } from 'react-hook-form';
import type { Practice } from '../../main/contract/people';
import {
  CorrectDetailsInput, messageBackToLabels, PatientUpdate, reasonLabels, type ReferralDetail, referralSourceLabels, type Patient, urgencyLabels,
} from '../../main/contract/referrals';
import { call } from '../api/client';
import { CheckboxGroupField, RadioField, SelectField } from '../shared/ChoiceFields';
import { FormField } from '../shared/FormField';
import { FormDialog } from '../shared/FormDialog';
import { useApiForm } from '../shared/useApiForm';
import type { ReferralFormValues } from './referralFormDefaults';
import { PatientSection } from './ReferralFormSections';

/** The referral's date, source, reasons, urgency, consent and who gets the message back, as the link worker or manager corrects them. */
export function CorrectDetailsDialog({ referral, onClose, onDone }: { referral: ReferralDetail; onClose: () => void; onDone: (next: ReferralDetail) => void }) {
  const d = referral.details;
  const api = useApiForm(CorrectDetailsInput, {
    defaultValues: {
      id: referral.summary.id, referralDate: d.referralDate, source: d.source, reasons: d.reasons, reasonOther: d.reasonOther, urgency: d.urgency,
      messageBackTo: d.messageBackTo, usualGp: d.usualGp, consentTakenBy: d.consentTakenBy, consentDate: d.consentDate,
    },
  });
  const { form, submitWith } = api;
  const { control } = form;
  const reasons = useWatch({ control, name: 'reasons' }) ?? [];
  const to = useWatch({ control, name: 'messageBackTo' });
  const submit = submitWith(async (values) => onDone(await call('referrals.correctDetails', values)));
  return (
    <FormDialog labelledBy="correct-details-title" title="Correct the referral details" intro="Each change is kept on the timeline and in the audit log, with the value before and after."
      submitLabel="Save the correction" api={api} onSubmit={submit} onClose={onClose} maxWidth="md">
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ mt: 1 }}>
        <Box sx={{ minWidth: 280 }}><SelectField control={control} name="source" label="Referral from" options={referralSourceLabels} /></Box>
        <FormField control={control} name="referralDate" label="Date of referral" type="date" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 240 }} />
      </Stack>
      <CheckboxGroupField control={control} name="reasons" label="Reasons for the referral" options={reasonLabels} />
      {reasons.includes('other') && <FormField control={control} name="reasonOther" label="Other reason" fullWidth />}
      <RadioField control={control} name="urgency" label="How urgent is this?" options={urgencyLabels} row />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <FormField control={control} name="consentTakenBy" label="Consent taken by" />
        <FormField control={control} name="consentDate" label="Date consent was given" type="date" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 240 }} />
      </Stack>
      <RadioField control={control} name="messageBackTo" label="Who receives the message back?" options={messageBackToLabels} row />
      {to !== 'referrer' && <FormField control={control} name="usualGp" label="Usual GP" />}
    </FormDialog>
  );
}

/** The patient record, as someone who works at the patient's practice corrects it. */
export function CorrectPatientDialog({ patient, practices, onClose, onDone }: { patient: Patient; practices: Practice[]; onClose: () => void; onDone: (next: Patient) => void }) {
  const { id, ...values } = patient;
  const api = useApiForm(PatientUpdate, { defaultValues: { id, patient: values } });
  const { form, submitWith } = api;
  const submit = submitWith(async (v) => onDone(await call('patients.update', v)));
  return (
    <FormDialog labelledBy="correct-patient-title" title="Correct the patient’s details" intro="Changes to the name, date of birth, NHS number or address are kept in the audit log with the value before and after."
      submitLabel="Save the correction" api={api} onSubmit={submit} onClose={onClose} maxWidth="md">
      {/* The patient fields are the referral form's own, at the same paths (patient.*). */}
      <PatientSection control={form.control as unknown as Control<ReferralFormValues>} practices={practices} />
    </FormDialog>
  );
}
