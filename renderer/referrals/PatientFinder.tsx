import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { formatNhsNumber } from '../../main/contract/nhs';
import { type PatientMatch, statusLabels } from '../../main/contract/referrals';
import { ApiError, call } from '../api/client';
import { ukDate } from '../shared/format';

/** Search first, so an existing patient is reused rather than typed in again as a second record. */
export function PatientFinder({ onUse }: { onUse: (match: PatientMatch) => void }) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<PatientMatch[]>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (query.trim().length < 2) {
      setMatches(undefined);
      return;
    }
    const timer = setTimeout(() => {
      call('patients.search', { query })
        .then((m) => {
          setMatches(m);
          setError(undefined);
        })
        .catch((e: unknown) => setError(e instanceof ApiError ? e.message : 'Search failed'));
    }, 300);
    return () => clearTimeout(timer);
  }, [query]);

  return (
    <Box component="section" aria-labelledby="find-patient" sx={{ mb: 2 }}>
      <Typography variant="h2" id="find-patient">Find the patient</Typography>
      <TextField
        label="Search by NHS number, name or date of birth"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        helperText="If the patient has been referred before, choose them to reuse their details. Otherwise fill in the details below."
        autoComplete="off"
      />
      {error && <Alert severity="error">{error}</Alert>}
      {matches && (
        <div aria-live="polite">
          {matches.length === 0 ? (
            <Typography sx={{ mt: 1 }}>No patient found: fill in their details below.</Typography>
          ) : (
            <List aria-label="Matching patients">
              {matches.map((m) => (
                <ListItem key={m.id} divider sx={{ gap: 2, flexWrap: 'wrap' }}>
                  <Box sx={{ flexGrow: 1 }}>
                    <Typography sx={{ fontWeight: 700 }}>{m.name}</Typography>
                    <Typography variant="body2">
                      NHS {formatNhsNumber(m.nhsNumber)} · born {ukDate(m.dateOfBirth)} · {m.postcode}
                    </Typography>
                    {m.openReferral && (
                      <Alert severity="warning" sx={{ mt: 1 }}>
                        Already has an open referral (received {ukDate(m.openReferral.receivedAt)}, {statusLabels[m.openReferral.status].toLowerCase()}).
                        Referral number {m.openReferral.id}.
                      </Alert>
                    )}
                  </Box>
                  <Button variant="outlined" onClick={() => onUse(m)} aria-label={`Use ${m.name}, born ${ukDate(m.dateOfBirth)}`}>
                    Use this patient
                  </Button>
                </ListItem>
              ))}
            </List>
          )}
        </div>
      )}
    </Box>
  );
}
