import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import Paper from '@mui/material/Paper';
import Switch from '@mui/material/Switch';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import WarningIcon from '@mui/icons-material/WarningAmberOutlined';
import { useState } from 'react';
import type { CaseloadRow } from '../../main/contract/casework';
import { instrumentShortNames } from '../../main/contract/measures';
import { formatNhsNumber } from '../../main/contract/nhs';
import { call } from '../api/client';
import { ukDate } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { StatusChip } from '../referrals/StatusChip';
import { nhs } from '../theme';

/** Why a case stands out, in words (never colour alone). */
function attentionReasons(r: CaseloadRow): string[] {
  const out: string[] = [];
  if (r.nextStepOverdue && r.nextStep) out.push(`Next step overdue (due ${ukDate(r.nextStep.dueOn)})`);
  if (r.noContactAlert) out.push(r.lastContactAt ? `No contact for ${r.daysWithoutContact} days` : `Not reached in ${r.daysWithoutContact} days since accepted`);
  return out;
}

/** The link worker's open cases, those needing attention first; a row opens the case. */
export function CaseloadScreen({ onOpen }: { onOpen: (referralId: number) => void }) {
  const load = useLoad(() => call('casework.caseload', {}), []);
  const [onlyAttention, setOnlyAttention] = useState(false);
  const data = load.data;
  const needing = data?.rows.filter((r) => attentionReasons(r).length > 0) ?? [];
  const rows = onlyAttention ? needing : (data?.rows ?? []);

  return (
    <>
      <PageHeader
        title="My caseload"
        intro={
          data &&
          `Cases stand out when a next step is overdue or nobody has reached the person for more than ${data.noContactAlertDays} days (your practice manager sets this). Follow-up measures are due ${data.followUpWeeks} weeks after the baseline.`
        }
      />
      {load.error && <Alert severity="error" role="alert">{load.error}</Alert>}
      {data && data.rows.length === 0 && (
        <Paper variant="outlined" sx={{ p: 3 }}>
          <Typography>You have no open cases. Accept a referral in the referral inbox and it appears here.</Typography>
        </Paper>
      )}
      {data && data.rows.length > 0 && (
        <>
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1, flexWrap: 'wrap' }}>
            <Typography sx={{ flexGrow: 1 }} role="status">
              {data.rows.length === 1 ? '1 open case' : `${data.rows.length} open cases`}; {needing.length === 0 ? 'none needs' : needing.length === 1 ? '1 needs' : `${needing.length} need`} attention.
            </Typography>
            <FormControlLabel control={<Switch checked={onlyAttention} onChange={(e) => setOnlyAttention(e.target.checked)} />} label="Show only cases that need attention" />
          </Box>
          <TableContainer component={Paper} variant="outlined">
            <Table size="small" aria-label="My open cases, those needing attention first">
              <TableHead>
                <TableRow>
                  <TableCell component="th" scope="col">Person</TableCell>
                  <TableCell component="th" scope="col">Needs attention</TableCell>
                  <TableCell component="th" scope="col">Status</TableCell>
                  <TableCell component="th" scope="col">Last contact</TableCell>
                  <TableCell component="th" scope="col">Next step due</TableCell>
                  <TableCell component="th" scope="col">Goals achieved</TableCell>
                  <TableCell component="th" scope="col">Measures due</TableCell>
                  <TableCell component="th" scope="col">Flags</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => {
                  const reasons = attentionReasons(r);
                  const stands = reasons.length > 0;
                  return (
                    <TableRow key={r.referralId} sx={stands ? { backgroundColor: '#FFF4D6', '& > :first-child': { borderLeft: `6px solid ${nhs.warmYellow}` } } : undefined}>
                      <TableCell component="th" scope="row" sx={{ minWidth: 190 }}>
                        <Button variant="text" onClick={() => onOpen(r.referralId)} sx={{ p: 0, minWidth: 0, textAlign: 'left', textDecoration: 'underline' }}>
                          {r.patientName}
                        </Button>
                        <Typography variant="body2" color="text.secondary">
                          <Box component="span" sx={{ whiteSpace: 'nowrap' }}>NHS {formatNhsNumber(r.nhsNumber)}</Box> · {r.practiceName}
                        </Typography>
                      </TableCell>
                      <TableCell>
                        {stands ? (
                          <Box sx={{ display: 'flex', gap: 0.5, alignItems: 'flex-start' }}>
                            <WarningIcon fontSize="small" aria-hidden sx={{ color: nhs.text, mt: '2px' }} />
                            <Box>
                              {reasons.map((text) => (
                                <Typography key={text} sx={{ fontWeight: 700 }}>{text}</Typography>
                              ))}
                            </Box>
                          </Box>
                        ) : (
                          <Typography color="text.secondary">No</Typography>
                        )}
                      </TableCell>
                      <TableCell><StatusChip status={r.status} /></TableCell>
                      <TableCell>{r.lastContactAt ? `${ukDate(r.lastContactAt)} (${r.daysWithoutContact === 0 ? 'today' : r.daysWithoutContact === 1 ? '1 day ago' : `${r.daysWithoutContact} days ago`})` : 'Not reached yet'}</TableCell>
                      <TableCell>
                        {r.nextStep ? (
                          <>
                            <Typography sx={{ fontWeight: r.nextStepOverdue ? 700 : 400 }}>{ukDate(r.nextStep.dueOn)}{r.nextStepOverdue && ' (overdue)'}</Typography>
                            <Typography variant="body2" color="text.secondary">{r.nextStep.text}</Typography>
                          </>
                        ) : (
                          'None agreed'
                        )}
                      </TableCell>
                      <TableCell>{r.goalsTotal === 0 ? 'No goals yet' : `${r.goalsAchieved} of ${r.goalsTotal}`}</TableCell>
                      <TableCell>{r.measuresDue.length === 0 ? '—' : r.measuresDue.map((m) => `${instrumentShortNames[m.instrument]} since ${ukDate(m.dueOn)}`).join('; ')}</TableCell>
                      <TableCell>
                        <Box sx={{ display: 'flex', gap: 0.5, flexWrap: 'wrap' }}>
                          {r.safeguarding && (
                            <Chip size="small" color="error" label={r.openEscalations > 0 ? `Safeguarding (${r.openEscalations} open)` : 'Safeguarding'} />
                          )}
                          {r.mdtQuestion !== null && <Chip size="small" color="primary" variant="outlined" label="For MDT" title={r.mdtQuestion} />}
                          {!r.safeguarding && r.mdtQuestion === null && '—'}
                        </Box>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </TableContainer>
        </>
      )}
    </>
  );
}
