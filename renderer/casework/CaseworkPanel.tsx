import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { type CaseFile, closureWarnings, workingStates } from '../../main/contract/casework';
import { type ReferralStatus, transitions } from '../../main/contract/referrals';
import { call } from '../api/client';
import { useRemembered } from '../shared/sessionMemory';
import { useLoad } from '../shared/useLoad';
import { CloseCaseDialog } from './CloseCaseDialog';
import { ContactsSection } from './ContactsSection';
import { MdtFlagSection } from './MdtFlagSection';
import { PlanSection } from './PlanSection';
import { SafeguardingAlert, SafeguardingSection } from './SafeguardingSection';
import { SignpostingSection } from './SignpostingSection';

export interface CaseworkPanelProps {
  referralId: number;
  /** Link workers record casework; others (practice managers) read it. */
  canEdit: boolean;
  /** Something changed that the referral itself shows (status, timeline): reload it. */
  onChanged: () => void;
  /** The referral's status as the case screen last loaded it: a move made there (say, to closed) reloads the panel. */
  referralStatus?: ReferralStatus;
}

/**
 * The casework of a case: safeguarding first, then contacts, the plan, services, MDT and closure.
 * Main answers each change with the new case file, so the panel shows exactly what was saved.
 */
export function CaseworkPanel({ referralId, canEdit, onChanged, referralStatus }: CaseworkPanelProps) {
  const load = useLoad(() => call('casework.get', { referralId }), [referralId]);
  const [announcement, setAnnouncement] = useState<string>();
  const [error, setError] = useState<string>();
  const [closing, setClosing] = useRemembered(`close-case-open:${referralId}`, false);
  const file = load.data;
  const { reload } = load;
  const stale = file !== undefined && referralStatus !== undefined && referralStatus !== file.status;
  useEffect(() => {
    if (stale) void reload();
  }, [stale, reload]);

  const saved = (next: CaseFile, text: string) => {
    load.setData(next);
    setError(undefined);
    setAnnouncement(text);
    onChanged();
  };

  if (load.error) return <Alert severity="error" role="alert" sx={{ mb: 2 }}>{load.error}</Alert>;
  if (!file) return null;
  const working = workingStates.includes(file.status);
  const canClose = canEdit && transitions[file.status].includes('closed');

  return (
    <Box>
      <SafeguardingAlert escalations={file.escalations} />
      <Box role="status" aria-live="polite">
        {announcement && <Alert severity="success" sx={{ mb: 2 }} onClose={() => setAnnouncement(undefined)}>{announcement}</Alert>}
      </Box>
      {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
      {file.status === 'closed' && file.outcome && (
        <Alert severity="success" sx={{ mb: 2 }}>Case closed. Outcome: {file.outcome}</Alert>
      )}

      <ContactsSection file={file} canEdit={canEdit && working} onSaved={saved} />
      <PlanSection file={file} canEdit={canEdit && working} onSaved={saved} onError={setError} />
      <SignpostingSection
        referralId={referralId}
        canEdit={canEdit}
        working={working}
        onChanged={(text) => {
          setAnnouncement(text);
          onChanged();
        }}
      />
      <SafeguardingSection file={file} canEdit={canEdit} onSaved={saved} />
      <MdtFlagSection file={file} canEdit={canEdit} onSaved={saved} onError={setError} />

      {canClose && (
        <Paper variant="outlined" component="section" aria-labelledby="close-heading" sx={{ p: 2, mb: 2 }}>
          <Typography id="close-heading" variant="h2">Closing the case</Typography>
          <Typography sx={{ my: 1 }}>
            When the person’s goals are met or they no longer need support, close the case with a summary of the outcome. The message back to the referrer is then filled in from the case.
          </Typography>
          <Button variant="contained" onClick={() => setClosing(true)}>Close the case</Button>
        </Paper>
      )}
      {closing && (
        <CloseCaseDialog
          referralId={referralId}
          warnings={closureWarnings(file)}
          alreadyClosed={file.status === 'closed'}
          onClose={() => setClosing(false)}
          onClosed={() => {
            setAnnouncement('Case closed. Check the message back, filled in from the case, and send it to the referrer.');
            void load.reload();
            onChanged();
          }}
          onMessageSent={() => {
            setClosing(false);
            setAnnouncement('Case closed and the message back sent.');
            onChanged();
          }}
        />
      )}
    </Box>
  );
}
