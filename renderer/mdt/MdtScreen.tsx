import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
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
import { contract, roleMayCall } from '../../main/contract';
import type { Meeting } from '../../main/contract/mdt';
import type { Role } from '../../main/contract/roles';
import { ApiError, call } from '../api/client';
import { downloadFile } from '../shared/download';
import { PageHeader } from '../shared/PageHeader';
import { useRemembered } from '../shared/sessionMemory';
import { useLoad } from '../shared/useLoad';
import { AgendaScreen } from './AgendaScreen';
import { dayDate, groupedClashMessages, monthLabel, shiftMonth, todayInEngland } from './format';
import { MeetingDialog, MoveOrCancelDialog, type PlanResult, SeriesDialog } from './ScheduleDialogs';

export const visuallyHidden = { position: 'absolute', width: '1px', height: '1px', margin: '-1px', padding: 0, border: 0, overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' } as const;

/** The open meeting's id (no patient data), so that unlocking returns to it, meeting mode included; the person's own. */
const OPEN_MEETING = 'mdt-meeting';

type Dialog = { kind: 'series' } | { kind: 'meeting'; meeting?: Meeting } | { kind: 'move' | 'cancel'; meeting: Meeting } | { kind: 'settings' };

/** The PCN's MDT calendar month by month, the clash and coverage checks, and each meeting's agenda. */
export function MdtScreen({ role }: { role: Role }) {
  const [meetingId, setMeetingId] = useRemembered<number | undefined>(OPEN_MEETING, undefined, 'session');
  if (meetingId !== undefined) return <AgendaScreen key={meetingId} meetingId={meetingId} role={role} onBack={() => setMeetingId(undefined)} />;
  return <CalendarView role={role} onOpen={setMeetingId} />;
}

function CalendarView({ role, onOpen }: { role: Role; onOpen: (id: number) => void }) {
  const [month, setMonth] = useState(todayInEngland().slice(0, 7));
  const cal = useLoad(() => call('mdt.calendar', { month }), [month]);
  const actions = useLoad(() => call('mdt.myActions', {}));
  const [dialog, setDialog] = useState<Dialog>();
  const [result, setResult] = useState<PlanResult>();
  const [error, setError] = useState<string>();
  const canPlan = roleMayCall(contract['mdt.saveSeries'].access, role);
  const data = cal.data;

  const done = (r: PlanResult) => {
    setDialog(undefined);
    setResult(r);
    void cal.reload();
  };
  const act = async (work: () => Promise<void>) => {
    try {
      setError(undefined);
      await work();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'That did not work; try again.');
    }
  };
  const clashesOf = (m: Meeting) => data?.clashes.filter((c) => c.meetings.some((x) => x.meetingId === m.id)) ?? [];
  const byDate = new Map<string, Meeting[]>();
  for (const m of data?.meetings ?? []) (byDate.get(m.date) ?? byDate.set(m.date, []).get(m.date)!).push(m);

  return (
    <>
      <PageHeader
        title="MDT meetings"
        intro="Every practice’s multidisciplinary team meetings in the PCN, with the link workers invited. Times are in England."
        actions={canPlan && (
          <Stack direction="row" spacing={1}>
            <Button variant="contained" onClick={() => setDialog({ kind: 'series' })}>Add a series</Button>
            <Button variant="outlined" onClick={() => setDialog({ kind: 'meeting' })}>Add a one-off meeting</Button>
          </Stack>
        )}
      />
      {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
      {result && (
        <Alert severity={result.clashes.length > 0 ? 'warning' : 'success'} sx={{ mb: 2 }} onClose={() => setResult(undefined)} role="status">
          <strong>{result.what}</strong>
          {result.clashes.length > 0 && (
            <>
              {' '}Clashes to sort out:
              <Box component="ul" sx={{ m: 0, pl: 2 }}>{groupedClashMessages(result.clashes).map((text, i) => <li key={i}>{text}</li>)}</Box>
            </>
          )}
        </Alert>
      )}
      {(actions.data?.length ?? 0) > 0 && (
        <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="my-actions">
          <Typography variant="h2" id="my-actions">My MDT actions</Typography>
          <Box component="ul" sx={{ pl: 2, mb: 0 }}>
            {actions.data!.map((a) => (
              <li key={a.id}>
                <Typography component="span">{a.text}{a.about ? ` (${a.about})` : ''} · due {dayDate(a.dueOn)} · {a.practiceName} MDT of {dayDate(a.meetingDate)} </Typography>
                <Button size="small" onClick={() => void act(async () => { await call('mdt.completeAction', { actionId: a.id }); await actions.reload(); })}>Mark done</Button>
              </li>
            ))}
          </Box>
        </Paper>
      )}
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 2 }} component="nav" aria-label="Month">
        <Button onClick={() => setMonth(shiftMonth(month, -1))} aria-label={`Previous month, ${monthLabel(shiftMonth(month, -1))}`}>← Previous</Button>
        <Typography variant="h2" component="h2" sx={{ minWidth: 220, textAlign: 'center' }} aria-live="polite">{monthLabel(month)}</Typography>
        <Button onClick={() => setMonth(shiftMonth(month, 1))} aria-label={`Next month, ${monthLabel(shiftMonth(month, 1))}`}>Next →</Button>
        <Box sx={{ flexGrow: 1 }} />
        <Button variant="outlined" onClick={() => void act(async () => downloadFile(await call('mdt.exportIcs', { month })))}>Download the month for Outlook (.ics)</Button>
        {role === 'practice_manager' && <Button onClick={() => setDialog({ kind: 'settings' })}>Practice MDT settings</Button>}
      </Stack>
      {dialog?.kind === 'settings' && <SettingsDialog onClose={() => { setDialog(undefined); void cal.reload(); }} />}
      {cal.error && <Alert severity="error" role="alert">{cal.error}</Alert>}
      {data && data.clashes.length > 0 && (
        <Alert severity="warning" sx={{ mb: 2 }} role="alert">
          <strong>{data.clashes.length === 1 ? '1 clash' : `${data.clashes.length} clashes`} for link workers this month</strong>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>{data.clashes.map((c, i) => <li key={i}>{c.message}</li>)}</Box>
        </Alert>
      )}
      {data && data.coverage.some((c) => c.status === 'uncovered') && (
        <Alert severity="warning" sx={{ mb: 2 }}>
          <strong>No link worker this month at:</strong>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {data.coverage.filter((c) => c.status === 'uncovered').map((c) => (
              <li key={c.practiceId}>
                {c.practiceName}:{' '}
                {c.suggestions.map((s) => `${dayDate(s.date)} ${s.startTime}: ${s.free.length === 0 ? 'nobody is free' : `free: ${s.free.map((f) => `${f.name}${f.worksHere ? ' (works there)' : ''}`).join(', ')}`}`).join('; ')}
              </li>
            ))}
          </Box>
        </Alert>
      )}
      {data && data.skipped.length > 0 && (
        <Alert severity="info" sx={{ mb: 2 }}>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>{data.skipped.map((s, i) => <li key={i}>{s.practiceName}: {s.reason}</li>)}</Box>
        </Alert>
      )}
      {data && data.meetings.length === 0 && <Alert severity="info">No MDT meetings in {monthLabel(month)}.{canPlan ? ' Add a practice’s series to fill the calendar.' : ''}</Alert>}
      {data && data.meetings.length > 0 && (
        <Paper variant="outlined">
          <Table size="small" aria-label={`MDT meetings in ${monthLabel(month)}`}>
            <TableHead>
              <TableRow>
                <TableCell>Date</TableCell>
                <TableCell>Time</TableCell>
                <TableCell>Practice</TableCell>
                <TableCell>Link workers</TableCell>
                <TableCell>Place</TableCell>
                <TableCell><Box component="span" sx={visuallyHidden}>Actions</Box></TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {[...byDate.entries()].flatMap(([date, meetings]) =>
                meetings.map((m, i) => {
                  const clashes = clashesOf(m);
                  const cancelled = m.status === 'cancelled';
                  return (
                    <TableRow key={m.id} sx={cancelled ? { '& td': { color: 'text.secondary' } } : undefined}>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{i === 0 ? dayDate(date) : ''}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>{m.startTime}–{m.endTime}</TableCell>
                      <TableCell>
                        <Button onClick={() => onOpen(m.id)} sx={{ p: 0, minWidth: 0, textAlign: 'left' }} aria-label={`${m.practiceName} ${dayDate(m.date)}: open the agenda`}>{m.practiceName}</Button>
                        <Typography variant="body2" color="text.secondary">{m.title}</Typography>
                        {cancelled && <Chip size="small" label={`Cancelled: ${m.cancelReason ?? ''}`} sx={{ mt: 0.5 }} />}
                        {m.movedFrom && <Chip size="small" color="info" variant="outlined" label={`Moved from ${dayDate(m.movedFrom.date)} ${m.movedFrom.startTime}: ${m.movedFrom.reason}`} sx={{ mt: 0.5, maxWidth: 360 }} />}
                        {m.bankHoliday && <Chip size="small" color="warning" label={`Bank holiday: suggest ${dayDate(m.bankHoliday.suggestedDate)}`} sx={{ mt: 0.5 }} />}
                        {clashes.map((c, k) => <Chip key={k} size="small" color="warning" label={c.kind === 'overlap' ? `Clash: ${c.linkWorkerName} double-booked` : `Clash: ${c.linkWorkerName} has ${c.gapMinutes} min to travel`} sx={{ mt: 0.5, ml: 0.5 }} />)}
                      </TableCell>
                      <TableCell>{m.linkWorkers.length === 0 ? <Chip size="small" variant="outlined" label="No link worker" /> : m.linkWorkers.map((w) => w.name).join(', ')}</TableCell>
                      <TableCell>{m.place || (m.onlineLink ? 'Online' : '—')}</TableCell>
                      <TableCell sx={{ whiteSpace: 'nowrap' }}>
                        {canPlan && !cancelled && m.startedAt === null && (
                          <>
                            <Button size="small" onClick={() => setDialog({ kind: 'meeting', meeting: m })} aria-label={`Change ${m.practiceName} ${dayDate(m.date)}`}>Change</Button>
                            <Button size="small" onClick={() => setDialog({ kind: 'move', meeting: m })} aria-label={`Move ${m.practiceName} ${dayDate(m.date)}`}>Move</Button>
                            <Button size="small" color="error" onClick={() => setDialog({ kind: 'cancel', meeting: m })} aria-label={`Cancel ${m.practiceName} ${dayDate(m.date)}`}>Cancel</Button>
                          </>
                        )}
                      </TableCell>
                    </TableRow>
                  );
                }),
              )}
            </TableBody>
          </Table>
        </Paper>
      )}
      {data && dialog?.kind === 'series' && <SeriesDialog practices={data.practices} workers={data.linkWorkers} onClose={() => setDialog(undefined)} onSaved={done} />}
      {data && dialog?.kind === 'meeting' && <MeetingDialog practices={data.practices} workers={data.linkWorkers} meeting={dialog.meeting} onClose={() => setDialog(undefined)} onSaved={done} />}
      {(dialog?.kind === 'move' || dialog?.kind === 'cancel') && <MoveOrCancelDialog meeting={dialog.meeting} cancel={dialog.kind === 'cancel'} onClose={() => setDialog(undefined)} onDone={done} />}
    </>
  );
}

function SettingsDialog({ onClose }: { onClose: () => void }) {
  const settings = useLoad(() => call('mdt.settings', {}));
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const save = async (practiceId: number, agendaCloseWorkingDays: number, travelGapMinutes: number) => {
    setError(undefined);
    try {
      await call('mdt.updateSettings', { practiceId, agendaCloseWorkingDays, travelGapMinutes });
      setMessage('Saved.');
      await settings.reload();
    } catch (e) {
      if (e instanceof ApiError) setError(e);
    }
  };
  return (
    <Paper variant="outlined" sx={{ p: 2, mb: 2 }} component="section" aria-labelledby="mdt-settings">
      <Typography variant="h2" id="mdt-settings" tabIndex={-1} ref={(el: HTMLElement | null) => el?.focus()}>Practice MDT settings</Typography>
      {error && <Alert severity="error" role="alert">{error.message} {Object.values(error.fieldErrors).flat().join(' ')}</Alert>}
      {message && <Alert severity="success">{message}</Alert>}
      <Typography color="text.secondary" sx={{ mb: 1 }}>When each practice’s agenda list closes before its MDT, and how long a link worker needs to get there from another practice’s MDT the same day. A clash uses the larger gap of the two practices.</Typography>
      {settings.data?.map((s) => (
        <Box key={s.practiceId} component="form" aria-label={`MDT settings for ${s.practiceName}`} onSubmit={(e) => { e.preventDefault(); const f = new FormData(e.currentTarget); void save(s.practiceId, Number(f.get('close')), Number(f.get('gap'))); }} sx={{ display: 'grid', gridTemplateColumns: '2fr 1fr 1fr auto', gap: 2, alignItems: 'center' }}>
          <Typography>{s.practiceName}</Typography>
          <TextField name="close" type="number" label="List closes (working days before)" defaultValue={s.agendaCloseWorkingDays} />
          <TextField name="gap" type="number" label="Travel gap (minutes)" defaultValue={s.travelGapMinutes} />
          <Button type="submit" variant="outlined">Save</Button>
        </Box>
      ))}
      <Button onClick={onClose} sx={{ mt: 1 }}>Close</Button>
    </Paper>
  );
}
