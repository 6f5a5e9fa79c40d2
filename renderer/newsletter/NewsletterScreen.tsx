import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Link from '@mui/material/Link';
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
import { useState } from 'react';
import { today } from '../shared/clock';
import { type IssueDetail, issueStatusLabels } from '../../main/contract/newsletter';
import { ApiError, call } from '../api/client';
import { ukDate, ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { IssueComposer } from './IssueComposer';

/** The monthly newsletter: what the manager must know, every issue (past ones as sent), and a new one. */
export function NewsletterScreen() {
  const [open, setOpen] = useState<IssueDetail>();
  const [month, setMonth] = useState(today().slice(0, 7));
  const [forWhom, setForWhom] = useState('pcn');
  const [error, setError] = useState<string>();
  const issues = useLoad(() => call('newsletter.issues', {}), [open]);
  const notices = useLoad(() => call('newsletter.notices', {}), [open]);
  const practices = useLoad(() => call('practices.list', {}), []);

  const openIssue = async (id: number) => {
    try {
      setOpen(await call('newsletter.get', { id }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not open the issue.');
    }
  };

  if (open) return <IssueComposer key={open.summary.id} detail={open} onBack={() => setOpen(undefined)} onOpenIssue={(id) => void openIssue(id)} />;

  const start = async () => {
    setError(undefined);
    try {
      setOpen(await call('newsletter.create', { month, practiceId: forWhom === 'pcn' ? null : Number(forWhom) }));
    } catch (e) {
      setError(e instanceof ApiError ? (e.fieldErrors.month?.[0] ?? e.message) : 'Could not start the issue.');
    }
  };

  return (
    <Box>
      <PageHeader title="Newsletter" intro="Each month’s issue of positive-outcome stories and figures, for one practice or the whole PCN. Past issues are kept exactly as they were sent." />
      {(notices.data ?? []).map((n) => (
        <Alert
          key={n.id}
          severity="error"
          sx={{ mb: 2 }}
          action={<Button color="inherit" onClick={async () => { await call('newsletter.acknowledgeNotice', { id: n.id }); await notices.reload(); }}>I have dealt with this</Button>}
        >
          {n.text}
        </Alert>
      ))}
      <Paper variant="outlined" component="section" aria-labelledby="new-issue-heading" sx={{ p: 2, mb: 3 }}>
        <Typography variant="h2" id="new-issue-heading" sx={{ mb: 1 }}>Start an issue</Typography>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
          <TextField type="month" label="Month" value={month} onChange={(e) => setMonth(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} sx={{ maxWidth: 220 }} error={error !== undefined} helperText={error} />
          <TextField select label="For" value={forWhom} onChange={(e) => setForWhom(e.target.value)} sx={{ maxWidth: 360 }}>
            <MenuItem value="pcn">The whole PCN{practices.data ? ` (${practices.data.pcnName})` : ''}</MenuItem>
            {(practices.data?.practices ?? []).map((p) => <MenuItem key={p.id} value={String(p.id)}>{p.name}</MenuItem>)}
          </TextField>
          <Button variant="contained" onClick={start} sx={{ mt: { md: 3 } }}>Start the issue</Button>
        </Stack>
      </Paper>
      <Typography variant="h2" sx={{ mb: 1 }}>Issues</Typography>
      {issues.error && <Alert severity="error">{issues.error}</Alert>}
      <TableContainer component={Paper} variant="outlined">
        <Table aria-label="Newsletter issues">
          <TableHead>
            <TableRow>
              <TableCell>Issue</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Stories</TableCell>
              <TableCell>Last changed</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(issues.data ?? []).map((i) => (
              <TableRow key={i.id} hover>
                <TableCell>
                  <Link component="button" onClick={() => openIssue(i.id)} sx={{ fontWeight: 700, textAlign: 'left' }}>{i.label}</Link>
                </TableCell>
                <TableCell>
                  {issueStatusLabels[i.status]}{i.sentOn ? ` on ${ukDate(i.sentOn)}` : ''}
                  {i.withdrawnAt && <Typography variant="body2" color="error" sx={{ fontWeight: 700 }}>Withdrawn {ukDate(i.withdrawnAt)}</Typography>}
                  {i.correctedByIssueId !== null && <Typography variant="body2" color="text.secondary">Corrected by a newer version</Typography>}
                  {i.withdrawnStories > 0 && <Typography variant="body2" color="error" sx={{ fontWeight: 700 }}>Consent since withdrawn for {i.withdrawnStories === 1 ? 'a story' : `${i.withdrawnStories} stories`}</Typography>}
                </TableCell>
                <TableCell>{i.storyCount}</TableCell>
                <TableCell>{ukDateTime(i.updatedAt)}</TableCell>
              </TableRow>
            ))}
            {issues.data?.length === 0 && (
              <TableRow>
                <TableCell colSpan={4}>No issues yet: start this month’s above.</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
    </Box>
  );
}
