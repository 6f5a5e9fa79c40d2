import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { type FormEventHandler, type ReactNode, useId } from 'react';
import type { CaseFile } from '../../main/contract/casework';

/** A section of the case: a heading, what it holds, and (for link workers) its buttons. */
export function CaseSection({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2, mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <Typography id={id} variant="h2" sx={{ flexGrow: 1 }}>
          {title}
        </Typography>
        {actions}
      </Box>
      {children}
    </Paper>
  );
}

/** A dialog holding one form: its title names it, its submit button says what happens. */
export function FormDialog({
  title,
  intro,
  submitLabel,
  formError,
  submitting,
  onSubmit,
  onClose,
  children,
  maxWidth = 'sm',
}: {
  title: string;
  intro?: ReactNode;
  submitLabel: string;
  formError?: string | undefined;
  submitting: boolean;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onClose: () => void;
  children: ReactNode;
  maxWidth?: 'sm' | 'md';
}) {
  const id = useId();
  return (
    <Dialog open onClose={onClose} aria-labelledby={id} fullWidth maxWidth={maxWidth} scroll="paper">
      <form noValidate onSubmit={onSubmit}>
        <DialogTitle id={id}>{title}</DialogTitle>
        <DialogContent dividers>
          {intro && <DialogContentText>{intro}</DialogContentText>}
          {formError && <Alert severity="error" role="alert" sx={{ mt: 1 }}>{formError}</Alert>}
          {children}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={submitting}>{submitLabel}</Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** What each section gets: the case file, whether the person may change it, and how to pass on a change. */
export interface SectionProps {
  file: CaseFile;
  canEdit: boolean;
  /** Main answered a change with the new case file. */
  onSaved: (file: CaseFile, announcement: string) => void;
}

/** Today in England as yyyy-mm-dd, for date fields' defaults. */
