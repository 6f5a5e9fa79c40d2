import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import { useState } from 'react';
import type { z } from 'zod';
import { formatNhsNumber } from '../../main/contract/nhs';
import { type InboxQuery, type Reason, reasonLabels, type ReferralStatus, urgencyLabels } from '../../main/contract/referrals';
import { call } from '../api/client';
import { ukDate } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { StatusChip } from './StatusChip';

type Query = z.input<typeof InboxQuery>;

const openStatuses: ReferralStatus[] = ['received', 'accepted', 'contacted', 'in_progress'];
const statusFilters: Record<string, { label: string; statuses?: ReferralStatus[] }> = {
  open: { label: 'Open', statuses: openStatuses },
  received: { label: 'New (received)', statuses: ['received'] },
  all: { label: 'All' },
  ended: { label: 'Ended', statuses: ['closed', 'declined', 'unable_to_contact', 'redirected'] },
};
const sortLabels = { urgency: 'Most urgent first', received_desc: 'Newest first', received_asc: 'Oldest first', last_activity: 'Longest untouched first' };

/** The link worker's inbox: filtered and paged in main, so it stays quick with 20,000 referrals. */
export function InboxScreen({ onOpen }: { onOpen: (id: number) => void }) {
  const [statusKey, setStatusKey] = useState('open');
  const [query, setQuery] = useState<Query>({ sort: 'urgency', offset: 0, limit: 25 });
  const practices = useLoad(() => call('practices.list', {}));
  const statuses = statusFilters[statusKey]?.statuses;
  const inbox = useLoad(() => call('referrals.inbox', { ...query, ...(statuses ? { status: statuses } : {}) }), [JSON.stringify(query), statusKey]);
  const set = (patch: Partial<Query>) => setQuery((q) => ({ ...q, offset: 0, ...patch }));
  const practiceName = new Map(practices.data?.practices.map((p) => [p.id, p.odsCode]) ?? []);
  const result = inbox.data;

  return (
    <>
      <PageHeader title="Referral inbox" intro="Referrals for the practices you cover." />
      <Box component="section" aria-label="Filters" sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2, alignItems: 'center' }}>
        <TextField select label="Status" value={statusKey} onChange={(e) => { setStatusKey(e.target.value); set({}); }} sx={{ width: 180 }} margin="none">
          {Object.entries(statusFilters).map(([k, v]) => <MenuItem key={k} value={k}>{v.label}</MenuItem>)}
        </TextField>
        <TextField select label="Practice" value={query.practiceId ?? ''} onChange={(e) => set({ practiceId: e.target.value === '' ? undefined : Number(e.target.value) })} sx={{ width: 220 }} margin="none">
          <MenuItem value="">All my practices</MenuItem>
          {practices.data?.practices.map((p) => <MenuItem key={p.id} value={p.id}>{p.name}</MenuItem>)}
        </TextField>
        <TextField select label="Reason" value={query.reason ?? ''} onChange={(e) => set({ reason: e.target.value === '' ? undefined : (e.target.value as Reason) })} sx={{ width: 240 }} margin="none">
          <MenuItem value="">Any reason</MenuItem>
          {Object.entries(reasonLabels).map(([k, v]) => <MenuItem key={k} value={k}>{v}</MenuItem>)}
        </TextField>
        <TextField select label="Urgency" value={query.urgency ?? ''} onChange={(e) => set({ urgency: e.target.value === '' ? undefined : (e.target.value as Query['urgency']) })} sx={{ width: 200 }} margin="none">
          <MenuItem value="">Any urgency</MenuItem>
          {Object.entries(urgencyLabels).map(([k, v]) => <MenuItem key={k} value={k}>{v}</MenuItem>)}
        </TextField>
        <TextField select label="Sort" value={query.sort} onChange={(e) => set({ sort: e.target.value as Query['sort'] })} sx={{ width: 220 }} margin="none">
          {Object.entries(sortLabels).map(([k, v]) => <MenuItem key={k} value={k}>{v}</MenuItem>)}
        </TextField>
        <FormControlLabel control={<Switch checked={query.staleOnly === true} onChange={(e) => set({ staleOnly: e.target.checked || undefined })} />} label="Untouched only" />
      </Box>
      {inbox.error && <Alert severity="error" role="alert">{inbox.error}</Alert>}
      {/* Nothing is shown as empty until main has said it is: a lost connection is not "0 of 0". */}
      {!result ? null : result.total === 0 ? (
        <Alert severity="info">No referrals match. Try “All” in Status, or clear the other filters.</Alert>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Referrals">
            <TableHead>
              <TableRow>
                <TableCell>Patient</TableCell>
                <TableCell>NHS number</TableCell>
                <TableCell>Practice</TableCell>
                <TableCell>Received</TableCell>
                <TableCell>Urgency</TableCell>
                <TableCell>Reasons</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Link worker</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {result.rows.map((r) => (
                <TableRow key={r.id} hover>
                  <TableCell>
                    <Button onClick={() => onOpen(r.id)} sx={{ p: 0, minWidth: 0, textAlign: 'left' }}>{r.patientName}</Button>
                    {r.safeguarding && <Chip size="small" color="error" label="Safeguarding" sx={{ ml: 1 }} />}
                    {r.stale && <Chip size="small" color="warning" label={`Untouched ${result.staleAfterWorkingDays}+ working days`} sx={{ ml: 1 }} />}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatNhsNumber(r.nhsNumber)}</TableCell>
                  <TableCell>{practiceName.get(r.practiceId) ?? r.practiceName}</TableCell>
                  <TableCell>{ukDate(r.receivedAt)}</TableCell>
                  <TableCell>{urgencyLabels[r.urgency].split(' (')[0]}</TableCell>
                  <TableCell>{r.reasons.map((x) => reasonLabels[x]).join('; ')}</TableCell>
                  <TableCell><StatusChip status={r.status} /></TableCell>
                  <TableCell>{r.assignedToName ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={result.total}
            page={Math.floor((query.offset ?? 0) / (query.limit ?? 25))}
            rowsPerPage={query.limit ?? 25}
            rowsPerPageOptions={[25, 50, 100]}
            onPageChange={(_e, page) => setQuery((q) => ({ ...q, offset: page * (q.limit ?? 25) }))}
            onRowsPerPageChange={(e) => set({ limit: Number(e.target.value) })}
            labelRowsPerPage="Referrals per page"
          />
        </TableContainer>
      )}
    </>
  );
}

