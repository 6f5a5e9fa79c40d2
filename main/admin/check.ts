import { existsSync } from 'node:fs';
import { contract, roleMayCall } from '../contract';
import { AppError } from '../contract/errors';
import { anchorCopies, AuditAnchor } from '../audit/anchor';
import { appendAudit } from '../audit/auditLog';
import { anchorStarted, checkAuditIntegrity, readAnchorCopies, readHead } from '../audit/integrity';
import { recordFailedAttempt } from '../session/pendingAudit';
import { dispatch } from '../dispatch/dispatch';
import { Session } from '../session/session';
import { openWithKeys } from '../session/signIn';
import type { OpenStore } from '../store/database';
import { type DataFolderPaths, pathsIn } from '../store/dataFolder';
import { isLegacySlot, normaliseRecoveryKey, readSlotFile, type SlotFile, unwrapSlotKeys, zeroKeys } from '../store/keySlots';
import { migrations } from '../store/migrations';
import { databaseGeneration } from '../store/rekey';
import type { Command } from './command';
import { type CliIo, line, readSecret, UsageError } from './io';
import { plainLog } from './plainLog';

export const checkHelp = `Usage: npm run admin -- check (--username USER | --recovery-key KEY) [--anchor-dir DIR] [--data DIR]

Opens the data folder and checks it: the key file and its key generation, the database's integrity,
the audit log (its hash chain, its append-only triggers, ids without gaps, and every head recorded
in the audit anchor outside the database), that every enabled user has exactly their own key slot,
and the database's schema version. Prints a short summary and exits with 1 when any check fails,
naming the check. The check itself is recorded in the audit log ("admin.check").

Options:
  --username USER        sign in as this practice manager or administrator; the password comes from
                         SIGNPOST_PASSWORD, or is asked for, hidden, in a terminal
  --recovery-key KEY     open with the recovery key instead (or set SIGNPOST_RECOVERY_KEY, which
                         keeps it out of the shell history)
  --anchor-dir DIR       the folder practice IT keeps the audit anchor's second copy in (or set
                         SIGNPOST_ANCHOR_DIR): the log is checked against that copy too
  --data DIR             the data folder (default: this user's Signpost folder)
`;

/** An open database and who opened it, however it was opened. */
interface Opened {
  store: OpenStore;
  actor: { userId: number | null; name: string };
  describe: string;
  anchor: AuditAnchor;
  /** What the sign-in found and wrote to the log (a password sign-in looks at the log as it opens). */
  findings: string[];
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

async function openWithPassword(io: CliIo, dataFolder: string, username: string, password: string, anchorDir: string | undefined): Promise<Opened> {
  const session = new Session({ dataFolder, clock: io.clock, ...(anchorDir ? { anchorDir } : {}) });
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
  return {
    store, actor: { userId: user.id, name: user.fullName }, describe: `signed in as ${user.username} (${user.fullName})`,
    anchor: session.anchor(), findings: session.signInFindings, close,
  };
}

function openWithRecoveryKey(io: CliIo, paths: DataFolderPaths, file: SlotFile, recoveryKey: string, anchorDir: string | undefined): Opened {
  const anchor = new AuditAnchor(anchorCopies(paths, file.installationId, anchorDir));
  const slot = file.slots.find((s) => s.kind === 'recovery');
  const keys = slot ? unwrapSlotKeys(slot, normaliseRecoveryKey(recoveryKey)) : null;
  if (!keys) {
    recordFailedAttempt(paths, anchor, { actorName: 'recovery key', action: 'admin.check', detail: 'wrong recovery key' }, io.clock.now().toISOString());
    throw new AppError('WRONG_PASSWORD', 'The recovery key is not right. Check it against the printed copy and try again.');
  }
  try {
    const { store } = openWithKeys(paths.database, file, keys);
    return {
      store,
      actor: { userId: null, name: 'recovery key (admin check)' },
      describe: 'opened with the recovery key',
      anchor,
      findings: [],
      close: async () => {
        anchor.record(() => readHead(store.raw), undefined, io.clock.now().toISOString());
        await store.close();
      },
    };
  } finally {
    zeroKeys(keys);
  }
}

function firstColumn(rows: unknown): string[] {
  if (!Array.isArray(rows)) return [];
  return rows.map((r: unknown) => (r !== null && typeof r === 'object' ? String(Object.values(r)[0]) : String(r)));
}

async function runChecks(opened: Opened, paths: DataFolderPaths, report: Report, io: CliIo): Promise<void> {
  const { store } = opened;
  const { db, raw } = store;
  // Read again: signing in may have settled the file (a rotation finished, a crashed change undone).
  const file = readSlotFile(paths.slots);

  const meta = await db.selectFrom('meta').select('value').where('key', '=', 'installationId').executeTakeFirst();
  report.add('installation', meta?.value === file.installationId,
    meta?.value === file.installationId ? 'the key file and the database belong together' : 'keyslots.json belongs to another installation than signpost.db');

  const integrity = firstColumn(raw.pragma('integrity_check'));
  const integrityOk = integrity.length === 1 && integrity[0] === 'ok';
  report.add('integrity', integrityOk, integrityOk ? '' : integrity.slice(0, 3).join('; '));

  const foreignKeys = raw.pragma('foreign_key_check');
  const fkProblems = Array.isArray(foreignKeys) ? foreignKeys.length : 0;
  report.add('foreign keys', fkProblems === 0, fkProblems === 0 ? '' : `${plural(fkProblems, 'row')} refer to records that do not exist`);

  const generation = await databaseGeneration(store);
  const keysOk = generation === file.generation && !file.rotation;
  report.add('keys', keysOk, keysOk
    ? `key generation ${generation}${generation > 1 ? ` (rotated ${generation - 1} time${generation === 2 ? '' : 's'})` : ''}`
    : file.rotation
      ? `a key rotation to generation ${file.rotation.to} is unfinished: sign in with a password to finish it`
      : `keyslots.json says key generation ${file.generation} but the database says ${generation}: restore both files from one backup`);

  const audit = await checkAuditIntegrity(db, raw, readAnchorCopies(opened.anchor.copies), await anchorStarted(db));
  report.add('audit chain', audit.firstBrokenId === null, audit.firstBrokenId === null
    ? `${plural(audit.checked, 'entry', 'entries')} checked`
    : `entry ${audit.firstBrokenId} does not fit the chain (after ${plural(audit.checked, 'good entry', 'good entries')}): an entry was changed or removed`);
  const logProblems = audit.problems.slice(audit.firstBrokenId === null ? 0 : 1);
  const copies = opened.anchor.copies.map((c) => c.label).join(' and ');
  report.add('audit log', logProblems.length === 0, logProblems.length === 0
    ? `append-only triggers in place, no gaps, every head recorded in ${copies} matches`
    : logProblems.join(' '));
  if (opened.anchor.lastCopyError) report.add('anchor copy', false, opened.anchor.lastCopyError);
  if (opened.findings.length > 0) report.add('at sign-in', false, `Signpost found and recorded: ${opened.findings.join(' ')}`);

  const users = await db.selectFrom('app_user').select(['id', 'username', 'full_name', 'enabled']).orderBy('id').execute();
  const enabled = users.filter((u) => u.enabled === 1);
  const userSlots = file.slots.filter((s) => s.kind === 'user');
  const slotProblems: string[] = [];
  // Opened with the recovery key, an older database is not upgraded: it may not name slots yet.
  const namesSlots = raw.prepare("SELECT 1 FROM pragma_table_info('app_user') WHERE name = 'key_slot_id'").get() !== undefined;
  const slotIds = new Map(namesSlots ? (raw.prepare('SELECT id, key_slot_id FROM app_user').all() as { id: number; key_slot_id: string | null }[]).map((u) => [u.id, u.key_slot_id]) : []);
  for (const u of enabled) {
    const mine = userSlots.filter((s) => s.userId === u.id);
    const slot = mine[0];
    if (!slot) slotProblems.push(`${u.full_name} (${u.username}) has no key slot and cannot sign in: give them a temporary password`);
    else if (slot.username !== u.username) slotProblems.push(`the key slot of ${u.username} is named "${slot.username ?? ''}"`);
    else if (mine.length > 1) slotProblems.push(`${u.full_name} (${u.username}) has ${mine.length} key slots: a change was not settled (signing in settles it)`);
    else if ((slotIds.get(u.id) ?? null) !== null && slotIds.get(u.id) !== slot.id) slotProblems.push(`the key slot of ${u.username} is not the one the database names`);
  }
  const oldFormat = userSlots.filter((s) => isLegacySlot(s)).length;
  for (const s of userSlots) {
    if (!enabled.some((u) => u.id === s.userId)) slotProblems.push(`a key slot (${s.username ?? 'no name'}) belongs to a disabled or missing user`);
  }
  report.add('user slots', slotProblems.length === 0,
    slotProblems.length === 0
      ? `every enabled user (${enabled.length}) has a key slot${oldFormat > 0 ? ` (${plural(oldFormat, 'slot is', 'slots are')} in the old format until that user next signs in)` : ''}`
      : slotProblems.join('; '));

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
    'anchor-dir': { type: 'string' },
  },
  async run({ dataFolder, io, string }) {
    const anchorDir = string('anchor-dir') ?? (io.env.SIGNPOST_ANCHOR_DIR || undefined);
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
      if (recovery === 0) report.add('key file', false, 'there is no recovery-key slot: a manager makes a new recovery key on the Settings screen');
      else report.add('key file', true, `${plural(file.slots.length, 'slot')} (${plural(users, 'user')}, ${plural(recovery, 'recovery key', 'recovery keys')})`);
    } catch (error) {
      report.add('key file', false, messageOf(error));
      return finish(io, report);
    }

    let opened: Opened;
    try {
      opened = password !== undefined && username !== undefined
        ? await openWithPassword(io, dataFolder, username, password, anchorDir)
        : openWithRecoveryKey(io, paths, file, recoveryKey ?? '', anchorDir);
      report.add('unlock', true, opened.describe);
    } catch (error) {
      report.add('unlock', false, messageOf(error));
      return finish(io, report);
    }
    try {
      await runChecks(opened, paths, report, io);
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
