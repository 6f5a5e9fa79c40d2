import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { formatNhsNumber, SNOMED } from '../../main/contract/nhs';
import { contactMethodLabels, type PatientDetailsToReconcile, type ReferralDetail, type ReferralStatus, reasonLabels, referralSourceLabels, statusLabels, urgencyLabels } from '../../main/contract/referrals';
import type { Role } from '../../main/contract/roles';
import { ApiError, call } from '../api/client';
import { CaseworkPanel } from '../casework/CaseworkPanel';
import { MeasuresPanel } from '../measures';
import { downloadFile } from '../shared/download';
import { ukDate, ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useRemembered } from '../shared/sessionMemory';
import { useLoad } from '../shared/useLoad';
import { ChooseDetailsDialog } from './ChooseDetailsDialog';
import { CodeToRecord, DECLINED_CODE_RULE, REFERRAL_CODE_RULE } from './CodeToRecord';
import { CorrectDetailsDialog, CorrectPatientDialog } from './CorrectionDialogs';
import { MessageBackDialog } from './MessageBackDialog';
import { MessageBackList } from './MessageBackList';
import { StatusChip } from './StatusChip';
import { TransitionDialog } from './TransitionDialog';
import { today } from '../shared/clock';


function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box sx={{ display: 'grid', gridTemplateColumns: '220px 1fr', gap: 2, py: 0.5 }}>
      <Typography component="dt" color="text.secondary">{label}</Typography>
      <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>{children || '—'}</Typography>
    </Box>
  );
}

function SectionHeading({ id, title, action, onAction }: { id: string; title: string; action: string; onAction: () => void }) {
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between' }}>
      <Typography variant="h2" id={id}>{title}</Typography>
      <Button size="small" onClick={onAction}>{action}</Button>
    </Stack>
  );
}

/** The typed details of a referrer from another practice, waiting to be checked against the record. */
function ReconcileNotice({ toReconcile, onCheck }: { toReconcile: PatientDetailsToReconcile; onCheck: () => void }) {
  const { differences } = toReconcile;
  return (
    <Alert severity="warning" sx={{ mb: 2 }} component="section" role="region" aria-labelledby="reconcile-heading"
      action={<Button color="inherit" variant="outlined" onClick={onCheck}>{differences.length > 0 ? 'Check the details' : 'Mark as checked'}</Button>}>
      <Typography variant="h2" id="reconcile-heading" sx={{ fontSize: '1.1rem', mb: 0.5 }}>Details to reconcile</Typography>
      <Typography sx={{ mb: 1 }}>
        {toReconcile.typedByName} works at another practice and made this referral on {ukDate(toReconcile.typedAt)}. The patient record below was not
        changed. {differences.length > 0 ? 'What they typed differs from it:' : 'The record now holds what they typed.'}
      </Typography>
      {differences.length > 0 && (
        <Box component="table" sx={{ borderCollapse: 'collapse', '& th, & td': { textAlign: 'left', pr: 3, py: 0.25, verticalAlign: 'top' } }}>
          <thead><tr><th scope="col">Detail</th><th scope="col">The record</th><th scope="col">On the referral</th></tr></thead>
          <tbody>{differences.map((d) => <tr key={d.field}><th scope="row">{d.label}</th><td>{d.stored || '—'}</td><td>{d.typed}</td></tr>)}</tbody>
        </Box>
      )}
    </Alert>
  );
}

export function ReferralScreen({ id, role, onBack, backLabel = 'Back to the inbox' }: { id: number; role: Role; onBack: () => void; backLabel?: string }) {
  const referral = useLoad(() => call('referrals.get', { id }), [id]);
  const [dialog, setDialog] = useRemembered<{ kind: 'transition'; to: ReferralStatus } | { kind: 'message' } | { kind: 'details' | 'patient' | 'reconcile' } | undefined>(`referral-dialog:${id}`, undefined);
  const practices = useLoad(() => call('practices.list', {}));
  const [error, setError] = useState<string>();
  const r = referral.data;
  const canAct = role === 'link_worker';

  const act = async (work: () => Promise<ReferralDetail | void>) => {
    try {
      setError(undefined);
      const next = await work();
      if (next) referral.setData(next);
      else await referral.reload();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'That did not work; try again.');
    }
  };

  if (referral.error) return <Alert severity="error" role="alert">{referral.error}</Alert>;
  if (!r) return <PageHeader title="Referral" />;
  const { summary, patient, details } = r;
  const coded = new Set(r.coding.map((c) => c.code));
  const todayDate = today();
  const declined = summary.status === 'declined';
  const code = declined ? SNOMED.declined : SNOMED.referral;

  return (
    <>
      <Button onClick={onBack} sx={{ mb: 1 }}>← {backLabel}</Button>
      <PageHeader
        title={`${patient.givenName} ${patient.familyName}`}
        intro={`Referral ${summary.id} · NHS ${formatNhsNumber(patient.nhsNumber)} · born ${ukDate(patient.dateOfBirth)} · ${summary.practiceName}`}
        actions={<Button variant="outlined" onClick={() => void act(async () => downloadFile(await call('referrals.exportPdf', { id })))}>Save as PDF</Button>}
      />
      {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
      {details.safeguardingConcern && (
        <Alert severity="error" sx={{ mb: 2 }}>
          Safeguarding concern: {details.safeguardingDetails}
          {details.safeguardingEscalated ? ` Escalated to ${details.safeguardingEscalatedTo}.` : ' Not yet escalated.'}
        </Alert>
      )}
      {r.toReconcile && <ReconcileNotice toReconcile={r.toReconcile} onCheck={() => setDialog({ kind: 'reconcile' })} />}
      <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="status-heading">
        <Stack direction="row" spacing={2} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <Typography variant="h2" id="status-heading">Status</Typography>
          <StatusChip status={summary.status} />
          <Chip size="small" label={urgencyLabels[summary.urgency]} />
          {summary.stale && <Chip size="small" color="warning" label="Untouched too long" />}
          <Typography>{summary.assignedToName ? `Link worker: ${summary.assignedToName}` : 'Not yet accepted by a link worker'}</Typography>
          <Typography>Contact attempts: {r.contactAttempts}</Typography>
        </Stack>
        {canAct && (
          <Stack direction="row" spacing={1} sx={{ mt: 2, flexWrap: 'wrap', gap: 1 }}>
            {r.allowedNext.map((to) => (
              <Button key={to} variant={to === 'accepted' || to === 'contacted' || to === 'in_progress' ? 'contained' : 'outlined'} onClick={() => setDialog({ kind: 'transition', to })}>
                Mark as {statusLabels[to].toLowerCase()}
              </Button>
            ))}
            {['accepted'].includes(summary.status) && (
              <Button variant="outlined" onClick={() => void act(() => call('referrals.recordContactAttempt', { id, note: '' }))}>Record a failed contact attempt</Button>
            )}
            {summary.status !== 'received' && <Button variant="outlined" onClick={() => setDialog({ kind: 'message' })}>Write the message back</Button>}
          </Stack>
        )}
      </Paper>

      {summary.status !== 'received' && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="coding-heading">
          <Typography variant="h2" id="coding-heading">Coding in the GP record</Typography>
          <CodeToRecord code={code.code} term={code.term} rule={declined ? DECLINED_CODE_RULE : REFERRAL_CODE_RULE} />
          {r.coding.map((c) => (
            <Typography key={c.code + c.recordedAt}>Recorded {c.code} |{c.term}| on {ukDate(c.recordedOn)} by {c.byName}.</Typography>
          ))}
          {!coded.has(code.code) && (
            <Button variant="contained" onClick={() => void act(() => call('referrals.recordCoding', { id, code: code.code, recordedOn: todayDate }))}>
              I have recorded the code today
            </Button>
          )}
        </Paper>
      )}

      {summary.status !== 'received' && (
        <>
          <CaseworkPanel referralId={id} canEdit={role === 'link_worker'} onChanged={() => void referral.reload()} referralStatus={summary.status} />
          <Paper variant="outlined" sx={{ p: 2, mb: 2 }}>
            <MeasuresPanel referralId={id} canRecord={role === 'link_worker'} />
          </Paper>
        </>
      )}

      <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="referral-heading">
        <SectionHeading id="referral-heading" title="The referral" action="Correct the referral details" onAction={() => setDialog({ kind: 'details' })} />
        <Box component="dl" sx={{ m: 0 }}>
          <Field label="From">{`${r.referrerName} (${referralSourceLabels[details.source]}) on ${ukDate(details.referralDate)}`}</Field>
          <Field label="Reasons">{details.reasons.map((x) => reasonLabels[x]).join('; ') + (details.reasonOther ? ` (${details.reasonOther})` : '')}</Field>
          <Field label="What matters to the person">{details.whatMatters}</Field>
          <Field label="Consent">{`Agreed; taken by ${details.consentTakenBy} on ${ukDate(details.consentDate)}`}</Field>
          <Field label="Agreed to MDT discussion">{details.mdtConsent ? 'Yes' : 'No'}</Field>
          <Field label="Lone-working risks">{details.loneWorkingRisks}</Field>
          <Field label="Other agencies involved">{details.otherAgencies}</Field>
          <Field label="Long-term conditions">{details.longTermConditions}</Field>
        </Box>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="patient-heading">
        <SectionHeading id="patient-heading" title="Contact" action="Correct the patient’s details" onAction={() => setDialog({ kind: 'patient' })} />
        <Box component="dl" sx={{ m: 0 }}>
          <Field label="Preferred name">{patient.preferredName}</Field>
          <Field label="Address">{[patient.addressLine1, patient.addressLine2, patient.town, patient.postcode].filter(Boolean).join(', ')}</Field>
          <Field label="Phone">{patient.phones.map((p) => `${p.number} (${p.type}${p.safeForMessage ? ', safe to leave a message' : ', no messages'})`).join('\n')}</Field>
          <Field label="E-mail">{patient.email}</Field>
          <Field label="Prefers">{`${contactMethodLabels[patient.preferredContactMethod]}${patient.preferredContactTimes ? `, ${patient.preferredContactTimes}` : ''}`}</Field>
          <Field label="Language">{`${patient.firstLanguage || 'Not recorded'}${patient.interpreterNeeded ? ', needs an interpreter' : ''}`}</Field>
          <Field label="Communication needs">{patient.communicationNeeds}</Field>
        </Box>
      </Paper>

      <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="messages-heading">
        <Typography variant="h2" id="messages-heading">Messages back</Typography>
        <MessageBackList messages={r.messages} onError={setError} />
      </Paper>

      <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="timeline-heading">
        <Typography variant="h2" id="timeline-heading">Timeline</Typography>
        <Box component="ol" sx={{ pl: 2 }}>
          {r.timeline.map((e) => (
            <li key={e.id}>
              <Typography>
                <strong>{ukDateTime(e.at)}</strong> · {e.byName} · {e.kind === 'status' && e.status ? `${statusLabels[e.status]}${e.text ? ` — ${e.text}` : ''}` : e.text}
              </Typography>
            </li>
          ))}
        </Box>
      </Paper>

      {dialog?.kind === 'transition' && (
        <TransitionDialog referral={r} to={dialog.to} onClose={() => setDialog(undefined)} onDone={(next) => { setDialog(undefined); referral.setData(next); }} />
      )}
      {dialog?.kind === 'details' && (
        <CorrectDetailsDialog referral={r} onClose={() => setDialog(undefined)} onDone={(next) => { setDialog(undefined); referral.setData(next); }} />
      )}
      {dialog?.kind === 'patient' && practices.data && (
        <CorrectPatientDialog patient={patient} practices={practices.data.practices} onClose={() => setDialog(undefined)} onDone={() => { setDialog(undefined); void referral.reload(); }} />
      )}
      {dialog?.kind === 'reconcile' && r.toReconcile && (
        <ChooseDetailsDialog
          title="Check the typed details"
          intro={`${r.toReconcile.typedByName} works at another practice and typed these details on the referral. Check them against the practice record: which are right?`}
          differences={r.toReconcile.differences}
          typedLabel="On the referral"
          confirmLabel="Save and mark as checked"
          onCancel={() => setDialog(undefined)}
          onConfirm={async (choices) => {
            const next = await call('referrals.reconcile', { id, choices });
            setDialog(undefined);
            referral.setData(next);
          }}
        />
      )}
      {dialog?.kind === 'message' && (
        <MessageBackDialog
          referralId={id}
          occasion={summary.status === 'closed' ? 'closure' : r.messages.length === 0 ? 'acceptance' : 'update'}
          onClose={() => setDialog(undefined)}
          onSent={() => { setDialog(undefined); void referral.reload(); }}
        />
      )}
    </>
  );
}
