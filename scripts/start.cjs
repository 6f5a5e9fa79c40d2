#!/usr/bin/env node
// `npm start [-- --data DIR]`, after `npm run build`: the desktop app where the Electron binary is
// installed; otherwise one line saying so, then the development host for a browser.
'use strict';

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');

/**
 * Where the Electron binary is, or null. This reads what electron's own index.js reads, without
 * requiring it: from Electron 42 on, require('electron') tries to download a missing binary.
 */
function electronBinary() {
  let dir;
  try {
    dir = path.dirname(require.resolve('electron/package.json', { paths: [root] }));
  } catch {
    return null;
  }
  const pathFile = path.join(dir, 'path.txt');
  const name = fs.existsSync(pathFile) ? fs.readFileSync(pathFile, 'utf8').trim() : '';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const binary = override ? path.join(override, name || 'electron') : name ? path.join(dir, 'dist', name) : null;
  return binary && fs.existsSync(binary) ? binary : null;
}

function run(command, args, env) {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
}

function main() {
  const args = process.argv.slice(2);
  const binary = electronBinary();
  if (binary) {
    const env = { ...process.env };
    delete env.ELECTRON_RUN_AS_NODE;
    run(binary, [path.join(root, 'dist', 'main', 'electron', 'main.js'), ...args], env);
    return;
  }
  // stderr, so that the development host's JSON line stays the first line on stdout.
  console.error('Electron is not installed on this machine (its binary cannot be downloaded here), so Signpost is served for your browser instead:');
  run(process.execPath, [path.join(root, 'dist', 'main', 'devhost', 'cli.js'), ...args], process.env);
}

if (require.main === module) main();

module.exports = { electronBinary };
