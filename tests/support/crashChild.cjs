'use strict';
// One of Signpost's steps, run from dist/ in a process that tests/unit/store/crashes.test.ts kills
// with SIGKILL (as `kill -9` or a power cut would stop it): at a random moment, or the instant a
// given file has been renamed into place.
//
//   node crashChild.cjs <setup|add-user|change-password> <data folder> [file name to die after]
const fs = require('node:fs');
const path = require('node:path');

const [scenario, dataFolder, dieAfterRenameOf] = process.argv.slice(2);
const dist = path.join(__dirname, '..', '..', 'dist', 'main');
const { Session } = require(path.join(dist, 'session', 'session.js'));
const { dispatch } = require(path.join(dist, 'dispatch', 'dispatch.js'));

const kdf = { N: 1024, r: 8, p: 1 };
const manager = { fullName: 'Pat Manager', username: 'pat', password: 'correct horse battery' };

/** From here on, the process dies the moment the named file is renamed into place. */
function arm() {
  if (!dieAfterRenameOf) return;
  const rename = fs.renameSync;
  fs.renameSync = function renameThenDie(from, to) {
    rename.call(fs, from, to);
    if (path.basename(String(to)) === dieAfterRenameOf) process.kill(process.pid, 'SIGKILL');
  };
}

async function ok(session, channel, input) {
  const r = await dispatch(session, channel, input, { error: () => {} });
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.result;
}

async function main() {
  const session = new Session({ dataFolder, kdf });
  if (scenario === 'setup') {
    process.stdout.write('ready\n');
    arm();
    await session.setup({
      pcnName: 'Riverside PCN',
      practices: [{ name: 'Riverside Surgery', odsCode: 'A81001' }],
      manager,
    });
  } else {
    await ok(session, 'auth.login', { username: 'pat', password: manager.password });
    process.stdout.write('ready\n');
    arm();
    if (scenario === 'add-user') {
      await ok(session, 'users.create', { fullName: 'Lee Worker', username: 'lee', role: 'link_worker', practiceIds: [1], temporaryPassword: 'temporary password 1' });
    } else if (scenario === 'change-password') {
      await ok(session, 'auth.changePassword', { currentPassword: manager.password, newPassword: 'a brand new password' });
    } else {
      throw new Error(`no scenario ${scenario}`);
    }
  }
  process.stdout.write('done\n');
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
