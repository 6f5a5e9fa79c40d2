import type { DispatchLog } from '../dispatch/dispatch';
import { type CliIo, line } from './io';

/** Dispatch's log for unexpected errors, without the stack trace a person at the command line cannot use. */
export function plainLog(io: CliIo): DispatchLog {
  return {
    error: (message, error) => line(io.stderr, `${message}: ${error instanceof Error ? error.message : String(error)}`),
  };
}
