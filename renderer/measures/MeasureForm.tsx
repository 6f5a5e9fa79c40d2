import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Typography from '@mui/material/Typography';
import { useEffect } from 'react';
import type { Path } from 'react-hook-form';
import type { z } from 'zod';
import {
  type Instrument,
  instrumentLabels,
  type Measure,
  measureQuestions,
  ONS4_INTRO,
  RecordMeasureInput,
  stageLabels,
  SWEMWBS_STEM,
} from '../../main/contract/measures';
import { call } from '../api/client';
import { RadioField } from '../shared/ChoiceFields';
import { FormField } from '../shared/FormField';
import { useApiForm } from '../shared/useApiForm';
import { SwemwbsNotice } from './SwemwbsNotice';
import { today } from '../shared/clock';

type FormValues = z.input<typeof RecordMeasureInput>;

const introOf: Readonly<Record<Instrument, string | null>> = {
  ons4: ONS4_INTRO,
  swemwbs: SWEMWBS_STEM,
  // measures.md gives no introduction for the UCLA items; none is made up here.
  ucla3: null,
};

export interface MeasureFormProps {
  referralId: number;
  /** Measures this case already has a baseline of: a new one of these starts as a follow-up. */
  baselines?: readonly Instrument[];
  onRecorded: (measure: Measure) => void;
  onCancel: () => void;
}

/**
 * Records one wellbeing measure: which one, baseline or follow-up, the date, then each question in
 * its exact published wording. Only the answers are sent; main computes every score.
 */
export function MeasureForm({ referralId, baselines = [], onRecorded, onCancel }: MeasureFormProps) {
  const { form, formError, submitWith } = useApiForm(RecordMeasureInput, {
    defaultValues: { referralId, takenOn: today(), answers: [] } as unknown as FormValues,
  });
  const instrument = form.watch('instrument') as Instrument | undefined;

  // A different measure has different questions: start its answers afresh, and guess the stage.
  useEffect(() => {
    if (!instrument) return;
    form.setValue('answers', measureQuestions[instrument].map(() => undefined) as never);
    form.setValue('stage', baselines.includes(instrument) ? 'follow_up' : 'baseline');
    form.clearErrors('answers');
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the chosen measure changes
  }, [instrument]);

  const submit = submitWith(async (values) => onRecorded(await call('measures.record', values)));
  const intro = instrument ? introOf[instrument] : null;

  return (
    <Dialog open onClose={onCancel} aria-labelledby="measure-form-title" fullWidth maxWidth="md" scroll="paper">
      <form noValidate onSubmit={submit} style={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
        <DialogTitle id="measure-form-title">Record a wellbeing measure</DialogTitle>
        <DialogContent dividers>
          {formError && <Alert severity="error" role="alert">{formError}</Alert>}
          <RadioField control={form.control} name="instrument" label="Measure" options={instrumentLabels} />
          <RadioField control={form.control} name="stage" label="Baseline or follow-up" options={stageLabels} row />
          <FormField control={form.control} name="takenOn" label="Date taken" type="date" slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 240 }} />

          {instrument && (
            <Box component="section" aria-labelledby="measure-questions-title" sx={{ mt: 2 }}>
              <Typography id="measure-questions-title" variant="h3" component="h3" sx={{ mt: 1 }}>
                {instrumentLabels[instrument]}
              </Typography>
              {intro && <Typography sx={{ mt: 1 }}>{intro}</Typography>}
              {measureQuestions[instrument].map((q, i) => (
                <RadioField
                  key={`${instrument}-${q.number}`}
                  control={form.control}
                  name={`answers.${i}` as Path<FormValues>}
                  label={`${q.number}. ${q.text}${q.optional ? ' (optional)' : ''}`}
                  hint={q.optional ? 'ONS’s direct question on loneliness: reported on its own, never added to the UCLA score.' : undefined}
                  options={q.options}
                  row
                />
              ))}
              {instrument === 'swemwbs' && <SwemwbsNotice />}
            </Box>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onCancel}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={!instrument || form.formState.isSubmitting}>
            Record measure
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
