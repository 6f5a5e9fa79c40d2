import { processIo } from './io';
import { run } from './program';

/** `node dist/main/admin/cli.js <command> [options]`, usually through `npm run admin -- …`. */
run(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`Something went wrong: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
