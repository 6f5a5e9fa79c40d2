import type { ParseArgsConfig } from 'node:util';
import type { CliIo } from './io';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

type Value = string | boolean | (string | boolean)[] | undefined;

/** What a command receives once its options are parsed and the data folder is settled. */
export interface CommandContext {
  dataFolder: string;
  io: CliIo;
  /** A single string option, or undefined when not given. */
  string(name: string): string | undefined;
  /** A repeatable string option: every value given, in order. */
  strings(name: string): string[];
}

/** One admin command: its options (besides --data and --help), its help text and what it does. */
export interface Command {
  name: string;
  summary: string;
  help: string;
  options: OptionSpec;
  /** Returns the exit code: 0 done, 1 failed, 2 called wrongly. */
  run(ctx: CommandContext): Promise<number>;
}

export function contextFrom(values: Record<string, Value>, dataFolder: string, io: CliIo): CommandContext {
  return {
    dataFolder,
    io,
    string: (name) => {
      const v = values[name];
      return typeof v === 'string' ? v : undefined;
    },
    strings: (name) => {
      const v = values[name];
      if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string');
      return typeof v === 'string' ? [v] : [];
    },
  };
}
