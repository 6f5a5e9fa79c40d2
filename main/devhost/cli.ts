import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clockStartingAt, systemClock } from '../clock/clock';
import { AppError } from '../contract/errors';
import { Session } from '../session/session';
import { assertLocalFolder, defaultDataFolder } from '../store/dataFolder';
import { startDevHost } from './server';

/** `node dist/main/devhost/cli.js [--data DIR] [--port N]`: prints one JSON line {url, token}. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      // For end-to-end tests of the idle lock: minutes are too long to wait for.
      'idle-lock-seconds': { type: 'string' },
      // For end-to-end tests: main's clock starts at this instant and runs on, whatever the hour.
      'clock-start': { type: 'string' },
      // For tests: stop when the process that started the host goes (its end of stdin closes).
      'exit-with-stdin': { type: 'boolean' },
      // A folder practice IT controls, for a second copy of the audit anchor.
      'anchor-dir': { type: 'string' },
    },
    allowPositionals: false,
  });
  const dataFolder = values.data ?? defaultDataFolder();
  assertLocalFolder(dataFolder);
  const idle = values['idle-lock-seconds'];
  const clock = values['clock-start'] ? clockStartingAt(values['clock-start']) : systemClock;
  const anchorDir = values['anchor-dir'] ?? process.env.SIGNPOST_ANCHOR_DIR;
  const session = new Session({
    dataFolder,
    clock,
    ...(idle ? { idleLockSecondsOverride: Number(idle) } : {}),
    ...(anchorDir ? { anchorDir } : {}),
  });
  const host = await startDevHost({
    session,
    rendererDir: join(__dirname, '..', '..', 'renderer'),
    ...(values.port ? { port: Number(values.port) } : {}),
    ...(idle ? { idleCheckMs: 500 } : {}),
  });
  console.log(JSON.stringify({ url: host.url, token: host.token, dataFolder: session.paths.folder }));
  const stop = () => {
    host.close().catch((error: unknown) => console.error('Closing the development host failed', error)).finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (values['exit-with-stdin']) {
    process.stdin.on('close', stop);
    process.stdin.resume();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof AppError ? error.message : error);
  process.exit(1);
});
