import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Stack from '@mui/material/Stack';
import type { ReactNode } from 'react';
import { type Control, useWatch } from 'react-hook-form';
import type { Practice } from '../../main/contract/people';
import {
  CorrectDetailsInput, messageBackToLabels, PatientUpdate, reasonLabels, type ReferralDetail, referralSourceLabels, type Patient, urgencyLabels,
} from '../../main/contract/referrals';
import { call } from '../api/client';
import { CheckboxGroupField, RadioField, SelectField } from '../shared/ChoiceFields';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';
import type { ReferralFormValues } from './referralFormDefaults';
import { PatientSection } from './ReferralFormSections';

/** A dialog around one form: its title, what it changes, the fields, and the save button. */
function FormDialog({ id, title, intro, error, busy, onSubmit, onClose, children }: {
  id: string; title: string; intro: string; error: string | undefined; busy: boolean; onSubmit: () => void; onClose: () => void; children: ReactNode;
}) {
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth="md">
      <form noValidate onSubmit={(e) => { e.preventDefault(); onSubmit(); }}>
        <DialogTitle id={id}>{title}</DialogTitle>
        <DialogContent>
          <DialogContentText>{intro}</DialogContentText>
          {error && <Alert severity="error" role="alert" sx={{ mt: 1 }}>{error}</Alert>}
          {children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={busy}>Save the correction</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** The referral's date, source, reasons, urgency, consent and who gets the message back, as the link worker or manager corrects them. */
export function CorrectDetailsDialog({ referral, onClose, onDone }: { referral: ReferralDetail; onClose: () => void; onDone: (next: ReferralDetail) => void }) {
  const d = referral.details;
  const { form, formError, submitWith } = useApiForm(CorrectDetailsInput, {
    defaultValues: {
      id: referral.summary.id, referralDate: d.referralDate, source: d.source, reasons: d.reasons, reasonOther: d.reasonOther, urgency: d.urgency,
      messageBackTo: d.messageBackTo, usualGp: d.usualGp, consentTakenBy: d.consentTakenBy, consentDate: d.consentDate,
    },
  });
  const { control } = form;
  const reasons = useWatch({ control, name: 'reasons' }) ?? [];
  const to = useWatch({ control, name: 'messageBackTo' });
  const submit = submitWith(async (values) => onDone(await call('referrals.correctDetails', values)));
  return (
    <FormDialog id="correct-details-title" title="Correct the referral details" intro="Each change is kept on the timeline and in the audit log, with the value before and after."
      error={formError} busy={form.formState.isSubmitting} onSubmit={() => void submit()} onClose={onClose}>
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
  const { form, formError, submitWith } = useApiForm(PatientUpdate, { defaultValues: { id, patient: values } });
  const submit = submitWith(async (v) => onDone(await call('patients.update', v)));
  return (
    <FormDialog id="correct-patient-title" title="Correct the patient’s details" intro="Changes to the name, date of birth, NHS number or address are kept in the audit log with the value before and after."
      error={formError} busy={form.formState.isSubmitting} onSubmit={() => void submit()} onClose={onClose}>
      {/* The patient fields are the referral form's own, at the same paths (patient.*). */}
      <PatientSection control={form.control as unknown as Control<ReferralFormValues>} practices={practices} />
    </FormDialog>
  );
}
