import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import { type ReactNode, useId, useState } from 'react';
import { ApiError } from '../api/client';

/**
 * "Are you sure?" before something that cannot be taken back. The safe answer has the focus, so
 * Enter or Esc never destroys anything; the other button says exactly what it does.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  cancelLabel = 'Cancel',
  onConfirm,
  onCancel,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** Runs the action; a typed error from main is shown here and the dialog stays open. */
  onConfirm: () => Promise<void>;
  onCancel: () => void;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const confirm = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onConfirm();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'That did not work; try again.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onCancel} aria-labelledby={id} role="alertdialog" maxWidth="xs" fullWidth>
      <DialogTitle id={id}>{title}</DialogTitle>
      <DialogContent>
        <DialogContentText component="div">{children}</DialogContentText>
        {error && <Alert severity="error" role="alert" sx={{ mt: 2 }}>{error}</Alert>}
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel} autoFocus>{cancelLabel}</Button>
        <Button color="error" variant="contained" onClick={() => void confirm()} disabled={busy}>{confirmLabel}</Button>
      </DialogActions>
    </Dialog>
  );
}
