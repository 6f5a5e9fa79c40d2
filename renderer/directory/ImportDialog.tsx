import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormLabel from '@mui/material/FormLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { useRef, useState } from 'react';
import { type ImportMode, importModeLabels } from '../../main/contract/directory';
import { ApiError, call } from '../api/client';
import { csvChunks, orukChunks } from './chunks';
import { type ImportOutcome, type Progress, runImport } from './runImport';

type Format = 'csv' | 'oruk';

interface ChosenFile {
  name: string;
  text: string;
  format: Format;
}

const number = new Intl.NumberFormat('en-GB');
const plural = (n: number, one: string, many: string) => `${number.format(n)} ${n === 1 ? one : many}`;

/** Import a CSV or Open Referral UK file: choose it, choose what happens to bad rows, watch it go. */
export function ImportDialog({ onClose, onImported }: { onClose: () => void; onImported: () => void }) {
  const [file, setFile] = useState<ChosenFile>();
  const [mode, setMode] = useState<ImportMode>('good_rows');
  const [progress, setProgress] = useState<Progress>();
  const [outcome, setOutcome] = useState<ImportOutcome>();
  const [error, setError] = useState<string>();
  const [stopping, setStopping] = useState(false);
  const stop = useRef(false);
  const running = progress !== undefined && outcome === undefined && error === undefined;

  const choose = async (picked: File | undefined) => {
    setOutcome(undefined);
    setError(undefined);
    setProgress(undefined);
    if (!picked) return setFile(undefined);
    const format: Format = /\.json$/i.test(picked.name) ? 'oruk' : 'csv';
    setFile({ name: picked.name, text: await picked.text(), format });
  };

  const start = async () => {
    if (!file) return;
    stop.current = false;
    setStopping(false);
    setOutcome(undefined);
    setError(undefined);
    const { chunks, totalRows } = file.format === 'csv' ? csvChunks(file.text) : orukChunks(file.text);
    setProgress({ phase: mode === 'all_or_nothing' && chunks.length > 1 ? 'checking' : 'importing', done: 0, total: totalRows });
    try {
      const result = await runImport(
        (chunk, dryRun) => call('directory.import', { format: file.format, content: chunk.content, mode, dryRun, firstRow: chunk.firstRow }),
        chunks,
        totalRows,
        mode,
        { progress: setProgress, stopRequested: () => stop.current },
      );
      setOutcome(result);
      if (result.imported + result.updated > 0) onImported();
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'The import stopped unexpectedly. Rows already imported are kept; import the file again to finish.');
      onImported();
    }
  };

  const what = file?.format === 'oruk' ? 'services' : 'rows';
  const percent = progress && progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : 0;

  return (
    <Dialog open onClose={running ? undefined : onClose} aria-labelledby="import-title" fullWidth maxWidth="md">
      <DialogTitle id="import-title">Import services</DialogTitle>
      <DialogContent>
        <Typography sx={{ mb: 2 }}>
          Choose a CSV file saved from a spreadsheet, or an Open Referral UK (.json) file from your local authority’s directory. A service with the same name
          and organisation as one already here is updated, not added twice. Categories Signpost does not know are kept as tags.
        </Typography>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, flexWrap: 'wrap' }}>
          <Button variant="outlined" component="label" disabled={running}>
            Choose a file
            <input
              type="file"
              hidden
              accept=".csv,.json,text/csv,application/json"
              aria-label="File to import (CSV or Open Referral UK JSON)"
              onChange={(e) => {
                void choose(e.target.files?.[0]);
                // Lets the same file be chosen again after it is corrected.
                e.target.value = '';
              }}
            />
          </Button>
          <Typography data-testid="chosen-file">
            {file ? `${file.name} (${file.format === 'csv' ? 'CSV' : 'Open Referral UK JSON'})` : 'No file chosen'}
          </Typography>
        </Box>
        <FormControl component="fieldset" margin="normal" sx={{ display: 'block' }} disabled={running}>
          <FormLabel component="legend">If some rows have problems</FormLabel>
          <RadioGroup name="mode" value={mode} onChange={(e) => setMode(e.target.value as ImportMode)}>
            {Object.entries(importModeLabels).map(([value, label]) => (
              <FormControlLabel key={value} value={value} control={<Radio />} label={label} />
            ))}
          </RadioGroup>
        </FormControl>

        {progress && !error && !outcome && (
          <Box sx={{ my: 2 }} role="status" aria-live="polite">
            <Typography id="import-progress-label" sx={{ mb: 1 }}>
              {progress.phase === 'checking'
                ? `Checked ${number.format(progress.done)} of ${plural(progress.total, 'row', what)}`
                : `Imported ${number.format(progress.done)} of ${plural(progress.total, 'row', what)}`}
            </Typography>
            <LinearProgress variant="determinate" value={percent} aria-labelledby="import-progress-label" />
          </Box>
        )}
        {error && <Alert severity="error" role="alert" sx={{ my: 2 }}>{error}</Alert>}
        {outcome && <ImportSummary outcome={outcome} format={file?.format ?? 'csv'} />}
      </DialogContent>
      <DialogActions>
        {running ? (
          <Button
            onClick={() => {
              stop.current = true;
              setStopping(true);
            }}
            disabled={stopping}
          >
            {stopping ? 'Stopping after this part…' : 'Cancel import'}
          </Button>
        ) : (
          <>
            <Button onClick={onClose} variant={outcome ? 'contained' : 'text'}>{outcome ? 'Close' : 'Cancel'}</Button>
            {!outcome && (
              <Button variant="contained" onClick={() => void start()} disabled={!file}>
                Import
              </Button>
            )}
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

function ImportSummary({ outcome, format }: { outcome: ImportOutcome; format: Format }) {
  const rowName = (row: number) => (format === 'csv' ? `Row ${row}` : `Service ${row} in the file`);
  const [one, many] = format === 'csv' ? ['row', 'rows'] : ['service', 'services'];
  const saved = `${plural(outcome.imported, 'new service', 'new services')} added, ${plural(outcome.updated, 'service', 'services')} updated.`;
  let headline: { severity: 'success' | 'warning' | 'error' | 'info'; text: string };
  if (outcome.refused) {
    headline = { severity: 'error', text: `Nothing was imported: ${plural(outcome.failed.length, `${one} has a problem`, `${many} have problems`)}. Correct them in the file and import it again, or choose to import the good ${many}.` };
  } else if (outcome.cancelled) {
    headline = { severity: 'warning', text: `Import cancelled after ${number.format(outcome.rowsDone)} of ${number.format(outcome.totalRows)}. ${saved} Import the file again to finish: services already imported will be updated, not duplicated.` };
  } else if (outcome.failed.length > 0) {
    headline = { severity: 'warning', text: `${saved} ${plural(outcome.failed.length, `${one} was`, `${many} were`)} not imported.` };
  } else if (outcome.totalRows === 0) {
    headline = { severity: 'info', text: 'The file has no services in it.' };
  } else {
    headline = { severity: 'success', text: `Import finished. ${saved}` };
  }
  return (
    <Box sx={{ my: 2 }}>
      <Alert severity={headline.severity} role={headline.severity === 'error' ? 'alert' : 'status'}>{headline.text}</Alert>
      {outcome.ignoredColumns.length > 0 && (
        <Alert severity="info" sx={{ mt: 1 }}>
          These columns were not read, as Signpost has no place for them: {outcome.ignoredColumns.join(', ')}.
        </Alert>
      )}
      {outcome.failed.length > 0 && (
        <Box component="section" aria-labelledby="failed-rows-title" sx={{ mt: 2 }}>
          <Typography variant="h3" component="h3" id="failed-rows-title" sx={{ fontSize: '1.1rem' }}>
            {format === 'csv' ? 'Rows with problems' : 'Services with problems'}
          </Typography>
          <Box component="ul" sx={{ pl: 3, my: 1, maxHeight: 240, overflow: 'auto' }} aria-label={format === 'csv' ? 'Rows with problems' : 'Services with problems'} tabIndex={0}>
            {outcome.failed.map((f) => (
              <li key={f.row}>
                <Typography>
                  <strong>{rowName(f.row)}:</strong> {f.reason}
                </Typography>
              </li>
            ))}
          </Box>
          {!outcome.refused && (
            <Typography color="text.secondary">
              Correct these in your spreadsheet and import the whole file again: services already imported are updated, not added twice.
            </Typography>
          )}
        </Box>
      )}
    </Box>
  );
}
