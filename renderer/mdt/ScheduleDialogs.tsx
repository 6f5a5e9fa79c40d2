import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogContentText from '@mui/material/DialogContentText';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormGroup from '@mui/material/FormGroup';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { Calendar, Clash, Meeting } from '../../main/contract/mdt';
import { bankHolidayRuleLabels, weekdayLabels, weekOfMonthLabels } from '../../main/contract/mdt';
import { ApiError, call } from '../api/client';
import { fieldError, groupedClashMessages } from './format';
import { today } from '../shared/clock';

export interface PlanResult {
  clashes: Clash[];
  skipped: Calendar['skipped'];
  what: string;
}

type Practices = Calendar['practices'];
type Workers = Calendar['linkWorkers'];

/** Attendees typed one a line: "Dr Amir Khan, GP, amir.khan@nhs.net". */
function parseAttendees(text: string) {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', role = '', email = ''] = line.split(',').map((p) => p.trim());
      return { name, role, email };
    });
}

function attendeesText(list: readonly { name: string; role: string; email: string }[]): string {
  return list.map((a) => [a.name, a.role, a.email].filter((x, i) => x !== '' || i === 0).join(', ')).join('\n');
}

function ClashList({ clashes, skipped }: { clashes: Clash[]; skipped: Calendar['skipped'] }) {
  if (clashes.length === 0 && skipped.length === 0) return <Alert severity="success" sx={{ mt: 2 }}>No clashes for the link workers invited.</Alert>;
  return (
    <>
      {clashes.length > 0 && (
        <Alert severity="warning" sx={{ mt: 2 }} role="alert">
          <strong>{clashes.length === 1 ? '1 clash' : `${clashes.length} clashes`} for the link workers invited</strong>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {groupedClashMessages(clashes).map((text, i) => <li key={i}>{text}</li>)}
          </Box>
        </Alert>
      )}
      {skipped.length > 0 && (
        <Alert severity="info" sx={{ mt: 2 }}>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {skipped.slice(0, 4).map((s, i) => <li key={i}>{s.reason}</li>)}
          </Box>
        </Alert>
      )}
    </>
  );
}

function LinkWorkerPicker({ workers, chosen, onChange, error }: { workers: Workers; chosen: number[]; onChange: (ids: number[]) => void; error?: string | undefined }) {
  return (
    <FormControl component="fieldset" margin="normal" error={error !== undefined} sx={{ display: 'block' }}>
      <FormLabel component="legend">Link workers invited</FormLabel>
      <FormGroup row>
        {workers.map((w) => (
          <FormControlLabel
            key={w.id}
            control={<Checkbox checked={chosen.includes(w.id)} onChange={(e) => onChange(e.target.checked ? [...chosen, w.id] : chosen.filter((x) => x !== w.id))} />}
            label={w.name}
          />
        ))}
      </FormGroup>
      {workers.length === 0 && <FormHelperText>No link worker accounts yet.</FormHelperText>}
      {error && <FormHelperText>{error}</FormHelperText>}
    </FormControl>
  );
}

interface CommonState {
  practiceId: number | '';
  title: string;
  startTime: string;
  endTime: string;
  place: string;
  onlineLink: string;
  chair: string;
  attendees: string;
  linkWorkerIds: number[];
}

function CommonFields({ s, set, practices, workers, error, lockPractice }: { s: CommonState; set: (p: Partial<CommonState>) => void; practices: Practices; workers: Workers; error: ApiError | undefined; lockPractice: boolean }) {
  return (
    <>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>
        <TextField select label="Practice" value={s.practiceId} disabled={lockPractice} onChange={(e) => set({ practiceId: Number(e.target.value) })} error={!!fieldError(error, 'practiceId')} helperText={fieldError(error, 'practiceId')}>
          {practices.map((p) => <MenuItem key={p.id} value={p.id}>{p.name} ({p.odsCode})</MenuItem>)}
        </TextField>
        <TextField label="Title" value={s.title} onChange={(e) => set({ title: e.target.value })} error={!!fieldError(error, 'title')} helperText={fieldError(error, 'title')} />
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
        <TextField label="Starts at" type="time" value={s.startTime} onChange={(e) => set({ startTime: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} error={!!fieldError(error, 'startTime')} helperText={fieldError(error, 'startTime') ?? 'Time in England'} />
        <TextField label="Ends at" type="time" value={s.endTime} onChange={(e) => set({ endTime: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} error={!!fieldError(error, 'endTime')} helperText={fieldError(error, 'endTime')} />
      </Box>
      <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, columnGap: 2 }}>
        <TextField label="Place" value={s.place} onChange={(e) => set({ place: e.target.value })} error={!!fieldError(error, 'place')} helperText={fieldError(error, 'place') ?? 'Room, or leave empty if online only'} />
        <TextField label="Online meeting link" value={s.onlineLink} onChange={(e) => set({ onlineLink: e.target.value })} error={!!fieldError(error, 'onlineLink')} helperText={fieldError(error, 'onlineLink') ?? 'The Teams link, if any'} />
      </Box>
      <TextField label="Chair" value={s.chair} onChange={(e) => set({ chair: e.target.value })} error={!!fieldError(error, 'chair')} helperText={fieldError(error, 'chair')} />
      <TextField
        label="Usual attendees"
        multiline
        minRows={3}
        value={s.attendees}
        onChange={(e) => set({ attendees: e.target.value })}
        error={!!fieldError(error, 'attendees')}
        helperText={fieldError(error, 'attendees') ?? 'One a line: name, role, e-mail. For example: Dr Amir Khan, GP, amir.khan@nhs.net'}
      />
      <LinkWorkerPicker workers={workers} chosen={s.linkWorkerIds} onChange={(linkWorkerIds) => set({ linkWorkerIds })} error={fieldError(error, 'linkWorkerIds')} />
    </>
  );
}

function commonInput(s: CommonState) {
  return {
    practiceId: s.practiceId === '' ? 0 : s.practiceId,
    title: s.title,
    startTime: s.startTime,
    endTime: s.endTime,
    place: s.place,
    onlineLink: s.onlineLink,
    chair: s.chair,
    attendees: parseAttendees(s.attendees),
    linkWorkerIds: s.linkWorkerIds,
  };
}

/** A practice's MDT series: the rule, the time, who comes; clashes checked before saving. */
export function SeriesDialog({ practices, workers, onClose, onSaved }: { practices: Practices; workers: Workers; onClose: () => void; onSaved: (r: PlanResult) => void }) {
  const [s, setS] = useState<CommonState & { kind: 'monthly' | 'weekly'; week: string; weekday: number; everyWeeks: number; startsOn: string; endsOn: string; bankHolidayRule: string }>({
    practiceId: practices[0]?.id ?? '', title: 'MDT meeting', startTime: '13:00', endTime: '14:00', place: '', onlineLink: '', chair: '', attendees: '', linkWorkerIds: [],
    kind: 'monthly', week: 'second', weekday: 2, everyWeeks: 4, startsOn: today(), endsOn: '', bankHolidayRule: 'flag',
  });
  const [error, setError] = useState<ApiError>();
  const [check, setCheck] = useState<PlanResult>();
  const [busy, setBusy] = useState(false);
  const set = (p: Partial<typeof s>) => { setS((x) => ({ ...x, ...p })); setCheck(undefined); };
  const input = () => ({
    ...commonInput(s),
    recurrence: s.kind === 'monthly' ? { kind: 'monthly' as const, week: s.week as 'second', weekday: s.weekday } : { kind: 'weekly' as const, everyWeeks: s.everyWeeks, weekday: s.weekday },
    startsOn: s.startsOn,
    endsOn: s.endsOn === '' ? null : s.endsOn,
    bankHolidayRule: s.bankHolidayRule as 'flag',
  });
  const run = async (save: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      if (save) {
        const r = await call('mdt.saveSeries', input());
        onSaved({ clashes: r.clashes, skipped: r.skipped, what: `Series saved: ${r.series.practiceName}, ${r.series.description}.` });
      } else {
        const r = await call('mdt.checkSeries', input());
        setCheck({ clashes: r.clashes, skipped: r.skipped, what: '' });
      }
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="series-title" fullWidth maxWidth="md" scroll="paper">
      <DialogTitle id="series-title">Add a practice’s MDT series</DialogTitle>
      <DialogContent dividers>
        <FormControl component="fieldset" margin="normal" sx={{ display: 'block' }}>
          <FormLabel component="legend">How often</FormLabel>
          <RadioGroup row value={s.kind} onChange={(e) => set({ kind: e.target.value as 'monthly' })}>
            <FormControlLabel value="monthly" control={<Radio />} label="A set week of each month" />
            <FormControlLabel value="weekly" control={<Radio />} label="Every so many weeks" />
          </RadioGroup>
        </FormControl>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
          {s.kind === 'monthly' ? (
            <TextField select label="Week of the month" value={s.week} onChange={(e) => set({ week: e.target.value })} error={!!fieldError(error, 'recurrence.week')} helperText={fieldError(error, 'recurrence.week')}>
              {Object.entries(weekOfMonthLabels).map(([k, v]) => <MenuItem key={k} value={k}>{v}</MenuItem>)}
            </TextField>
          ) : (
            <TextField label="Every how many weeks" type="number" value={s.everyWeeks} onChange={(e) => set({ everyWeeks: Number(e.target.value) })} error={!!fieldError(error, 'recurrence.everyWeeks')} helperText={fieldError(error, 'recurrence.everyWeeks')} />
          )}
          <TextField select label="Day" value={s.weekday} onChange={(e) => set({ weekday: Number(e.target.value) })} error={!!fieldError(error, 'recurrence.weekday')} helperText={fieldError(error, 'recurrence.weekday')}>
            {Object.entries(weekdayLabels).map(([k, v]) => <MenuItem key={k} value={Number(k)}>{v}</MenuItem>)}
          </TextField>
        </Box>
        <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 2 }}>
          <TextField label="First date it can fall on" type="date" value={s.startsOn} onChange={(e) => set({ startsOn: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} error={!!fieldError(error, 'startsOn')} helperText={fieldError(error, 'startsOn')} />
          <TextField label="Last date (optional)" type="date" value={s.endsOn} onChange={(e) => set({ endsOn: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} error={!!fieldError(error, 'endsOn')} helperText={fieldError(error, 'endsOn') ?? 'Leave empty to carry on'} />
        </Box>
        <CommonFields s={s} set={set} practices={practices} workers={workers} error={error} lockPractice={false} />
        <FormControl component="fieldset" margin="normal" sx={{ display: 'block' }}>
          <FormLabel component="legend">When a meeting falls on a bank holiday</FormLabel>
          <RadioGroup value={s.bankHolidayRule} onChange={(e) => set({ bankHolidayRule: e.target.value })}>
            {Object.entries(bankHolidayRuleLabels).map(([k, v]) => <FormControlLabel key={k} value={k} control={<Radio />} label={v} />)}
          </RadioGroup>
        </FormControl>
        {check && <ClashList clashes={check.clashes} skipped={check.skipped} />}
      </DialogContent>
      {/* Beside the buttons, where the person is looking, however far the form scrolls. */}
      {error && <Alert severity="error" role="alert" sx={{ mx: 3, mt: 1 }}>{error.message}</Alert>}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="outlined" onClick={() => void run(false)} disabled={busy}>Check for clashes</Button>
        <Button variant="contained" onClick={() => void run(true)} disabled={busy}>Save series</Button>
      </DialogActions>
    </Dialog>
  );
}

/** A one-off meeting, or the details of one meeting (its time changes by a move, with a reason). */
export function MeetingDialog({ practices, workers, meeting, onClose, onSaved }: { practices: Practices; workers: Workers; meeting?: Meeting | undefined; onClose: () => void; onSaved: (r: PlanResult) => void }) {
  const [s, setS] = useState<CommonState & { date: string }>({
    practiceId: meeting?.practiceId ?? practices[0]?.id ?? '', title: meeting?.title ?? 'MDT meeting', startTime: meeting?.startTime ?? '13:00', endTime: meeting?.endTime ?? '14:00',
    place: meeting?.place ?? '', onlineLink: meeting?.onlineLink ?? '', chair: meeting?.chair ?? '', attendees: attendeesText(meeting?.attendees ?? []),
    linkWorkerIds: meeting?.linkWorkers.map((w) => w.id) ?? [], date: meeting?.date ?? '',
  });
  const [error, setError] = useState<ApiError>();
  const [check, setCheck] = useState<PlanResult>();
  const [busy, setBusy] = useState(false);
  const set = (p: Partial<typeof s>) => { setS((x) => ({ ...x, ...p })); setCheck(undefined); };
  const input = () => ({ ...commonInput(s), date: s.date, ...(meeting ? { id: meeting.id } : {}) });
  const run = async (save: boolean) => {
    setBusy(true);
    setError(undefined);
    try {
      if (save) {
        const r = await call('mdt.saveMeeting', input());
        onSaved({ clashes: r.clashes, skipped: [], what: `${meeting ? 'Meeting changed' : 'Meeting added'}: ${r.meeting.practiceName}, ${r.meeting.date} ${r.meeting.startTime}.` });
      } else {
        const r = await call('mdt.checkMeeting', input());
        setCheck({ clashes: r.clashes, skipped: [], what: '' });
      }
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="meeting-title" fullWidth maxWidth="md" scroll="paper">
      <DialogTitle id="meeting-title">{meeting ? 'Change the meeting’s details' : 'Add a one-off MDT meeting'}</DialogTitle>
      <DialogContent dividers>
        <TextField label="Date" type="date" value={s.date} disabled={!!meeting} onChange={(e) => set({ date: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} error={!!fieldError(error, 'date')} helperText={fieldError(error, 'date') ?? (meeting ? 'To change the date or time, use Move' : undefined)} />
        <CommonFields s={s} set={set} practices={practices} workers={workers} error={error} lockPractice={!!meeting} />
        {check && <ClashList clashes={check.clashes} skipped={[]} />}
      </DialogContent>
      {/* Beside the buttons, where the person is looking, however far the form scrolls. */}
      {error && <Alert severity="error" role="alert" sx={{ mx: 3, mt: 1 }}>{error.message}</Alert>}
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button variant="outlined" onClick={() => void run(false)} disabled={busy}>Check for clashes</Button>
        <Button variant="contained" onClick={() => void run(true)} disabled={busy}>{meeting ? 'Save changes' : 'Add meeting'}</Button>
      </DialogActions>
    </Dialog>
  );
}

/** Move a meeting (the reason is recorded and shown), or cancel it. */
export function MoveOrCancelDialog({ meeting, cancel, onClose, onDone }: { meeting: Meeting; cancel: boolean; onClose: () => void; onDone: (r: PlanResult) => void }) {
  const [date, setDate] = useState(meeting.bankHoliday?.suggestedDate ?? meeting.date);
  const [startTime, setStart] = useState(meeting.startTime);
  const [endTime, setEnd] = useState(meeting.endTime);
  const [reason, setReason] = useState(meeting.bankHoliday && !cancel ? 'Bank holiday: moved to the next working day' : '');
  const [error, setError] = useState<ApiError>();
  const submit = async () => {
    setError(undefined);
    try {
      if (cancel) {
        const m = await call('mdt.cancelMeeting', { meetingId: meeting.id, reason });
        onDone({ clashes: [], skipped: [], what: `Cancelled: ${m.practiceName}, ${m.date}.` });
      } else {
        const r = await call('mdt.moveMeeting', { meetingId: meeting.id, date, startTime, endTime, reason });
        onDone({ clashes: r.clashes, skipped: [], what: `Moved: ${r.meeting.practiceName} to ${r.meeting.date} ${r.meeting.startTime}.` });
      }
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      else throw e;
    }
  };
  return (
    <Dialog open onClose={onClose} aria-labelledby="move-title" fullWidth maxWidth="sm">
      <DialogTitle id="move-title">{cancel ? 'Cancel the meeting' : 'Move the meeting'}</DialogTitle>
      <DialogContent>
        <DialogContentText>{meeting.practiceName}, {meeting.date} {meeting.startTime}–{meeting.endTime}</DialogContentText>
        {error && <Alert severity="error" role="alert">{error.message}</Alert>}
        {!cancel && (
          <Box sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr', columnGap: 2 }}>
            <TextField label="New date" type="date" value={date} onChange={(e) => setDate(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} error={!!fieldError(error, 'date')} helperText={fieldError(error, 'date')} />
            <TextField label="Starts at" type="time" value={startTime} onChange={(e) => setStart(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} error={!!fieldError(error, 'startTime')} helperText={fieldError(error, 'startTime')} />
            <TextField label="Ends at" type="time" value={endTime} onChange={(e) => setEnd(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} error={!!fieldError(error, 'endTime')} helperText={fieldError(error, 'endTime')} />
          </Box>
        )}
        <TextField label="Reason" value={reason} onChange={(e) => setReason(e.target.value)} multiline minRows={2} autoFocus error={!!fieldError(error, 'reason')} helperText={fieldError(error, 'reason') ?? 'Shown on the calendar and in the invitation'} />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Back</Button>
        <Button variant="contained" color={cancel ? 'error' : 'primary'} onClick={() => void submit()}>{cancel ? 'Cancel the meeting' : 'Move the meeting'}</Button>
      </DialogActions>
    </Dialog>
  );
}
