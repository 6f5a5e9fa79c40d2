import { contract } from '../contract';
import { type FieldErrors, fieldErrorsFrom } from '../contract/errors';
import { NewUser, type Practice, type UserRow } from '../contract/people';
import { Role, roleLabels } from '../contract/roles';
import { dispatch } from '../dispatch/dispatch';
import { Session } from '../session/session';
import type { Command } from './command';
import { printFieldErrors } from './fieldErrors';
import { type CliIo, line, readSecret, UsageError } from './io';
import { plainLog } from './plainLog';

export const addUserHelp = `Usage: npm run admin -- add-user --username USER --name NAME --role ROLE --practice ODS [--practice ...] --as MANAGER [--data DIR]

Adds a user, signed in as a practice manager, exactly as the app's Users screen does: the same
roles, checks and audit entry. The new user signs in with a temporary password and chooses their
own at once.

Options:
  --username USER        the new user's username for signing in
  --name NAME            the new user's full name
  --role ROLE            one of: ${Role.options.join(', ')}
  --practice ODS         the ODS code of a practice they work for, e.g. A81001; repeat for each
  --as MANAGER           your username (a practice manager or administrator); your password comes
                         from SIGNPOST_PASSWORD, or is asked for, hidden, in a terminal
  --data DIR             the data folder (default: this user's Signpost folder)

The new user's temporary password comes from SIGNPOST_NEW_PASSWORD, or is asked for twice, hidden.
`;

const labels: Readonly<Record<string, string>> = {
  fullName: '--name',
  username: '--username',
  role: '--role',
  practiceIds: '--practice',
  temporaryPassword: 'temporary password (SIGNPOST_NEW_PASSWORD)',
};

function report(io: CliIo, fieldErrors: FieldErrors, givenRole: string): void {
  const plain: FieldErrors = { ...fieldErrors };
  // The schema's own message for an unknown role lists the options in code form; say it in words.
  if (plain.role) {
    const options = Role.options.join(', ');
    plain.role = [givenRole === '' ? `Choose a role: one of ${options}` : `"${givenRole}" is not a role: use one of ${options}`];
  }
  printFieldErrors(io, plain, (path) => labels[path.split('.')[0] ?? ''] ?? path);
}

function describe(user: UserRow, practices: readonly Practice[]): string {
  const where = practices.filter((p) => user.practiceIds.includes(p.id)).map((p) => `${p.name} (${p.odsCode})`).join(', ');
  return `Added ${user.fullName} (${user.username}) as ${roleLabels[user.role].toLowerCase()} at ${where}.`;
}

export const addUser: Command = {
  name: 'add-user',
  summary: 'add a user, signed in as a practice manager',
  help: addUserHelp,
  options: {
    username: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    practice: { type: 'string', multiple: true },
    as: { type: 'string' },
  },
  async run({ dataFolder, io, string, strings }) {
    const manager = string('as');
    if (manager === undefined) throw new UsageError('Say who is adding the user: --as USER, a practice manager or administrator.');
    const odsCodes = strings('practice').map((c) => c.trim().toUpperCase());
    const candidate = (temporaryPassword: string, practiceIds: number[]) => ({
      fullName: string('name') ?? '', username: string('username') ?? '', role: string('role') ?? '', practiceIds, temporaryPassword,
    });

    // The contract's own schema, before any password is asked for: a typo costs no typing.
    const envNewPassword = io.env.SIGNPOST_NEW_PASSWORD || undefined;
    const early = NewUser.safeParse(candidate(envNewPassword ?? '', odsCodes.map((_, i) => i + 1)));
    if (!early.success) {
      const fieldErrors = fieldErrorsFrom(early.error);
      if (envNewPassword === undefined) delete fieldErrors.temporaryPassword;
      if (Object.keys(fieldErrors).length > 0) {
        report(io, fieldErrors, string('role') ?? '');
        return 2;
      }
    }

    const password = await readSecret(io, { envVar: 'SIGNPOST_PASSWORD', question: `Password for ${manager}: `, what: 'password' });
    const session = new Session({ dataFolder, clock: io.clock });
    const log = plainLog(io);
    const login = await dispatch(session, 'auth.login', { username: manager, password }, log);
    if (!login.ok) {
      line(io.stderr, login.error.message);
      return 1;
    }
    try {
      const listed = await dispatch(session, 'practices.list', {}, log);
      if (!listed.ok) {
        line(io.stderr, listed.error.message);
        return 1;
      }
      const { practices } = contract['practices.list'].output.parse(listed.result);
      const unknown = odsCodes.filter((code) => !practices.some((p) => p.odsCode === code));
      if (unknown.length > 0) {
        line(io.stderr, 'Please correct the following and run the command again:');
        for (const code of unknown) line(io.stderr, `  --practice: there is no practice with ODS code ${code} in this data folder.`);
        line(io.stderr, `The practices are: ${practices.map((p) => `${p.odsCode} ${p.name}`).join(', ')}.`);
        return 2;
      }
      const practiceIds = odsCodes.map((code) => practices.find((p) => p.odsCode === code)!.id);
      const temporaryPassword = envNewPassword ?? await readSecret(io, {
        envVar: 'SIGNPOST_NEW_PASSWORD', question: 'Temporary password for the new user: ', confirm: true, what: 'temporary password',
      });
      const created = await dispatch(session, 'users.create', candidate(temporaryPassword, practiceIds), log);
      if (!created.ok) {
        if (created.error.fieldErrors) report(io, created.error.fieldErrors, string('role') ?? '');
        else line(io.stderr, created.error.message);
        return created.error.code === 'VALIDATION' ? 2 : 1;
      }
      line(io.stdout, describe(contract['users.create'].output.parse(created.result), practices));
      line(io.stdout, 'Give them the temporary password in person: Signpost asks them to choose their own when they first sign in.');
      return 0;
    } finally {
      await dispatch(session, 'auth.logout', {}, log);
    }
  },
};
