import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { type Control, useFieldArray, useWatch } from 'react-hook-form';
import type { Practice } from '../../main/contract/people';
import { contactMethodLabels, phoneTypeLabels, reasonLabels, referralSourceLabels, sexLabels, urgencyLabels } from '../../main/contract/referrals';
import { CheckboxField, CheckboxGroupField, RadioField, SelectField, YesNoField } from '../shared/ChoiceFields';
import { FormField } from '../shared/FormField';
import type { ReferralFormValues } from './referralFormDefaults';

type C = { control: Control<ReferralFormValues> };

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Box component="section" aria-labelledby={id} sx={{ mt: 4 }}>
      <Typography variant="h2" id={id} sx={{ borderBottom: 1, borderColor: 'divider', pb: 1, mb: 1 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}


export function PatientSection({ control, practices }: C & { practices: Practice[] }) {
  const phones = useFieldArray({ control, name: 'patient.phones' });
  return (
    <Section id="patient-details" title="Patient details">
      <FormField control={control} name="patient.nhsNumber" label="NHS number" hint="10 digits, like 999 000 0018" inputMode="numeric" sx={{ maxWidth: 320 }} />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <FormField control={control} name="patient.title" label="Title (optional)" sx={{ maxWidth: 160 }} />
        <FormField control={control} name="patient.givenName" label="Given name" />
        <FormField control={control} name="patient.familyName" label="Family name" />
      </Stack>
      <FormField control={control} name="patient.preferredName" label="Preferred name (optional)" hint="What the person likes to be called" />
      <FormField control={control} name="patient.dateOfBirth" label="Date of birth" type="date" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 240 }} />
      <RadioField control={control} name="patient.sex" label="Sex, as recorded on the GP record" options={sexLabels} row />
      <FormField control={control} name="patient.genderIdentity" label="Gender identity, if different (optional)" />
      <FormField control={control} name="patient.addressLine1" label="Address line 1" autoComplete="off" />
      <FormField control={control} name="patient.addressLine2" label="Address line 2 (optional)" autoComplete="off" />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <FormField control={control} name="patient.town" label="Town or city" />
        <FormField control={control} name="patient.postcode" label="Postcode" sx={{ maxWidth: 200 }} />
      </Stack>
      {phones.fields.map((f, i) => (
        <Stack key={f.id} direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
          <FormField control={control} name={`patient.phones.${i}.number`} label={i === 0 ? 'Phone number' : `Phone number ${i + 1}`} inputMode="tel" />
          <Box sx={{ minWidth: 160 }}>
            <SelectField control={control} name={`patient.phones.${i}.type`} label="Type" options={phoneTypeLabels} />
          </Box>
          <CheckboxField control={control} name={`patient.phones.${i}.safeForMessage`} label="Safe to leave a message" />
          <Button onClick={() => phones.remove(i)} aria-label={`Remove phone number ${i + 1}`}>Remove</Button>
        </Stack>
      ))}
      {phones.fields.length < 4 && (
        <Button onClick={() => phones.append({ number: '', type: 'mobile', safeForMessage: false })}>Add a phone number</Button>
      )}
      <FormField control={control} name="patient.email" label="E-mail (optional)" type="email" />
      <RadioField control={control} name="patient.preferredContactMethod" label="How the person prefers to be contacted" options={contactMethodLabels} row />
      <FormField control={control} name="patient.preferredContactTimes" label="Best times to contact (optional)" hint="For example: weekday mornings, not Fridays" />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'center' } }}>
        <FormField control={control} name="patient.firstLanguage" label="First language (optional)" />
        <CheckboxField control={control} name="patient.interpreterNeeded" label="Needs an interpreter" />
      </Stack>
      <FormField
        control={control}
        name="patient.communicationNeeds"
        label="Communication and accessibility needs (optional)"
        hint="Accessible Information Standard: for example large print, British Sign Language, easy read, an advocate"
        multiline
        minRows={2}
      />
      <SelectField control={control} name="patient.registeredPracticeId" label="Registered practice" options={Object.fromEntries(practices.map((p) => [p.id, `${p.name} (${p.odsCode})`]))} numeric />
    </Section>
  );
}

export function ReasonsSection({ control }: C) {
  const reasons = useWatch({ control, name: 'referral.reasons' }) ?? [];
  return (
    <Section id="referral-reasons" title="The referral">
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <Box sx={{ minWidth: 280 }}>
          <SelectField control={control} name="referral.source" label="Referral from" options={referralSourceLabels} />
        </Box>
        <FormField control={control} name="referral.referralDate" label="Date of referral" type="date" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 240 }} />
      </Stack>
      <CheckboxGroupField control={control} name="referral.reasons" label="Reasons for the referral" hint="Choose all that apply" options={reasonLabels} />
      {reasons.includes('other') && <FormField control={control} name="referral.reasonOther" label="Other reason" />}
      <FormField control={control} name="referral.whatMatters" label="What matters to the person" hint="In their own words where you can" multiline minRows={3} />
    </Section>
  );
}

const capacityLabels = { yes: 'Yes', needs_support: 'Yes, with support', unsure: 'Not sure' };

export function ConsentSection({ control }: C) {
  return (
    <Section id="referral-consent" title="Consent">
      <CheckboxField
        control={control}
        name="referral.consentGiven"
        label="The referral was discussed with the patient and they agreed to it"
      />
      <Stack direction={{ xs: 'column', md: 'row' }} spacing={2}>
        <FormField control={control} name="referral.consentTakenBy" label="Consent taken by" />
        <FormField control={control} name="referral.consentDate" label="Date consent was given" type="date" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 240 }} />
      </Stack>
      <RadioField control={control} name="referral.capacity" label="Can the person take part in social prescribing?" options={capacityLabels} row />
      <YesNoField control={control} name="referral.mdtConsent" label="Did the patient agree to be discussed at a multidisciplinary team (MDT) meeting?" />
    </Section>
  );
}

export function SafetySection({ control }: C) {
  const concern = useWatch({ control, name: 'referral.safeguardingConcern' });
  const escalated = useWatch({ control, name: 'referral.safeguardingEscalated' });
  return (
    <Section id="referral-safety" title="Safety">
      <YesNoField control={control} name="referral.safeguardingConcern" label="Is there a safeguarding concern?" />
      {concern === true && (
        <>
          <Alert severity="warning" sx={{ my: 1 }}>
            Follow your practice safeguarding policy now. Signpost records the concern for the link worker; it does not replace the
            policy or a referral to the safeguarding lead.
          </Alert>
          <FormField control={control} name="referral.safeguardingDetails" label="The concern" multiline minRows={2} />
          <CheckboxField control={control} name="referral.safeguardingEscalated" label="Already escalated" />
          {escalated === true && <FormField control={control} name="referral.safeguardingEscalatedTo" label="Escalated to" hint="For example: the practice safeguarding lead, adult social care" />}
        </>
      )}
      <FormField control={control} name="referral.loneWorkingRisks" label="Lone-working or home-visit risks (optional)" hint="For example: dogs at the address, a history of aggression" multiline minRows={2} />
      <RadioField control={control} name="referral.urgency" label="How urgent is this?" options={urgencyLabels} />
    </Section>
  );
}

const messageBackLabels = { referrer: 'Me (the referrer)', usual_gp: 'The patient’s usual GP', both: 'Both' };

export function OtherSection({ control }: C) {
  const to = useWatch({ control, name: 'referral.messageBackTo' });
  return (
    <Section id="referral-other" title="Other support and the message back">
      <FormField control={control} name="referral.otherAgencies" label="Other agencies already involved (optional)" hint="So the link worker does not duplicate their work" multiline minRows={2} />
      <FormField control={control} name="referral.longTermConditions" label="Relevant long-term conditions (optional)" multiline minRows={2} />
      <RadioField control={control} name="referral.messageBackTo" label="Who should receive the message back?" options={messageBackLabels} row />
      {to !== 'referrer' && <FormField control={control} name="referral.usualGp" label="Usual GP" />}
    </Section>
  );
}
