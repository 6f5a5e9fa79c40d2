import Chip from '@mui/material/Chip';
import { type ReferralStatus, statusLabels } from '../../main/contract/referrals';

const colours: Record<ReferralStatus, 'default' | 'primary' | 'success' | 'warning' | 'error'> = {
  received: 'warning',
  accepted: 'primary',
  contacted: 'primary',
  in_progress: 'primary',
  closed: 'success',
  declined: 'default',
  unable_to_contact: 'default',
  redirected: 'default',
};

export function StatusChip({ status }: { status: ReferralStatus }) {
  return <Chip size="small" color={colours[status]} label={statusLabels[status]} variant={colours[status] === 'default' ? 'outlined' : 'filled'} />;
}
