import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface RunningHost {
  url: string;
  token: string;
  dataFolder: string;
  /** Calls dispatch over the host's HTTP transport, as the renderer does. */
  rpc(channel: string, input?: unknown): Promise<{ ok: boolean; result?: unknown; error?: { code: string; message: string } }>;
  stop(): Promise<void>;
}

const CLI = resolve(__dirname, '../../../dist/main/devhost/cli.js');

/** Starts the built development host on a fresh data folder, as `npm start` does where Electron is missing. */
export async function startHost(extraArgs: string[] = []): Promise<RunningHost> {
  const dataFolder = mkdtempSync(join(tmpdir(), 'signpost-e2e-'));
  const child = spawn(process.execPath, [CLI, '--data', dataFolder, ...extraArgs], { stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await firstLine(child);
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
    stop: async () => {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataFolder, { recursive: true, force: true });
    },
  };
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((done, fail) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => done(line));
    child.once('exit', (code) => fail(new Error(`development host exited early with code ${code}`)));
  });
}
