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
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { recall, remember } from '../shared/sessionMemory';
import { useLoad } from '../shared/useLoad';
import { CodeToRecord, REFERRAL_CODE_RULE } from './CodeToRecord';
import { emptyReferralForm, type ReferralFormValues } from './referralFormDefaults';
import { ReferralForm } from './ReferralForm';

type Stage = { kind: 'form'; key: number; draftId?: number; initial: ReferralFormValues } | { kind: 'made'; id: number };
type Draft = { id: number; label: string; savedAt: string; form: Record<string, unknown> };

/** The draft on screen, so that unlocking (or a reload) reopens it rather than a blank form. */
const OPEN_DRAFT = 'referral-draft';

export function NewReferralScreen({ user }: { user: SessionUser }) {
  const practices = useLoad(() => call('practices.list', {}));
  const drafts = useLoad(() => call('referrals.drafts', {}));
  const [stage, setStageOnly] = useState<Stage>();
  const [formCount, setFormCount] = useState(0);
  const [discarding, setDiscarding] = useState<Draft>();
  const myPractices = practices.data?.practices.filter((p) => user.practiceIds.includes(p.id)) ?? [];
  const blank = (): ReferralFormValues => emptyReferralForm(myPractices.length === 1 ? myPractices[0]!.id : undefined, user.fullName);
  const fresh = (): Stage => ({ kind: 'form', key: -formCount - 1, initial: blank() });
  const carryOn = (d: Draft): Stage => ({ kind: 'form', key: d.id, draftId: d.id, initial: { ...blank(), ...(d.form as Partial<ReferralFormValues>) } });
  const setStage = (next: Stage | undefined) => {
    remember(OPEN_DRAFT, next?.kind === 'form' ? next.draftId : undefined);
    setStageOnly(next);
  };

  if (practices.error || drafts.error) return <><PageHeader title="Refer to the link worker" /><Alert severity="error" role="alert">{practices.error ?? drafts.error}</Alert></>;
  if (!practices.data || !drafts.data) return <PageHeader title="Refer to the link worker" />;
  const reopened = drafts.data.find((d) => d.id === recall<number>(OPEN_DRAFT));
  const current = stage ?? (reopened ? carryOn(reopened) : fresh());

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
                  <Button onClick={() => setStage(carryOn(d))} aria-label={`Carry on with ${d.label}`}>Carry on</Button>
                  <Button color="error" onClick={() => setDiscarding(d)} aria-label={`Discard ${d.label}`}>Discard</Button>
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
        onDraftSaved={(id) => { if (id !== current.draftId) setStage({ ...current, draftId: id }); }}
      />
      {discarding && (
        <ConfirmDialog
          title="Discard this unfinished referral?"
          confirmLabel="Discard the referral"
          cancelLabel="Keep it"
          onCancel={() => setDiscarding(undefined)}
          onConfirm={async () => {
            await call('referrals.discardDraft', { id: discarding.id });
            setDiscarding(undefined);
            await drafts.reload();
          }}
        >
          The referral for {discarding.label}, last saved {ukDateTime(discarding.savedAt)}, will be deleted. It cannot be got back.
        </ConfirmDialog>
      )}
    </>
  );
}
