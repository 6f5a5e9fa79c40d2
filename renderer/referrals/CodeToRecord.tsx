import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import CopyIcon from '@mui/icons-material/ContentCopyOutlined';
import { useState } from 'react';

/** A SNOMED CT code to type into EMIS Web or SystmOne, with a copy button and when to record it. */
export function CodeToRecord({ code, term, rule }: { code: string; term: string; rule: string }) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(code);
    setCopied(true);
    setTimeout(() => setCopied(false), 3000);
  };
  return (
    <Box sx={{ border: 1, borderColor: 'primary.main', borderLeftWidth: 6, p: 2, my: 2, bgcolor: 'background.paper' }}>
      <Typography component="p" sx={{ fontWeight: 700 }}>Code to record in the clinical system</Typography>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap', my: 1 }}>
        <Typography component="p" sx={{ fontFamily: 'monospace', fontSize: '1.125rem' }}>
          {code} |{term}|
        </Typography>
        <Button size="small" variant="outlined" startIcon={<CopyIcon />} onClick={() => void copy()} aria-label={`Copy code ${code}`}>
          {copied ? 'Copied' : 'Copy code'}
        </Button>
        <span role="status" className="sr-only" style={{ position: 'absolute', left: -10000 }}>{copied ? `Code ${code} copied` : ''}</span>
      </Box>
      <Typography variant="body2" color="text.secondary">{rule}</Typography>
    </Box>
  );
}

export const REFERRAL_CODE_RULE =
  'Record it when the patient accepts the referral, for the first contact of an episode of social prescribing.';
export const DECLINED_CODE_RULE = 'Record it when the patient declines social prescribing.';
