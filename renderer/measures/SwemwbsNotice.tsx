import Typography from '@mui/material/Typography';
import { SWEMWBS_NOTICE } from '../../main/contract/measures';

/** Warwick's copyright notice, which the licence asks for wherever SWEMWBS is shown or reported. */
export function SwemwbsNotice() {
  return (
    <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }} data-testid="swemwbs-notice">
      {SWEMWBS_NOTICE}
    </Typography>
  );
}
