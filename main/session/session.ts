import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../clock/clock';
import { AppError } from '../contract/errors';
import type { SessionState, SessionUser, SetupInput } from '../contract/people';
import type { KeyRotation, KeyStatus } from '../contract/security';
import { anchorCopies, AuditAnchor } from '../audit/anchor';
import { type AuditInput, appendAudit } from '../audit/auditLog';
import { lastAnchorProblem, markAnchorStart, readHead } from '../audit/integrity';
import { assertStrongPassword } from '../people/passwordStrength';
import { type AtomicWriteHooks, syncFolder } from '../store/atomicWrite';
import { type Db, type OpenStore, openEncrypted } from '../store/database';
import { assertLocalFolder, type DataFolderPaths, pathsIn } from '../store/dataFolder';
import {
  DEFAULT_KDF, isLegacySlot, type KdfParams, makeSlot, newDataKey, newRecoveryKey, newSlotFile, normaliseRecoveryKey,
  readSlotFile, type SlotFile, unwrapSlot, withStagedSlot, writeSlotFile,
} from '../store/keySlots';
import { getMeta, setMeta } from '../store/meta';
import { migrate } from '../store/migrations';
import { clearStaleTempFiles, clearUnfinishedSetup, isUnfinishedSetup, reconcileSlots, setupDatabasePath } from '../store/reconcile';
import { databaseGeneration, KEY_GENERATION, ROTATION_DUE, rotateDataKey } from '../store/rekey';
import { type FailedAction, recordFailedAttempt } from './pendingAudit';
import { hasUserSlot, loadSessionUser, PENDING_DRAINED, signIn, slotUsers, type Unwrapped, unwrapUserSlots, WRONG_PASSWORD, wrongPassword } from './signIn';
import { SignInGuard, tryAgainMessage } from './signInGuard';

export { loadSessionUser } from './signIn';

export interface SessionOptions {
  dataFolder: string;
  /** Lower scrypt cost for tests only; production uses DEFAULT_KDF. */
  kdf?: KdfParams;
  /** Main's one clock; tests pass a fixed one. */
  clock?: Clock;
  /** Overrides the manager's idle-lock setting (the development host's test flag). */
  idleLockSecondsOverride?: number;
  /** A folder practice IT controls, for a second copy of the audit anchor (`--anchor-dir`). */
  anchorDir?: string;
  /** Told each step of long work (a key rotation), for a command line or a log. */
  onProgress?: (step: string) => void;
  /** Test seam: the key-slot file's atomic writes. */
  slotWriteHooks?: AtomicWriteHooks;
}

type ActiveState = { kind: 'active'; user: SessionUser; store: OpenStore; dataKey: Buffer; pcnName: string; idleLockMinutes: number };
type State = { kind: 'signed-out' } | { kind: 'locked'; user: SessionUser } | ActiveState;

/** Key-slot changes a write call made, settled against the database once the call commits or not. */
interface Staged {
  slots: { userId: number; slotId: string }[];
  removed: number[];
  rotation: string | null;
}

const nothingStaged = (): Staged => ({ slots: [], removed: [], rotation: null });

/**
 * The one signed-in person of this app window (a desktop app has one at a time), the open store and
 * the idle lock. The database is open only while the session is active: lock and sign-out close it.
 */
export class Session {
  readonly paths: DataFolderPaths;
  private state: State = { kind: 'signed-out' };
  private lastActivity = 0;
  private readonly kdf: KdfParams;
  readonly clock: Clock;
  /** The back-off on wrong passwords, per username and for the whole installation. */
  readonly signInGuard: SignInGuard;
  private anchorCache: { installationId: string; anchor: AuditAnchor } | null = null;
  private lastAnchoredHash: string | null = null;
  private staged: Staged = nothingStaged();
  /** Entries that could not be written when they happened (a lock while the database was busy). */
  private deferred: AuditInput[] = [];
  /** What the last sign-in found wrong with the audit log or the key file (the admin check shows it). */
  signInFindings: string[] = [];

  constructor(private readonly options: SessionOptions) {
    this.paths = pathsIn(options.dataFolder);
    this.kdf = options.kdf ?? DEFAULT_KDF;
    this.clock = options.clock ?? systemClock;
    this.signInGuard = new SignInGuard(this.paths.signInAttempts);
  }

  /** Set up means signpost.db exists, or a key file that is not a half-finished setup's. */
  isSetUp(): boolean {
    if (existsSync(this.paths.database)) return true;
    return existsSync(this.paths.slots) && !isUnfinishedSetup(this.paths);
  }

  view(): SessionState {
    if (!this.isSetUp()) return { state: 'not-set-up' };
    const s = this.state;
    if (s.kind === 'signed-out') return { state: 'signed-out' };
    if (s.kind === 'locked') return { state: 'locked', user: { username: s.user.username, fullName: s.user.fullName } };
    return { state: 'active', user: s.user, pcnName: s.pcnName, idleLockSeconds: (this.idleLimitMs() ?? 0) / 1000 };
  }

  /** The open store and user, or the error the renderer shows on its lock or sign-in screen. */
  active(): { store: OpenStore; user: SessionUser; dataKey: Buffer } {
    const s = this.state;
    if (s.kind === 'active') return s;
    if (s.kind === 'locked') throw new AppError('LOCKED', 'Signpost is locked. Enter your password to carry on.');
    throw new AppError('UNAUTHENTICATED', 'Sign in to carry on.');
  }

  touch(): void {
    this.lastActivity = this.nowMs();
  }

  private idleLimitMs(): number | null {
    if (this.state.kind !== 'active') return null;
    if (this.options.idleLockSecondsOverride !== undefined) return this.options.idleLockSecondsOverride * 1000;
    return this.state.idleLockMinutes * 60_000;
  }

  /** Locks when the person has been idle too long; the host calls this on a timer and before each call. */
  async lockIfIdle(): Promise<boolean> {
    const limit = this.idleLimitMs();
    if (limit === null || this.nowMs() - this.lastActivity < limit) return false;
    await this.lock('idle');
    return true;
  }

  setIdleLockMinutes(minutes: number): void {
    if (this.state.kind === 'active') this.state.idleLockMinutes = minutes;
  }

  // ---- first run ----

  /**
   * Builds the database under a temporary name, writes keyslots.json, and only then renames the
   * database into place: a crash at any moment leaves either a finished installation or a folder
   * that is recognised as not set up (and cleared when setup runs again).
   */
  async setup(input: SetupInput): Promise<{ recoveryKey: string }> {
    assertLocalFolder(this.paths.folder);
    if (this.isSetUp()) throw new AppError('ALREADY_SET_UP', 'Signpost is already set up in this data folder.');
    assertStrongPassword(input.manager.password, [
      input.manager.fullName, input.manager.username, input.pcnName, ...input.practices.flatMap((p) => [p.name, p.odsCode]),
    ], 'manager.password');
    mkdirSync(this.paths.folder, { recursive: true });
    clearUnfinishedSetup(this.paths);
    const dataKey = newDataKey();
    const installationId = randomUUID();
    const recoveryKey = newRecoveryKey();
    const temp = setupDatabasePath(this.paths, installationId);
    const at = this.isoNow();
    let store: OpenStore | undefined = openEncrypted(temp, dataKey, { mustExist: false });
    let slotsWritten = false;
    try {
      const file = newSlotFile(installationId);
      await migrate(store.db);
      const opened = store;
      const manager = await opened.db.transaction().execute(async (trx) => {
        await trx.insertInto('meta').values([
          { key: 'installationId', value: installationId },
          { key: 'pcnName', value: input.pcnName },
          { key: KEY_GENERATION, value: '1' },
          // No failed sign-in can be older than the installation.
          { key: PENDING_DRAINED, value: JSON.stringify({ ref: null, at }) },
        ]).execute();
        const practiceIds: number[] = [];
        for (const p of input.practices) {
          const row = await trx.insertInto('practice').values({ name: p.name, ods_code: p.odsCode }).returning('id').executeTakeFirstOrThrow();
          practiceIds.push(row.id);
        }
        const user = await trx.insertInto('app_user').values({
          username: input.manager.username, full_name: input.manager.fullName, role: 'practice_manager',
          enabled: 1, must_change_password: 0, created_at: at,
        }).returning('id').executeTakeFirstOrThrow();
        const slot = makeSlot(dataKey, input.manager.password, { kind: 'user', userId: user.id, username: input.manager.username }, this.kdf, this.clock.now());
        file.slots.push(slot, makeSlot(dataKey, recoveryKey, { kind: 'recovery', userId: null, username: null }, this.kdf, this.clock.now()));
        await trx.updateTable('app_user').set({ key_slot_id: slot.id }).where('id', '=', user.id).execute();
        await trx.insertInto('user_practice').values(practiceIds.map((practice_id) => ({ user_id: user.id, practice_id }))).execute();
        await appendAudit(trx,
          { at, actorUserId: user.id, actorName: input.manager.fullName, action: 'setup.create', targetType: 'installation', targetId: installationId, detail: `${input.practices.length} practice(s)` },
          { at, actorUserId: user.id, actorName: input.manager.fullName, action: 'users.create', targetType: 'user', targetId: user.id, detail: 'role practice_manager' },
        );
        await markAnchorStart(trx, readHead(opened.raw), at);
        return { id: user.id, practiceIds };
      });
      // Closing checkpoints the write-ahead log into the file, so the rename moves everything.
      await store.close();
      store = undefined;
      writeSlotFile(this.paths.slots, file, this.options.slotWriteHooks);
      slotsWritten = true;
      renameSync(temp, this.paths.database);
      syncFolder(this.paths.folder);
      store = openEncrypted(this.paths.database, dataKey, { mustExist: true });
      const finished = store;
      this.anchorFor(installationId).record(() => readHead(finished.raw), 0, at);
      this.becomeActive(
        { id: manager.id, username: input.manager.username, fullName: input.manager.fullName, role: 'practice_manager', practiceIds: manager.practiceIds, mustChangePassword: false, passwordReset: null },
        store, dataKey, input.pcnName, 10,
      );
      return { recoveryKey };
    } catch (error) {
      await store?.close();
      // Setup never finished: leave the folder as it was, so setup can simply be run again.
      if (!existsSync(this.paths.database)) {
        for (const f of [temp, `${temp}-wal`, `${temp}-shm`, `${temp}-journal`]) rmSync(f, { force: true });
        if (slotsWritten) rmSync(this.paths.slots, { force: true });
      }
      dataKey.fill(0);
      throw error;
    }
  }

  // ---- sign in, lock, unlock, sign out ----

  async login(username: string, password: string): Promise<SessionState> {
    if (!this.isSetUp()) throw new AppError('NOT_SET_UP', 'Signpost is not set up yet.');
    await this.closeStore();
    const file = readSlotFile(this.paths.slots);
    const unwrapped = this.unwrapUser(file, username, password, 'auth.login');
    await this.openAs(file, unwrapped, username, password, 'auth.login');
    return this.view();
  }

  async unlock(password: string): Promise<SessionState> {
    if (this.state.kind !== 'locked') throw new AppError('UNAUTHENTICATED', 'Signpost is not locked: sign in instead.');
    const { user } = this.state;
    const file = readSlotFile(this.paths.slots);
    const unwrapped = this.unwrapUser(file, user.username, password, 'auth.unlock');
    await this.openAs(file, unwrapped, user.username, password, 'auth.unlock');
    return this.view();
  }

  /**
   * Locks at once: no call reaches the store from the first line on, and the store is closed and
   * the key overwritten whatever happens. The audit entry is written if the database lets it within
   * a second; if not (busy), it waits in memory for the next sign-in. A lock never fails.
   */
  async lock(reason: 'idle' | 'asked'): Promise<SessionState> {
    const s = this.state;
    if (s.kind !== 'active') return this.view();
    this.state = { kind: 'locked', user: s.user };
    await this.closeWithEntry(s, { actorUserId: s.user.id, actorName: s.user.fullName, action: 'auth.lock', detail: reason === 'idle' ? 'idle time-out' : 'locked by user' });
    return this.view();
  }

  /** Signs out the same way the lock closes: never fails, the entry written when it can be. */
  async logout(detail?: string): Promise<SessionState> {
    const s = this.state;
    this.state = { kind: 'signed-out' };
    if (s.kind === 'active') await this.closeWithEntry(s, { actorUserId: s.user.id, actorName: s.user.fullName, action: 'auth.logout', detail: detail ?? null });
    return this.view();
  }

  /**
   * Checks a password against the signed-in user's own slot (for a password change). A wrong one
   * counts towards the same back-off as the sign-in screen: it is a way to test guesses too.
   */
  verifyOwnPassword(password: string): boolean {
    const { user } = this.active();
    const now = this.clock.now();
    const paused = this.signInGuard.pausedUntil(user.username, now);
    if (paused) throw new AppError('TOO_MANY_ATTEMPTS', tryAgainMessage(paused, now), { currentPassword: [tryAgainMessage(paused, now)] });
    const right = readSlotFile(this.paths.slots).slots.some((slot) => {
      if (slot.kind !== 'user' || slot.userId !== user.id) return false;
      const key = unwrapSlot(slot, password);
      key?.fill(0);
      return key !== null;
    });
    if (right) this.signInGuard.recordSuccess(user.username);
    else this.signInGuard.recordFailure(user.username, now);
    return right;
  }

  // ---- key slots for user management ----

  /**
   * Stages a new slot for the user beside their current one. Dispatch names it in the database in
   * the call's own transaction (`commitStagedKeys`) and, once that commits or not, keeps only the
   * slot the database names (`settleStagedKeys`): a crash in between is settled at the next sign-in.
   */
  writeUserSlot(userId: number, username: string, password: string): void {
    const { dataKey } = this.active();
    const file = readSlotFile(this.paths.slots);
    const slot = makeSlot(dataKey, password, { kind: 'user', userId, username }, this.kdf, this.clock.now(), file.generation);
    writeSlotFile(this.paths.slots, withStagedSlot(file, slot), this.options.slotWriteHooks);
    this.staged.slots.push({ userId, slotId: slot.id });
  }

  /**
   * A disabled user's slot goes once the disable commits, and the data key is rotated so that a
   * copy of the key file they may have kept no longer opens the database.
   */
  removeUserSlot(userId: number): void {
    this.active();
    this.staged.removed.push(userId);
    this.staged.rotation = 'a user was disabled';
  }

  /** Inside the write call's transaction: the database names the staged slots, and a rotation is due. */
  async commitStagedKeys(db: Db): Promise<void> {
    for (const { userId, slotId } of this.staged.slots) await db.updateTable('app_user').set({ key_slot_id: slotId }).where('id', '=', userId).execute();
    for (const userId of this.staged.removed) await db.updateTable('app_user').set({ key_slot_id: null }).where('id', '=', userId).execute();
    if (this.staged.rotation) await setMeta(db, ROTATION_DUE, this.staged.rotation);
  }

  /**
   * After a write call, committed or rolled back: the key file keeps only what the database names,
   * and a rotation the call made due runs now. Returns what went wrong, for the caller's log; a
   * rotation that could not run stays due and is tried again at the next sign-in.
   */
  async settleStagedKeys(committed: boolean): Promise<unknown[]> {
    const staged = this.staged;
    this.staged = nothingStaged();
    const s = this.state;
    if (s.kind !== 'active' || (staged.slots.length === 0 && staged.removed.length === 0 && !staged.rotation)) return [];
    const problems: unknown[] = [];
    try {
      const reconciled = reconcileSlots(readSlotFile(this.paths.slots), await slotUsers(s.store));
      if (reconciled.changed) writeSlotFile(this.paths.slots, reconciled.file, this.options.slotWriteHooks);
    } catch (error) {
      problems.push(error);
    }
    if (committed && staged.rotation) {
      try {
        await this.rotateKey(staged.rotation, { userId: s.user.id, name: s.user.fullName });
      } catch (error) {
        problems.push(error);
      }
    }
    return problems;
  }

  /** A new data key for the database, sealed to every remaining slot (see main/store/rekey.ts). */
  async rotateKey(reason: string, actor: { userId: number | null; name: string }): Promise<KeyRotation> {
    const s = this.state;
    if (s.kind !== 'active') throw new AppError('UNAUTHENTICATED', 'Sign in to carry on.');
    const newKey = newDataKey();
    try {
      return await rotateDataKey(
        {
          store: s.store, slotsPath: this.paths.slots, reason, actor, at: this.isoNow(),
          onRekeyed: () => {
            // From here the database is under the new key: every slot written after must seal it.
            s.dataKey.fill(0);
            s.dataKey = newKey;
          },
          ...(this.options.onProgress ? { progress: this.options.onProgress } : {}),
          ...(this.options.slotWriteHooks ? { hooks: { slotWrite: this.options.slotWriteHooks } } : {}),
        },
        newKey,
      );
    } catch (error) {
      if (s.dataKey !== newKey) newKey.fill(0);
      throw error;
    }
  }

  async keyStatus(db: Db): Promise<KeyStatus> {
    const file = readSlotFile(this.paths.slots);
    const names = new Map((await db.selectFrom('app_user').select(['id', 'full_name']).execute()).map((u) => [u.id, u.full_name]));
    const recovery = file.slots.filter((s) => s.kind === 'recovery');
    return {
      generation: await databaseGeneration(this.active().store),
      rotationDue: (await getMeta(db, ROTATION_DUE)) ?? null,
      usersWithOldSlots: file.slots.filter((s) => s.kind === 'user' && isLegacySlot(s)).map((s) => (s.userId !== null ? names.get(s.userId) : undefined) ?? s.username ?? 'a user'),
      recoveryKey: recovery.length === 0 ? 'missing' : recovery.some((s) => !isLegacySlot(s)) ? 'ready' : 'old-format',
    };
  }

  /** Replaces the recovery slot with one for a new key, which the caller shows once. */
  newRecoverySlot(): string {
    const { dataKey } = this.active();
    const recoveryKey = newRecoveryKey();
    const file = readSlotFile(this.paths.slots);
    const slot = makeSlot(dataKey, recoveryKey, { kind: 'recovery', userId: null, username: null }, this.kdf, this.clock.now(), file.generation);
    writeSlotFile(this.paths.slots, { ...file, slots: [...file.slots.filter((s) => s.kind !== 'recovery'), slot] }, this.options.slotWriteHooks);
    return recoveryKey;
  }

  /** After the signed-in user's own details change (password, role), refresh what the session holds. */
  async refreshUser(db: Db): Promise<void> {
    const s = this.state;
    if (s.kind !== 'active') return;
    s.user = await loadSessionUser(db, s.user.username);
  }

  // ---- the audit anchor ----

  /** The anchor copies of this installation (the data folder's, and IT's when set). */
  anchorFor(installationId: string): AuditAnchor {
    if (this.anchorCache?.installationId !== installationId) {
      this.anchorCache = { installationId, anchor: new AuditAnchor(anchorCopies(this.paths, installationId, this.options.anchorDir)) };
    }
    return this.anchorCache.anchor;
  }

  /** The signed-in installation's anchor. */
  anchor(): AuditAnchor {
    this.active();
    if (!this.anchorCache) throw new AppError('STORE', 'The audit anchor is not open.');
    return this.anchorCache.anchor;
  }

  /**
   * After each call: anchors the log's head if it moved. Never throws; returns what went wrong so
   * the caller can log it (the next sign-in reports the entries it missed as not anchored).
   */
  async anchorAfterCall(): Promise<unknown> {
    const s = this.state;
    if (s.kind !== 'active' || !this.anchorCache) return null;
    try {
      if (readHead(s.store.raw).hash === this.lastAnchoredHash) return null;
      await this.anchorHead(s.store);
      return null;
    } catch (error) {
      return error;
    }
  }

  /**
   * Anchors the head. If the log no longer holds what the last anchor line recorded (rewritten or
   * shortened since, by something other than Signpost), that is written to the log first, so the
   * anchor never moves on from a rewrite without saying so. `closing` is written with it, if given.
   */
  private async anchorHead(store: OpenStore, closing?: AuditInput): Promise<void> {
    const anchor = this.anchorCache!.anchor;
    const at = closing?.at ?? this.isoNow();
    const problem = lastAnchorProblem(store.raw, anchor.last(), anchor.copies[0]!);
    const entries: AuditInput[] = problem ? [{ at, actorUserId: null, actorName: 'Signpost', action: 'audit.integrity', outcome: 'failed', detail: problem }] : [];
    if (closing) entries.push(closing);
    if (entries.length > 0) await appendAudit(store.db, ...entries);
    anchor.record(() => readHead(store.raw), undefined, at);
    this.lastAnchoredHash = readHead(store.raw).hash;
  }

  // ---- internals ----

  private nowMs(): number {
    return this.clock.now().getTime();
  }

  private isoNow(): string {
    return this.clock.now().toISOString();
  }

  private unwrapUser(file: SlotFile, username: string, password: string, action: FailedAction): Unwrapped {
    const now = this.clock.now();
    // While paused, the password is not even tried: a right guess must look the same as a wrong one.
    // Known and unknown usernames are paused alike, so the pause reveals nothing about who exists.
    const paused = this.signInGuard.pausedUntil(username, now);
    if (paused) throw new AppError('TOO_MANY_ATTEMPTS', tryAgainMessage(paused, now), { password: [tryAgainMessage(paused, now)] });
    const unwrapped = unwrapUserSlots(file, username, password, this.kdf, now);
    if (unwrapped) return unwrapped;
    const pause = this.signInGuard.recordFailure(username, now);
    recordFailedAttempt(this.paths, this.anchorFor(file.installationId), {
      actorName: username, action, detail: hasUserSlot(file, username) ? 'wrong password' : 'unknown or disabled username', pausedUntil: pause,
    }, now.toISOString());
    if (!pause) throw wrongPassword();
    const message = `${WRONG_PASSWORD} ${tryAgainMessage(pause, now)}`;
    throw new AppError('TOO_MANY_ATTEMPTS', message, { password: [message] });
  }

  private async openAs(file: SlotFile, unwrapped: Unwrapped, username: string, password: string, action: 'auth.login' | 'auth.unlock'): Promise<void> {
    clearStaleTempFiles(this.paths);
    const deferred = this.deferred;
    const signedIn = await signIn({
      paths: this.paths, file, unwrapped, username, password, action, anchor: this.anchorFor(file.installationId),
      now: this.clock.now(), kdf: this.kdf, deferred,
      ...(this.options.slotWriteHooks ? { slotHooks: this.options.slotWriteHooks } : {}),
      ...(this.options.onProgress ? { progress: this.options.onProgress } : {}),
    });
    this.deferred = this.deferred.filter((e) => !deferred.includes(e));
    this.signInGuard.recordSuccess(username);
    this.signInFindings = signedIn.findings;
    this.becomeActive(signedIn.user, signedIn.store, signedIn.dataKey, signedIn.pcnName, signedIn.idleLockMinutes);
    this.lastAnchoredHash = readHead(signedIn.store.raw).hash;
    if (signedIn.rotationDue) {
      // A disable whose rotation could not run (the database was busy): best effort, it stays due.
      try {
        await this.rotateKey(`${signedIn.rotationDue} (finished at the next sign-in)`, { userId: signedIn.user.id, name: signedIn.user.fullName });
        await this.anchorAfterCall();
      } catch (error) {
        this.signInFindings.push(`The database key could not be rotated yet: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  private becomeActive(user: SessionUser, store: OpenStore, dataKey: Buffer, pcnName: string, idleLockMinutes: number): void {
    this.state = { kind: 'active', user, store, dataKey, pcnName, idleLockMinutes };
    this.touch();
  }

  /** Writes the closing entry when it can, anchors, then closes and overwrites the key in every case. */
  private async closeWithEntry(s: ActiveState, entry: Omit<AuditInput, 'at'>): Promise<void> {
    const stamped: AuditInput = { ...entry, at: this.isoNow() };
    const waiting = this.deferred;
    this.deferred = [];
    try {
      s.store.raw.pragma('busy_timeout = 1000');
      if (waiting.length > 0) await appendAudit(s.store.db, ...waiting);
      if (this.anchorCache) await this.anchorHead(s.store, stamped);
      else await appendAudit(s.store.db, stamped);
    } catch {
      const late = `${stamped.detail ? `${stamped.detail}; ` : ''}recorded late: the database was busy`;
      this.deferred = [...waiting, { ...stamped, detail: late }];
    } finally {
      s.dataKey.fill(0);
      try {
        await s.store.close();
      } catch {
        // Already closed; nothing holds the key any more.
      }
    }
  }

  private async closeStore(): Promise<void> {
    const s = this.state;
    if (s.kind !== 'active') return;
    s.dataKey.fill(0);
    this.state = { kind: 'signed-out' };
    await s.store.close();
  }

  /** Recovery: a manager who forgot their password sets a new one with the recovery key. */
  static unwrapRecovery(file: SlotFile, recoveryKey: string): Buffer | null {
    const slot = file.slots.find((s) => s.kind === 'recovery');
    return slot ? unwrapSlot(slot, normaliseRecoveryKey(recoveryKey)) : null;
  }
}
