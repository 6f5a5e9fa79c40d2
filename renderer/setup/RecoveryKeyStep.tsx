import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { viewNow } from '../shared/clock';

function saveAsFile(recoveryKey: string): void {
  const text = [
    'Signpost recovery key',
    '',
    recoveryKey,
    '',
    'Keep this somewhere safe and separate from the PC, such as the practice safe.',
    'With it, a practice manager can get back into Signpost if every manager password is forgotten.',
    `Created ${viewNow().toLocaleDateString('en-GB', { timeZone: 'Europe/London' })}.`,
  ].join('\r\n');
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = 'signpost-recovery-key.txt';
  link.click();
  URL.revokeObjectURL(url);
}

/** The recovery key is shown once; the person must say they have kept it before going on. */
export function RecoveryKeyStep({ recoveryKey, onContinue, continueLabel = 'Continue to Signpost' }: { recoveryKey: string; onContinue: () => Promise<void>; continueLabel?: string }) {
  const [kept, setKept] = useState(false);
  return (
    <Box>
      <Alert severity="warning" sx={{ mb: 2 }}>
        This is the only time Signpost shows the recovery key. Print it or save it now, and keep it somewhere safe away from this PC.
      </Alert>
      <Typography component="p" sx={{ mb: 1 }}>Recovery key</Typography>
      <Box
        data-testid="recovery-key"
        sx={{ fontFamily: 'monospace', fontSize: '1.25rem', p: 2, bgcolor: 'background.default', border: 1, borderColor: 'divider', wordBreak: 'break-all', mb: 2 }}
      >
        {recoveryKey}
      </Box>
      <Stack direction="row" spacing={2} sx={{ mb: 2, '@media print': { display: 'none' } }}>
        <Button variant="outlined" onClick={() => window.print()}>Print</Button>
        <Button variant="outlined" onClick={() => saveAsFile(recoveryKey)}>Save as a file</Button>
      </Stack>
      <FormControlLabel
        control={<Checkbox checked={kept} onChange={(e) => setKept(e.target.checked)} />}
        label="I have printed or saved the recovery key"
      />
      <Box sx={{ display: 'flex', justifyContent: 'flex-end', mt: 2 }}>
        <Button variant="contained" disabled={!kept} onClick={() => void onContinue()}>
          {continueLabel}
        </Button>
      </Box>
    </Box>
  );
}
