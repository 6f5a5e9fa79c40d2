import { cpus, totalmem } from 'node:os';
import { BenchReport, type BenchSuite, peakRssMiB } from './harness';
import { auditLogSuite } from './suites/auditLog';
import { caseworkSuite } from './suites/casework';
import { mdtSuite } from './suites/mdt';
import { newsletterSuite } from './suites/newsletter';
import { referralsSuite } from './suites/referrals';

/**
 * `npm run bench` (or `node dist/tests/bench/run.js [suite …]` after `npx tsc -p tsconfig.main.json`).
 * Prints figures for people to read and compare between versions; asserts nothing about time.
 * A later issue adds its suite to this list.
 */
const suites: readonly BenchSuite[] = [auditLogSuite, referralsSuite, caseworkSuite, mdtSuite, newsletterSuite];

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const unknown = wanted.filter((w) => !suites.some((s) => s.name === w));
  if (unknown.length > 0) {
    process.stderr.write(`No benchmark suite called ${unknown.join(', ')}. The suites are: ${suites.map((s) => s.name).join(', ')}.\n`);
    process.exitCode = 2;
    return;
  }
  const chosen = wanted.length ? suites.filter((s) => wanted.includes(s.name)) : suites;
  const cpu = cpus();
  process.stdout.write(`Signpost benchmarks · node ${process.version} · ${process.platform} ${process.arch} · ` +
    `${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB\n`);
  const report = new BenchReport();
  const started = Date.now();
  for (const suite of chosen) await suite.run(report);
  process.stdout.write(`\nPeak RSS ${peakRssMiB().toFixed(0)} MiB · ${((Date.now() - started) / 1000).toFixed(1)} s in all\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`Benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
