import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import { useState } from 'react';
import type { DetailChoices, PatientDifference } from '../../main/contract/referrals';

interface Props {
  title: string;
  intro: string;
  differences: readonly PatientDifference[];
  /** What the typed value is called: "What you typed", "On the referral". */
  typedLabel: string;
  confirmLabel: string;
  onConfirm: (choices: DetailChoices) => Promise<void>;
  onCancel: () => void;
  cancelLabel?: string;
}

/**
 * "These details differ, which are right?": for each detail, the record's value or the typed one.
 * Nothing is chosen for the person; every detail needs an answer before confirming.
 */
export function ChooseDetailsDialog({ title, intro, differences, typedLabel, confirmLabel, onConfirm, onCancel, cancelLabel = 'Cancel' }: Props) {
  const [choices, setChoices] = useState<DetailChoices>({});
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const missing = differences.filter((d) => choices[d.field] === undefined);

  const confirm = async () => {
    setTried(true);
    if (missing.length > 0) return;
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm(choices);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'That did not work; try again.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onCancel} aria-labelledby="choose-details-title" fullWidth maxWidth="md">
      <DialogTitle id="choose-details-title">{title}</DialogTitle>
      <DialogContent>
        <DialogContentText sx={{ mb: 1 }}>{intro}</DialogContentText>
        {differences.map((d) => {
          const unanswered = tried && choices[d.field] === undefined;
          return (
            <FormControl key={d.field} component="fieldset" error={unanswered} margin="dense" sx={{ display: 'block', mb: 1 }}>
              <FormLabel component="legend" sx={{ fontWeight: 600 }}>{d.label}</FormLabel>
              <RadioGroup
                row
                name={`choice-${d.field}`}
                value={choices[d.field] ?? ''}
                onChange={(e) => setChoices((c) => ({ ...c, [d.field]: e.target.value as 'stored' | 'typed' }))}
              >
                <FormControlLabel value="stored" control={<Radio />} label={`The record: ${d.stored || '(empty)'}`} sx={{ minWidth: 320 }} />
                <FormControlLabel value="typed" control={<Radio />} label={`${typedLabel}: ${d.typed}`} />
              </RadioGroup>
              {unanswered && <FormHelperText>Choose which is right</FormHelperText>}
            </FormControl>
          );
        })}
        {tried && missing.length > 0 && <Alert severity="error" role="alert">Say which is right for each detail: {missing.length} still to choose.</Alert>}
        {error && <Alert severity="error" role="alert">{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>{cancelLabel}</Button>
        <Button variant="contained" onClick={() => void confirm()} disabled={busy}>{confirmLabel}</Button>
      </DialogActions>
    </Dialog>
  );
}
