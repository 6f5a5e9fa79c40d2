import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import { type FormEventHandler, type ReactNode, useId, useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { ukDateTime } from './format';
import type { GuardedForm } from './useApiForm';

/**
 * A dialog holding one form: its title names it, its submit button says what happens. However
 * tall the form, the title and the buttons stay in view and the fields scroll between them. Closing
 * it with something typed (Esc, a click outside, Cancel) asks first; a form with a draft gives back
 * what was typed when it opens again.
 */
export function FormDialog({
  title,
  intro,
  submitLabel,
  api,
  onSubmit,
  onClose,
  children,
  maxWidth = 'sm',
  labelledBy,
}: {
  title: string;
  intro?: ReactNode;
  submitLabel: string;
  api: GuardedForm;
  onSubmit: FormEventHandler<HTMLFormElement>;
  onClose: () => void;
  children: ReactNode;
  maxWidth?: 'xs' | 'sm' | 'md' | 'lg';
  /** The title's id, where a caller names it (tests and other screens refer to it). */
  labelledBy?: string;
}) {
  const ownId = useId();
  const id = labelledBy ?? ownId;
  const [confirming, setConfirming] = useState(false);
  const { draft, formError } = api;
  const { isDirty, isSubmitting } = api.form.formState;
  const tryClose = () => (isDirty ? setConfirming(true) : onClose());

  return (
    <Dialog open onClose={tryClose} aria-labelledby={id} fullWidth maxWidth={maxWidth} scroll="paper">
      <Box component="form" noValidate onSubmit={onSubmit} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: '1 1 auto' }}>
        <DialogTitle id={id}>{title}</DialogTitle>
        <DialogContent dividers>
          {intro && <DialogContentText>{intro}</DialogContentText>}
          {draft.restoredAt && (
            <Alert severity="info" role="status" sx={{ mt: 1 }}>
              Carrying on from what you typed at {ukDateTime(draft.restoredAt).slice(11)} on {ukDateTime(draft.restoredAt).slice(0, 10)}. It is not saved
              until you press “{submitLabel}”.
            </Alert>
          )}
          {formError && <Alert severity="error" role="alert" sx={{ mt: 1 }}>{formError}</Alert>}
          {draft.loadError ? (
            <Alert severity="error" role="alert" sx={{ mt: 1 }}>{draft.loadError}</Alert>
          ) : draft.ready ? (
            children
          ) : (
            <LinearProgress aria-label="Opening the form" sx={{ my: 3 }} />
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={tryClose}>Cancel</Button>
          <Button type="submit" variant="contained" disabled={isSubmitting || !draft.ready}>{submitLabel}</Button>
        </DialogActions>
      </Box>
      {confirming && (
        <ConfirmDialog
          title="Discard what you typed?"
          confirmLabel="Discard"
          cancelLabel="Keep writing"
          onCancel={() => setConfirming(false)}
          onConfirm={async () => {
            await draft.discard();
            setConfirming(false);
            onClose();
          }}
        >
          What you typed in “{title}” has not been saved yet. If you discard it, it is gone.
        </ConfirmDialog>
      )}
    </Dialog>
  );
}
