#!/usr/bin/env node
// `npm test`: lint, type-check, build, then every vitest project (unit, component, end-to-end),
// closing with one plain line "N passed, N failed, N skipped" that CI reads.
const { spawnSync } = require('node:child_process');
const { readFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

function step(title, args) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(npx, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`✖ ${title} failed`);
    console.log('0 passed, 1 failed');
    process.exit(r.status || 1);
  }
}

step('Lint', ['eslint', '.', '--max-warnings', '0']);
step('Type-check (main)', ['tsc', '-p', 'tsconfig.main.json', '--noEmit']);
step('Type-check (renderer and tests)', ['tsc', '-p', 'tsconfig.json']);
step('Build', ['tsc', '-p', 'tsconfig.main.json']);
step('Build renderer', ['vite', 'build', '--logLevel', 'warn']);

const report = join(root, 'test-results', 'vitest.json');
mkdirSync(join(root, 'test-results'), { recursive: true });
console.log('\n▶ Tests');
const run = spawnSync(npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
let counts = { passed: 0, failed: 1, skipped: 0 };
try {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  counts = { passed: r.numPassedTests, failed: r.numFailedTests, skipped: r.numPendingTests + r.numTodoTests };
  if (run.status !== 0 && counts.failed === 0) counts.failed = 1; // a suite failed to load
} catch {
  console.error('The test report was not written.');
}
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(run.status === 0 && counts.failed === 0 ? 0 : 1);
