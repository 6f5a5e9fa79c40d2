import Accordion from '@mui/material/Accordion';
import AccordionDetails from '@mui/material/AccordionDetails';
import AccordionSummary from '@mui/material/AccordionSummary';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useState } from 'react';
import { formatNhsNumber } from '../../main/contract/nhs';
import { call } from '../api/client';
import { ukDate, ukDateTime } from '../shared/format';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';
import { MessageBackList } from './MessageBackList';
import { StatusChip } from './StatusChip';

/** What became of the referrals I made: status and messages back, never the link worker’s notes. */
export function MyReferralsScreen() {
  const mine = useLoad(() => call('referrals.mine', {}));
  const [error, setError] = useState<string>();
  return (
    <>
      <PageHeader title="My referrals" intro="What became of the referrals you made. The link worker’s own notes stay with the link worker." />
      {(error || mine.error) && <Alert severity="error" role="alert">{error ?? mine.error}</Alert>}
      {mine.data?.length === 0 && <Alert severity="info">You have not made a referral yet. Use “New referral” to refer a patient to the link worker.</Alert>}
      <Box sx={{ maxWidth: 960 }}>
        {mine.data?.map((r) => {
          const unread = r.messages.filter((m) => !m.readAt).length;
          return (
            <Accordion key={r.id} disableGutters>
              <AccordionSummary expandIcon={<ExpandMoreIcon />} aria-controls={`ref-${r.id}`} id={`ref-${r.id}-h`}>
                <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', width: '100%' }}>
                  <Typography sx={{ fontWeight: 700, minWidth: 200 }}>{r.patientName}</Typography>
                  <Typography>NHS {formatNhsNumber(r.nhsNumber)}</Typography>
                  <Typography>Referred {ukDate(r.receivedAt)}</Typography>
                  <StatusChip status={r.status} />
                  <Typography variant="body2" color="text.secondary">since {ukDateTime(r.statusChangedAt)}</Typography>
                  {unread > 0 && <Chip size="small" color="primary" label={`${unread} new message${unread > 1 ? 's' : ''} back`} />}
                </Box>
              </AccordionSummary>
              <AccordionDetails id={`ref-${r.id}`}>
                {r.messageBackTo === 'usual_gp' ? (
                  <Typography>The message back for this referral goes to the patient’s usual GP, not to you.</Typography>
                ) : (
                  <MessageBackList
                    messages={r.messages}
                    onError={setError}
                    onRead={async (m) => {
                      await call('referrals.markMessageRead', { messageId: m.id });
                      await mine.reload();
                    }}
                  />
                )}
              </AccordionDetails>
            </Accordion>
          );
        })}
      </Box>
    </>
  );
}
