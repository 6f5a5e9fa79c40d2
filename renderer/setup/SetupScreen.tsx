import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import IconButton from '@mui/material/IconButton';
import Stack from '@mui/material/Stack';
import Step from '@mui/material/Step';
import StepLabel from '@mui/material/StepLabel';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useState } from 'react';
import { useFieldArray } from 'react-hook-form';
import { z } from 'zod';
import { type SessionState, SetupInput } from '../../main/contract/people';
import { call } from '../api/client';
import { CentredCard } from '../shared/CentredCard';
import { FormField } from '../shared/FormField';
import { PasswordField } from '../shared/PasswordField';
import { useApiForm } from '../shared/useApiForm';
import { RecoveryKeyStep } from './RecoveryKeyStep';

const steps = ['Your PCN and practices', 'Your account', 'Recovery key'];

// One typo in the only manager's password would leave nothing but the recovery key: type it twice.
const SetupFields = SetupInput.extend({ passwordAgain: z.string() }).refine((v) => v.passwordAgain === v.manager.password, {
  path: ['passwordAgain'],
  message: 'The two passwords are not the same',
});

/** First run: the PCN, its practices, the first practice manager, then the recovery key shown once. */
export function SetupScreen({ onSetUp, onDone }: { onSetUp: () => void; onDone: (s: SessionState) => void }) {
  const [step, setStep] = useState(0);
  const [recoveryKey, setRecoveryKey] = useState<string>();
  const { form, formError, submitWith } = useApiForm(SetupFields, {
    defaultValues: { pcnName: '', practices: [{ name: '', odsCode: '' }], manager: { fullName: '', username: '', password: '' }, passwordAgain: '' },
  });
  const { control } = form;
  const practices = useFieldArray({ control, name: 'practices' });

  const next = async () => {
    if (await form.trigger(['pcnName', 'practices'])) setStep(1);
  };

  const submit = submitWith(async ({ passwordAgain: _again, ...values }) => {
    const { recoveryKey: key } = await call('setup.create', values);
    onSetUp();
    setRecoveryKey(key);
    setStep(2);
  });

  return (
    <CentredCard title="Set up Signpost" width={640}>
      <Stepper activeStep={step} sx={{ mb: 3 }} aria-label="Set-up steps">
        {steps.map((label) => (
          <Step key={label}>
            <StepLabel>{label}</StepLabel>
          </Step>
        ))}
      </Stepper>
      {formError && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{formError}</Alert>}

      {step === 0 && (
        <Box component="form" noValidate onSubmit={(e) => { e.preventDefault(); void next(); }}>
          <Typography sx={{ mb: 1 }}>
            Signpost keeps one encrypted database for your Primary Care Network. Name the network and add each of its practices
            with its ODS code (you can find it on the practice’s NHS website page).
          </Typography>
          <FormField control={control} name="pcnName" label="Primary Care Network name" autoComplete="organization" />
          <Typography variant="h2" sx={{ mt: 2, mb: 1 }}>Practices</Typography>
          {practices.fields.map((field, index) => (
            <Stack direction="row" spacing={2} key={field.id} sx={{ alignItems: "flex-start" }}>
              <FormField control={control} name={`practices.${index}.name`} label={`Practice ${index + 1} name`} />
              <FormField
                control={control}
                name={`practices.${index}.odsCode`}
                label="ODS code"
                sx={{ maxWidth: 200 }}
                hint="e.g. A81001"
                slotProps={{ htmlInput: { style: { textTransform: 'uppercase' } } }}
              />
              <IconButton
                aria-label={`Remove practice ${index + 1}`}
                onClick={() => practices.remove(index)}
                disabled={practices.fields.length === 1}
                sx={{ mt: 3 }}
              >
                <DeleteIcon />
              </IconButton>
            </Stack>
          ))}
          {form.formState.errors.practices?.root?.message && (
            <Alert severity="error" sx={{ mt: 1 }}>{form.formState.errors.practices.root.message}</Alert>
          )}
          <Button onClick={() => practices.append({ name: '', odsCode: '' })} sx={{ mt: 1 }}>
            Add another practice
          </Button>
          <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 3 }}>
            <Button type="submit" variant="contained">Continue</Button>
          </Box>
        </Box>
      )}

      {step === 1 && (
        <Box component="form" noValidate onSubmit={submit}>
          <Typography sx={{ mb: 1 }}>
            You will be the first practice manager. You can add everyone else once Signpost is set up.
          </Typography>
          <FormField control={control} name="manager.fullName" label="Your full name" autoComplete="name" />
          <FormField control={control} name="manager.username" label="Username" autoComplete="username" hint="Letters, numbers, dots or hyphens, e.g. pat.jones" />
          <PasswordField
            control={control}
            name="manager.password"
            label="Password"
            autoComplete="new-password"
            hint="At least 10 characters and hard to guess: no names, not the practice’s. A few unrelated words make a strong password that is easy to remember."
          />
          <PasswordField control={control} name="passwordAgain" label="Password again" autoComplete="new-password" hint="The same password once more, to be sure of it." />
          <Box sx={{ display: 'flex', justifyContent: 'space-between', mt: 3 }}>
            <Button onClick={() => setStep(0)}>Back</Button>
            <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
              {form.formState.isSubmitting ? 'Setting up…' : 'Set up Signpost'}
            </Button>
          </Box>
        </Box>
      )}

      {step === 2 && recoveryKey && <RecoveryKeyStep recoveryKey={recoveryKey} onContinue={async () => onDone(await call('auth.state', {}))} />}
    </CentredCard>
  );
}
