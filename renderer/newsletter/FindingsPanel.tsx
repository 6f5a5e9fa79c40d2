import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { type Finding, findingKindLabels, type StoryField, storyFieldLabels } from '../../main/contract/newsletter';
import { nhs } from '../theme';

/** A field's text with each finding highlighted where it stands (accepted ones outlined, open ones marked). */
export function HighlightedText({ text, findings, label }: { text: string; findings: readonly Finding[]; label: string }) {
  const sorted = [...findings].filter((f) => f.end <= text.length && text.slice(f.start, f.end) === f.text).sort((a, b) => a.start - b.start);
  const parts: React.ReactNode[] = [];
  let at = 0;
  sorted.forEach((f, i) => {
    if (f.start < at) return;
    parts.push(text.slice(at, f.start));
    parts.push(
      <Box
        component="mark"
        key={i}
        title={`${findingKindLabels[f.kind]}${f.accepted ? ': marked acceptable' : ''}`}
        sx={f.accepted ? { bgcolor: 'transparent', color: 'inherit', outline: `2px dashed ${nhs.green}`, borderRadius: '2px' } : { bgcolor: '#FFEB3B', color: nhs.text, borderBottom: `3px solid ${nhs.red}`, px: '1px' }}
      >
        {text.slice(f.start, f.end)}
      </Box>,
    );
    at = f.end;
  });
  parts.push(text.slice(at));
  return (
    <Box aria-label={label} role="group" sx={{ whiteSpace: 'pre-wrap', p: 1.5, bgcolor: '#fff', border: `1px solid ${nhs.paleGrey}`, borderRadius: 1, lineHeight: 1.7 }}>
      {text === '' ? <Typography color="text.secondary" component="span">None</Typography> : parts}
    </Box>
  );
}

/** The words around a finding, so the writer sees where it stands: "…moved from Barnsley to…". */
export function inContext(text: string, f: Pick<Finding, 'start' | 'end'>, around = 24): string {
  const before = text.slice(Math.max(0, f.start - around), f.start);
  const after = text.slice(f.end, f.end + around);
  const head = f.start - around > 0 ? `…${before.replace(/^\S*\s/, '')}` : before;
  const tail = f.end + around < text.length ? `${after.replace(/\s\S*$/, '')}…` : after;
  return `${head}${text.slice(f.start, f.end)}${tail}`.replace(/\s+/g, ' ').trim();
}

/** The button's words: "Change “moved from Barnsley” to “moved from another town”", or "Take out the sentence". */
function fixLabel(f: Finding): string {
  const fix = f.fix!;
  const words = fix.text.trim();
  if (fix.with !== '') return `Change “${words}” to “${fix.with}”`;
  if (/[.!?]$/.test(words) && words.length > f.text.length + 8) return 'Take out the sentence';
  return `Take out “${words.replace(/^[,(\s]+|[,)\s]+$/g, '')}”`;
}

interface Props {
  findings: readonly Finding[];
  /** The texts the findings stand in, to show each in its words. */
  texts: Readonly<Record<StoryField, string>>;
  /** Make the finding's change in the field being edited (absent when the text cannot be changed here). */
  onFix?: (finding: Finding) => void;
  /** Mark as acceptable with a reason (absent until the story is saved). */
  onAccept?: (finding: Finding, reason: string) => Promise<void>;
  checking: boolean;
}

/** The check's findings, each with what to write instead and the two ways to resolve it. */
export function FindingsPanel({ findings, texts, onFix, onAccept, checking }: Props) {
  const [accepting, setAccepting] = useState<Finding>();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  const open = findings.filter((f) => !f.accepted);
  const accepted = findings.filter((f) => f.accepted);

  return (
    <Box component="section" aria-labelledby="check-heading">
      <Typography variant="h2" id="check-heading" sx={{ mb: 1 }}>
        De-identification check
      </Typography>
      <Box role="status" aria-live="polite" sx={{ mb: 1 }}>
        {open.length === 0 ? (
          <Alert severity="success">
            {checking
              ? 'Checking…'
              : accepted.length
                ? 'Nothing left to resolve: every finding is changed or marked acceptable. Read it once more for anything else that could point to the person.'
                : 'No identifiers found by the check; read it once more for anything that could point to the person.'}
          </Alert>
        ) : (
          <Alert severity="warning">
            {open.length === 1 ? '1 thing could identify someone' : `${open.length} things could identify someone`}: change the words, or mark a finding acceptable with a reason. The story cannot be approved until each is resolved.
          </Alert>
        )}
      </Box>
      <Stack spacing={1} component="ul" sx={{ listStyle: 'none', p: 0, m: 0 }}>
        {[...open, ...accepted].map((f) => (
          <Paper component="li" variant="outlined" key={`${f.field}-${f.start}-${f.key}`} sx={{ p: 1.5, borderLeft: `4px solid ${f.accepted ? nhs.green : nhs.red}` }}>
            <Typography sx={{ fontWeight: 700 }}>
              {findingKindLabels[f.kind]}: “{f.text}”
            </Typography>
            <Typography variant="body2" color="text.secondary">
              In {storyFieldLabels[f.field as StoryField].toLowerCase()}: “{inContext(texts[f.field as StoryField] ?? '', f)}”
            </Typography>
            <Typography variant="body2" sx={{ mt: 0.5 }}>{f.advice}</Typography>
            {f.accepted ? (
              <Typography variant="body2" sx={{ mt: 0.5 }}>
                Marked acceptable by {f.accepted.byName}: {f.accepted.reason}
              </Typography>
            ) : (
              <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                {onFix && f.fix && (
                  <Button size="small" variant="outlined" onClick={() => onFix(f)} sx={{ textAlign: 'left' }}>
                    {fixLabel(f)}
                  </Button>
                )}
                {onAccept && (
                  <Button size="small" onClick={() => { setAccepting(f); setReason(''); setError(undefined); }}>
                    Mark as acceptable…
                  </Button>
                )}
              </Stack>
            )}
          </Paper>
        ))}
      </Stack>
      {!onAccept && open.length > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          Save the story to mark a finding as acceptable.
        </Typography>
      )}
      <Dialog open={accepting !== undefined} onClose={() => setAccepting(undefined)} aria-labelledby="accept-title" fullWidth>
        <DialogTitle id="accept-title">Mark “{accepting?.text}” as acceptable</DialogTitle>
        <DialogContent>
          <Typography>Say why this cannot identify anyone. Your name, the reason and the time go in the audit log.</Typography>
          <TextField label="Why this is acceptable" value={reason} onChange={(e) => setReason(e.target.value)} multiline minRows={2} error={error !== undefined} helperText={error} autoFocus />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAccepting(undefined)}>Cancel</Button>
          <Button
            variant="contained"
            onClick={async () => {
              if (!accepting || !onAccept) return;
              if (reason.trim() === '') {
                setError('Enter why this is acceptable');
                return;
              }
              try {
                await onAccept(accepting, reason.trim());
                setAccepting(undefined);
              } catch (e) {
                setError(e instanceof Error ? e.message : 'Could not save');
              }
            }}
          >
            Mark as acceptable
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}
