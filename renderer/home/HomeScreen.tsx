import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import Typography from '@mui/material/Typography';
import type { SessionState } from '../../main/contract/people';
import { roleLabels } from '../../main/contract/roles';
import { call } from '../api/client';
import { PageHeader } from '../shared/PageHeader';
import { useLoad } from '../shared/useLoad';

type ActiveState = Extract<SessionState, { state: 'active' }>;

export function HomeScreen({ session }: { session: ActiveState }) {
  const { data } = useLoad(() => call('practices.list', {}));
  const mine = data?.practices.filter((p) => session.user.practiceIds.includes(p.id)) ?? [];
  return (
    <>
      <PageHeader title={`Hello, ${session.user.fullName.split(' ')[0]}`} intro={`You are signed in as ${roleLabels[session.user.role].toLowerCase()}.`} />
      <Card variant="outlined" sx={{ maxWidth: 640 }}>
        <CardContent>
          <Typography variant="h2" gutterBottom>Your practices</Typography>
          {mine.length === 0 ? (
            <Typography>You are not linked to a practice yet. Ask your practice manager to add you to your practice.</Typography>
          ) : (
            <ul>
              {mine.map((p) => (
                <li key={p.id}>
                  <Typography>{p.name} ({p.odsCode})</Typography>
                </li>
              ))}
            </ul>
          )}
        </CardContent>
      </Card>
    </>
  );
}
