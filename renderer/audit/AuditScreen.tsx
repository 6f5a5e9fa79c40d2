import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useState } from 'react';
import type { AuditCheck } from '../../main/contract/audit';
import { call } from '../api/client';
import { ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';

const outcomeLabel = { ok: 'Done', refused: 'Refused', failed: 'Failed' } as const;

export function AuditScreen() {
  const log = useLoad(() => call('audit.list', { limit: 200 }));
  const [check, setCheck] = useState<AuditCheck>();
  return (
    <>
      <PageHeader
        title="Audit log"
        intro="Who did what, and when. Entries cannot be changed or removed; the check below proves none has been."
        actions={<Button variant="outlined" onClick={async () => setCheck(await call('audit.verify', {}))}>Check the log is intact</Button>}
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
      {log.error && <Alert severity="error" role="alert">{log.error}</Alert>}
      <TableContainer component={Paper} variant="outlined">
        <Table size="small" aria-label="Audit log entries">
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>Who</TableCell>
              <TableCell>What</TableCell>
              <TableCell>Record</TableCell>
              <TableCell>Outcome</TableCell>
              <TableCell>Detail</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {log.data?.entries.map((e) => (
              <TableRow key={e.id}>
                <TableCell>{ukDateTime(e.at)}</TableCell>
                <TableCell>{e.actorName}</TableCell>
                <TableCell>{e.action}</TableCell>
                <TableCell>{e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : ''}</TableCell>
                <TableCell>{outcomeLabel[e.outcome]}</TableCell>
                <TableCell>{e.detail}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableContainer>
      {log.data && <p>Showing the latest {log.data.entries.length} of {log.data.total} entries.</p>}
    </>
  );
}
