import { AppError } from '../contract/errors';
import { appendAudit, type AuditInput } from '../audit/auditLog';
import { applyRekey, type OpenStore, type RawDatabase } from './database';
import { type AtomicWriteHooks } from './atomicWrite';
import { isLegacySlot, readSlotFile, sealedAlso, sealedOnly, type Slot, type SlotFile, writeSlotFile } from './keySlots';
import { deleteMeta, getMeta, setMeta } from './meta';

/**
 * Rotating the data key: a new random key for the database (SQLCipher rekey), sealed to every
 * remaining slot's public key, so that a copy of the old keyslots.json (a disabled user's, say) no
 * longer opens the live database while everyone else still signs in with their own password.
 *
 * Crash-safe order: (1) the slot file gains the new key beside the old one in every slot and says a
 * rotation is under way; (2) the database is re-keyed (one transaction, out of WAL mode); (3) the
 * database's meta records the new generation; (4) the slot file drops the old key. A sign-in that
 * finds the file mid-rotation finishes whichever steps are left (`finishRotation`).
 */

export const KEY_GENERATION = 'keyGeneration';
/** Meta key: set in the same transaction as the change that needs a rotation (a user disabled). */
export const ROTATION_DUE = 'keyRotationDue';

export interface RotationOutcome {
  generation: number;
  /** Slots that hold the new key. */
  resealed: number;
  /** Full names (or usernames) of users whose old-format slot could not take the new key. */
  dropped: string[];
  /** The recovery slot was old-format and is gone: a new recovery key must be made. */
  recoveryKeyDropped: boolean;
}

export type Progress = (step: string) => void;

export interface RotationContext {
  store: OpenStore;
  slotsPath: string;
  reason: string;
  actor: { userId: number | null; name: string };
  at: string;
  progress?: Progress;
  hooks?: { slotWrite?: AtomicWriteHooks };
  /** Called the moment the database is under the new key, before any bookkeeping that could fail. */
  onRekeyed?: () => void;
}

function isBusy(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'SQLITE_BUSY' || error.code === 'SQLITE_LOCKED');
}

/** SQLCipher refuses to rekey in WAL mode; leaving WAL needs every other connection closed. */
function leaveWal(raw: RawDatabase): void {
  try {
    const mode = String(raw.pragma('journal_mode = DELETE', { simple: true }));
    if (mode !== 'delete') throw new AppError('CONFLICT', 'The database could not leave its write-ahead log to change its key.');
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (isBusy(error)) {
      throw new AppError(
        'CONFLICT',
        'The database key cannot be changed while Signpost is open in another window or the admin command line is running on this data folder. ' +
          'Close the others and try again; Signpost tries again at the next sign-in.',
      );
    }
    throw error;
  }
}

function backToWal(raw: RawDatabase): void {
  raw.pragma('journal_mode = WAL');
}

async function withShortBusyWait<T>(raw: RawDatabase, fn: () => Promise<T>): Promise<T> {
  raw.pragma('busy_timeout = 1000');
  try {
    return await fn();
  } finally {
    raw.pragma('busy_timeout = 5000');
  }
}

function label(slot: Slot, names: ReadonlyMap<number, string>): string {
  return (slot.userId !== null ? names.get(slot.userId) : undefined) ?? slot.username ?? 'a user';
}

async function fullNames(store: OpenStore): Promise<Map<number, string>> {
  const rows = await store.db.selectFrom('app_user').select(['id', 'full_name']).execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/** Step 1: every slot that can take the new key gets it beside the old; the file says what is under way. */
function stageNewKey(file: SlotFile, newKey: Buffer, to: number, at: string): SlotFile {
  const slots = file.slots.map((slot) => (isLegacySlot(slot) ? slot : sealedAlso(slot, newKey, to)));
  return { ...file, rotation: { to, startedAt: at }, slots };
}

/** Step 4: only the new generation is kept; old-format slots, which never got it, go. */
function dropOldKey(file: SlotFile, to: number): SlotFile {
  const slots = file.slots.flatMap((slot) => {
    if (isLegacySlot(slot)) return [];
    const kept = sealedOnly(slot, to);
    return kept ? [kept] : [];
  });
  const finished: SlotFile = { ...file, generation: to, slots };
  delete finished.rotation;
  return finished;
}

function outcomeOf(before: SlotFile, after: SlotFile, names: ReadonlyMap<number, string>): RotationOutcome {
  const kept = new Set(after.slots.map((s) => s.id));
  const lost = before.slots.filter((s) => !kept.has(s.id));
  return {
    generation: after.generation,
    resealed: after.slots.length,
    dropped: lost.filter((s) => s.kind === 'user').map((s) => label(s, names)),
    recoveryKeyDropped: lost.some((s) => s.kind === 'recovery') && !after.slots.some((s) => s.kind === 'recovery'),
  };
}

function describe(outcome: RotationOutcome, reason: string): string {
  const parts = [`database key changed to generation ${outcome.generation} (${reason}); ${outcome.resealed} key slot(s) hold the new key`];
  if (outcome.dropped.length > 0) parts.push(`old-format slots of ${outcome.dropped.join(', ')} could not take it: they need a new temporary password`);
  if (outcome.recoveryKeyDropped) parts.push('the recovery key made at setup no longer opens the data: make a new one');
  return parts.join('; ');
}

/**
 * Steps 2–4, given the file as step 1 left it. Runs with Kysely's one connection held, so no other
 * call's transaction is open on it while the journal mode changes.
 */
async function rekeyAndFinish(ctx: RotationContext, staged: SlotFile, newKey: Buffer, before: SlotFile): Promise<RotationOutcome> {
  const to = staged.rotation!.to;
  const names = await fullNames(ctx.store);
  return ctx.store.db.connection().execute(async (conn) => {
    const { raw } = ctx.store;
    await withShortBusyWait(raw, async () => {
      leaveWal(raw);
      try {
        ctx.progress?.('Re-encrypting the database under the new key…');
        applyRekey(raw, newKey);
        raw.prepare('SELECT count(*) FROM sqlite_master').get();
        ctx.onRekeyed?.();
      } finally {
        backToWal(raw);
      }
    });
    const finished = dropOldKey(staged, to);
    const outcome = outcomeOf(before, finished, names);
    const entry: AuditInput = {
      at: ctx.at, actorUserId: ctx.actor.userId, actorName: ctx.actor.name, action: 'keys.rotate', targetType: 'installation', detail: describe(outcome, ctx.reason),
    };
    await conn.transaction().execute(async (trx) => {
      await setMeta(trx, KEY_GENERATION, String(to));
      await deleteMeta(trx, ROTATION_DUE);
      await appendAudit(trx, entry);
    });
    ctx.progress?.('Removing the old key from the key file…');
    writeSlotFile(ctx.slotsPath, finished, ctx.hooks?.slotWrite);
    return outcome;
  });
}

/** Rotates to `newKey`, a fresh key (the caller's session holds it from `onRekeyed` on). */
export async function rotateDataKey(ctx: RotationContext, newKey: Buffer): Promise<RotationOutcome> {
  const before = readSlotFile(ctx.slotsPath);
  if (!before.slots.some((s) => s.kind === 'user' && !isLegacySlot(s))) {
    throw new AppError('CONFLICT', 'No key slot can take a new key yet: sign in once with this version of Signpost first.');
  }
  // An earlier rotation that never reached its rekey is abandoned: its key sealed nothing that matters.
  const base: SlotFile = { ...before, slots: before.slots.map((s) => (isLegacySlot(s) ? s : sealedOnly(s, before.generation) ?? s)) };
  const to = Math.max(before.generation, before.rotation?.to ?? 0) + 1;
  ctx.progress?.(`Sealing the new key to ${before.slots.length} key slot(s)…`);
  // Leave WAL before touching the file, so that "another program has it open" changes nothing at all.
  await ctx.store.db.connection().execute(async () => {
    await withShortBusyWait(ctx.store.raw, async () => {
      leaveWal(ctx.store.raw);
      backToWal(ctx.store.raw);
    });
  });
  const staged = stageNewKey(base, newKey, to, ctx.at);
  writeSlotFile(ctx.slotsPath, staged, ctx.hooks?.slotWrite);
  return rekeyAndFinish(ctx, staged, newKey, before);
}

/**
 * At sign-in, with the file mid-rotation: `openedWith` is the generation whose key opened the
 * database. If that is the new one, only the bookkeeping is left; if the old one, the rekey itself
 * is left, which needs the new key (`nextKey`, unsealed from the signing-in user's slot).
 * Returns null when there is nothing this sign-in can finish (an old-format slot has no new key).
 */
export async function finishRotation(ctx: RotationContext, file: SlotFile, openedWith: number, nextKey: Buffer | undefined): Promise<RotationOutcome | null> {
  const to = file.rotation?.to;
  if (to === undefined) return null;
  if (openedWith === to) {
    const names = await fullNames(ctx.store);
    const finished = dropOldKey(file, to);
    const outcome = outcomeOf(file, finished, names);
    if ((await getMeta(ctx.store.db, KEY_GENERATION)) !== String(to)) {
      await ctx.store.db.transaction().execute(async (trx) => {
        await setMeta(trx, KEY_GENERATION, String(to));
        await deleteMeta(trx, ROTATION_DUE);
        await appendAudit(trx, { at: ctx.at, actorUserId: ctx.actor.userId, actorName: ctx.actor.name, action: 'keys.rotate', targetType: 'installation', detail: `${describe(outcome, ctx.reason)} (finished at sign-in)` });
      });
    }
    writeSlotFile(ctx.slotsPath, finished, ctx.hooks?.slotWrite);
    return outcome;
  }
  if (!nextKey) return null;
  return rekeyAndFinish(ctx, file, nextKey, file);
}

/** The generation the database says it is under (1 for installations from before rotation). */
export async function databaseGeneration(store: OpenStore): Promise<number> {
  return Number((await getMeta(store.db, KEY_GENERATION)) ?? '1');
}

