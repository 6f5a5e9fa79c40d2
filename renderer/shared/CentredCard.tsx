import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import { nhs } from '../theme';

/** The frame of the screens before sign-in: the Signpost name, one card, one task. */
export function CentredCard({ title, children, width = 480 }: { title: string; children: ReactNode; width?: number }) {
  return (
    <Box sx={{ minHeight: '100vh', display: 'flex', flexDirection: 'column' }}>
      <Box component="header" sx={{ bgcolor: nhs.blue, color: '#fff', px: 3, py: 1.5 }}>
        <Typography component="p" sx={{ fontWeight: 700, fontSize: '1.25rem' }}>
          Signpost
        </Typography>
      </Box>
      <Box component="main" sx={{ flex: 1, display: 'flex', justifyContent: 'center', alignItems: 'flex-start', p: 3 }}>
        <Paper sx={{ p: 4, width: '100%', maxWidth: width }} variant="outlined">
          <Typography variant="h1" sx={{ mb: 2 }}>
            {title}
          </Typography>
          {children}
        </Paper>
      </Box>
    </Box>
  );
}
