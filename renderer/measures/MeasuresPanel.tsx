import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { LineChart } from '@mui/x-charts/LineChart';
import { useState } from 'react';
import {
  DIRECT_LONELINESS_QUESTION,
  directLonelinessLabels,
  type Instrument,
  instrumentLabels,
  instrumentShortNames,
  type Measure,
  ONS4_BANDS_TEXT,
  ons4Questions,
  type Series,
  stageLabels,
} from '../../main/contract/measures';
import { call } from '../api/client';
import { ukDate } from '../shared/format';
import { useLoad } from '../shared/useLoad';
import { MeasureForm } from './MeasureForm';
import { SwemwbsNotice } from './SwemwbsNotice';

export interface MeasuresPanelProps {
  referralId: number;
  /** Whether the person may record a measure (link workers); others only read. */
  canRecord: boolean;
}

const instruments: readonly Instrument[] = ['swemwbs', 'ons4', 'ucla3'];

/** NHS colours, distinct enough for the four ONS4 lines; each line also has its own mark shape. */
const lineColours = ['#005EB8', '#007F3B', '#330072', '#D5281B'];
const markShapes = ['circle', 'square', 'diamond', 'triangle'] as const;

/**
 * The wellbeing measures of one case: per measure, a chart of each score over time with its change
 * from baseline, the same figures as a table (the chart's text alternative), and, for link workers,
 * a button to record another.
 */
export function MeasuresPanel({ referralId, canRecord }: MeasuresPanelProps) {
  const { data, error, reload } = useLoad(() => call('measures.forReferral', { referralId }), [referralId]);
  const [recording, setRecording] = useState(false);
  const [announcement, setAnnouncement] = useState<string>();

  const baselines = data ? [...new Set(data.measures.filter((m) => m.stage === 'baseline').map((m) => m.instrument))] : [];
  const present = instruments.filter((i) => data?.measures.some((m) => m.instrument === i));

  return (
    <Box component="section" aria-labelledby={`measures-${referralId}-title`}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, mb: 1 }}>
        <Typography id={`measures-${referralId}-title`} variant="h2" sx={{ flexGrow: 1 }}>
          Wellbeing measures
        </Typography>
        {canRecord && (
          <Button variant="contained" onClick={() => setRecording(true)}>
            Record a measure
          </Button>
        )}
      </Box>
      <Box role="status" aria-live="polite">
        {announcement && <Alert severity="success" onClose={() => setAnnouncement(undefined)}>{announcement}</Alert>}
      </Box>
      {error && <Alert severity="error" role="alert">{error}</Alert>}
      {data && data.measures.length === 0 && <Typography color="text.secondary">No wellbeing measures recorded for this case yet.</Typography>}
      {data &&
        present.map((instrument) => (
          <InstrumentSection
            key={instrument}
            instrument={instrument}
            measures={data.measures.filter((m) => m.instrument === instrument)}
            series={data.series.filter((s) => s.instrument === instrument)}
          />
        ))}
      {recording && (
        <MeasureForm
          referralId={referralId}
          baselines={baselines}
          onCancel={() => setRecording(false)}
          onRecorded={(m) => {
            setRecording(false);
            setAnnouncement(`${instrumentShortNames[m.instrument]} ${stageLabels[m.stage].toLowerCase()} recorded: ${scoreSummary(m)}.`);
            void reload();
          }}
        />
      )}
    </Box>
  );
}

/** A measure's scores in a few words: "metric score 20.73 (raw 23)". */
function scoreSummary(m: Measure): string {
  const s = m.scores;
  switch (s.instrument) {
    case 'swemwbs':
      return `metric score ${s.metric.toFixed(2)} (raw ${s.raw})`;
    case 'ucla3':
      return `loneliness score ${s.total} of 9${s.direct ? `; feels lonely: ${directLonelinessLabels[s.direct].toLowerCase()}` : ''}`;
    case 'ons4':
      return s.items.map((item, i) => `${ons4Questions[i]!.label.toLowerCase()} ${item.score} (${item.bandLabel.toLowerCase()})`).join(', ');
  }
}

function InstrumentSection({ instrument, measures, series }: { instrument: Instrument; measures: Measure[]; series: Series[] }) {
  const headingId = `measure-section-${instrument}`;
  return (
    <Paper component="section" variant="outlined" aria-labelledby={headingId} sx={{ p: 2, mt: 2 }}>
      <Typography id={headingId} variant="h3">
        {instrumentLabels[instrument]}
      </Typography>
      <ScoreChart instrument={instrument} series={series} />
      <ChangeList series={series} />
      <MeasureTable instrument={instrument} measures={measures} />
      {instrument === 'ons4' && <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>{ONS4_BANDS_TEXT}</Typography>}
      {instrument === 'ucla3' && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          The UCLA score runs from 3 to 9; higher is lonelier. The answer to “{DIRECT_LONELINESS_QUESTION}” is reported on its own.
        </Typography>
      )}
      {instrument === 'swemwbs' && <SwemwbsNotice />}
    </Paper>
  );
}

/**
 * The scores over time. The chart is a picture for sighted readers: screen readers are told what it
 * shows and pointed to the table below, which holds the same figures.
 */
function ScoreChart({ instrument, series }: { instrument: Instrument; series: Series[] }) {
  const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.takenOn)))].sort();
  if (dates.length === 0) return null;
  const first = series[0]!;
  const at = dates.map((d) => new Date(`${d}T00:00:00Z`));
  const description = `Chart of ${series.map((s) => s.label.toLowerCase()).join(', ')} over time, from ${ukDate(dates[0]!)} to ${ukDate(dates.at(-1)!)}. The table below gives the same figures.`;
  return (
    <Box component="figure" role="img" aria-label={description} sx={{ m: 0, mt: 1 }}>
      <LineChart
        height={instrument === 'ons4' ? 280 : 240}
        skipAnimation
        margin={{ right: 48 }}
        xAxis={[
          {
            // A time scale, so the gaps between measures show the real time between them.
            scaleType: 'time',
            data: at,
            tickInterval: at,
            valueFormatter: (d: Date) => ukDate(d.toISOString().slice(0, 10)),
            label: 'Date taken',
          },
        ]}
        yAxis={[{ min: first.min, max: first.max, label: instrument === 'swemwbs' ? 'Metric score' : 'Score' }]}
        series={series.map((s, i) => ({
          id: s.key,
          label: s.label,
          color: lineColours[i % lineColours.length],
          shape: markShapes[i % markShapes.length],
          showMark: true,
          connectNulls: true,
          // The latest value of a date wins if two were taken on one day.
          data: dates.map((d) => s.points.filter((p) => p.takenOn === d).at(-1)?.value ?? null),
          valueFormatter: (v: number | null) => (v === null ? '' : instrument === 'swemwbs' ? v.toFixed(2) : String(v)),
        }))}
        hideLegend={series.length === 1}
      />
    </Box>
  );
}

function ChangeList({ series }: { series: Series[] }) {
  const changes = series.filter((s) => s.change !== null);
  if (changes.length === 0) {
    return <Typography color="text.secondary" sx={{ mt: 1 }}>Change from baseline shows once a follow-up is recorded after the baseline.</Typography>;
  }
  return (
    <Box sx={{ mt: 1 }}>
      <Typography variant="h4" sx={{ fontSize: '1rem', fontWeight: 700 }}>
        Change from baseline
      </Typography>
      <Box component="ul" sx={{ mt: 0.5, pl: 3 }}>
        {changes.map((s) => (
          <li key={s.key}>
            <Typography>{s.change!.description}</Typography>
          </li>
        ))}
      </Box>
    </Box>
  );
}

function MeasureTable({ instrument, measures }: { instrument: Instrument; measures: Measure[] }) {
  const scoreHeads: Record<Instrument, string[]> = {
    ons4: ons4Questions.map((q) => q.label),
    swemwbs: ['Raw score (7–35)', 'Metric score'],
    ucla3: ['UCLA score (3–9)', DIRECT_LONELINESS_QUESTION],
  };
  return (
    <Table size="small" sx={{ mt: 1 }} aria-label={`${instrumentShortNames[instrument]} measures recorded`}>
      <caption style={{ captionSide: 'top', textAlign: 'left', padding: 0 }}>
        <Typography component="span" variant="body2" color="text.secondary">
          {instrumentShortNames[instrument]} measures recorded, oldest first
        </Typography>
      </caption>
      <TableHead>
        <TableRow>
          <TableCell component="th" scope="col">Date taken</TableCell>
          <TableCell component="th" scope="col">Stage</TableCell>
          {scoreHeads[instrument].map((h) => (
            <TableCell key={h} component="th" scope="col">{h}</TableCell>
          ))}
          <TableCell component="th" scope="col">Recorded by</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {measures.map((m) => (
          <TableRow key={m.id}>
            <TableCell component="th" scope="row">{ukDate(m.takenOn)}</TableCell>
            <TableCell>{stageLabels[m.stage]}</TableCell>
            {scoreCells(m).map((text, i) => (
              <TableCell key={i}>{text}</TableCell>
            ))}
            <TableCell>{m.recordedByName}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function scoreCells(m: Measure): string[] {
  const s = m.scores;
  switch (s.instrument) {
    case 'ons4':
      return s.items.map((item) => `${item.score} (${item.bandLabel})`);
    case 'swemwbs':
      return [String(s.raw), s.metric.toFixed(2)];
    case 'ucla3':
      return [String(s.total), s.direct ? directLonelinessLabels[s.direct] : 'Not asked'];
  }
}
