import { parseArgs } from 'node:util';
import { AppError } from '../contract/errors';
import { defaultDataFolder } from '../store/dataFolder';
import { addUser } from './addUser';
import { check } from './check';
import { type Command, contextFrom } from './command';
import { init } from './init';
import { CancelledError, type CliIo, line, UsageError } from './io';

export type { CliIo } from './io';

const commands: readonly Command[] = [init, check, addUser];

const generalHelp = `Usage: npm run admin -- <command> [options]

Signpost's command line for practice IT. Every command works on one data folder (--data DIR,
by default this user's Signpost folder) through the same code as the app.

Commands:
${commands.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join('\n')}

Run "npm run admin -- <command> --help" for a command's options.
`;

function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS');
}

/**
 * Runs one admin command and returns its exit code: 0 done, 1 failed, 2 called wrongly. Everything
 * it reads and writes goes through `io`, so tests call it directly.
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(generalHelp);
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    line(io.stderr, `There is no command "${name}". The commands are: ${commands.map((c) => c.name).join(', ')}.`);
    return 2;
  }
  try {
    const { values } = parseArgs({
      args: [...rest],
      options: { ...command.options, data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
      strict: true,
    });
    if (values.help === true) {
      io.stdout.write(command.help);
      return 0;
    }
    const dataFolder = typeof values.data === 'string' && values.data !== '' ? values.data : defaultDataFolder(io.env);
    return await command.run(contextFrom(values, dataFolder, io));
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      line(io.stderr, error.message);
      line(io.stderr, `Run "npm run admin -- ${command.name} --help" to see its options.`);
      return 2;
    }
    if (error instanceof CancelledError || error instanceof AppError) {
      line(io.stderr, error.message);
      return 1;
    }
    // Not a message written for people, but still no stack trace: name what went wrong and stop.
    line(io.stderr, `Something went wrong: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
