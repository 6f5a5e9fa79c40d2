import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useState } from 'react';
import type { AuditCheck, AuditFilter } from '../../main/contract/audit';
import { ApiError, call } from '../api/client';
import { downloadFile } from '../shared/download';
import { ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';

const outcomeLabel = { ok: 'Done', refused: 'Refused', failed: 'Failed' } as const;
const PAGE = 50;
const EMPTY = { actorUserId: '' as number | '', nhsNumber: '', from: '', to: '' };

function toFilter(f: typeof EMPTY): AuditFilter {
  return { ...(f.actorUserId !== '' ? { actorUserId: f.actorUserId } : {}), nhsNumber: f.nhsNumber, from: f.from, to: f.to };
}

/** Who did what, and when: filtered by person, patient and dates, a page at a time, and exported. */
export function AuditScreen() {
  const [draft, setDraft] = useState(EMPTY);
  const [filter, setFilter] = useState<AuditFilter>({});
  // Ids of the first entry of each earlier page, so "Newer" can go back.
  const [pages, setPages] = useState<(number | undefined)[]>([undefined]);
  const beforeId = pages.at(-1);
  const log = useLoad(() => call('audit.list', { filter, limit: PAGE, ...(beforeId !== undefined ? { beforeId } : {}) }), [filter, beforeId]);
  const people = useLoad(() => call('audit.people', {}));
  const [check, setCheck] = useState<AuditCheck>();
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string>();

  const apply = async (e: FormEvent) => {
    e.preventDefault();
    const next = toFilter(draft);
    try {
      // Main checks the filter (a real NHS number, dates in order); its messages go next to the fields.
      await call('audit.list', { filter: next, limit: 1 });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'VALIDATION') return setFieldErrors(err.fieldErrors);
    }
    setFieldErrors({});
    setFilter(next);
    setPages([undefined]);
  };
  const clear = () => {
    setDraft(EMPTY);
    setFilter({});
    setPages([undefined]);
    setFieldErrors({});
  };
  const exportCsv = async () => {
    try {
      const file = await call('audit.export', { filter });
      downloadFile(file);
      setMessage(`Exported ${file.count} entries as ${file.fileName}.`);
    } catch (err) {
      setMessage(err instanceof ApiError ? err.message : 'The export did not work; try again.');
    }
  };
  const error = log.error;
  const entries = log.data?.entries ?? [];
  const first = pages.length - 1;

  return (
    <>
      <PageHeader
        title="Audit log"
        intro="Who did what, and when. Entries cannot be changed or removed; the check proves none has been. To answer “who looked at this person’s record?”, enter their NHS number."
        actions={<Button variant="outlined" sx={{ whiteSpace: 'nowrap' }} onClick={async () => setCheck(await call('audit.verify', {}))}>Check the log is intact</Button>}
      />
      {check && (
        <Alert severity={check.ok ? 'success' : 'error'} role={check.ok ? 'status' : 'alert'} sx={{ mb: 2 }}>
          {check.ok ? (
            `All ${check.checked} entries are intact, and the log matches its anchor outside the database.`
          ) : (
            <>
              The log may have been changed outside Signpost. Tell your practice manager and IT.
              <ul>{check.problems.map((p) => <li key={p}>{p}</li>)}</ul>
            </>
          )}
        </Alert>
      )}
      <Paper variant="outlined" component="form" aria-label="Filter the audit log" onSubmit={(e) => void apply(e)} sx={{ p: 2, mb: 2 }}>
        <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '2fr 2fr 1fr 1fr' } }}>
          <TextField select label="Person" value={draft.actorUserId} onChange={(e) => setDraft({ ...draft, actorUserId: e.target.value === '' ? '' : Number(e.target.value) })}>
            <MenuItem value="">Everyone</MenuItem>
            {people.data?.map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)}
          </TextField>
          <TextField label="Patient’s NHS number" value={draft.nhsNumber} onChange={(e) => setDraft({ ...draft, nhsNumber: e.target.value })} slotProps={{ htmlInput: { inputMode: 'numeric' } }} error={!!fieldErrors['filter.nhsNumber']} helperText={fieldErrors['filter.nhsNumber']?.[0] ?? 'Entries about the person or any of their referrals'} />
          <TextField label="From" type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} />
          <TextField label="To" type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} slotProps={{ inputLabel: { shrink: true } }} error={!!fieldErrors['filter.to']} helperText={fieldErrors['filter.to']?.[0]} />
        </Box>
        <Stack direction="row" spacing={1} sx={{ mt: 2 }}>
          <Button type="submit" variant="contained">Show entries</Button>
          <Button onClick={clear}>Clear the filter</Button>
          <Box sx={{ flexGrow: 1 }} />
          <Button variant="outlined" onClick={() => void exportCsv()}>Export these entries (CSV)</Button>
        </Stack>
      </Paper>
      {message && <Alert severity="info" role="status" sx={{ mb: 2 }} onClose={() => setMessage(undefined)}>{message}</Alert>}
      {error && <Alert severity="error" role="alert" sx={{ mb: 2 }}>{error}</Alert>}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Audit log entries">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>What happened</TableCell>
              <TableCell>Outcome</TableCell>
              <TableCell>Detail</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {entries.map((e) => (
              <TableRow key={e.id}>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{ukDateTime(e.at)}</TableCell>
                <TableCell>{e.summary}</TableCell>
                <TableCell>{outcomeLabel[e.outcome]}</TableCell>
                <TableCell>{e.detail}</TableCell>
              </TableRow>
            ))}
            {log.data && entries.length === 0 && (
              <TableRow><TableCell colSpan={4}>No entries match the filter.</TableCell></TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {log.data && (
        <Stack direction="row" spacing={2} sx={{ mt: 1, alignItems: 'center' }}>
          <Typography>
            {entries.length === 0 ? 'Nothing to show.' : `Entries ${first * PAGE + 1}–${first * PAGE + entries.length} of ${log.data.total}, newest first.`}
          </Typography>
          <Button disabled={pages.length === 1} onClick={() => setPages(pages.slice(0, -1))}>Newer</Button>
          <Button disabled={entries.length < PAGE || first * PAGE + entries.length >= log.data.total} onClick={() => setPages([...pages, entries.at(-1)!.id])}>Older</Button>
        </Stack>
      )}
    </>
  );
}
