import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TablePagination from '@mui/material/TablePagination';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { contract, roleMayCall } from '../../main/contract';
import { costLabels, type Service } from '../../main/contract/directory';
import { type Reason, reasonLabels } from '../../main/contract/referrals';
import type { Role } from '../../main/contract/roles';
import { ApiError, call } from '../api/client';
import { downloadFile } from '../shared/download';
import { ukDate } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { ImportDialog } from './ImportDialog';
import { ServiceEditDialog, ServiceViewDialog } from './ServiceDialog';
import { usageText } from './usageText';

type Dialog = { kind: 'none' } | { kind: 'add' } | { kind: 'open'; service: Service } | { kind: 'import' };

interface Query {
  text: string;
  category: Reason | undefined;
  includeArchived: boolean;
  offset: number;
  limit: number;
}

/** Local services and groups: find one by words and category, see how often it is used, keep the list up to date. */
export function DirectoryScreen({ role }: { role: Role }) {
  const canEdit = roleMayCall(contract['directory.save'].access, role);
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState<Query>({ text: '', category: undefined, includeArchived: false, offset: 0, limit: 25 });
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string }>();
  const results = useLoad(
    () => call('directory.search', { text: query.text, includeArchived: query.includeArchived, offset: query.offset, limit: query.limit, ...(query.category ? { category: query.category } : {}) }),
    [JSON.stringify(query)],
  );
  const set = (patch: Partial<Query>) => setQuery((q) => ({ ...q, offset: 0, ...patch }));

  // Search as the person types, once they pause.
  useEffect(() => {
    const timer = setTimeout(() => setQuery((q) => (q.text === typed.trim() ? q : { ...q, text: typed.trim(), offset: 0 })), 300);
    return () => clearTimeout(timer);
  }, [typed]);

  const exportCsv = async () => {
    try {
      downloadFile(await call('directory.export', {}));
      setMessage({ severity: 'success', text: 'The directory is exported as CSV: look in your downloads.' });
    } catch (e) {
      setMessage({ severity: 'error', text: e instanceof ApiError ? e.message : 'Could not export the directory.' });
    }
  };

  const filtered = query.text !== '' || query.category !== undefined;
  const empty = results.data?.total === 0;

  return (
    <>
      <PageHeader
        title="Service directory"
        intro="Local services and community groups to signpost or refer people to."
        actions={
          canEdit && (
            <Stack direction="row" spacing={1} sx={{ flexShrink: 0 }}>
              <Button variant="contained" onClick={() => setDialog({ kind: 'add' })}>Add a service</Button>
              <Button variant="outlined" onClick={() => setDialog({ kind: 'import' })}>Import</Button>
              <Button variant="outlined" onClick={() => void exportCsv()}>Export CSV</Button>
            </Stack>
          )
        }
      />
      {message && (
        <Alert severity={message.severity} role={message.severity === 'error' ? 'alert' : 'status'} sx={{ mb: 2 }} onClose={() => setMessage(undefined)}>
          {message.text}
        </Alert>
      )}
      <Box component="search" aria-label="Find a service" sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 2, alignItems: 'center' }}>
        <TextField
          label="Search services"
          type="search"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') set({ text: typed.trim() });
          }}
          helperText="Words from the name, organisation, description, area or tags"
          sx={{ flex: '1 1 320px' }}
          margin="none"
        />
        <TextField
          select
          label="Category"
          value={query.category ?? ''}
          onChange={(e) => set({ category: e.target.value === '' ? undefined : (e.target.value as Reason) })}
          sx={{ flex: '0 1 300px' }}
          margin="none"
          helperText=" "
        >
          <MenuItem value="">Any category</MenuItem>
          {Object.entries(reasonLabels).map(([k, v]) => (
            <MenuItem key={k} value={k}>{v}</MenuItem>
          ))}
        </TextField>
        <FormControlLabel
          control={<Switch checked={query.includeArchived} onChange={(e) => set({ includeArchived: e.target.checked })} />}
          label="Show archived services"
          sx={{ mb: 2.5 }}
        />
      </Box>
      {results.error && <Alert severity="error" role="alert">{results.error}</Alert>}
      {empty && !filtered && !query.includeArchived && (
        <Alert severity="info" role="status">
          {canEdit
            ? 'No services yet: add one, or import your directory as CSV or Open Referral UK JSON.'
            : 'No services yet. Your link worker or practice manager can add them.'}
        </Alert>
      )}
      {empty && (filtered || query.includeArchived) && (
        <Alert severity="info" role="status">No services match. Try fewer or shorter words, or “Any category”.</Alert>
      )}
      {results.data && !empty && (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Services">
            <TableHead>
              <TableRow>
                <TableCell>Service</TableCell>
                <TableCell>Categories</TableCell>
                <TableCell>How to refer</TableCell>
                <TableCell>Phone</TableCell>
                <TableCell>Cost</TableCell>
                <TableCell>Last checked</TableCell>
                <TableCell>Use</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {results.data.rows.map((s) => (
                <TableRow key={s.id} hover>
                  <TableCell sx={{ minWidth: 220 }}>
                    <Button onClick={() => setDialog({ kind: 'open', service: s })} sx={{ p: 0, minWidth: 0, textAlign: 'left', justifyContent: 'flex-start' }}>
                      {s.name}
                    </Button>
                    {!s.active && <Chip size="small" label="Archived" sx={{ ml: 1 }} />}
                    {s.organisation && <Typography variant="body2" color="text.secondary">{s.organisation}</Typography>}
                  </TableCell>
                  <TableCell>
                    {s.categories.map((c) => reasonLabels[c]).join('; ')}
                    {s.tags.length > 0 && <Typography variant="body2" color="text.secondary">{s.tags.join(', ')}</Typography>}
                  </TableCell>
                  <TableCell>{s.howToRefer === 'direct_referral' ? 'Direct referral' : 'Signpost'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{s.phone || '—'}</TableCell>
                  <TableCell>{s.cost ? costLabels[s.cost] : 'Not known'}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{s.lastChecked ? ukDate(s.lastChecked) : 'Never'}</TableCell>
                  <TableCell>{usageText(s.usage)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={results.data.total}
            page={Math.floor(query.offset / query.limit)}
            rowsPerPage={query.limit}
            rowsPerPageOptions={[25, 50, 100]}
            onPageChange={(_e, page) => setQuery((q) => ({ ...q, offset: page * q.limit }))}
            onRowsPerPageChange={(e) => set({ limit: Number(e.target.value) })}
            labelRowsPerPage="Services per page"
          />
        </TableContainer>
      )}
      {dialog.kind === 'add' && (
        <ServiceEditDialog
          service={undefined}
          onClose={() => setDialog({ kind: 'none' })}
          onSaved={(s, verb) => {
            setDialog({ kind: 'none' });
            setMessage({ severity: 'success', text: `${s.name} is ${verb}.` });
            void results.reload();
          }}
        />
      )}
      {dialog.kind === 'open' && canEdit && (
        <ServiceEditDialog
          key={dialog.service.id}
          service={dialog.service}
          onClose={() => setDialog({ kind: 'none' })}
          onSaved={(s, verb) => {
            setDialog({ kind: 'none' });
            setMessage({ severity: 'success', text: `${s.name} is ${verb}.` });
            void results.reload();
          }}
        />
      )}
      {dialog.kind === 'open' && !canEdit && <ServiceViewDialog service={dialog.service} onClose={() => setDialog({ kind: 'none' })} />}
      {dialog.kind === 'import' && <ImportDialog onClose={() => setDialog({ kind: 'none' })} onImported={() => void results.reload()} />}
    </>
  );
}
