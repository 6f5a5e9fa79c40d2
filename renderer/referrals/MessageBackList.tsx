import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import type { MessageBack } from '../../main/contract/referrals';
import { ApiError, call } from '../api/client';
import { downloadFile } from '../shared/download';
import { ukDateTime } from '../shared/format';

const occasionLabels = { acceptance: 'On acceptance', closure: 'On closure', update: 'Update' } as const;

/** Messages back as the referrer and the link worker both see them, each saveable for the GP record. */
export function MessageBackList({ messages, onError, onRead }: { messages: MessageBack[]; onError: (m: string) => void; onRead?: (m: MessageBack) => void }) {
  if (messages.length === 0) return <Typography>No message back yet.</Typography>;
  const save = async (messageId: number, format: 'pdf' | 'docx') => {
    try {
      downloadFile(await call('referrals.exportMessage', { messageId, format }));
    } catch (e) {
      onError(e instanceof ApiError ? e.message : 'Could not save the message.');
    }
  };
  return (
    <Stack spacing={2}>
      {messages.map((m) => (
        <Box key={m.id} component="article" aria-label={`Message back, ${occasionLabels[m.occasion].toLowerCase()}`} sx={{ borderLeft: 4, borderColor: 'primary.main', pl: 2 }}>
          <Typography sx={{ fontWeight: 700 }}>
            {occasionLabels[m.occasion]} · {ukDateTime(m.createdAt)} · {m.authorName} {m.readAt ? '· read' : ''}
          </Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}><strong>Needs and concerns:</strong> {m.needs}</Typography>
          <Typography sx={{ whiteSpace: 'pre-wrap' }}><strong>What matters:</strong> {m.whatMatters}</Typography>
          {m.supportOffered && <Typography sx={{ whiteSpace: 'pre-wrap' }}><strong>Support offered:</strong> {m.supportOffered}</Typography>}
          {m.servicesReferredTo && <Typography sx={{ whiteSpace: 'pre-wrap' }}><strong>Services:</strong> {m.servicesReferredTo}</Typography>}
          {m.outcomes && <Typography sx={{ whiteSpace: 'pre-wrap' }}><strong>Outcomes:</strong> {m.outcomes}</Typography>}
          {m.codes.length > 0 && <Typography><strong>Codes to record:</strong> {m.codes.map((c) => `${c.code} |${c.term}|`).join('; ')}</Typography>}
          <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
            <Button size="small" variant="outlined" onClick={() => void save(m.id, 'pdf')}>Save as PDF</Button>
            <Button size="small" variant="outlined" onClick={() => void save(m.id, 'docx')}>Save as Word</Button>
            {onRead && !m.readAt && <Button size="small" onClick={() => onRead(m)}>Mark as read</Button>}
          </Stack>
        </Box>
      ))}
    </Stack>
  );
}
