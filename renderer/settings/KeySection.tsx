import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { KeyRotation } from '../../main/contract/security';
import { ApiError, call } from '../api/client';
import { RecoveryKeyStep } from '../setup/RecoveryKeyStep';
import { useLoad } from '../shared/useLoad';

function rotationText(r: KeyRotation): string {
  const parts = [`Done: the database has a new key (generation ${r.generation}). Copies of the key file from before no longer open it.`];
  if (r.dropped.length > 0) parts.push(`${r.dropped.join(', ')} had a key slot in the old format and need a new temporary password (Users).`);
  if (r.recoveryKeyDropped) parts.push('The recovery key from setup no longer opens the data: make a new one below.');
  return parts.join(' ');
}

type Busy = 'none' | 'rotating' | 'recovery';

/**
 * The database key: change it (so a copy of the key file someone kept stops opening the data) and
 * make a new recovery key. Main does the work and the rules; this shows what it said.
 */
export function KeySection() {
  const status = useLoad(() => call('security.keyStatus', {}));
  const [busy, setBusy] = useState<Busy>('none');
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string }>();
  const [recoveryKey, setRecoveryKey] = useState<string>();

  const run = async (what: Exclude<Busy, 'none'>, work: () => Promise<void>) => {
    setBusy(what);
    setMessage(undefined);
    try {
      await work();
    } catch (e) {
      setMessage({ severity: 'error', text: e instanceof ApiError ? e.message : 'That did not work. Please try again.' });
    } finally {
      setBusy('none');
      await status.reload();
    }
  };

  const rotate = () => run('rotating', async () => {
    setMessage({ severity: 'success', text: rotationText(await call('security.rotateKey', {})) });
  });
  const newRecoveryKey = () => run('recovery', async () => {
    setRecoveryKey((await call('security.newRecoveryKey', {})).recoveryKey);
  });

  const s = status.data;
  return (
    <Box component="section" aria-labelledby="settings-database-key" sx={{ maxWidth: 560, mb: 4 }}>
      <Typography variant="h2" id="settings-database-key">Database key</Typography>
      <Typography sx={{ mt: 1 }}>
        One key encrypts the database; each person’s password opens it through the key file. Change the key when a key
        file may have been copied: a copy from before the change no longer opens the data. Disabling a user changes it too.
      </Typography>
      {status.error && <Alert severity="error" role="alert" sx={{ mt: 1 }}>{status.error}</Alert>}
      {s && (
        <Stack spacing={1} sx={{ mt: 1 }}>
          <Typography>Key generation {s.generation}{s.generation === 1 ? ' (the key set at setup)' : ''}.</Typography>
          {s.rotationDue && (
            <Alert severity="warning">
              A key change is waiting ({s.rotationDue}): Signpost was open elsewhere on this data folder. Close it there and choose
              Change the key now, or it happens at the next sign-in.
            </Alert>
          )}
          {s.usersWithOldSlots.length > 0 && (
            <Alert severity="info">
              {s.usersWithOldSlots.join(', ')} {s.usersWithOldSlots.length === 1 ? 'has' : 'have'} not signed in since Signpost was updated:
              a key change now would need a new temporary password for {s.usersWithOldSlots.length === 1 ? 'them' : 'each of them'}.
            </Alert>
          )}
          {s.recoveryKey === 'missing' && <Alert severity="warning">There is no recovery key: make a new one and keep it safe.</Alert>}
          {s.recoveryKey === 'old-format' && <Alert severity="info">The recovery key from setup is in an old format: a key change retires it, and you then make a new one.</Alert>}
        </Stack>
      )}
      {message && <Alert severity={message.severity} role={message.severity === 'error' ? 'alert' : 'status'} sx={{ mt: 1 }}>{message.text}</Alert>}
      {busy !== 'none' && (
        <Box role="status" sx={{ mt: 2 }}>
          <Typography>{busy === 'rotating' ? 'Re-encrypting the database under a new key. A large database takes a minute: keep Signpost open.' : 'Making a new recovery key…'}</Typography>
          <LinearProgress aria-label={busy === 'rotating' ? 'Changing the key' : 'Making a recovery key'} sx={{ mt: 1 }} />
        </Box>
      )}
      {recoveryKey ? (
        <Box sx={{ mt: 2 }}>
          <RecoveryKeyStep recoveryKey={recoveryKey} continueLabel="I have kept it" onContinue={async () => setRecoveryKey(undefined)} />
        </Box>
      ) : (
        <Stack direction="row" spacing={2} sx={{ mt: 2 }}>
          <Button variant="contained" disabled={busy !== 'none'} onClick={() => void rotate()}>Change the key now</Button>
          <Button variant="outlined" disabled={busy !== 'none'} onClick={() => void newRecoveryKey()}>Make a new recovery key</Button>
        </Stack>
      )}
    </Box>
  );
}
