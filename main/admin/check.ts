import { existsSync } from 'node:fs';
import { contract, roleMayCall } from '../contract';
import { AppError } from '../contract/errors';
import { type AuditInput, appendAudit, verifyAuditChain } from '../audit/auditLog';
import { dispatch } from '../dispatch/dispatch';
import { recordPending } from '../session/pendingAudit';
import { Session } from '../session/session';
import { type OpenStore, openEncrypted } from '../store/database';
import { type DataFolderPaths, pathsIn } from '../store/dataFolder';
import { readSlotFile, type SlotFile } from '../store/keySlots';
import { migrations } from '../store/migrations';
import type { Command } from './command';
import { type CliIo, line, readSecret, UsageError } from './io';
import { plainLog } from './plainLog';

export const checkHelp = `Usage: npm run admin -- check (--username USER | --recovery-key KEY) [--data DIR]

Opens the data folder and checks it: the key file, the database's integrity, the audit log's hash
chain, that every enabled user has a key slot, and the database's schema version. Prints a short
summary and exits with 1 when any check fails, naming the check. The check itself is recorded in
the audit log ("admin.check").

Options:
  --username USER        sign in as this practice manager or administrator; the password comes from
                         SIGNPOST_PASSWORD, or is asked for, hidden, in a terminal
  --recovery-key KEY     open with the recovery key instead (or set SIGNPOST_RECOVERY_KEY, which
                         keeps it out of the shell history)
  --data DIR             the data folder (default: this user's Signpost folder)
`;

/** An open database and who opened it, however it was opened. */
interface Opened {
  store: OpenStore;
  actor: { userId: number | null; name: string };
  describe: string;
  close(): Promise<void>;
}

interface Outcome {
  name: string;
  ok: boolean;
  detail: string;
}

class Report {
  readonly outcomes: Outcome[] = [];
  constructor(private readonly io: CliIo) {}
  add(name: string, ok: boolean, detail: string): void {
    this.outcomes.push({ name, ok, detail });
    line(this.io.stdout, `  ${name.padEnd(14)} ${ok ? 'ok' : 'FAILED'}${detail ? `: ${detail}` : ''}`);
  }
  failed(): string[] {
    return this.outcomes.filter((o) => !o.ok).map((o) => o.name);
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function messageOf(error: unknown): string {
  if (error instanceof AppError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

/** Failed attempts cannot reach the encrypted log (no key): they wait where the app keeps its own. */
function recordFailedAttempt(paths: DataFolderPaths, entry: AuditInput): void {
  recordPending(paths.pendingAudit, entry);
}

async function openWithPassword(io: CliIo, dataFolder: string, username: string, password: string): Promise<Opened> {
  const session = new Session({ dataFolder, clock: io.clock });
  const log = plainLog(io);
  // Through dispatch, so the username is read exactly as the app's sign-in screen reads it.
  const result = await dispatch(session, 'auth.login', { username, password }, log);
  if (!result.ok) throw new AppError(result.error.code, result.error.message);
  const { store, user } = session.active();
  const close = async () => {
    await dispatch(session, 'auth.logout', {}, log);
  };
  if (user.mustChangePassword) {
    await close();
    throw new AppError('FORBIDDEN', `${user.username} has a temporary password: sign in to Signpost and choose a new one first, or use the recovery key.`);
  }
  // Whoever may verify the audit log in the app may check the data folder here: the contract says who.
  if (!roleMayCall(contract['audit.verify'].access, user.role)) {
    await appendAudit(store.db, { at: io.clock.now().toISOString(), actorUserId: user.id, actorName: user.fullName, action: 'admin.check', outcome: 'refused', detail: `role ${user.role} may not call this` });
    await close();
    throw new AppError('FORBIDDEN', 'Only a practice manager or administrator may check the data folder (or anyone with the recovery key).');
  }
  return { store, actor: { userId: user.id, name: user.fullName }, describe: `signed in as ${user.username} (${user.fullName})`, close };
}

function openWithRecoveryKey(io: CliIo, paths: DataFolderPaths, file: SlotFile, recoveryKey: string): Opened {
  const dataKey = Session.unwrapRecovery(file, recoveryKey);
  if (!dataKey) {
    recordFailedAttempt(paths, { at: io.clock.now().toISOString(), actorUserId: null, actorName: 'recovery key', action: 'admin.check', outcome: 'failed', detail: 'wrong recovery key' });
    throw new AppError('WRONG_PASSWORD', 'The recovery key is not right. Check it against the printed copy and try again.');
  }
  try {
    const store = openEncrypted(paths.database, dataKey, { mustExist: true });
    return {
      store,
      actor: { userId: null, name: 'recovery key (admin check)' },
      describe: 'opened with the recovery key',
      close: () => store.close(),
    };
  } finally {
    dataKey.fill(0);
  }
}

function firstColumn(rows: unknown): string[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((r: unknown) => (r !== null && typeof r === 'object' ? String(Object.values(r)[0]) : String(r)));
}

async function runChecks(opened: Opened, file: SlotFile, report: Report, io: CliIo): Promise<void> {
  const { store } = opened;
  const { db, raw } = store;

  const meta = await db.selectFrom('meta').select('value').where('key', '=', 'installationId').executeTakeFirst();
  report.add('installation', meta?.value === file.installationId,
    meta?.value === file.installationId ? 'the key file and the database belong together' : 'keyslots.json belongs to another installation than signpost.db');

  const integrity = firstColumn(raw.pragma('integrity_check'));
  const integrityOk = integrity.length === 1 && integrity[0] === 'ok';
  report.add('integrity', integrityOk, integrityOk ? '' : integrity.slice(0, 3).join('; '));

  const foreignKeys = raw.pragma('foreign_key_check');
  const fkProblems = Array.isArray(foreignKeys) ? foreignKeys.length : 0;
  report.add('foreign keys', fkProblems === 0, fkProblems === 0 ? '' : `${plural(fkProblems, 'row')} refer to records that do not exist`);

  const chain = await verifyAuditChain(db);
  report.add('audit chain', chain.ok, chain.ok
    ? `${plural(chain.checked, 'entry', 'entries')} checked`
    : `entry ${chain.firstBrokenId} does not fit the chain (after ${plural(chain.checked, 'good entry', 'good entries')}): an entry was changed or removed`);

  const users = await db.selectFrom('app_user').select(['id', 'username', 'full_name', 'enabled']).orderBy('id').execute();
  const enabled = users.filter((u) => u.enabled === 1);
  const userSlots = file.slots.filter((s) => s.kind === 'user');
  const slotProblems: string[] = [];
  for (const u of enabled) {
    const slot = userSlots.find((s) => s.userId === u.id);
    if (!slot) slotProblems.push(`${u.full_name} (${u.username}) has no key slot and cannot sign in`);
    else if (slot.username !== u.username) slotProblems.push(`the key slot of ${u.username} is named "${slot.username ?? ''}"`);
  }
  for (const s of userSlots) {
    if (!enabled.some((u) => u.id === s.userId)) slotProblems.push(`a key slot (${s.username ?? 'no name'}) belongs to a disabled or missing user`);
  }
  report.add('user slots', slotProblems.length === 0,
    slotProblems.length === 0 ? `every enabled user (${enabled.length}) has a key slot` : slotProblems.join('; '));

  const known = Object.keys(migrations);
  const applied = firstColumn(raw.prepare('SELECT name FROM kysely_migration ORDER BY name').all());
  const unknown = applied.filter((m) => !known.includes(m));
  const pending = known.filter((m) => !applied.includes(m));
  const version = applied.at(-1) ?? 'none';
  report.add('schema', unknown.length === 0, unknown.length > 0
    ? `the database was upgraded by a newer Signpost (${unknown.join(', ')}): use that version`
    : `${version}, ${applied.length} of ${known.length} migrations applied${pending.length ? ` (Signpost applies ${pending.join(', ')} at the next sign-in)` : ''}`);

  const practices = await db.selectFrom('practice').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const auditRows = await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();

  const failed = report.failed();
  try {
    await appendAudit(db, {
      at: io.clock.now().toISOString(),
      actorUserId: opened.actor.userId,
      actorName: opened.actor.name,
      action: 'admin.check',
      targetType: 'installation',
      targetId: file.installationId,
      outcome: failed.length ? 'failed' : 'ok',
      detail: failed.length ? `failed: ${failed.join(', ')}` : 'all checks passed',
    });
  } catch (error) {
    report.add('audit entry', false, `the check could not be recorded in the audit log: ${messageOf(error)}`);
  }

  line(io.stdout);
  line(io.stdout, `Users: ${users.length} (${enabled.length} enabled) · Practices: ${Number(practices.n)} · ` +
    `Audit entries: ${Number(auditRows.n)} · Schema: ${version} (${applied.length}/${known.length} migrations)`);
}

export const check: Command = {
  name: 'check',
  summary: 'check a data folder: integrity, audit chain, key slots, schema',
  help: checkHelp,
  options: {
    username: { type: 'string' },
    'recovery-key': { type: 'string' },
  },
  async run({ dataFolder, io, string }) {
    const paths = pathsIn(dataFolder);
    const username = string('username');
    const recoveryKey = string('recovery-key') ?? (username === undefined ? io.env.SIGNPOST_RECOVERY_KEY || undefined : undefined);
    if (username === undefined && recoveryKey === undefined) {
      throw new UsageError('Say how to open the data folder: --username USER (a practice manager) or --recovery-key KEY.');
    }
    if (!existsSync(paths.slots) && !existsSync(paths.database)) {
      line(io.stderr, `There is no Signpost data in ${paths.folder}. Give the right folder with --data DIR.`);
      return 1;
    }
    const password = recoveryKey === undefined
      ? await readSecret(io, { envVar: 'SIGNPOST_PASSWORD', question: `Password for ${username ?? ''}: `, what: 'password' })
      : undefined;

    line(io.stdout, `Checking the Signpost data folder ${paths.folder}`);
    const report = new Report(io);
    let file: SlotFile;
    try {
      file = readSlotFile(paths.slots);
      const users = file.slots.filter((s) => s.kind === 'user').length;
      const recovery = file.slots.filter((s) => s.kind === 'recovery').length;
      if (recovery === 0) report.add('key file', false, 'there is no recovery-key slot: restore keyslots.json from a backup');
      else report.add('key file', true, `${plural(file.slots.length, 'slot')} (${plural(users, 'user')}, ${plural(recovery, 'recovery key', 'recovery keys')})`);
    } catch (error) {
      report.add('key file', false, messageOf(error));
      return finish(io, report);
    }

    let opened: Opened;
    try {
      opened = password !== undefined && username !== undefined
        ? await openWithPassword(io, dataFolder, username, password)
        : openWithRecoveryKey(io, paths, file, recoveryKey ?? '');
      report.add('unlock', true, opened.describe);
    } catch (error) {
      report.add('unlock', false, messageOf(error));
      return finish(io, report);
    }
    try {
      await runChecks(opened, file, report, io);
    } catch (error) {
      report.add('database', false, messageOf(error));
    } finally {
      await opened.close();
    }
    return finish(io, report);
  },
};

function finish(io: CliIo, report: Report): number {
  const failed = report.failed();
  if (failed.length === 0) {
    line(io.stdout, 'All checks passed.');
    return 0;
  }
  line(io.stderr, `Check failed: ${failed.join(', ')}.`);
  return 1;
}
