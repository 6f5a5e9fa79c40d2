import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Agenda, type AgendaItem, type Attendance, attendanceLabels, type MinutesInput } from '../../main/contract/mdt';
import { roleLabels } from '../../main/contract/roles';
import { ApiError, call } from '../api/client';
import { ConfirmDialog } from '../shared/ConfirmDialog';
import { useRemembered } from '../shared/sessionMemory';
import { useLoad } from '../shared/useLoad';
import { dayDate, fieldError, todayInEngland, ukDateTimeInEngland } from './format';
import { flushAll, flushMinutes, forgetMinutes, heldMinutes, holdMinutes } from './pendingMinutes';

const SAVE_AFTER_MS = 600;

type Notes = Required<MinutesInput>;

function notesOf(item: AgendaItem): Notes {
  return heldMinutes(item.id) ?? {
    itemId: item.id, situation: item.notes.situation, actionToDate: item.notes.actionToDate, update: item.notes.update, nextSteps: item.notes.nextSteps,
    decision: item.notes.decision, discussed: item.discussed || item.kind !== 'case', carryForward: item.carryForward,
  };
}

function CaseSide({ itemId }: { itemId: number }) {
  const context = useLoad(() => call('mdt.itemContext', { itemId }), [itemId]);
  const c = context.data;
  if (context.error) return <Alert severity="error">{context.error}</Alert>;
  if (!c) return null;
  return (
    <>
      <Box component="dl" sx={{ m: 0 }}>
        {c.summary.map(([k, v]) => (
          <Box key={k} sx={{ mb: 1 }}>
            <Typography component="dt" variant="body2" color="text.secondary">{k}</Typography>
            <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>{v || '—'}</Typography>
          </Box>
        ))}
      </Box>
      {c.referralId !== null && (
        <>
          <Typography variant="h3" component="h3" sx={{ mt: 2 }}>Wellbeing measures</Typography>
          {c.measures.length === 0 ? <Typography color="text.secondary">None recorded yet.</Typography> : (
            <Box component="ul" sx={{ pl: 2 }}>
              {c.measures.map((s) => (
                <li key={s.label}>
                  <strong>{s.label}</strong>: {s.points.map((p) => `${p.value} (${dayDate(p.takenOn)})`).join(' → ')}
                  {s.change && <Typography variant="body2" color="text.secondary">{s.change}</Typography>}
                </li>
              ))}
            </Box>
          )}
          <Typography variant="h3" component="h3" sx={{ mt: 2 }}>Open goals</Typography>
          {c.goals.length === 0 ? <Typography color="text.secondary">No open goals.</Typography> : (
            <Box component="ul" sx={{ pl: 2 }}>{c.goals.map((g, i) => <li key={i}>{g.text} ({g.progress}{g.targetDate ? `, by ${dayDate(g.targetDate)}` : ''})</li>)}</Box>
          )}
        </>
      )}
    </>
  );
}

function AttendancePanel({ agenda, onChange }: { agenda: Agenda; onChange: (a: Agenda) => void }) {
  const [rows, setRows] = useState(agenda.attendance);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<string>();
  const save = async (next: typeof rows) => {
    setRows(next);
    try {
      onChange(await call('mdt.saveAttendance', { meetingId: agenda.meeting.id, attendance: next }));
      setMessage('Attendance saved.');
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : 'Not saved; try again.');
    }
  };
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="attendance-heading">
      <Typography variant="h3" component="h3" id="attendance-heading">Attendance and apologies</Typography>
      {rows.map((r, i) => (
        <Box key={`${r.name}-${i}`} sx={{ display: 'grid', gridTemplateColumns: '2fr 2fr 1fr', gap: 2, alignItems: 'center' }}>
          <Typography>{r.name}</Typography>
          <Typography color="text.secondary">{r.role}</Typography>
          <TextField select size="small" margin="dense" label={`${r.name}`} value={r.attendance} onChange={(e) => void save(rows.map((x, k) => (k === i ? { ...x, attendance: e.target.value as Attendance } : x)))}>
            {Object.entries(attendanceLabels).map(([k, v]) => <MenuItem key={k} value={k}>{v}</MenuItem>)}
          </TextField>
        </Box>
      ))}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <TextField size="small" label="Someone else who came" value={name} onChange={(e) => setName(e.target.value)} sx={{ maxWidth: 320 }} />
        <Button onClick={() => { if (name.trim()) { void save([...rows, { name: name.trim(), role: '', attendance: 'present' }]); setName(''); } }}>Add</Button>
        {message && <Typography role="status" color="text.secondary">{message}</Typography>}
      </Stack>
    </Paper>
  );
}

/** Meeting mode: one screen per item, the case on the left and the minutes on the right. Alt+→ and Alt+← move between items. */
export function MeetingMode({ agenda, onChange, onLeave }: { agenda: Agenda; onChange: (a: Agenda) => void; onLeave: () => void }) {
  const items = agenda.items;
  // The item on screen, so unlocking mid-meeting returns to it (an id and a number, nothing else).
  const [index, setIndex] = useRemembered(`meeting-item:${agenda.meeting.id}`, 0);
  const item = items[Math.min(index, items.length - 1)]!;
  const [notes, setNotes] = useState<Notes>(() => notesOf(item));
  const [savedAt, setSavedAt] = useState<string>();
  const [saveError, setSaveError] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [action, setAction] = useState({ text: '', ownerUserId: '' as number | '', ownerName: '', dueOn: '' });
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const writable = agenda.canPrepare;

  // Anything typed before a lock is saved as soon as meeting mode is back.
  useEffect(() => {
    flushAll(items.map((i) => i.id)).catch(() => undefined);
  }, [items]);

  const save = useCallback(async (itemId: number) => {
    try {
      const at = await flushMinutes(itemId);
      if (at) setSavedAt(at);
      setSaveError(undefined);
    } catch (e) {
      setSaveError(e instanceof ApiError ? `Not saved yet: ${e.message} What you typed is kept and will be saved.` : 'Not saved yet; what you typed is kept.');
    }
  }, []);

  const go = useCallback(async (to: number) => {
    if (to < 0 || to >= items.length) return;
    clearTimeout(timer.current);
    await save(item.id);
    setIndex(to);
    setNotes(notesOf(items[to]!));
    setSavedAt(undefined);
  }, [items, item.id, save, setIndex]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey) return;
      if (e.key === 'ArrowRight') { e.preventDefault(); void go(index + 1); }
      if (e.key === 'ArrowLeft') { e.preventDefault(); void go(index - 1); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go, index]);

  const change = (patch: Partial<Notes>) => {
    // Writing minutes for an item means it was discussed (the box can still be cleared).
    const next = { ...notes, ...('discussed' in patch || 'carryForward' in patch ? {} : { discussed: true }), ...patch };
    setNotes(next);
    holdMinutes(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(next.itemId), SAVE_AFTER_MS);
  };

  const addAction = async () => {
    setError(undefined);
    try {
      onChange(await call('mdt.addAction', { meetingId: agenda.meeting.id, itemId: item.id, text: action.text, ownerUserId: action.ownerUserId === '' ? null : action.ownerUserId, ownerName: action.ownerName || (agenda.owners.find((w) => w.id === action.ownerUserId)?.name ?? ''), dueOn: action.dueOn }));
      setAction({ text: '', ownerUserId: '', ownerName: '', dueOn: '' });
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    }
  };
  // Finishing cannot be taken back (discussed cases leave the MDT list), so it is asked about first.
  const [finishing, setFinishing] = useState(false);
  const finish = async () => {
    await flushAll(items.map((i) => i.id)).catch(() => undefined);
    onChange(await call('mdt.finish', { meetingId: agenda.meeting.id }));
    forgetMinutes(items.map((i) => i.id));
    setFinishing(false);
    onLeave();
  };
  const cases = items.filter((i) => i.kind === 'case').map(notesOf);
  const discussed = cases.filter((n) => n.discussed && !n.carryForward).length;
  const broughtBack = cases.filter((n) => n.carryForward).length;
  const actionsHere = agenda.actions.filter((a) => a.itemId === item.id);
  const owners = agenda.owners;
  const field = (key: 'situation' | 'actionToDate' | 'update' | 'nextSteps' | 'decision', label: string, rows = 3) => (
    <TextField label={label} value={notes[key]} onChange={(e) => change({ [key]: e.target.value })} multiline minRows={rows} disabled={!writable} />
  );

  return (
    <>
      <Button onClick={() => void save(item.id).then(onLeave)} sx={{ mb: 1 }}>← Back to the agenda</Button>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }}>
        <Typography variant="h1" sx={{ flexGrow: 1, fontSize: '1.75rem' }}>
          Meeting mode: {agenda.meeting.practiceName}, {dayDate(agenda.meeting.date)}
        </Typography>
        {agenda.meeting.startedAt && <Typography color="text.secondary">Started {ukDateTimeInEngland(agenda.meeting.startedAt)}</Typography>}
      </Stack>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }} component="nav" aria-label="Agenda items">
        <Button variant="outlined" onClick={() => void go(index - 1)} disabled={index === 0}>← Previous item</Button>
        <Typography aria-live="polite" sx={{ fontWeight: 700 }}>Item {index + 1} of {items.length}: {item.slotStart}–{item.slotEnd}</Typography>
        <Button variant="outlined" onClick={() => void go(index + 1)} disabled={index === items.length - 1}>Next item →</Button>
        <Typography color="text.secondary" variant="body2" sx={{ flexGrow: 1 }}>Keys: Alt+→ next, Alt+← previous</Typography>
        {writable && agenda.meeting.endedAt === null && <Button variant="contained" color="secondary" onClick={() => setFinishing(true)}>Finish the meeting</Button>}
      </Stack>
      {index === 0 && <AttendancePanel agenda={agenda} onChange={onChange} />}
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', lg: '2fr 3fr' }, gap: 2 }}>
        <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="case-side">
          <Typography variant="h2" id="case-side">{item.patient ? item.patient.name : item.title}</Typography>
          <Typography color="text.secondary" sx={{ mb: 1 }}>Presenter: {item.presenter}{item.question ? ` · ${item.question}` : ''}</Typography>
          {item.kind === 'case' ? <CaseSide itemId={item.id} /> : item.standing === 'actions' ? (
            agenda.carriedActions.length === 0 ? <Typography>No open actions from earlier meetings.</Typography> : (
              <Box component="ul" sx={{ pl: 2 }}>{agenda.carriedActions.map((a) => <li key={a.id}>{a.text}{a.about ? ` (${a.about})` : ''}: {a.ownerName}, due {dayDate(a.dueOn)}</li>)}</Box>
            )
          ) : null}
        </Paper>
        <Paper variant="outlined" sx={{ p: 2 }} component="section" aria-labelledby="minutes-side">
          <Typography variant="h2" id="minutes-side">Minutes</Typography>
          <Typography role="status" color={saveError ? 'error' : 'text.secondary'} variant="body2">
            {saveError ?? (savedAt ? `Saved ${ukDateTimeInEngland(savedAt)}` : 'Saved as you type.')}
          </Typography>
          {field('situation', 'Situation')}
          {field('actionToDate', 'Action to date')}
          {field('update', 'Update')}
          {field('nextSteps', 'Next steps')}
          {field('decision', 'Decision', 2)}
          <FormControlLabel control={<Checkbox checked={notes.discussed} onChange={(e) => change({ discussed: e.target.checked })} disabled={!writable} />} label="Discussed" />
          {item.kind === 'case' && <FormControlLabel control={<Checkbox checked={notes.carryForward} onChange={(e) => change({ carryForward: e.target.checked })} disabled={!writable} />} label="Bring back to the next meeting" />}
          <Typography variant="h3" component="h3" sx={{ mt: 2 }}>Actions</Typography>
          {actionsHere.length === 0 ? <Typography color="text.secondary">None yet.</Typography> : (
            <Box component="ul" sx={{ pl: 2 }}>{actionsHere.map((a) => <li key={a.id}>{a.text}: {a.ownerName}, due {dayDate(a.dueOn)}</li>)}</Box>
          )}
          {writable && (
            <Box component="form" aria-label="Add an action" onSubmit={(e) => { e.preventDefault(); void addAction(); }}>
              <TextField label="Action" value={action.text} onChange={(e) => setAction({ ...action, text: e.target.value })} error={!!fieldError(error, 'text')} helperText={fieldError(error, 'text')} />
              <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '2fr 2fr 1fr' }, columnGap: 2 }}>
                <TextField select label="Owner" value={action.ownerUserId} onChange={(e) => setAction({ ...action, ownerUserId: e.target.value === '' ? '' : Number(e.target.value) })} error={!!fieldError(error, 'ownerUserId')} helperText={fieldError(error, 'ownerUserId')}>
                  <MenuItem value="">Someone else (type the name)</MenuItem>
                  {owners.map((w) => <MenuItem key={w.id} value={w.id}>{w.name} ({roleLabels[w.role].toLowerCase()})</MenuItem>)}
                </TextField>
                <TextField label="Or the owner’s name" value={action.ownerName} disabled={action.ownerUserId !== ''} onChange={(e) => setAction({ ...action, ownerName: e.target.value })} error={!!fieldError(error, 'ownerName')} helperText={fieldError(error, 'ownerName')} />
                <TextField label="Due" type="date" value={action.dueOn} onChange={(e) => setAction({ ...action, dueOn: e.target.value })} slotProps={{ inputLabel: { shrink: true }, htmlInput: { min: todayInEngland() } }} error={!!fieldError(error, 'dueOn')} helperText={fieldError(error, 'dueOn')} />
              </Box>
              <Button type="submit" variant="outlined">Add the action</Button>
            </Box>
          )}
        </Paper>
      </Box>
      {finishing && (
        <ConfirmDialog title="Finish the meeting?" confirmLabel="Finish the meeting" cancelLabel="Not yet" onCancel={() => setFinishing(false)} onConfirm={finish}>
          Once it is finished the agenda can no longer change (the minutes can still be corrected for a week).{' '}
          {discussed === 1 ? '1 case discussed leaves' : `${discussed} cases discussed leave`} the MDT list
          {broughtBack > 0 ? `; ${broughtBack === 1 ? '1 case comes' : `${broughtBack} cases come`} back to the next meeting` : ''}.
        </ConfirmDialog>
      )}
    </>
  );
}
