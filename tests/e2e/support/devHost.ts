import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { TEST_NOW } from '../../support/installation';

export interface RunningHost {
  url: string;
  token: string;
  dataFolder: string;
  /** Calls dispatch over the host's HTTP transport, as the renderer does. */
  rpc(channel: string, input?: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
  stop(): Promise<void>;
}

/** Where main's clock starts in every end-to-end run: the hour the tests run at never matters. */
export const E2E_NOW = TEST_NOW;

const CLI = resolve(__dirname, '../../../dist/main/devhost/cli.js');

/** Every host this test process started and has not stopped: killed when the process goes. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/** Starts the built development host on a fresh data folder, as `npm start` does where Electron is missing. */
export async function startHost(extraArgs: string[] = []): Promise<RunningHost> {
  const dataFolder = mkdtempSync(join(tmpdir(), 'signpost-e2e-'));
  // stdin stays open as a lifeline: when this process dies, however, the host sees it close and stops.
  const child = spawn(process.execPath, [CLI, '--data', dataFolder, '--clock-start', E2E_NOW, '--exit-with-stdin', ...extraArgs], { stdio: ['pipe', 'pipe', 'inherit'] });
  running.add(child);
  const stop = () => stopChild(child, dataFolder);
  let first: string;
  try {
    first = await firstLine(child);
  } catch (error) {
    await stop();
    throw error;
  }
  const { url, token } = JSON.parse(first) as { url: string; token: string };
  const origin = new URL(url).origin;
  return {
    url,
    token,
    dataFolder,
    rpc: async (channel, input = {}) => {
      const res = await fetch(`${origin}/rpc/${channel}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      });
      return (await res.json()) as { ok: boolean; result?: unknown; error?: { code: string; message: string } };
    },
    stop,
  };
}

/** SIGTERM, then SIGKILL if the host has not gone within five seconds; safe to call twice. */
async function stopChild(child: ChildProcess, dataFolder: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(killer);
  }
  running.delete(child);
  child.stdin?.destroy();
  child.stdout?.destroy();
  rmSync(dataFolder, { recursive: true, force: true });
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => done(line));
    child.once('exit', (code) => fail(new Error(`development host exited early with code ${code}`)));
  });
}
