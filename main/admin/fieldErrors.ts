import type { FieldErrors } from '../contract/errors';
import { type CliIo, line } from './io';

/**
 * The contract's field errors, said in terms of what the person typed on the command line: each
 * field path becomes the option it came from, so "manager.username" reads as "--username".
 */
export function printFieldErrors(io: CliIo, fieldErrors: FieldErrors, labelFor: (path: string) => string): void {
  line(io.stderr, 'Please correct the following and run the command again:');
  for (const [path, messages] of Object.entries(fieldErrors)) {
    for (const message of messages) line(io.stderr, `  ${labelFor(path)}: ${message}.`.replace(/\.\.$/, '.'));
  }
}
