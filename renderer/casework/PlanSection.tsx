import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { type CaseFile, type Goal, GoalInput, goalProgressLabels, type NextStep, NextStepInput, PlanInput } from '../../main/contract/casework';
import { ApiError, call } from '../api/client';
import { RadioField } from '../shared/ChoiceFields';
import { FormField } from '../shared/FormField';
import { ukDate } from '../shared/format';
import { useRemembered } from '../shared/sessionMemory';
import { useApiForm } from '../shared/useApiForm';
import { today } from '../shared/clock';
import { FormDialog } from '../shared/FormDialog';
import { CaseSection, type SectionProps } from './parts';

/** Which dialog is open, by ids only (it is remembered across a lock, never with what it holds). */
type Editing = { kind: 'matters' } | { kind: 'goal'; id?: number } | { kind: 'step'; id?: number } | undefined;

const progressColours = { not_started: 'default', in_progress: 'primary', achieved: 'success', no_longer_relevant: 'default' } as const;

/** The personalised care and support plan: what matters to the person, their goals, the next steps agreed. */
export function PlanSection({ file, canEdit, onSaved, onError }: SectionProps & { onError: (message: string) => void }) {
  const [editing, setEditing] = useRemembered<Editing>(`plan-editing:${file.referralId}`, undefined);
  const editedGoal = editing?.kind === 'goal' ? file.goals.find((g) => g.id === editing.id) : undefined;
  const editedStep = editing?.kind === 'step' ? file.nextSteps.find((s) => s.id === editing.id) : undefined;
  const todayDate = today();
  const done = (next: CaseFile, text: string) => {
    setEditing(undefined);
    onSaved(next, text);
  };
  const markDone = async (step: NextStep) => {
    try {
      done(await call('casework.saveNextStep', { referralId: file.referralId, id: step.id, text: step.text, dueOn: step.dueOn, done: true }), `Next step done: ${step.text}.`);
    } catch (e) {
      onError(e instanceof ApiError ? e.message : 'That did not work; try again.');
    }
  };
  const relevant = file.goals.filter((g) => g.progress !== 'no_longer_relevant');
  const achieved = relevant.filter((g) => g.progress === 'achieved').length;

  return (
    <CaseSection title="Personalised care and support plan">
      <Box component="section" aria-labelledby="plan-matters">
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
          <Typography id="plan-matters" variant="h3" sx={{ flexGrow: 1 }}>What matters to the person</Typography>
          {canEdit && <Button onClick={() => setEditing({ kind: 'matters' })}>Change what matters</Button>}
        </Stack>
        <Typography sx={{ whiteSpace: 'pre-wrap', mt: 0.5 }}>{file.plan.whatMatters}</Typography>
        <Typography variant="body2" color="text.secondary">
          {file.plan.fromReferral
            ? 'As written on the referral. Change it to the person’s own words once you have talked.'
            : `Updated by ${file.plan.updatedByName} on ${ukDate(file.plan.updatedAt!)}.`}
        </Typography>
      </Box>

      <Box component="section" aria-labelledby="plan-goals" sx={{ mt: 3 }}>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
          <Typography id="plan-goals" variant="h3" sx={{ flexGrow: 1 }}>
            Goals{relevant.length > 0 && ` (${achieved} of ${relevant.length} achieved)`}
          </Typography>
          {canEdit && <Button variant="outlined" onClick={() => setEditing({ kind: 'goal' })}>Add a goal</Button>}
        </Stack>
        {file.goals.length === 0 ? (
          <Typography color="text.secondary">No goals yet.{canEdit && ' Add each goal in the person’s own words, with a target date if they want one.'}</Typography>
        ) : (
          <Box component="ul" sx={{ pl: 0, listStyle: 'none', m: 0 }}>
            {file.goals.map((g) => (
              <Box component="li" key={g.id} sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.75, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' }}>
                <Typography sx={{ flexGrow: 1, textDecoration: g.progress === 'no_longer_relevant' ? 'line-through' : 'none' }}>
                  “{g.text}”
                  {g.targetDate && <Typography component="span" color="text.secondary"> · by {ukDate(g.targetDate)}</Typography>}
                </Typography>
                <Chip size="small" label={goalProgressLabels[g.progress]} color={progressColours[g.progress]} variant={g.progress === 'no_longer_relevant' ? 'outlined' : 'filled'} />
                {canEdit && <Button size="small" onClick={() => setEditing({ kind: 'goal', id: g.id })} aria-label={`Update the goal “${g.text}”`}>Update</Button>}
              </Box>
            ))}
          </Box>
        )}
      </Box>

      <Box component="section" aria-labelledby="plan-steps" sx={{ mt: 3 }}>
        <Stack direction="row" sx={{ alignItems: 'center', gap: 1 }}>
          <Typography id="plan-steps" variant="h3" sx={{ flexGrow: 1 }}>Agreed next steps</Typography>
          {canEdit && <Button variant="outlined" onClick={() => setEditing({ kind: 'step' })}>Add a next step</Button>}
        </Stack>
        {file.nextSteps.length === 0 ? (
          <Typography color="text.secondary">No next steps yet.{canEdit && ' Add what you and the person agreed to do next, and when.'}</Typography>
        ) : (
          <Box component="ul" sx={{ pl: 0, listStyle: 'none', m: 0 }}>
            {file.nextSteps.map((s) => {
              const overdue = s.doneOn === null && s.dueOn < todayDate;
              return (
                <Box component="li" key={s.id} sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 0.75, borderBottom: 1, borderColor: 'divider', flexWrap: 'wrap' }}>
                  <Typography sx={{ flexGrow: 1, color: s.doneOn ? 'text.secondary' : 'text.primary' }}>
                    {s.text}
                    <Typography component="span" sx={{ fontWeight: overdue ? 700 : 400, color: overdue ? 'error.main' : 'text.secondary' }}>
                      {s.doneOn ? ` · done ${ukDate(s.doneOn)}` : overdue ? ` · overdue: was due ${ukDate(s.dueOn)}` : ` · due ${ukDate(s.dueOn)}`}
                    </Typography>
                  </Typography>
                  {canEdit && s.doneOn === null && (
                    <Button size="small" variant="outlined" onClick={() => void markDone(s)} aria-label={`Mark “${s.text}” as done`}>Mark as done</Button>
                  )}
                  {canEdit && <Button size="small" onClick={() => setEditing({ kind: 'step', id: s.id })} aria-label={`Change the next step “${s.text}”`}>Change</Button>}
                </Box>
              );
            })}
          </Box>
        )}
      </Box>

      {editing?.kind === 'matters' && <WhatMattersDialog file={file} onClose={() => setEditing(undefined)} onSaved={done} />}
      {editing?.kind === 'goal' && <GoalDialog file={file} goal={editedGoal} onClose={() => setEditing(undefined)} onSaved={done} />}
      {editing?.kind === 'step' && <NextStepDialog file={file} step={editedStep} onClose={() => setEditing(undefined)} onSaved={done} />}
    </CaseSection>
  );
}

interface DialogProps {
  file: CaseFile;
  onClose: () => void;
  onSaved: SectionProps['onSaved'];
}

function WhatMattersDialog({ file, onClose, onSaved }: DialogProps) {
  const api = useApiForm(PlanInput, { defaultValues: { referralId: file.referralId, whatMatters: file.plan.whatMatters }, draft: `what-matters:${file.referralId}` });
  const { form, submitWith } = api;
  const submit = submitWith(async (values) => onSaved(await call('casework.savePlan', values), 'What matters to the person is saved.'));
  return (
    <FormDialog title="What matters to the person" intro="In their own words. The referral keeps what the referrer wrote." submitLabel="Save" api={api} onSubmit={submit} onClose={onClose}>
      <FormField control={form.control} name="whatMatters" label="What matters to the person" multiline minRows={4} autoFocus />
    </FormDialog>
  );
}

function GoalDialog({ file, goal, onClose, onSaved }: DialogProps & { goal: Goal | undefined }) {
  const api = useApiForm(GoalInput, {
    defaultValues: goal
      ? { referralId: file.referralId, id: goal.id, text: goal.text, targetDate: goal.targetDate ?? '', progress: goal.progress }
      : { referralId: file.referralId, text: '', targetDate: '', progress: 'not_started' },
    draft: `goal:${file.referralId}:${goal?.id ?? 'new'}`,
  });
  const { form, submitWith } = api;
  const submit = submitWith(async (values) =>
    onSaved(await call('casework.saveGoal', values), goal ? `Goal updated: ${goalProgressLabels[values.progress].toLowerCase()}.` : 'Goal added.'),
  );
  return (
    <FormDialog title={goal ? 'Update the goal' : 'Add a goal'} submitLabel={goal ? 'Save the goal' : 'Add the goal'} api={api} onSubmit={submit} onClose={onClose}>
      <FormField control={form.control} name="text" label="The goal, in the person’s own words" multiline minRows={2} autoFocus hint="For example: “I want to get to the choir on Tuesdays on my own.”" />
      <FormField control={form.control} name="targetDate" label="Target date (optional)" type="date" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 280 }} />
      <RadioField control={form.control} name="progress" label="Progress" options={goalProgressLabels} />
    </FormDialog>
  );
}

function NextStepDialog({ file, step, onClose, onSaved }: DialogProps & { step: NextStep | undefined }) {
  const api = useApiForm(NextStepInput, {
    defaultValues: step
      ? { referralId: file.referralId, id: step.id, text: step.text, dueOn: step.dueOn, done: step.doneOn !== null }
      : { referralId: file.referralId, text: '', dueOn: '', done: false },
    draft: `next-step:${file.referralId}:${step?.id ?? 'new'}`,
  });
  const { form, submitWith } = api;
  const submit = submitWith(async (values) => onSaved(await call('casework.saveNextStep', values), step ? 'Next step changed.' : 'Next step added.'));
  return (
    <FormDialog title={step ? 'Change the next step' : 'Add a next step'} submitLabel={step ? 'Save the next step' : 'Add the next step'} api={api} onSubmit={submit} onClose={onClose}>
      <FormField control={form.control} name="text" label="What was agreed" multiline minRows={2} autoFocus />
      <FormField control={form.control} name="dueOn" label="Due on" type="date" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 280 }} />
    </FormDialog>
  );
}
