import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { type ReactNode, useId } from 'react';
import type { CaseFile } from '../../main/contract/casework';

/** A section of the case: a heading, what it holds, and (for link workers) its buttons. */
export function CaseSection({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  const id = useId();
  return (
    <Paper variant="outlined" component="section" aria-labelledby={id} sx={{ p: 2, mb: 2 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', mb: 1 }}>
        <Typography id={id} variant="h2" sx={{ flexGrow: 1 }}>
          {title}
        </Typography>
        {actions}
      </Box>
      {children}
    </Paper>
  );
}

/** What each section gets: the case file, whether the person may change it, and how to pass on a change. */
export interface SectionProps {
  file: CaseFile;
  canEdit: boolean;
  /** Main answered a change with the new case file. */
  onSaved: (file: CaseFile, announcement: string) => void;
}

