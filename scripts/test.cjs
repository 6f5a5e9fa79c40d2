#!/usr/bin/env node
// `npm test`: what the tests need from the system (installed where it can be), lint, type-check,
// build, every vitest project (unit, component, end-to-end), then the unit and component suites
// again on clocks set to awkward hours and dates. Closes with one plain line
// "N passed, N failed, N skipped" that CI reads. Every step runs in its own process group, which
// is emptied when the step ends, so nothing the tests started outlives the run.
'use strict';

const { spawn } = require('node:child_process');
const { readFileSync, mkdirSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const { preflight } = require('./preflight.cjs');

const root = join(__dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const results = join(root, 'test-results');

/**
 * Instants (UTC) at which the unit and component suites must pass as well: when England's date
 * and the UTC date differ, both clock changes (the run crosses 01:00 UTC), a leap day, the end of
 * a year, and the 03:00 that once turned main red.
 */
const AWKWARD_HOURS = [
  { label: '03:00 on a winter morning', utc: '2026-12-04 03:00:00' },
  { label: '00:30 on a summer night (UTC still says yesterday)', utc: '2026-06-07 23:30:00' },
  { label: 'the spring clock change (last Sunday of March)', utc: '2027-03-28 00:59:30' },
  { label: 'the autumn clock change (last Sunday of October)', utc: '2026-10-25 00:59:30' },
  { label: '00:30 on 29 February 2028', utc: '2028-02-29 00:30:00' },
  { label: '23:30 on 31 December', utc: '2026-12-31 23:30:00' },
];

/** Runs a command in a process group of its own; when it ends, whatever it left behind is killed. */
function run(command, args, env = process.env) {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env, detached: process.platform !== 'win32' });
    const forward = (signal) => () => child.kill(signal);
    const onInt = forward('SIGINT');
    const onTerm = forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      if (process.platform !== 'win32') {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // the group is already empty
        }
      }
      done(code ?? (signal ? 1 : 0));
    });
  });
}

async function step(title, args) {
  console.log(`\n▶ ${title}`);
  if ((await run(npx, args)) !== 0) {
    console.error(`✖ ${title} failed`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

/**
 * A vitest run with a JSON report, on this machine's clock or, given `fakeUtc`, under faketime from
 * that instant (faketime reads it in UTC; the tests run in England's zone, as a practice PC does).
 * Returns its counts, with a failure counted if the run itself failed.
 */
async function vitest(name, args, fakeUtc) {
  const report = join(results, `vitest-${name}.json`);
  rmSync(report, { force: true });
  const command = [npx, 'vitest', 'run', ...args, '--reporter=json', `--outputFile.json=${report}`];
  const status = fakeUtc
    ? await run('faketime', [fakeUtc, 'env', 'TZ=Europe/London', ...command], { ...process.env, TZ: 'UTC' })
    : await run(command[0], command.slice(1));
  let counts = { passed: 0, failed: 1, skipped: 0 };
  try {
    const r = JSON.parse(readFileSync(report, 'utf8'));
    counts = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
    if (status !== 0 && counts.failed === 0) counts.failed = 1; // a suite failed to load
  } catch {
    console.error(`The test report of ${name} was not written.`);
  }
  return counts;
}

async function main() {
  console.log('▶ What the tests need from the system');
  if (!preflight()) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  await step('Lint', ['eslint', '.', '--max-warnings', '0']);
  await step('Type-check (main)', ['tsc', '-p', 'tsconfig.main.json', '--noEmit']);
  await step('Type-check (renderer and tests)', ['tsc', '-p', 'tsconfig.json']);
  await step('Build', ['tsc', '-p', 'tsconfig.main.json']);
  await step('Build renderer', ['vite', 'build', '--logLevel', 'warn']);
  mkdirSync(results, { recursive: true });

  const extra = process.argv.slice(2);
  console.log('\n▶ Tests');
  const totals = await vitest('all', ['--reporter=default', ...extra]);
  const lines = [`every suite, on this machine's clock: ${totals.passed} passed, ${totals.failed} failed`];

  if (extra.length === 0 && process.env.SIGNPOST_SKIP_AWKWARD_HOURS !== '1') {
    for (const [i, at] of AWKWARD_HOURS.entries()) {
      console.log(`\n▶ Unit and component tests at ${at.label} (${at.utc} UTC)`);
      const c = await vitest(`hour-${i + 1}`, ['--project', 'unit', '--project', 'component', '--reporter=dot'], at.utc);
      lines.push(`at ${at.label}: ${c.passed} passed, ${c.failed} failed`);
      totals.passed += c.passed;
      totals.failed += c.failed;
      totals.skipped += c.skipped;
    }
  } else if (extra.length === 0) {
    lines.push('the runs at awkward hours were skipped: SIGNPOST_SKIP_AWKWARD_HOURS=1');
  }

  console.log('');
  for (const line of lines) console.log(`  ${line}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exit(totals.failed === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
