import Typography from '@mui/material/Typography';
import type { SessionState } from '../../main/contract/people';
import { roleLabels } from '../../main/contract/roles';
import { PageHeader } from '../shared/PageHeader';
import { ChangePasswordForm } from './ChangePasswordScreen';

type ActiveState = Extract<SessionState, { state: 'active' }>;

export function AccountScreen({ session, onSessionChange }: { session: ActiveState; onSessionChange: (s: SessionState) => void }) {
  return (
    <>
      <PageHeader title="My account" intro={`${session.user.fullName} (${session.user.username}), ${roleLabels[session.user.role]}`} />
      <Typography variant="h2" sx={{ mb: 1 }}>Change your password</Typography>
      <ChangePasswordForm onChange={onSessionChange} />
    </>
  );
}
