import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { type Clock, systemClock } from '../clock/clock';
import { AppError } from '../contract/errors';
import type { SessionState, SessionUser, SetupInput } from '../contract/people';
import { Role } from '../contract/roles';
import { type AuditInput, appendAudit } from '../audit/auditLog';
import { assertStrongPassword } from '../people/passwordStrength';
import { type Db, type OpenStore, openEncrypted } from '../store/database';
import { assertLocalFolder, type DataFolderPaths, pathsIn } from '../store/dataFolder';
import {
  DEFAULT_KDF, findUserSlot, type KdfParams, makeSlot, newDataKey, newRecoveryKey, newSlotFile, normaliseRecoveryKey,
  readSlotFile, type SlotFile, unwrapSlot, withoutUserSlot, withUserSlot, writeSlotFile,
} from '../store/keySlots';
import { migrate } from '../store/migrations';
import { appendPending, readPending, recordPending } from './pendingAudit';
import { SignInGuard, tryAgainMessage } from './signInGuard';

export interface SessionOptions {
  dataFolder: string;
  /** Lower scrypt cost for tests only; production uses DEFAULT_KDF. */
  kdf?: KdfParams;
  /** Main's one clock; tests pass a fixed one. */
  clock?: Clock;
  /** Overrides the manager's idle-lock setting (the development host's test flag). */
  idleLockSecondsOverride?: number;
}

type State =
  | { kind: 'signed-out' }
  | { kind: 'locked'; user: SessionUser }
  | { kind: 'active'; user: SessionUser; store: OpenStore; dataKey: Buffer; pcnName: string; idleLockMinutes: number };

const WRONG_PASSWORD = 'The username or password is not right. Check Caps Lock and try again.';

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

  constructor(private readonly options: SessionOptions) {
    this.paths = pathsIn(options.dataFolder);
    this.kdf = options.kdf ?? DEFAULT_KDF;
    this.clock = options.clock ?? systemClock;
    this.signInGuard = new SignInGuard(this.paths.signInAttempts);
  }

  isSetUp(): boolean {
    return existsSync(this.paths.slots) || existsSync(this.paths.database);
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

  async setup(input: SetupInput): Promise<{ recoveryKey: string }> {
    assertLocalFolder(this.paths.folder);
    if (this.isSetUp()) throw new AppError('ALREADY_SET_UP', 'Signpost is already set up in this data folder.');
    assertStrongPassword(input.manager.password, [
      input.manager.fullName, input.manager.username, input.pcnName, ...input.practices.flatMap((p) => [p.name, p.odsCode]),
    ], 'manager.password');
    mkdirSync(this.paths.folder, { recursive: true });
    const dataKey = newDataKey();
    const installationId = randomUUID();
    const recoveryKey = newRecoveryKey();
    const store = openEncrypted(this.paths.database, dataKey, { mustExist: false });
    try {
      await migrate(store.db);
      const manager = await store.db.transaction().execute(async (trx) => {
        await trx.insertInto('meta').values([
          { key: 'installationId', value: installationId },
          { key: 'pcnName', value: input.pcnName },
        ]).execute();
        const practiceIds: number[] = [];
        for (const p of input.practices) {
          const row = await trx.insertInto('practice').values({ name: p.name, ods_code: p.odsCode }).returning('id').executeTakeFirstOrThrow();
          practiceIds.push(row.id);
        }
        const user = await trx.insertInto('app_user').values({
          username: input.manager.username, full_name: input.manager.fullName, role: 'practice_manager',
          enabled: 1, must_change_password: 0, created_at: this.clock.now().toISOString(),
        }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('user_practice').values(practiceIds.map((practice_id) => ({ user_id: user.id, practice_id }))).execute();
        const at = this.clock.now().toISOString();
        await appendAudit(trx,
          { at, actorUserId: user.id, actorName: input.manager.fullName, action: 'setup.create', targetType: 'installation', targetId: installationId, detail: `${input.practices.length} practice(s)` },
          { at, actorUserId: user.id, actorName: input.manager.fullName, action: 'users.create', targetType: 'user', targetId: user.id, detail: 'role practice_manager' },
        );
        return { id: user.id, practiceIds };
      });
      const file = newSlotFile(installationId);
      file.slots.push(
        makeSlot(dataKey, input.manager.password, { kind: 'user', userId: manager.id, username: input.manager.username }, this.kdf, this.clock.now()),
        makeSlot(dataKey, recoveryKey, { kind: 'recovery', userId: null, username: null }, this.kdf, this.clock.now()),
      );
      writeSlotFile(this.paths.slots, file);
      this.becomeActive(
        { id: manager.id, username: input.manager.username, fullName: input.manager.fullName, role: 'practice_manager', practiceIds: manager.practiceIds, mustChangePassword: false, passwordReset: null },
        store, dataKey, input.pcnName, 10,
      );
      return { recoveryKey };
    } catch (error) {
      await store.close();
      // Setup never finished: leave the folder as it was, so setup can simply be run again.
      for (const f of [this.paths.database, `${this.paths.database}-wal`, `${this.paths.database}-shm`, this.paths.slots]) rmSync(f, { force: true });
      throw error;
    }
  }

  // ---- sign in, lock, unlock, sign out ----

  async login(username: string, password: string): Promise<SessionState> {
    if (!this.isSetUp()) throw new AppError('NOT_SET_UP', 'Signpost is not set up yet.');
    await this.closeStore();
    const file = readSlotFile(this.paths.slots);
    const dataKey = this.unwrapUser(file, username, password, 'auth.login');
    await this.openAs(file, dataKey, { username }, 'auth.login');
    return this.view();
  }

  async unlock(password: string): Promise<SessionState> {
    if (this.state.kind !== 'locked') throw new AppError('UNAUTHENTICATED', 'Signpost is not locked: sign in instead.');
    const { user } = this.state;
    const file = readSlotFile(this.paths.slots);
    const dataKey = this.unwrapUser(file, user.username, password, 'auth.unlock');
    await this.openAs(file, dataKey, { username: user.username }, 'auth.unlock');
    return this.view();
  }

  async lock(reason: 'idle' | 'asked'): Promise<SessionState> {
    const s = this.state;
    if (s.kind !== 'active') return this.view();
    await appendAudit(s.store.db, { at: this.clock.now().toISOString(), actorUserId: s.user.id, actorName: s.user.fullName, action: 'auth.lock', detail: reason === 'idle' ? 'idle time-out' : 'locked by user' });
    await this.closeStore();
    this.state = { kind: 'locked', user: s.user };
    return this.view();
  }

  async logout(): Promise<SessionState> {
    const s = this.state;
    if (s.kind === 'active') {
      await appendAudit(s.store.db, { at: this.clock.now().toISOString(), actorUserId: s.user.id, actorName: s.user.fullName, action: 'auth.logout' });
    }
    await this.closeStore();
    this.state = { kind: 'signed-out' };
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
    const slot = readSlotFile(this.paths.slots).slots.find((s) => s.kind === 'user' && s.userId === user.id);
    const right = slot !== undefined && unwrapSlot(slot, password) !== null;
    if (right) this.signInGuard.recordSuccess(user.username);
    else this.signInGuard.recordFailure(user.username, now);
    return right;
  }

  // ---- key slots for user management (the database itself is never re-encrypted) ----

  writeUserSlot(userId: number, username: string, password: string): void {
    const { dataKey } = this.active();
    const file = readSlotFile(this.paths.slots);
    writeSlotFile(this.paths.slots, withUserSlot(file, makeSlot(dataKey, password, { kind: 'user', userId, username }, this.kdf, this.clock.now())));
  }

  removeUserSlot(userId: number): void {
    this.active();
    writeSlotFile(this.paths.slots, withoutUserSlot(readSlotFile(this.paths.slots), userId));
  }

  /** After the signed-in user's own details change (password, role), refresh what the session holds. */
  async refreshUser(db: Db): Promise<void> {
    const s = this.state;
    if (s.kind !== 'active') return;
    s.user = await loadSessionUser(db, s.user.username);
  }

  // ---- internals ----

  private nowMs(): number {
    return this.clock.now().getTime();
  }

  private unwrapUser(file: SlotFile, username: string, password: string, action: string): Buffer {
    const now = this.clock.now();
    // While paused, the password is not even tried: a right guess must look the same as a wrong one.
    // Known and unknown usernames are paused alike, so the pause reveals nothing about who exists.
    const paused = this.signInGuard.pausedUntil(username, now);
    if (paused) throw new AppError('TOO_MANY_ATTEMPTS', tryAgainMessage(paused, now), { password: [tryAgainMessage(paused, now)] });
    const slot = findUserSlot(file, username);
    // Derive a key even for an unknown username, so timing does not reveal which usernames exist.
    const key = slot ? unwrapSlot(slot, password) : (makeSlot(Buffer.alloc(32), password, { kind: 'user', userId: 0, username }, this.kdf, this.clock.now()), null);
    if (key) return key;
    const pause = this.signInGuard.recordFailure(username, now);
    this.recordPending({
      actorUserId: slot?.userId ?? null, actorName: username, action, outcome: 'failed',
      detail: `${slot ? 'wrong password' : 'unknown or disabled username'}${pause ? `; sign-in paused until ${pause.toISOString()}` : ''}`,
    });
    const message = pause ? `${WRONG_PASSWORD} ${tryAgainMessage(pause, now)}` : WRONG_PASSWORD;
    throw new AppError(pause ? 'TOO_MANY_ATTEMPTS' : 'WRONG_PASSWORD', message, { password: [message] });
  }

  private async openAs(file: SlotFile, dataKey: Buffer, who: { username: string }, action: string): Promise<void> {
    const store = openEncrypted(this.paths.database, dataKey, { mustExist: true });
    try {
      await migrate(store.db);
      const meta = await store.db.selectFrom('meta').selectAll().execute();
      const metaMap = new Map(meta.map((m) => [m.key, m.value]));
      if (metaMap.get('installationId') !== file.installationId) {
        throw new AppError('STORE', 'keyslots.json belongs to another Signpost installation than signpost.db. Restore both files together from one backup.');
      }
      const user = await loadSessionUser(store.db, who.username);
      const idle = await store.db.selectFrom('setting').select('value').where('key', '=', 'idleLockMinutes').executeTakeFirst();
      await store.db.transaction().execute(async (trx) => {
        const at = this.clock.now().toISOString();
        await appendPending(trx, readPending(this.paths.pendingAudit));
        await appendAudit(trx, { at, actorUserId: user.id, actorName: user.fullName, action });
        await trx.updateTable('app_user').set({ last_login_at: at }).where('id', '=', user.id).execute();
      });
      // Only once they are committed to the audit log may the waiting entries go.
      rmSync(this.paths.pendingAudit, { force: true });
      this.signInGuard.recordSuccess(who.username);
      this.becomeActive(user, store, dataKey, metaMap.get('pcnName') ?? '', Number(idle?.value ?? 10));
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  private becomeActive(user: SessionUser, store: OpenStore, dataKey: Buffer, pcnName: string, idleLockMinutes: number): void {
    this.state = { kind: 'active', user, store, dataKey, pcnName, idleLockMinutes };
    this.touch();
  }

  private async closeStore(): Promise<void> {
    const s = this.state;
    if (s.kind !== 'active') return;
    s.dataKey.fill(0);
    this.state = { kind: 'signed-out' };
    await s.store.close();
  }

  private recordPending(entry: Omit<AuditInput, 'at'>): void {
    if (!existsSync(this.paths.folder)) return;
    recordPending(this.paths.pendingAudit, { ...entry, at: this.clock.now().toISOString() });
  }

  /** Recovery: a manager who forgot their password sets a new one with the recovery key. */
  static unwrapRecovery(file: SlotFile, recoveryKey: string): Buffer | null {
    const slot = file.slots.find((s) => s.kind === 'recovery');
    return slot ? unwrapSlot(slot, normaliseRecoveryKey(recoveryKey)) : null;
  }
}

export async function loadSessionUser(db: Db, username: string): Promise<SessionUser> {
  const row = await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst();
  if (!row || row.enabled !== 1) throw new AppError('WRONG_PASSWORD', WRONG_PASSWORD, { password: [WRONG_PASSWORD] });
  const practices = await db.selectFrom('user_practice').select('practice_id').where('user_id', '=', row.id).execute();
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
