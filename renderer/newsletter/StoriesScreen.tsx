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
import { consentScopeLabels, type StoryStatus, storyStatusLabels, type StoryTexts } from '../../main/contract/newsletter';
import type { Role } from '../../main/contract/roles';
import { ApiError, call } from '../api/client';
import { ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { StatusChip, StoryScreen } from './StoryScreen';

type Open = { kind: 'list' } | { kind: 'story'; id: number; referralId: number } | { kind: 'new'; referralId: number; draft: StoryTexts };

/** Case stories: link workers write them from a case; practice managers approve them for the newsletter. */
export function StoriesScreen({ role }: { role: Role }) {
  const writer = role === 'link_worker';
  const [open, setOpen] = useState<Open>({ kind: 'list' });
  const [status, setStatus] = useState<StoryStatus | ''>(writer ? '' : 'submitted');
  const [caseId, setCaseId] = useState<number | ''>('');
  const [error, setError] = useState<string>();
  const stories = useLoad(() => call('stories.list', status ? { status } : {}), [status, open.kind]);
  const candidates = useLoad(() => (writer ? call('stories.candidates', {}) : Promise.resolve([])), [writer]);

  if (open.kind === 'story') return <StoryScreen key={open.id} role={role} storyId={open.id} referralId={open.referralId} onBack={() => setOpen({ kind: 'list' })} />;
  if (open.kind === 'new') return <StoryScreen role={role} referralId={open.referralId} initial={open.draft} onBack={() => setOpen({ kind: 'list' })} />;

  const start = async () => {
    if (caseId === '') {
      setError('Choose the case the story is about');
      return;
    }
    try {
      setOpen({ kind: 'new', referralId: caseId, draft: await call('stories.prefill', { referralId: caseId }) });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Could not start the story.');
    }
  };

  return (
    <Box>
      <PageHeader
        title="Case stories"
        intro={writer ? 'Write up a positive outcome for the newsletter. Signpost checks the words for anything that could identify someone.' : 'Stories link workers have sent for approval, and those already approved for the newsletter.'}
      />
      {writer && (
        <Paper variant="outlined" component="section" aria-labelledby="start-heading" sx={{ p: 2, mb: 3 }}>
          <Typography variant="h2" id="start-heading" sx={{ mb: 1 }}>Write a new story</Typography>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ alignItems: { md: 'flex-start' } }}>
            <TextField
              select
              label="Case the story is about"
              value={caseId === '' ? '' : String(caseId)}
              onChange={(e) => { setCaseId(Number(e.target.value)); setError(undefined); }}
              error={error !== undefined}
              helperText={error ?? 'Closed cases first. Signpost starts the story from what it knows of the case.'}
              sx={{ maxWidth: 560 }}
            >
              {(candidates.data ?? []).map((c) => (
                <MenuItem key={c.referralId} value={String(c.referralId)}>{c.label}{c.hasStory ? ' · has a story' : ''}</MenuItem>
              ))}
            </TextField>
            <Button variant="contained" onClick={start} sx={{ mt: { md: 3 } }}>Start the story</Button>
          </Stack>
        </Paper>
      )}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h2" sx={{ flexGrow: 1 }}>{writer ? 'Stories' : 'Stories to review'}</Typography>
        <TextField select label="Show" slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }} value={status} onChange={(e) => setStatus(e.target.value as StoryStatus | '')} sx={{ width: 260 }} margin="none">
          <MenuItem value="">All stories</MenuItem>
          {Object.entries(storyStatusLabels).map(([k, v]) => <MenuItem key={k} value={k}>{v}</MenuItem>)}
        </TextField>
      </Stack>
      {stories.error && <Alert severity="error">{stories.error}</Alert>}
      <TableContainer component={Paper} variant="outlined">
        <Table aria-label="Case stories">
          <TableHead>
            <TableRow>
              <TableCell>Headline</TableCell>
              <TableCell>Status</TableCell>
              <TableCell>Consent</TableCell>
              <TableCell>Practice</TableCell>
              <TableCell>Last changed</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(stories.data ?? []).map((s) => (
              <TableRow key={s.id} hover>
                <TableCell>
                  <Link component="button" onClick={() => setOpen({ kind: 'story', id: s.id, referralId: s.referralId })} sx={{ textAlign: 'left', fontWeight: 700 }}>
                    {s.title}
                  </Link>
                </TableCell>
                <TableCell><StatusChip status={s.status} /></TableCell>
                <TableCell>{s.consentWithdrawn ? <Typography color="error" variant="body2" sx={{ fontWeight: 700 }}>Withdrawn</Typography> : s.consentScope ? consentScopeLabels[s.consentScope] : 'Not recorded'}</TableCell>
                <TableCell>{s.practiceName}</TableCell>
                <TableCell>{ukDateTime(s.updatedAt)} by {s.updatedByName}</TableCell>
              </TableRow>
            ))}
            {stories.data?.length === 0 && (
              <TableRow>
                <TableCell colSpan={5}>{status === 'submitted' ? 'No stories are waiting for approval.' : 'No stories yet.'}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
    </Box>
  );
}
