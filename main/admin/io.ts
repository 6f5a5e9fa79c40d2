import { type Clock, systemClock } from '../clock/clock';

/** What a command may touch of the outside world: passed in, so tests run commands in-process. */
export interface CliIo {
  env: Readonly<Record<string, string | undefined>>;
  /** Main's one clock: every time a command records comes from here. */
  clock: Clock;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  /** Asks for a secret without echoing it; absent where there is no terminal to ask at. */
  askSecret?: (question: string) => Promise<string>;
}

/** A mistake in how the command was called (missing option, bad value): exit code 2. */
export class UsageError extends Error {
  constructor(message: string, readonly lines: readonly string[] = []) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Someone pressed Ctrl+C at a prompt. */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled: nothing was changed.');
    this.name = 'CancelledError';
  }
}

export function line(stream: { write(text: string): unknown }, text = ''): void {
  stream.write(`${text}\n`);
}

/**
 * A secret from an environment variable, or else from a hidden prompt on a terminal (asked twice
 * when `confirm`, for a new password nobody has typed before).
 */
export async function readSecret(
  io: CliIo,
  options: { envVar: string; question: string; confirm?: boolean; what: string },
): Promise<string> {
  const fromEnv = io.env[options.envVar];
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!io.askSecret) {
    throw new UsageError(`No ${options.what} given: set ${options.envVar}, or run this in a terminal to type it.`);
  }
  const first = await io.askSecret(options.question);
  if (options.confirm) {
    const second = await io.askSecret('Type it again to confirm: ');
    if (first !== second) throw new UsageError(`The two ${options.what}s you typed differ: nothing was changed. Run the command again.`);
  }
  return first;
}

/** Reads a line from a raw-mode terminal without echoing it. */
export function hiddenPrompt(question: string): Promise<string> {
  const stdin = process.stdin;
  return new Promise((resolve, reject) => {
    let value: string[] = [];
    process.stderr.write(question);
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          resolve(value.join(''));
          return;
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          reject(new CancelledError());
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value.push(ch);
      }
    };
    stdin.setEncoding('utf8');
    stdin.setRawMode(true);
    stdin.resume();
    stdin.on('data', onData);
  });
}

/** The real process: environment, standard streams, and a hidden prompt when stdin is a terminal. */
export function processIo(): CliIo {
  return {
    env: process.env,
    clock: systemClock,
    stdout: process.stdout,
    stderr: process.stderr,
    ...(process.stdin.isTTY ? { askSecret: hiddenPrompt } : {}),
  };
}
