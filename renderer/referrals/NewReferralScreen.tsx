import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { SNOMED } from '../../main/contract/nhs';
import type { SessionUser } from '../../main/contract/people';
import { call } from '../api/client';
import { ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { CodeToRecord, REFERRAL_CODE_RULE } from './CodeToRecord';
import { emptyReferralForm, type ReferralFormValues } from './referralFormDefaults';
import { ReferralForm } from './ReferralForm';

type Stage = { kind: 'form'; key: number; draftId?: number; initial: ReferralFormValues } | { kind: 'made'; id: number };

export function NewReferralScreen({ user }: { user: SessionUser }) {
  const practices = useLoad(() => call('practices.list', {}));
  const drafts = useLoad(() => call('referrals.drafts', {}));
  const [stage, setStage] = useState<Stage>();
  const [formCount, setFormCount] = useState(0);
  const myPractices = practices.data?.practices.filter((p) => user.practiceIds.includes(p.id)) ?? [];
  const fresh = (): Stage => ({ kind: 'form', key: -formCount - 1, initial: emptyReferralForm(myPractices.length === 1 ? myPractices[0]!.id : undefined, user.fullName) });

  if (!practices.data || !drafts.data) return <PageHeader title="Refer to the link worker" />;
  const current = stage ?? fresh();

  if (current.kind === 'made') {
    return (
      <>
        <PageHeader title="Referral sent" />
        <Alert severity="success" role="status" sx={{ mb: 2, maxWidth: 880 }}>
          Referral number {current.id} is with the link worker. You can follow it under My referrals.
        </Alert>
        <Typography sx={{ maxWidth: 880 }}>
          When the patient accepts the referral, record this code in the clinical system (the link worker may do it for you; the
          referral shows whether it has been recorded).
        </Typography>
        <CodeToRecord code={SNOMED.referral.code} term={SNOMED.referral.term} rule={REFERRAL_CODE_RULE} />
        <Button variant="contained" onClick={() => { void drafts.reload(); setFormCount((n) => n + 1); setStage(undefined); }}>Make another referral</Button>
      </>
    );
  }

  const others = drafts.data.filter((d) => d.id !== current.draftId);
  return (
    <>
      <PageHeader title="Refer to the link worker" intro="Everything you type is kept as a draft, so a phone call or the screen locking loses nothing." />
      {others.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2, mb: 3, maxWidth: 880 }} component="section" aria-labelledby="drafts-heading">
          <Typography variant="h2" id="drafts-heading">Unfinished referrals</Typography>
          <List>
            {others.map((d) => (
              <ListItem key={d.id} divider secondaryAction={
                <Stack direction="row" spacing={1}>
                  <Button onClick={() => setStage({ kind: 'form', key: d.id, draftId: d.id, initial: { ...current.initial, ...(d.form as Partial<ReferralFormValues>) } })} aria-label={`Carry on with ${d.label}`}>Carry on</Button>
                  <Button color="error" onClick={async () => { await call('referrals.discardDraft', { id: d.id }); await drafts.reload(); }} aria-label={`Discard ${d.label}`}>Discard</Button>
                </Stack>
              }>
                <ListItemText primary={d.label} secondary={`Last saved ${ukDateTime(d.savedAt)}`} />
              </ListItem>
            ))}
          </List>
        </Paper>
      )}
      <ReferralForm
        key={current.key}
        initial={current.initial}
        draftId={current.draftId}
        practices={practices.data.practices}
        onMade={(made) => setStage({ kind: 'made', id: made.id })}
      />
    </>
  );
}
