/**
 * A small benchmark harness: time a function a number of times, report the median and 95th
 * percentile, print aligned tables and ratios. Benchmarks print figures; they never assert timings,
 * because a shared build machine is not a practice PC.
 */

export interface MeasureOptions {
  iterations: number;
  /** Untimed runs first, to warm caches and the JIT. */
  warmup?: number;
  /** Runs untimed after each run (closing what the run opened, say). */
  after?: () => unknown;
}

export interface Measurement {
  name: string;
  iterations: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
  maxMs: number;
}

function percentile(sorted: readonly number[], p: number): number {
  // Nearest rank: the smallest value with at least p of the samples at or below it.
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length / 2;
  if (sorted.length === 0) return Number.NaN;
  if (Number.isInteger(mid)) return ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
  return sorted[Math.floor(mid)] ?? Number.NaN;
}

export function summarise(name: string, samplesMs: readonly number[]): Measurement {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  return {
    name,
    iterations: sorted.length,
    medianMs: median(sorted),
    p95Ms: percentile(sorted, 0.95),
    minMs: sorted[0] ?? Number.NaN,
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}

export async function measure(name: string, fn: () => unknown, options: MeasureOptions): Promise<Measurement> {
  for (let i = 0; i < (options.warmup ?? 0); i += 1) {
    await fn();
    await options.after?.();
  }
  const samples: number[] = [];
  for (let i = 0; i < options.iterations; i += 1) {
    const start = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    await options.after?.();
  }
  return summarise(name, samples);
}

export interface Contender {
  name: string;
  fn: () => unknown;
}

/**
 * Times two ways of doing the same thing with their runs interleaved (A B B A …), so that drift in
 * the machine (another process, the page cache, thermal limits) falls on both alike: use it for ratios.
 */
export async function measurePair(a: Contender, b: Contender, options: Omit<MeasureOptions, 'after'>): Promise<[Measurement, Measurement]> {
  for (let i = 0; i < (options.warmup ?? 0); i += 1) {
    await a.fn();
    await b.fn();
  }
  const samples: [number[], number[]] = [[], []];
  const timeOne = async (which: 0 | 1) => {
    const start = process.hrtime.bigint();
    await (which === 0 ? a : b).fn();
    samples[which].push(Number(process.hrtime.bigint() - start) / 1e6);
  };
  for (let i = 0; i < options.iterations; i += 1) {
    const first = i % 2 === 0 ? 0 : 1;
    await timeOne(first);
    await timeOne(first === 0 ? 1 : 0);
  }
  return [summarise(a.name, samples[0]), summarise(b.name, samples[1])];
}

/** Times one run of something slow (building a fixture): milliseconds and the result. */
export async function timeOnce<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '–';
  if (ms < 0) return `−${formatMs(-ms)}`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(1)} ms`;
  if (ms >= 1) return `${ms.toFixed(2)} ms`;
  return `${ms.toFixed(3)} ms`;
}

export function formatTable(rows: readonly Measurement[]): string {
  const header = ['benchmark', 'runs', 'median', 'p95', 'min', 'max'];
  const cells = rows.map((r) => [r.name, String(r.iterations), formatMs(r.medianMs), formatMs(r.p95Ms), formatMs(r.minMs), formatMs(r.maxMs)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const render = (c: readonly string[]) =>
    c.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join('   ').trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...cells.map(render)].join('\n');
}

/** "dispatch / direct = 1.23×", from the medians. */
export function formatRatio(label: string, numerator: Measurement, denominator: Measurement): string {
  return `${label} = ${(numerator.medianMs / denominator.medianMs).toFixed(2)}×`;
}

/** The process's peak resident set size so far, in MiB (maxRSS is in KiB). */
export function peakRssMiB(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Where a suite writes what it found; run.ts prints it as it goes. */
export class BenchReport {
  constructor(private readonly write: (text: string) => void = (t) => process.stdout.write(t)) {}

  heading(title: string): void {
    this.write(`\n${title}\n${'='.repeat(title.length)}\n`);
  }

  note(text: string): void {
    this.write(`  ${text}\n`);
  }

  table(rows: readonly Measurement[]): void {
    this.write(`\n${formatTable(rows).replace(/^/gm, '  ')}\n\n`);
  }

  ratio(label: string, numerator: Measurement, denominator: Measurement): void {
    this.note(formatRatio(label, numerator, denominator));
  }
}

/** One group of benchmarks sharing a fixture. run.ts lists them; add a new one there. */
export interface BenchSuite {
  /** Short name to pick the suite from the command line: `node dist/tests/bench/run.js audit`. */
  name: string;
  run(report: BenchReport): Promise<void>;
}
