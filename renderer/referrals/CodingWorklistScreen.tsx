import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { formatNhsNumber, SNOMED } from '../../main/contract/nhs';
import { call } from '../api/client';
import { ukDate } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { CodeToRecord, REFERRAL_CODE_RULE } from './CodeToRecord';
import { StatusChip } from './StatusChip';
import { today } from '../shared/clock';

/** Accepted referrals not yet coded in EMIS Web or SystmOne: unreliable coding is a known gap. */
export function CodingWorklistScreen({ onOpen }: { onOpen: (id: number) => void }) {
  const list = useLoad(() => call('referrals.codingWorklist', {}));
  return (
    <>
      <PageHeader title="Not yet coded" intro="Accepted referrals whose code is not yet recorded in the clinical system." />
      <CodeToRecord code={SNOMED.referral.code} term={SNOMED.referral.term} rule={REFERRAL_CODE_RULE} />
      {list.error && <Alert severity="error" role="alert">{list.error}</Alert>}
      {!list.data ? null : list.data.length === 0 ? (
        <Alert severity="success">Every accepted referral is coded.</Alert>
      ) : (
        <TableContainer component={Paper} variant="outlined">
          <Table size="small" aria-label="Referrals not yet coded">
            <TableHead>
              <TableRow>
                <TableCell>Patient</TableCell>
                <TableCell>NHS number</TableCell>
                <TableCell>Practice</TableCell>
                <TableCell>Received</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Action</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {list.data.map((r) => (
                <TableRow key={r.id}>
                  <TableCell>{r.patientName}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatNhsNumber(r.nhsNumber)}</TableCell>
                  <TableCell>{r.practiceName}</TableCell>
                  <TableCell>{ukDate(r.receivedAt)}</TableCell>
                  <TableCell><StatusChip status={r.status} /></TableCell>
                  <TableCell>
                    <Button size="small" onClick={() => onOpen(r.id)} aria-label={`Open the referral for ${r.patientName}`}>Open</Button>
                    <Button
                      size="small"
                      onClick={async () => {
                        await call('referrals.recordCoding', { id: r.id, code: SNOMED.referral.code, recordedOn: today() });
                        await list.reload();
                      }}
                      aria-label={`Mark the referral for ${r.patientName} as coded today`}
                    >
                      Coded today
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
    </>
  );
}
