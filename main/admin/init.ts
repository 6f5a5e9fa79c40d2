import { fieldErrorsFrom, type FieldErrors } from '../contract/errors';
import { SetupInput } from '../contract/people';
import { Session } from '../session/session';
import { printFieldErrors } from './fieldErrors';
import { line, readSecret, UsageError } from './io';
import type { Command } from './command';

export const initHelp = `Usage: npm run admin -- init --pcn NAME --practice "NAME=ODS" [--practice ...] --name NAME --username USER [--data DIR]

Sets up a new, empty Signpost data folder with its first practice manager, exactly as the app's
first-run screen does, and prints the recovery key once.

Options:
  --pcn NAME             the Primary Care Network, e.g. "Riverside PCN"
  --practice NAME=ODS    a practice and its ODS code, e.g. "Riverside Surgery=A81001"; repeat for each
  --name NAME            the practice manager's full name
  --username USER        the practice manager's username for signing in
  --data DIR             the data folder (default: this user's Signpost folder)

The manager's password comes from the SIGNPOST_PASSWORD environment variable, or is asked for
twice, hidden, when run in a terminal.
`;

/** "Riverside Surgery=A81001" → name and ODS code; the last "=" splits, so a name may contain one. */
function parsePractice(text: string): { name: string; odsCode: string } {
  const at = text.lastIndexOf('=');
  if (at < 0) {
    throw new UsageError(`--practice "${text}" needs the practice name and its ODS code, written as "Riverside Surgery=A81001".`);
  }
  return { name: text.slice(0, at), odsCode: text.slice(at + 1) };
}

function labelFor(path: string, practices: readonly string[]): string {
  const [head, second, third] = path.split('.');
  if (head === 'pcnName') return '--pcn';
  if (head === 'practices') {
    const index = Number(second);
    const given = Number.isInteger(index) ? practices[index] : undefined;
    if (given === undefined) return '--practice';
    return `--practice "${given}"${third === 'odsCode' ? ' (ODS code)' : third === 'name' ? ' (name)' : ''}`;
  }
  if (head === 'manager') {
    if (second === 'fullName') return '--name';
    if (second === 'username') return '--username';
    if (second === 'password') return 'password (SIGNPOST_PASSWORD)';
  }
  return path;
}

export const init: Command = {
  name: 'init',
  summary: 'set up a new data folder and its first practice manager',
  help: initHelp,
  options: {
    pcn: { type: 'string' },
    practice: { type: 'string', multiple: true },
    name: { type: 'string' },
    username: { type: 'string' },
  },
  async run({ dataFolder, io, string, strings }) {
    const practiceTexts = strings('practice');
    const session = new Session({ dataFolder, clock: io.clock });
    if (session.isSetUp()) {
      line(io.stderr, `Signpost is already set up in ${session.paths.folder}: init only makes a new data folder. Use "check" to look at this one.`);
      return 1;
    }
    const given = (password: string) =>
      SetupInput.safeParse({
        pcnName: string('pcn') ?? '',
        practices: practiceTexts.map(parsePractice),
        manager: { fullName: string('name') ?? '', username: string('username') ?? '', password },
      });
    const report = (fieldErrors: FieldErrors) => printFieldErrors(io, fieldErrors, (path) => labelFor(path, practiceTexts));

    // Check what was typed on the command line before asking for a password twice.
    const envPassword = io.env.SIGNPOST_PASSWORD || undefined;
    const first = given(envPassword ?? '');
    if (!first.success) {
      const fieldErrors = fieldErrorsFrom(first.error);
      if (envPassword === undefined) delete fieldErrors['manager.password'];
      if (Object.keys(fieldErrors).length > 0) {
        report(fieldErrors);
        return 2;
      }
    }
    const password = envPassword ?? await readSecret(io, {
      envVar: 'SIGNPOST_PASSWORD', question: 'New password for the practice manager: ', confirm: true, what: 'password',
    });
    const parsed = given(password);
    if (!parsed.success) {
      report(fieldErrorsFrom(parsed.error));
      return 2;
    }
    const input = parsed.data;
    const { recoveryKey } = await session.setup(input);
    await session.logout();

    const count = input.practices.length;
    line(io.stdout, `Signpost is set up in ${session.paths.folder}`);
    line(io.stdout, `  ${input.pcnName}: ${count} practice${count === 1 ? '' : 's'} (${input.practices.map((p) => p.odsCode).join(', ')})`);
    line(io.stdout, `  ${input.manager.fullName} signs in as "${input.manager.username}" and can add the other users.`);
    line(io.stdout);
    line(io.stdout, 'Recovery key (shown this once only):');
    line(io.stdout);
    line(io.stdout, `    ${recoveryKey}`);
    line(io.stdout);
    line(io.stdout, 'Print this key or store it somewhere safe now, away from this PC (for example the practice safe).');
    line(io.stdout, 'It is the only way back into the data if every manager forgets their password, and Signpost cannot show it again.');
    return 0;
  },
};
