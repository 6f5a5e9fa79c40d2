import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { type DetailChoices, NewReferral, type PatientDifference, type PatientMatch } from '../../main/contract/referrals';
import { SNOMED } from '../../main/contract/nhs';
import type { Practice } from '../../main/contract/people';
import { call } from '../api/client';
import { ukDateTime } from '../shared/format';
import { useApiForm } from '../shared/useApiForm';
import { ChooseDetailsDialog } from './ChooseDetailsDialog';
import { CodeToRecord, REFERRAL_CODE_RULE } from './CodeToRecord';
import { PatientFinder } from './PatientFinder';
import type { ReferralFormValues } from './referralFormDefaults';
import { ConsentSection, OtherSection, PatientSection, ReasonsSection, SafetySection } from './ReferralFormSections';
import { useDraftAutosave } from './useDraftAutosave';

interface Props {
  initial: ReferralFormValues;
  draftId: number | undefined;
  practices: Practice[];
  onMade: (referral: { id: number }) => void;
  /** The form has been kept as draft `id` (the first save gives a new form its id). */
  onDraftSaved?: (id: number) => void;
}

/** The referral form: search, patient, reasons, consent, safety, the message back. Kept as a draft as it is typed. */
export function ReferralForm({ initial, draftId: initialDraftId, practices, onMade, onDraftSaved }: Props) {
  const { form, formError, submitWith } = useApiForm(NewReferral, { defaultValues: initial });
  const { control } = form;
  const { draftId, savedAt } = useDraftAutosave(control, initialDraftId, onDraftSaved);
  const [openReferral, setOpenReferral] = useState<PatientMatch['openReferral']>(null);

  const reusePatient = async (match: PatientMatch) => {
    const patient = await call('patients.get', { id: match.id });
    const { id, ...details } = patient;
    form.setValue('existingPatientId', id);
    form.setValue('patient', { ...details, phones: details.phones.length ? details.phones : initial.patient.phones }, { shouldDirty: true });
    setOpenReferral(match.openReferral);
  };

  // An existing record of the person's own practice: main first answers with the details that differ.
  const [differences, setDifferences] = useState<PatientDifference[]>();
  const send = (choices?: DetailChoices) =>
    submitWith(async (values) => {
      const made = await call('referrals.create', { ...values, ...(choices ? { patientChoices: choices } : {}), ...(draftId ? { draftId } : {}) });
      if (made.outcome === 'differs') setDifferences(made.differences);
      else onMade(made);
    });
  const submit = send();
  const serverConflict = form.formState.errors.patient?.nhsNumber?.type === 'server' && /open referral/.test(form.formState.errors.patient.nhsNumber.message ?? '');

  return (
    <Box component="form" noValidate onSubmit={submit} aria-label="Referral to the social prescribing link worker" sx={{ maxWidth: 880 }}>
      <PatientFinder onUse={(m) => void reusePatient(m)} />
      {openReferral && (
        <Alert severity="warning" sx={{ my: 2 }} role="alert">
          This patient already has an open referral (number {openReferral.id}). Most often the link worker should be told about the new
          concern on that referral instead. To refer again anyway, tick the box at the end of the form.
        </Alert>
      )}
      <PatientSection control={control} practices={practices} />
      <ReasonsSection control={control} />
      <ConsentSection control={control} />
      <SafetySection control={control} />
      <OtherSection control={control} />

      <CodeToRecord code={SNOMED.referral.code} term={SNOMED.referral.term} rule={REFERRAL_CODE_RULE} />

      {(openReferral || serverConflict) && (
        <FormControlLabel
          control={<Checkbox checked={form.watch('acknowledgeOpenReferral') === true} onChange={(e) => form.setValue('acknowledgeOpenReferral', e.target.checked)} />}
          label="I know this patient has an open referral and want to refer them again"
        />
      )}
      {differences && (
        <ChooseDetailsDialog
          title="Signpost already knows this person"
          intro="These details differ from the patient record Signpost holds. Which are right? Only the details you choose as typed change the record; the referral is sent when you confirm."
          differences={differences}
          typedLabel="What you typed"
          confirmLabel="Confirm and send the referral"
          cancelLabel="Back to the form"
          onCancel={() => setDifferences(undefined)}
          onConfirm={async (choices) => {
            setDifferences(undefined);
            await send(choices)();
          }}
        />
      )}
      {formError && <Alert severity="error" role="alert" sx={{ my: 2 }}>{formError}</Alert>}
      {Object.keys(form.formState.errors).length > 0 && form.formState.isSubmitted && (
        <Alert severity="error" role="alert" sx={{ my: 2 }}>
          Some answers need attention: they are marked in red above. Nothing you typed has been lost.
        </Alert>
      )}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mt: 3 }}>
        <Button type="submit" variant="contained" size="large" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? 'Sending…' : 'Send referral'}
        </Button>
        <Typography variant="body2" color="text.secondary" role="status">
          {savedAt ? `Draft saved at ${ukDateTime(savedAt).slice(11)}` : 'Saved as a draft as you type'}
        </Typography>
      </Box>
    </Box>
  );
}
