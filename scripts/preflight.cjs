#!/usr/bin/env node
// What the tests need from the operating system, checked before anything else runs. As root on
// Debian (CI, a fresh container) the missing packages are installed; anywhere else each missing
// piece is named on one line with the command that installs it, and the run stops at once.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** On PATH? */
function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function anyExists(paths) {
  return paths.some((p) => fs.existsSync(p));
}

/** Each need: what it is for, how to tell it is there, and the Debian package that brings it. */
const needs = [
  { what: 'Chromium, for the end-to-end tests', pkg: 'chromium', present: () => fs.existsSync(chromium) },
  {
    what: 'Chromium’s en-GB locale, for UK date fields (dd/mm/yyyy)',
    pkg: 'chromium-l10n',
    present: () => anyExists(['/usr/lib/chromium/locales/en-GB.pak']) || process.env.CHROMIUM_PATH !== undefined,
  },
  { what: 'pdftoppm and pdftotext, to render and read exported PDFs', pkg: 'poppler-utils', present: () => has('pdftoppm') && has('pdftotext') },
  {
    what: 'Liberation fonts (Arial metrics), so exported documents render as in Word',
    pkg: 'fonts-liberation',
    present: () => anyExists(['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', '/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf']),
  },
  { what: 'faketime, to prove the tests pass at any hour', pkg: 'faketime', present: () => has('faketime') },
];

function missing() {
  return needs.filter((n) => !n.present());
}

function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function install(pkgs) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  console.log(`Installing what the tests need: ${pkgs.join(' ')}`);
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  if (update.status !== 0) return false;
  return spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...pkgs], { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
}

/** Returns true when everything is there (installing it first where it can). */
function preflight() {
  let gaps = missing();
  if (gaps.length === 0) return true;
  if (isRoot() && has('apt-get')) {
    install(gaps.map((g) => g.pkg));
    gaps = missing();
    if (gaps.length === 0) return true;
  }
  console.error('The tests need these, which this machine does not have:');
  for (const g of gaps) console.error(`  - ${g.what}: Debian package ${g.pkg}`);
  console.error(`Install them with:\n  sudo apt-get update && sudo apt-get install -y ${gaps.map((g) => g.pkg).join(' ')}`);
  return false;
}

module.exports = { preflight, needs };

if (require.main === module) process.exit(preflight() ? 0 : 1);
