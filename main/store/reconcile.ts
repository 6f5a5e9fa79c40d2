import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFolderPaths } from './dataFolder';
import { type Slot, type SlotFile } from './keySlots';

/**
 * Keeping the key-slot file and the database in step across crashes.
 *
 * A slot change is staged: the new slot is written into the file beside the old one, the database
 * names the new slot (app_user.key_slot_id) in the same transaction as the change's audit entry,
 * and once that commits the file keeps only the slot the database names. A crash anywhere leaves
 * a file that `reconcileSlots` brings back in line with what the database committed.
 */

export interface SlotUser {
  id: number;
  username: string;
  fullName: string;
  enabled: boolean;
  /** The slot the database says is this user's; null for users from before slots were named. */
  keySlotId: string | null;
}

export interface Reconciled {
  file: SlotFile;
  changed: boolean;
  /** Slots to record as the users' own: legacy users get the slot they already have. */
  adopt: { userId: number; slotId: string }[];
  /** In plain words, for the audit log: what was found and undone. Empty when all was in step. */
  notes: string[];
}

/**
 * Keeps the recovery slot(s) and, for each enabled user, the one slot the database names; drops
 * slots of users who were never saved, are disabled or renamed, and staged slots whose change never
 * committed. When the database names a slot the file does not hold (keyslots.json restored from an
 * older copy), the user's remaining slot is kept and adopted rather than locking them out.
 */
export function reconcileSlots(file: SlotFile, users: readonly SlotUser[]): Reconciled {
  const keep: Slot[] = [];
  const adopt: Reconciled['adopt'] = [];
  const notes: string[] = [];
  const byId = new Map(users.map((u) => [u.id, u]));

  const userSlotsOf = new Map<number, Slot[]>();
  for (const slot of file.slots) {
    if (slot.kind === 'recovery') {
      keep.push(slot);
      continue;
    }
    const user = slot.userId === null ? undefined : byId.get(slot.userId);
    if (!user || user.username !== slot.username || !user.enabled) {
      const who = slot.username ?? 'no name';
      notes.push(
        !user
          ? `A key slot for "${who}" was removed: no such user was ever saved (Signpost stopped while adding them).`
          : !user.enabled
            ? `The key slot of ${user.fullName} (${user.username}) was removed: the account is disabled.`
            : `A key slot named "${who}" was removed: it does not belong to ${user.fullName} (${user.username}).`,
      );
      continue;
    }
    const list = userSlotsOf.get(user.id) ?? [];
    list.push(slot);
    userSlotsOf.set(user.id, list);
  }

  for (const [userId, slots] of userSlotsOf) {
    const user = byId.get(userId)!;
    const named = slots.find((s) => s.id === user.keySlotId);
    if (named) {
      keep.push(named);
      // A later slot than the one the database names was staged for a change that never committed.
      const index = slots.indexOf(named);
      if (slots.slice(index + 1).length > 0) {
        notes.push(
          `An unfinished password change for ${user.fullName} (${user.username}) was undone: Signpost stopped before ` +
            'saving it, so the password from before the change still works and the new one does not.',
        );
      }
      continue;
    }
    // Legacy (no slot named yet) or a file older than the database: keep the newest, name it.
    const newest = slots.at(-1)!;
    keep.push(newest);
    adopt.push({ userId, slotId: newest.id });
    if (user.keySlotId !== null) {
      notes.push(
        `The key slot of ${user.fullName} (${user.username}) is not the one the database expects ` +
          '(keyslots.json may have been restored from an older copy): the slot in the file is kept.',
      );
    }
  }

  // Keep the file's order: staged slots sit last, which is how the reconciliation tells them apart.
  const slots = file.slots.filter((s) => keep.includes(s));
  return { file: { ...file, slots }, changed: slots.length !== file.slots.length, adopt, notes };
}

// ---- first run ----

const SETUP_PREFIX = 'signpost.db.setup-';

/** Setup builds the database here and renames it into place only after keyslots.json is written. */
export function setupDatabasePath(paths: DataFolderPaths, installationId: string): string {
  return join(paths.folder, `${SETUP_PREFIX}${installationId}`);
}

function installationIdIn(slotsPath: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(slotsPath, 'utf8'));
    if (parsed !== null && typeof parsed === 'object' && 'installationId' in parsed && typeof parsed.installationId === 'string') {
      return parsed.installationId;
    }
  } catch {
    // unreadable: not a half-finished setup's file, whatever it is
  }
  return undefined;
}

function setupLeftovers(paths: DataFolderPaths): string[] {
  if (existsSync(paths.database) || !existsSync(paths.folder)) return [];
  return readdirSync(paths.folder).filter((name) => name.startsWith(SETUP_PREFIX));
}

/**
 * Whether the folder holds a setup that never finished: no signpost.db, the database still under
 * its temporary name and, if a key file exists, one written by that same setup. Such a folder is
 * not set up. A key file without a database and without such leftovers is something else: an
 * installation whose database went missing, which must be restored, never set up again over.
 */
export function isUnfinishedSetup(paths: DataFolderPaths): boolean {
  const leftovers = setupLeftovers(paths);
  if (leftovers.length === 0) return false;
  if (!existsSync(paths.slots)) return true;
  const ids = new Set(leftovers.map((name) => name.slice(SETUP_PREFIX.length).replace(/-(wal|shm|journal)$/, '')));
  const owner = installationIdIn(paths.slots);
  return owner !== undefined && ids.has(owner);
}

/** Removes what an unfinished setup left behind, so setup can run again from the start. */
export function clearUnfinishedSetup(paths: DataFolderPaths): void {
  const unfinished = isUnfinishedSetup(paths);
  if (unfinished && existsSync(paths.slots)) rmSync(paths.slots, { force: true });
  // Leftovers beside a real key file (from some other, older attempt) hold nothing anyone can use.
  for (const name of setupLeftovers(paths)) rmSync(join(paths.folder, name), { force: true });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

/** Temp files an atomic write left when its process died before the rename (never a live writer's). */
export function clearStaleTempFiles(paths: DataFolderPaths): void {
  if (!existsSync(paths.folder)) return;
  for (const name of readdirSync(paths.folder)) {
    const pid = /^keyslots\.json\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1];
    if (pid !== undefined && !isRunning(Number(pid))) rmSync(join(paths.folder, name), { force: true });
  }
}
