#!/usr/bin/env node
// `npm run admin -- <command> [options]`: runs the admin command line from dist/, compiling the
// main process first when dist/ is missing or older than its sources.
'use strict';

const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const cli = join(root, 'dist', 'main', 'admin', 'cli.js');

/** The newest modification time among the main process's sources and its compiler settings. */
function newestSource() {
  let newest = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  visit(join(root, 'main'));
  for (const file of ['tsconfig.main.json', 'tsconfig.base.json']) newest = Math.max(newest, statSync(join(root, file)).mtimeMs);
  return newest;
}

if (!existsSync(cli) || statSync(cli).mtimeMs < newestSource()) {
  process.stderr.write('Compiling Signpost (npx tsc -p tsconfig.main.json)…\n');
  // tsc's own output goes to stderr, so the command's output on stdout stays clean.
  const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.main.json'], {
    cwd: root,
    stdio: ['ignore', 2, 2],
  });
  if (tsc.status !== 0) {
    if (!existsSync(cli)) {
      process.stderr.write('Compiling failed (see above), so the admin command cannot run.\n');
      process.exit(1);
    }
    process.stderr.write('TypeScript reported errors (above); running the admin command as compiled.\n');
  }
}

require(cli);
