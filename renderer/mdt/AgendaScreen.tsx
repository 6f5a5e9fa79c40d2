import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { formatNhsNumber } from '../../main/contract/nhs';
import { endStates, statusLabels } from '../../main/contract/referrals';
import { type Agenda, type AgendaItem, type ItemPriority, priorityLabels } from '../../main/contract/mdt';
import type { Role } from '../../main/contract/roles';
import { ApiError, call } from '../api/client';
import { downloadFile } from '../shared/download';
import { ukDate } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { dayDate, fieldError, ukDateTimeInEngland } from './format';
import { MeetingMode } from './MeetingMode';

const sourceLabels = { flag: 'Flagged for MDT', carried: 'Carried forward', added: 'Added here' } as const;

function ItemText({ item }: { item: AgendaItem }) {
  return (
    <>
      <Typography sx={{ fontWeight: 700 }}>
        {item.patient ? item.patient.name : item.title}
        {item.priority !== 'routine' && <Chip size="small" color={item.priority === 'urgent' ? 'error' : 'warning'} label={priorityLabels[item.priority]} sx={{ ml: 1 }} />}
        {item.late && <Chip size="small" color="error" variant="outlined" label="Added late" sx={{ ml: 1 }} />}
        {item.patient && endStates.includes(item.patient.status) && <Chip size="small" variant="outlined" label={`Case ${statusLabels[item.patient.status].toLowerCase()}`} sx={{ ml: 1 }} />}
      </Typography>
      {item.patient && (
        <Typography variant="body2" color="text.secondary">
          NHS {formatNhsNumber(item.patient.nhsNumber)} · born {ukDate(item.patient.dateOfBirth)} · case owner {item.patient.caseOwner ?? 'not assigned'}
          {item.source ? ` · ${sourceLabels[item.source]}${item.flaggedByName && item.source === 'flag' ? ` by ${item.flaggedByName}` : ''}` : ''}
        </Typography>
      )}
      {item.question && <Typography variant="body2">{item.kind === 'case' ? 'Question: ' : ''}{item.question}</Typography>}
      {item.late && item.lateReason && <Typography variant="body2">Why late: {item.lateReason}</Typography>}
      {item.notes.decision && <Typography variant="body2"><strong>Decision:</strong> {item.notes.decision}</Typography>}
      {item.carryForward && <Typography variant="body2"><strong>Brought back to the next meeting.</strong></Typography>}
    </>
  );
}

/** One meeting: its agenda built from the caseload, additions, exports, and the way into meeting mode. */
export function AgendaScreen({ meetingId, role, onBack }: { meetingId: number; role: Role; onBack: () => void }) {
  const agenda = useLoad(() => call('mdt.agenda', { meetingId }), [meetingId]);
  const [error, setError] = useState<string>();
  const [adding, setAdding] = useState<'case' | 'topic' | { referralId: number; name: string; question: string }>();
  const [editing, setEditing] = useState<AgendaItem>();
  const [mode, setMode] = useState(false);
  const a = agenda.data;

  const act = async (work: () => Promise<Agenda | void>) => {
    try {
      setError(undefined);
      const next = await work();
      if (next) agenda.setData(next);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'That did not work; try again.');
    }
  };

  if (agenda.error) return <><Button onClick={onBack}>← Back to the calendar</Button><Alert severity="error" role="alert">{agenda.error}</Alert></>;
  if (!a) return <PageHeader title="MDT agenda" />;
  const m = a.meeting;
  if (mode || (m.startedAt !== null && m.endedAt === null && a.canPrepare)) {
    return <MeetingMode agenda={a} onChange={agenda.setData} onLeave={() => { setMode(false); void agenda.reload(); }} />;
  }
  const exportAgenda = (form: 'full' | 'redacted', format: 'pdf' | 'docx') => act(async () => downloadFile(await call('mdt.exportAgenda', { meetingId, form, format })));

  return (
    <>
      <Button onClick={onBack} sx={{ mb: 1 }}>← Back to the calendar</Button>
      <PageHeader
        title={`${m.practiceName} MDT, ${dayDate(m.date)}`}
        intro={`${m.startTime}–${m.endTime} · ${m.place || (m.onlineLink ? 'Online' : 'Place not set')} · chair ${m.chair || 'not set'} · link workers: ${m.linkWorkers.map((w) => w.name).join(', ') || 'none invited'}`}
        actions={a.canPrepare && m.status === 'scheduled' && m.endedAt === null && (
          <Button variant="contained" onClick={() => void act(async () => { const next = await call('mdt.start', { meetingId }); setMode(true); return next; })}>
            {m.startedAt ? 'Back to meeting mode' : 'Start the meeting'}
          </Button>
        )}
      />
      {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
      {m.status === 'cancelled' && <Alert severity="warning" sx={{ mb: 2 }}>This meeting is cancelled: {m.cancelReason}</Alert>}
      {m.endedAt && <Alert severity="info" sx={{ mb: 2 }}>The meeting finished at {ukDateTimeInEngland(m.endedAt)}. Its minutes can be exported below.</Alert>}
      {m.status === 'scheduled' && m.endedAt === null && (
        <Alert severity={a.open ? 'info' : 'warning'} sx={{ mb: 2 }}>
          {a.open
            ? `The list is open until ${ukDateTimeInEngland(m.agendaClosesAt)}. Cases flagged for MDT at ${m.practiceName} join it by themselves.`
            : `The list closed on ${ukDateTimeInEngland(m.agendaClosesAt)}. Anything added now needs a reason and is marked urgent.`}
        </Alert>
      )}
      <Stack direction="row" spacing={1} sx={{ mb: 2, flexWrap: 'wrap', gap: 1 }} component="section" aria-label="Exports">
        <Button variant="outlined" onClick={() => void exportAgenda('full', 'pdf')}>Full agenda (PDF)</Button>
        <Button variant="outlined" onClick={() => void exportAgenda('full', 'docx')}>Full agenda (Word)</Button>
        <Button variant="outlined" onClick={() => void exportAgenda('redacted', 'pdf')}>Redacted agenda (PDF)</Button>
        <Button variant="outlined" onClick={() => void exportAgenda('redacted', 'docx')}>Redacted agenda (Word)</Button>
        {a.canPrepare && <Button variant="outlined" onClick={() => void act(async () => downloadFile(await call('mdt.circulate', { meetingId, form: 'full' })))}>E-mail draft to attendees (.eml)</Button>}
        <Button onClick={() => void act(async () => downloadFile(await call('mdt.exportIcs', { meetingId })))}>Invitation (.ics)</Button>
        {m.startedAt && <Button variant="outlined" onClick={() => void act(async () => downloadFile(await call('mdt.exportMinutes', { meetingId, format: 'pdf' })))}>Minutes (PDF)</Button>}
        {m.startedAt && <Button variant="outlined" onClick={() => void act(async () => downloadFile(await call('mdt.exportMinutes', { meetingId, format: 'docx' })))}>Minutes (Word)</Button>}
      </Stack>
      <Typography color="text.secondary" sx={{ mb: 1 }}>The full agenda names patients: share it only by secure NHS mail. Print the redacted one (initials and age band) for shared spaces.</Typography>

      <Paper variant="outlined" component="section" aria-labelledby="agenda-heading" sx={{ mb: 2 }}>
        <Box sx={{ p: 2, pb: 0, display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Typography variant="h2" id="agenda-heading" sx={{ flexGrow: 1 }}>Agenda</Typography>
          <Typography aria-live="polite" sx={{ fontWeight: 700, color: a.overrunMinutes > 0 ? 'error.main' : 'text.primary' }}>
            {a.totalMinutes} of {a.meetingMinutes} minutes planned{a.overrunMinutes > 0 ? `: ${a.overrunMinutes} minutes over` : ''}
          </Typography>
          {a.canAddItems && (
            <>
              <Button variant="contained" onClick={() => setAdding('case')}>Add a case</Button>
              <Button variant="outlined" onClick={() => setAdding('topic')}>Add another item</Button>
            </>
          )}
        </Box>
        {a.overrunMinutes > 0 && <Alert severity="warning" sx={{ m: 2, mb: 0 }} role="alert">The items run {a.overrunMinutes} minutes past the meeting’s end at {m.endTime}. Shorten some, or move routine cases to the next meeting.</Alert>}
        <Table size="small" aria-label="Agenda items in order">
          <TableHead>
            <TableRow>
              <TableCell>Time</TableCell>
              <TableCell>Item</TableCell>
              <TableCell>Presenter</TableCell>
              <TableCell>Minutes</TableCell>
              <TableCell>Running total</TableCell>
              {a.canPrepare && <TableCell>Change</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {a.items.map((item) => (
              <TableRow key={item.id} sx={item.overruns ? { bgcolor: '#FFF4D6' } : undefined}>
                <TableCell sx={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{item.slotStart}–{item.slotEnd}</TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}><ItemText item={item} /></TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>{item.presenter}</TableCell>
                <TableCell sx={{ verticalAlign: 'top' }}>{item.minutes}</TableCell>
                <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>{item.runningTotal} min{item.overruns ? ' (over)' : ''}</TableCell>
                {a.canPrepare && (
                  <TableCell sx={{ verticalAlign: 'top', whiteSpace: 'nowrap' }}>
                    <Button size="small" onClick={() => setEditing(item)} aria-label={`Edit ${item.patient?.name ?? item.title}`}>Edit</Button>
                    {item.kind !== 'standing' && <Button size="small" color="error" onClick={() => void act(() => call('mdt.removeItem', { itemId: item.id, reason: '' }))} aria-label={`Take ${item.patient?.name ?? item.title} off the agenda`}>Remove</Button>}
                  </TableCell>
                )}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Paper>

      {a.flaggedSinceClose.length > 0 && a.canAddItems && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="since-close">
          <Typography variant="h2" id="since-close">Flagged since the list closed</Typography>
          <Typography color="text.secondary">These go on the next meeting’s list by themselves. Add one here only if it cannot wait.</Typography>
          {a.flaggedSinceClose.map((f) => (
            <Box key={f.referralId} sx={{ display: 'flex', gap: 2, alignItems: 'center', mt: 1 }}>
              <Typography sx={{ flexGrow: 1 }}><strong>{f.name}</strong>: {f.question} (flagged by {f.flaggedByName})</Typography>
              <Button variant="outlined" onClick={() => setAdding({ referralId: f.referralId, name: f.name, question: f.question })}>Add late…</Button>
            </Box>
          ))}
        </Paper>
      )}

      {a.actions.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="agreed-actions">
          <Typography variant="h2" id="agreed-actions">Actions agreed at this meeting</Typography>
          <Box component="ul" sx={{ pl: 2 }}>
            {a.actions.map((x) => <li key={x.id}>{x.text}{x.about ? ` (${x.about})` : ''}: {x.ownerName}, due {dayDate(x.dueOn)}{x.doneOn ? ` · done ${dayDate(x.doneOn)}` : ''}</li>)}
          </Box>
        </Paper>
      )}

      {a.carriedActions.length > 0 && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="carried-actions">
          <Typography variant="h2" id="carried-actions">Open actions from earlier meetings</Typography>
          <Box component="ul" sx={{ pl: 2 }}>
            {a.carriedActions.map((x) => <li key={x.id}>{x.text}{x.about ? ` (${x.about})` : ''}: {x.ownerName}, due {dayDate(x.dueOn)}</li>)}
          </Box>
        </Paper>
      )}

      {adding !== undefined && (
        <AddItemDialog agenda={a} what={adding} onClose={() => setAdding(undefined)} onDone={(next) => { setAdding(undefined); agenda.setData(next); }} />
      )}
      {editing && <EditItemDialog item={editing} onClose={() => setEditing(undefined)} onDone={(next) => { setEditing(undefined); agenda.setData(next); }} />}
      {role === 'practice_manager' && <Typography color="text.secondary">Practice managers read the agenda; link workers prepare it.</Typography>}
    </>
  );
}

function AddItemDialog({ agenda, what, onClose, onDone }: { agenda: Agenda; what: 'case' | 'topic' | { referralId: number; name: string; question: string }; onClose: () => void; onDone: (a: Agenda) => void }) {
  const kind = what === 'topic' ? 'topic' : 'case';
  const preset = typeof what === 'object' ? what : undefined;
  const [query, setQuery] = useState('');
  const options = useLoad(() => (kind === 'case' && !preset ? call('mdt.caseOptions', { meetingId: agenda.meeting.id, query }) : Promise.resolve([])), [query]);
  const [referral, setReferral] = useState<{ referralId: number; name: string } | undefined>(preset);
  const [title, setTitle] = useState('');
  const [question, setQuestion] = useState(preset?.question ?? '');
  const [presenter, setPresenter] = useState('');
  const [priority, setPriority] = useState<ItemPriority>('routine');
  const [minutes, setMinutes] = useState(10);
  const [lateReason, setLateReason] = useState('');
  const [error, setError] = useState<ApiError>();
  const late = !agenda.open;
  const submit = async () => {
    setError(undefined);
    try {
      onDone(await call('mdt.addItem', { meetingId: agenda.meeting.id, kind, ...(referral ? { referralId: referral.referralId } : {}), title, question, presenter, priority, minutes, lateReason }));
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="add-item-title" fullWidth maxWidth="md" scroll="paper">
      <DialogTitle id="add-item-title">{kind === 'case' ? 'Add a case to the agenda' : 'Add an item to the agenda'}</DialogTitle>
      <DialogContent dividers>
        {late && <Alert severity="warning">The list closed on {ukDateTimeInEngland(agenda.meeting.agendaClosesAt)}: this is a late addition. It needs a reason and is marked urgent.</Alert>}
        {error && <Alert severity="error" role="alert" sx={{ mt: 1 }}>{error.message}</Alert>}
        {kind === 'case' && !referral && (
          <>
            <TextField label="Find the case by name or NHS number" value={query} onChange={(e) => setQuery(e.target.value)} autoFocus helperText={fieldError(error, 'referralId') ?? `Open cases at ${agenda.meeting.practiceName}`} error={!!fieldError(error, 'referralId')} />
            <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }} aria-label="Cases">
              {options.data?.map((o) => (
                <Box component="li" key={o.referralId} sx={{ display: 'flex', gap: 2, alignItems: 'center', py: 1, borderBottom: 1, borderColor: 'divider' }}>
                  <Box sx={{ flexGrow: 1 }}>
                    <Typography sx={{ fontWeight: 700 }}>{o.name}</Typography>
                    <Typography variant="body2" color="text.secondary">NHS {formatNhsNumber(o.nhsNumber)} · born {ukDate(o.dateOfBirth)} · case owner {o.caseOwner ?? 'not assigned'}</Typography>
                    {o.refusal && <Typography variant="body2" color="error" role="note">{o.refusal}</Typography>}
                  </Box>
                  {o.onAgenda ? <Chip label="On the agenda" /> : o.refusal ? <Chip color="error" variant="outlined" label="Cannot be added" /> : (
                    <Button variant="outlined" onClick={() => setReferral({ referralId: o.referralId, name: o.name })} aria-label={`Choose ${o.name}`}>Choose</Button>
                  )}
                </Box>
              ))}
              {options.data?.length === 0 && <Typography color="text.secondary" sx={{ py: 1 }}>No open case matches.</Typography>}
            </Box>
          </>
        )}
        {referral && <Alert severity="info" sx={{ mt: 1 }}>Case: <strong>{referral.name}</strong>{!preset && <Button size="small" onClick={() => setReferral(undefined)} sx={{ ml: 1 }}>Choose another</Button>}</Alert>}
        {kind === 'topic' && <TextField label="What the item is about" value={title} onChange={(e) => setTitle(e.target.value)} autoFocus error={!!fieldError(error, 'title')} helperText={fieldError(error, 'title')} />}
        {(kind === 'topic' || referral) && (
          <>
            <TextField label={kind === 'case' ? 'Question for the team' : 'Details (optional)'} value={question} onChange={(e) => setQuestion(e.target.value)} multiline minRows={2} error={!!fieldError(error, 'question')} helperText={fieldError(error, 'question')} />
            <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr', columnGap: 2 }}>
              <TextField label="Presenter" value={presenter} onChange={(e) => setPresenter(e.target.value)} error={!!fieldError(error, 'presenter')} helperText={fieldError(error, 'presenter') ?? 'Who brings it to the team'} />
              <TextField select label="Priority" value={late ? 'urgent' : priority} disabled={late} onChange={(e) => setPriority(e.target.value as ItemPriority)}>
                {Object.entries(priorityLabels).map(([k, v]) => <MenuItem key={k} value={k}>{v}</MenuItem>)}
              </TextField>
              <TextField label="Minutes needed" type="number" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} error={!!fieldError(error, 'minutes')} helperText={fieldError(error, 'minutes')} />
            </Box>
            {late && <TextField label="Why it is added late" value={lateReason} onChange={(e) => setLateReason(e.target.value)} error={!!fieldError(error, 'lateReason')} helperText={fieldError(error, 'lateReason')} />}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void submit()} disabled={kind === 'case' && !referral}>Add to the agenda</Button>
      </DialogActions>
    </Dialog>
  );
}

function EditItemDialog({ item, onClose, onDone }: { item: AgendaItem; onClose: () => void; onDone: (a: Agenda) => void }) {
  const [question, setQuestion] = useState(item.question);
  const [presenter, setPresenter] = useState(item.presenter);
  const [priority, setPriority] = useState<ItemPriority>(item.priority);
  const [minutes, setMinutes] = useState(item.minutes);
  const [error, setError] = useState<ApiError>();
  const submit = async () => {
    try {
      onDone(await call('mdt.updateItem', { itemId: item.id, question, presenter, priority, minutes }));
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="edit-item-title" fullWidth maxWidth="sm">
      <DialogTitle id="edit-item-title">Edit: {item.patient?.name ?? item.title}</DialogTitle>
      <DialogContent>
        {error && <Alert severity="error" role="alert">{error.message}</Alert>}
        {item.kind !== 'standing' && <TextField label="Question for the team" value={question} onChange={(e) => setQuestion(e.target.value)} multiline minRows={2} />}
        <TextField label="Presenter" value={presenter} onChange={(e) => setPresenter(e.target.value)} error={!!fieldError(error, 'presenter')} helperText={fieldError(error, 'presenter')} autoFocus />
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
          <TextField select label="Priority" value={priority} disabled={item.late} onChange={(e) => setPriority(e.target.value as ItemPriority)} helperText={item.late ? 'Late additions stay urgent' : undefined}>
            {Object.entries(priorityLabels).map(([k, v]) => <MenuItem key={k} value={k}>{v}</MenuItem>)}
          </TextField>
          <TextField label="Minutes" type="number" value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} error={!!fieldError(error, 'minutes')} helperText={fieldError(error, 'minutes')} />
        </Box>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="contained" onClick={() => void submit()}>Save</Button>
      </DialogActions>
    </Dialog>
  );
}
