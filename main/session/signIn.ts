import { rmSync } from 'node:fs';
import { AppError } from '../contract/errors';
import type { SessionUser } from '../contract/people';
import { Role } from '../contract/roles';
import type { AuditAnchor } from '../audit/anchor';
import { appendAudit, type AuditInput } from '../audit/auditLog';
import { anchorStarted, lookAtSignIn, markAnchorStart, readHead, restoreTriggers } from '../audit/integrity';
import { appendPending, readPendingForDrain } from './pendingAudit';
import type { AtomicWriteHooks } from '../store/atomicWrite';
import { type Db, type OpenStore, openEncrypted, WrongKeyError } from '../store/database';
import type { DataFolderPaths } from '../store/dataFolder';
import {
  isLegacySlot, type KdfParams, makeSlot, readSlotFile, type SlotFile, type SlotKeys, userSlots, unwrapSlotKeys,
  withStagedSlot, writeSlotFile, zeroKeys,
} from '../store/keySlots';
import { getMeta, setMeta } from '../store/meta';
import { migrate } from '../store/migrations';
import { reconcileSlots, type SlotUser } from '../store/reconcile';
import { databaseGeneration, finishRotation, type Progress } from '../store/rekey';

/**
 * What happens between unwrapping a slot and the session becoming active: opening the database
 * with whichever key generation fits, finishing a key rotation a crash interrupted, bringing the
 * key-slot file in line with what the database committed, moving queued failed sign-ins into the
 * log, and looking at the log against its anchor. Everything found goes into the log, in the same
 * transaction as the sign-in's own entry.
 */

export const WRONG_PASSWORD = 'The username or password is not right. Check Caps Lock and try again.';

export function wrongPassword(): AppError {
  return new AppError('WRONG_PASSWORD', WRONG_PASSWORD, { password: [WRONG_PASSWORD] });
}

export interface Unwrapped {
  slotId: string;
  keys: SlotKeys;
  legacy: boolean;
}

/**
 * Tries each slot of the username (two while a password change is being saved). Null when none
 * opens: the caller records the failed attempt.
 */
export function unwrapUserSlots(file: SlotFile, username: string, password: string, kdf: KdfParams, now: Date): Unwrapped | null {
  const slots = userSlots(file, username);
  if (slots.length === 0) {
    // Derive a key even for an unknown username, so timing does not reveal which usernames exist.
    makeSlot(Buffer.alloc(32), password, { kind: 'user', userId: 0, username }, kdf, now);
    return null;
  }
  for (const slot of slots) {
    const keys = unwrapSlotKeys(slot, password);
    if (keys) return { slotId: slot.id, keys, legacy: isLegacySlot(slot) };
  }
  return null;
}

/** A user slot exists for the username (for the failed attempt's wording). */
export function hasUserSlot(file: SlotFile, username: string): boolean {
  return userSlots(file, username).length > 0;
}

/** Opens with the newest key first (a rotation may have re-keyed the database already). */
export function openWithKeys(path: string, file: SlotFile, keys: SlotKeys): { store: OpenStore; generation: number } {
  const generations = [...keys.keys()].sort((a, b) => b - a);
  for (const generation of generations) {
    try {
      return { store: openEncrypted(path, keys.get(generation)!, { mustExist: true }), generation };
    } catch (error) {
      if (!(error instanceof WrongKeyError)) throw error;
    }
  }
  throw new AppError(
    'STORE',
    `Your password is right, but this key file (key generation ${file.generation}) does not open the database: ` +
      'the database key was changed after this copy of keyslots.json was made (a user was disabled, or a manager rotated the key), ' +
      'or the two files come from different installations. Use the keyslots.json saved with this database: restore both files together from one backup.',
  );
}

export async function loadSessionUser(db: Db, username: string): Promise<SessionUser> {
  const row = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  if (!row || row.enabled !== 1) throw wrongPassword();
  const practices = await db.selectFrom('user_practice').select('practice_id').where('user_id', '=', row.id).orderBy('practice_id').execute();
  return {
    id: row.id,
    username: row.username,
    fullName: row.full_name,
    role: Role.parse(row.role),
    practiceIds: practices.map((p) => p.practice_id),
    mustChangePassword: row.must_change_password === 1,
    // Told while the temporary password someone else set is still the one in force.
    passwordReset: row.must_change_password === 1 && row.password_reset_by_name && row.password_reset_at
      ? { byName: row.password_reset_by_name, at: row.password_reset_at }
      : null,
  };
}

export async function slotUsers(store: OpenStore): Promise<SlotUser[]> {
  const rows = await store.db.selectFrom('app_user').select(['id', 'username', 'full_name', 'enabled', 'key_slot_id']).execute();
  return rows.map((r) => ({ id: r.id, username: r.username, fullName: r.full_name, enabled: r.enabled === 1, keySlotId: r.key_slot_id }));
}

const SYSTEM = { actorUserId: null, actorName: 'Signpost' } as const;

function finding(at: string, detail: string): AuditInput {
  return { ...SYSTEM, at, action: 'audit.integrity', outcome: 'failed', detail };
}

export interface SignInArgs {
  paths: DataFolderPaths;
  file: SlotFile;
  unwrapped: Unwrapped;
  username: string;
  password: string;
  action: 'auth.login' | 'auth.unlock';
  anchor: AuditAnchor;
  now: Date;
  kdf: KdfParams;
  /** Entries this process could not write earlier (a lock while the database was busy). */
  deferred: readonly AuditInput[];
  slotHooks?: AtomicWriteHooks;
  progress?: Progress;
}

export interface SignedIn {
  store: OpenStore;
  user: SessionUser;
  dataKey: Buffer;
  pcnName: string;
  idleLockMinutes: number;
  /** What this sign-in found wrong with the audit log or the key file, in plain words. */
  findings: string[];
  /** A rotation is due (a disable whose rotation could not run): the session runs it now. */
  rotationDue: string | null;
}

/** Meta key: the last queued attempt moved into the log, and when (no queued attempt can be older). */
export const PENDING_DRAINED = 'pendingAuditDrained';

/** For installations from before that meta key: the queue was emptied at every sign-in. */
async function lastSignInAt(db: Db): Promise<string | undefined> {
  const row = await db.selectFrom('audit_log').select((eb) => eb.fn.max('at').as('at'))
    .where('action', 'in', ['auth.login', 'auth.unlock', 'setup.create']).where('outcome', '=', 'ok').executeTakeFirst();
  return row?.at ?? undefined;
}

export async function signIn(args: SignInArgs): Promise<SignedIn> {
  const { paths, unwrapped, anchor } = args;
  const at = args.now.toISOString();
  let file = args.file;
  const opened = openWithKeys(paths.database, file, unwrapped.keys);
  const { store } = opened;
  let dataKey = unwrapped.keys.get(opened.generation)!;
  try {
    await migrate(store.db);
    const meta = new Map((await store.db.selectFrom('meta').selectAll().execute()).map((m) => [m.key, m.value]));
    if (meta.get('installationId') !== file.installationId) {
      throw new AppError('STORE', 'keyslots.json belongs to another Signpost installation than signpost.db. Restore both files together from one backup.');
    }
    const entries: AuditInput[] = [];
    const findings: string[] = [];

    // A rotation a crash interrupted: finish it with the keys this slot holds.
    if (file.rotation) {
      const next = unwrapped.keys.get(file.rotation.to);
      const outcome = await finishRotation(
        { store, slotsPath: paths.slots, reason: 'finishing a rotation that was interrupted', actor: SYSTEM_ACTOR, at, ...hooks(args) },
        file, opened.generation, next,
      );
      if (outcome && next) dataKey = next;
      file = readSlotFile(paths.slots);
    } else if ((await databaseGeneration(store)) !== file.generation) {
      findings.push(`keyslots.json says key generation ${file.generation} but the database says ${await databaseGeneration(store)}: the two files come from different times. Restore both from one backup.`);
    }

    // The slot file against what the database committed.
    const reconciled = reconcileSlots(file, await slotUsers(store));
    if (reconciled.changed) writeSlotFile(paths.slots, reconciled.file, args.slotHooks);
    file = reconciled.file;
    const notes = reconciled.notes.map((detail): AuditInput => ({ ...SYSTEM, at, action: 'keyslots.reconcile', outcome: 'failed', detail }));
    if (!file.slots.some((s) => s.id === unwrapped.slotId)) {
      // This password belonged to a change that never committed: it is not this user's password.
      await store.db.transaction().execute(async (trx) => {
        await appendAudit(trx, ...notes, { at, actorUserId: null, actorName: args.username, action: args.action, outcome: 'failed', detail: 'wrong password' });
      });
      anchor.record(() => readHead(store.raw), undefined, at);
      throw wrongPassword();
    }
    entries.push(...notes);

    const user = await loadSessionUser(store.db, args.username);

    // An old-format slot is rewritten in the new form now that the password is at hand.
    let upgradedSlotId: string | null = null;
    if (unwrapped.legacy) {
      const slot = makeSlot(dataKey, args.password, { kind: 'user', userId: user.id, username: user.username }, args.kdf, args.now, file.generation);
      writeSlotFile(paths.slots, withStagedSlot(file, slot), args.slotHooks);
      upgradedSlotId = slot.id;
    }

    // The log against its anchor, and the queue of failed sign-ins against the anchor's count.
    const started = await anchorStarted(store.db);
    const look = lookAtSignIn(store.raw, anchor.lastLines(), started);
    findings.push(...look.findings);
    const drainedMeta = meta.get(PENDING_DRAINED);
    const drained = drainedMeta ? (JSON.parse(drainedMeta) as { ref: string | null; at: string }) : null;
    const drain = readPendingForDrain(paths, {
      now: args.now,
      notBefore: new Date(drained?.at ?? (await lastSignInAt(store.db)) ?? 0),
      drainedRef: drained?.ref ?? null,
      expected: anchor.pendingCount(),
      userIdOf: (name) => (name === user.username ? user.id : null),
    });
    findings.push(...drain.findings);

    const idle = await store.db.selectFrom('setting').select('value').where('key', '=', 'idleLockMinutes').executeTakeFirst();
    const restartAnchor = look.startAnchor || (started && anchor.last() === null);
    await store.db.transaction().execute(async (trx) => {
      if (look.restore.length > 0) restoreTriggers(store.raw, look.restore);
      await appendPending(trx, drain.entries);
      await appendAudit(
        trx,
        ...findings.map((f) => finding(at, f)),
        ...entries,
        ...args.deferred,
        ...(look.startAnchor ? [{ ...SYSTEM, at, action: 'audit.anchor', detail: `The audit log is anchored outside the database from entry ${readHead(store.raw).id + 1} on.` }] : []),
        { at, actorUserId: user.id, actorName: user.fullName, action: args.action },
      );
      if (restartAnchor) await markAnchorStart(trx, readHead(store.raw), at);
      for (const { userId, slotId } of reconciled.adopt) await trx.updateTable('app_user').set({ key_slot_id: slotId }).where('id', '=', userId).execute();
      if (upgradedSlotId) await trx.updateTable('app_user').set({ key_slot_id: upgradedSlotId }).where('id', '=', user.id).execute();
      await setMeta(trx, PENDING_DRAINED, JSON.stringify({ ref: drain.lastRef ?? drained?.ref ?? null, at }));
      await trx.updateTable('app_user').set({ last_login_at: at }).where('id', '=', user.id).execute();
    });
    // Only once they are committed to the log may the queued attempts go, and the count with them.
    anchor.record(() => readHead(store.raw), 0, at);
    rmSync(paths.pendingAudit, { force: true });
    if (upgradedSlotId) {
      const after = reconcileSlots(readSlotFile(paths.slots), await slotUsers(store));
      if (after.changed) writeSlotFile(paths.slots, after.file, args.slotHooks);
    }

    for (const key of unwrapped.keys.values()) if (key !== dataKey) key.fill(0);
    return {
      store,
      user,
      dataKey,
      pcnName: meta.get('pcnName') ?? '',
      idleLockMinutes: Number(idle?.value ?? 10),
      findings,
      rotationDue: (await getMeta(store.db, 'keyRotationDue')) ?? null,
    };
  } catch (error) {
    await store.close();
    zeroKeys(unwrapped.keys);
    throw error;
  }
}

const SYSTEM_ACTOR = { userId: null, name: 'Signpost' };

function hooks(args: SignInArgs): { progress?: Progress; hooks?: { slotWrite?: AtomicWriteHooks } } {
  return {
    ...(args.progress ? { progress: args.progress } : {}),
    ...(args.slotHooks ? { hooks: { slotWrite: args.slotHooks } } : {}),
  };
}
