import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import IconButton from '@mui/material/IconButton';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import UpIcon from '@mui/icons-material/ArrowUpward';
import DownIcon from '@mui/icons-material/ArrowDownward';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import { useEffect, useState } from 'react';
import { today } from '../shared/clock';
import { type ExportFormat, exportFormatLabels, type IssueDetail, type IssueDraft, issueStatusLabels } from '../../main/contract/newsletter';
import { ApiError, call } from '../api/client';
import { downloadFile } from '../shared/download';
import { ukDate, ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { EmailPreview } from './EmailPreview';

const FORMATS: readonly ExportFormat[] = ['eml', 'pdf', 'docx', 'html'];

function Section({ id, title, children, hint }: { id: string; title: string; hint?: string; children: React.ReactNode }) {
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2 }}>
      <Typography variant="h3" id={id}>{title}</Typography>
      {hint && <Typography variant="body2" color="text.secondary">{hint}</Typography>}
      {children}
    </Paper>
  );
}

/** A final issue's two ways on: correct it as a new version, or withdraw it (each asks for its reason first). */
function AfterSendingDialog({ kind, detail, onClose, onDone }: { kind: 'correct' | 'withdraw'; detail: IssueDetail; onClose: () => void; onDone: (next: IssueDetail, message: string) => void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string>();
  const correct = kind === 'correct';
  const send = async () => {
    if (text.trim() === '') {
      setError(correct ? 'Enter what the correction changes' : 'Enter why it is withdrawn');
      return;
    }
    try {
      const next = correct ? await call('newsletter.correct', { id: detail.summary.id, note: text.trim() }) : await call('newsletter.withdraw', { id: detail.summary.id, reason: text.trim() });
      onDone(next, correct ? `Version ${next.summary.version} started as a correction: change what needs changing, then finalise and send it.` : 'The issue is withdrawn: it is kept for the record and cannot be exported or sent again.');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.fieldErrors.note?.[0] ?? e.fieldErrors.reason?.[0] ?? e.message);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="after-sending-title" fullWidth maxWidth="sm">
      <DialogTitle id="after-sending-title">{correct ? `Correct the ${detail.summary.label} issue?` : `Withdraw the ${detail.summary.label} issue?`}</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 1 }}>
          {correct
            ? 'A new version starts as a draft copied from this one. This one is kept exactly as it was sent. The new version says at the top that it is a correction, and what it changes.'
            : 'It is kept for the record, marked withdrawn with your reason, and can no longer be exported or sent. You can still correct it as a new version afterwards.'}
        </Typography>
        <TextField label={correct ? 'What the correction changes' : 'Why it is withdrawn'} value={text} onChange={(e) => { setText(e.target.value); setError(undefined); }} multiline minRows={2} error={error !== undefined} helperText={error ?? (correct ? 'Readers see this at the top of the corrected issue.' : undefined)} autoFocus />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" color={correct ? 'primary' : 'error'} onClick={send}>{correct ? 'Start the correction' : 'Withdraw the issue'}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** The composer beside a live preview of the e-mail; a final issue shows as kept, with its exports. */
export function IssueComposer({ detail: initial, onBack, onOpenIssue }: { detail: IssueDetail; onBack: () => void; onOpenIssue?: (id: number) => void }) {
  const [detail, setDetail] = useState(initial);
  const [draft, setDraft] = useState<IssueDraft>(initial.draft);
  const [preview, setPreview] = useState('');
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string }>();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [confirming, setConfirming] = useState(false);
  const [exporting, setExporting] = useState<ExportFormat>();
  const [sentOn, setSentOn] = useState(today());
  const [afterSending, setAfterSending] = useState<'correct' | 'withdraw'>();
  const id = detail.summary.id;
  const isDraft = detail.summary.status === 'draft';
  const set = (patch: Partial<IssueDraft>) => setDraft((d) => ({ ...d, ...patch }));

  // The preview follows the fields as they are typed, once the manager pauses.
  const key = JSON.stringify(draft);
  useEffect(() => {
    const timer = setTimeout(() => {
      call('newsletter.preview', isDraft ? { id, draft } : { id }).then((r) => setPreview(r.html), () => undefined);
    }, 400);
    return () => clearTimeout(timer);
    // `key` stands for the draft.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, id, isDraft]);

  const run = async (what: () => Promise<IssueDetail>, done: string) => {
    setMessage(undefined);
    setErrors({});
    try {
      const next = await what();
      setDetail(next);
      setDraft(next.draft);
      setMessage({ severity: 'success', text: done });
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.fieldErrors);
        setMessage({ severity: 'error', text: e.message });
      } else throw e;
    }
  };

  const exportAs = async (format: ExportFormat) => {
    setExporting(format);
    setMessage(undefined);
    try {
      downloadFile(await call('newsletter.export', { id, format }));
      setDetail(await call('newsletter.get', { id }));
      setMessage({ severity: 'success', text: `${exportFormatLabels[format]} made. Open it from your downloads.` });
    } catch (e) {
      setMessage({ severity: 'error', text: e instanceof ApiError ? e.message : 'The export failed.' });
    } finally {
      setExporting(undefined);
    }
  };

  const chosen = draft.storyIds;
  const move = (i: number, by: number) => {
    const next = [...chosen];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    set({ storyIds: next });
  };
  const toggle = (storyId: number) => set({ storyIds: chosen.includes(storyId) ? chosen.filter((s) => s !== storyId) : [...chosen, storyId] });
  const title = (storyId: number) => detail.stories.find((s) => s.id === storyId)?.title ?? `Story ${storyId}`;

  const editor = (
    <Stack spacing={2}>
      <Section id="editorial-heading" title="From the editor" hint="A few lines to open the issue.">
        <TextField label="Editorial" value={draft.editorial} onChange={(e) => set({ editorial: e.target.value })} multiline minRows={3} />
      </Section>
      <Section id="stories-heading" title="Stories" hint="Choose one to four approved stories: two to four make a fuller issue. Stories whose consent does not cover this issue’s readers cannot be chosen.">
        <FormControlLabel
          sx={{ mt: 1 }}
          control={
            <Checkbox
              checked={draft.outsideNhs}
              onChange={(e) => {
                const next = { ...draft, outsideNhs: e.target.checked };
                setDraft(next);
                void run(() => call('newsletter.save', { id, draft: next }), e.target.checked ? 'Saved: only stories whose consent covers sharing outside the NHS can go in.' : 'Saved.');
              }}
            />
          }
          label="This issue will also be shared outside the NHS (for example with voluntary sector partners)"
        />
        {errors.storyIds && <Alert severity="error" sx={{ mt: 1 }}>{errors.storyIds.join(' ')}</Alert>}
        <Box role="group" aria-labelledby="stories-heading">
          {detail.stories.length === 0 && <Typography sx={{ mt: 1 }}>No approved stories yet.</Typography>}
          {detail.stories.map((s) => (
            <Box key={s.id}>
              <FormControlLabel
                control={<Checkbox checked={chosen.includes(s.id)} onChange={() => toggle(s.id)} disabled={s.refusal !== null && !chosen.includes(s.id)} />}
                label={<span><strong>{s.title}</strong> · {s.practiceName}</span>}
              />
              {s.refusal && <Typography variant="body2" color="error" sx={{ ml: 4, mt: -1 }}>Cannot go in: {s.refusal}</Typography>}
            </Box>
          ))}
        </Box>
        {chosen.length > 1 && (
          <Box sx={{ mt: 1 }}>
            <Typography variant="body2" sx={{ fontWeight: 700 }}>Order in the issue</Typography>
            <Box component="ol" sx={{ m: 0, pl: 3 }}>
              {chosen.map((sid, i) => (
                <li key={sid}>
                  {title(sid)}
                  <IconButton size="small" aria-label={`Move “${title(sid)}” up`} disabled={i === 0} onClick={() => move(i, -1)}><UpIcon fontSize="small" /></IconButton>
                  <IconButton size="small" aria-label={`Move “${title(sid)}” down`} disabled={i === chosen.length - 1} onClick={() => move(i, 1)}><DownIcon fontSize="small" /></IconButton>
                </li>
              ))}
            </Box>
          </Box>
        )}
      </Section>
      <Section id="spotlight-heading" title="Service spotlight" hint="One service from the directory.">
        <TextField select label="Service" slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }} value={draft.spotlightServiceId === null ? '' : String(draft.spotlightServiceId)} onChange={(e) => set({ spotlightServiceId: e.target.value === '' ? null : Number(e.target.value) })} error={errors.spotlightServiceId !== undefined} helperText={errors.spotlightServiceId?.[0]}>
          <MenuItem value="">No spotlight this month</MenuItem>
          {detail.services.map((s) => <MenuItem key={s.id} value={String(s.id)}>{s.name}</MenuItem>)}
        </TextField>
        <TextField label="Why this service (optional)" value={draft.spotlightNote} onChange={(e) => set({ spotlightNote: e.target.value })} multiline minRows={2} />
      </Section>
      <Section id="worker-heading" title="Meet your link worker">
        <TextField select label="Link worker" slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }} value={draft.linkWorkerName} onChange={(e) => set({ linkWorkerName: e.target.value })}>
          <MenuItem value="">Leave this section out</MenuItem>
          {[...new Set([...detail.linkWorkers, ...(draft.linkWorkerName ? [draft.linkWorkerName] : [])])].map((n) => <MenuItem key={n} value={n}>{n}</MenuItem>)}
        </TextField>
        <TextField label="A few words about them" value={draft.linkWorkerText} onChange={(e) => set({ linkWorkerText: e.target.value })} multiline minRows={2} />
      </Section>
      <Section id="mdt-heading" title="Upcoming MDT meetings" hint="The next meetings come from the MDT calendar. Add any other date the team should know about.">
        {detail.mdtCalendar.length > 0 ? (
          <Box component="ul" sx={{ my: 1, pl: 3 }}>
            {detail.mdtCalendar.map((m) => <li key={`${m.date}-${m.note}`}>{ukDate(m.date)}: {m.note}</li>)}
          </Box>
        ) : (
          <Typography sx={{ my: 1 }}>No MDT meetings are in the calendar for the coming weeks.</Typography>
        )}
        {draft.mdtDates.map((d, i) => (
          <Stack direction="row" spacing={1} key={i} sx={{ alignItems: 'center', mt: 1 }}>
            <TextField type="date" label={`Meeting ${i + 1} date`} value={d.date} slotProps={{ inputLabel: { shrink: true } }} onChange={(e) => set({ mdtDates: draft.mdtDates.map((x, j) => (j === i ? { ...x, date: e.target.value } : x)) })} error={errors[`mdtDates.${i}.date`] !== undefined} helperText={errors[`mdtDates.${i}.date`]?.[0]} sx={{ maxWidth: 200 }} />
            <TextField label={`Meeting ${i + 1} place and time`} value={d.note} onChange={(e) => set({ mdtDates: draft.mdtDates.map((x, j) => (j === i ? { ...x, note: e.target.value } : x)) })} />
            <IconButton aria-label={`Remove meeting ${i + 1}`} onClick={() => set({ mdtDates: draft.mdtDates.filter((_, j) => j !== i) })}><DeleteIcon /></IconButton>
          </Stack>
        ))}
        <Button onClick={() => set({ mdtDates: [...draft.mdtDates, { date: '', note: '' }] })} sx={{ mt: 1 }}>Add another date</Button>
      </Section>
      <Section id="refer-heading" title="How to refer" hint="The SNOMED CT code and when to record it are added beneath these words.">
        <TextField label="How to refer" value={draft.howToRefer} onChange={(e) => set({ howToRefer: e.target.value })} multiline minRows={3} />
      </Section>
      <Stack direction="row" spacing={1}>
        <Button variant="contained" onClick={() => run(() => call('newsletter.save', { id, draft }), 'Draft saved.')}>Save draft</Button>
        <Button variant="outlined" onClick={() => setConfirming(true)}>Finalise issue…</Button>
      </Stack>
    </Stack>
  );

  return (
    <Box>
      <Button onClick={onBack} sx={{ mb: 1 }}>← Back to all issues</Button>
      <PageHeader title={`Newsletter: ${detail.summary.label}`} intro={issueStatusLabels[detail.summary.status] + (detail.summary.sentOn ? `, sent on ${ukDate(detail.summary.sentOn)}` : '')} />
      {message && <Alert severity={message.severity} sx={{ mb: 2 }} role={message.severity === 'error' ? 'alert' : 'status'}>{message.text}</Alert>}
      {detail.summary.correctsIssueId !== null && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          A correction (version {detail.summary.version}) of the issue already sent, which is kept as it was. What it changes: {detail.summary.correctionNote}
        </Alert>
      )}
      {detail.summary.withdrawnAt && (
        <Alert severity="error" sx={{ mb: 2 }}>
          Withdrawn on {ukDateTime(detail.summary.withdrawnAt)} by {detail.summary.withdrawnByName}: {detail.summary.withdrawnReason}. It cannot be exported or sent again.
        </Alert>
      )}
      {detail.summary.correctedByIssueId !== null && (
        <Alert severity="info" sx={{ mb: 2 }} action={onOpenIssue && <Button color="inherit" onClick={() => onOpenIssue(detail.summary.correctedByIssueId!)}>Open the correction</Button>}>
          A newer version corrects this issue. This one is kept exactly as it was sent.
        </Alert>
      )}
      {isDraft && detail.problems.length > 0 && (
        <Alert severity="info" sx={{ mb: 2 }}>
          Before this issue can be finalised: {detail.problems.join(' ')}
        </Alert>
      )}
      {isDraft && detail.notes.map((n) => <Alert severity="info" sx={{ mb: 2 }} key={n}>{n}</Alert>)}
      {detail.summary.withdrawnStories > 0 && <Alert severity="error" sx={{ mb: 2 }}>Consent was withdrawn for {detail.summary.withdrawnStories === 1 ? 'a story' : `${detail.summary.withdrawnStories} stories`} in this issue. Do not send or share it again.</Alert>}

      {!isDraft && !detail.summary.withdrawnAt && (
        <Paper variant="outlined" component="section" aria-labelledby="export-heading" sx={{ p: 2, mb: 3 }}>
          <Typography variant="h2" id="export-heading">Export</Typography>
          <Typography color="text.secondary">
            Kept exactly as finalised on {detail.summary.finalisedAt ? ukDateTime(detail.summary.finalisedAt) : ''}: every export of a format is the very same file. The e-mail draft opens in Outlook ready to address and send.
          </Typography>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={1} sx={{ mt: 1.5, alignItems: { md: 'center' } }}>
            {FORMATS.map((f) => (
              <Button key={f} variant={f === 'eml' ? 'contained' : 'outlined'} disabled={exporting !== undefined} onClick={() => exportAs(f)}>
                {exportFormatLabels[f]}
              </Button>
            ))}
            {exporting && (
              <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
                <CircularProgress size={20} aria-hidden />
                <Typography>Making the {exportFormatLabels[exporting]}…</Typography>
              </Stack>
            )}
          </Stack>
          {detail.files.length > 0 && (
            <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
              Exported: {detail.files.map((f) => `${f.fileName} (${ukDateTime(f.createdAt)})`).join('; ')}
            </Typography>
          )}
          {detail.summary.status === 'final' && (
            <Stack direction="row" spacing={1} sx={{ mt: 2, alignItems: 'center' }}>
              <TextField type="date" label="Date it was sent" value={sentOn} onChange={(e) => setSentOn(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 220 }} margin="none" error={errors.sentOn !== undefined} helperText={errors.sentOn?.[0]} />
              <Button onClick={() => run(() => call('newsletter.markSent', { id, sentOn }), 'Recorded as sent.')}>Record as sent</Button>
            </Stack>
          )}
        </Paper>
      )}
      {!isDraft && detail.summary.correctedByIssueId === null && (
        <Paper variant="outlined" component="section" aria-labelledby="after-heading" sx={{ p: 2, mb: 3 }}>
          <Typography variant="h2" id="after-heading">Something wrong in it?</Typography>
          <Typography color="text.secondary">Correct it as a new version: this one stays exactly as it was sent, and the correction says what it changes. {detail.summary.withdrawnAt ? '' : 'Or withdraw it, so it is not sent or shared again.'}</Typography>
          <Stack direction="row" spacing={1} sx={{ mt: 1.5 }}>
            <Button variant="outlined" onClick={() => setAfterSending('correct')}>Correct as a new version…</Button>
            {!detail.summary.withdrawnAt && <Button variant="outlined" color="error" onClick={() => setAfterSending('withdraw')}>Withdraw the issue…</Button>}
          </Stack>
        </Paper>
      )}
      {afterSending && (
        <AfterSendingDialog
          kind={afterSending}
          detail={detail}
          onClose={() => setAfterSending(undefined)}
          onDone={(next, text) => {
            setAfterSending(undefined);
            setDetail(next);
            setDraft(next.draft);
            setMessage({ severity: 'success', text });
          }}
        />
      )}

      <Box sx={{ display: 'grid', gridTemplateColumns: isDraft ? { xs: '1fr', md: 'minmax(340px, 1fr) 500px', xl: 'minmax(0, 1fr) 640px' } : '1fr', gap: 3, alignItems: 'start' }}>
        {isDraft && <Box component="section" aria-label="Compose the issue">{editor}</Box>}
        <Box
          component="section"
          aria-labelledby="preview-heading"
          // It scrolls on its own beside the editor: keyboard users can focus it to scroll.
          tabIndex={isDraft ? 0 : undefined}
          sx={isDraft ? { position: { md: 'sticky' }, top: { md: 80 }, maxHeight: { md: 'calc(100vh - 100px)' }, overflowY: { md: 'auto' } } : {}}
        >
          <Typography variant="h2" id="preview-heading" sx={{ mb: 1 }}>{isDraft ? 'Preview of the e-mail' : 'The issue as sent'}</Typography>
          {isDraft && <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>Follows what you type; shown smaller here than in the e-mail.</Typography>}
          <Box sx={isDraft ? { zoom: { md: 0.78, xl: 1 } } : {}}>
            <EmailPreview html={preview} label="Preview of the newsletter e-mail" />
          </Box>
        </Box>
      </Box>

      <Dialog open={confirming} onClose={() => setConfirming(false)} aria-labelledby="finalise-title">
        <DialogTitle id="finalise-title">Finalise the {detail.summary.label} issue?</DialogTitle>
        <DialogContent>
          <Typography>The stories and figures are kept exactly as they are now, so the issue can be sent and looked back on as it was. It cannot be changed afterwards: a mistake is put right by a correction, sent as a new version.</Typography>
          {detail.problems.length > 0 && <Alert severity="warning" sx={{ mt: 1 }}>{detail.problems.join(' ')}</Alert>}
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Cancel</Button>
          <Button
            variant="contained"
            onClick={async () => {
              setConfirming(false);
              await run(async () => {
                await call('newsletter.save', { id, draft });
                return call('newsletter.finalise', { id });
              }, 'Issue finalised. Export it below.');
            }}
          >
            Finalise issue
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
