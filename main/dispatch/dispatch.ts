import { type ChannelName, contract, isChannelName, roleMayCall } from '../contract';
import type { ChannelDef } from '../contract/channel';
import { AppError, type AppErrorShape, fieldErrorsFrom, type Result } from '../contract/errors';
import { parseAt } from '../contract/time';
import { appendAudit } from '../audit/auditLog';
import { accessChange, accessChangeMessages } from '../session/access';
import type { Session } from '../session/session';
import type { AuditTarget, Handler, PublicContext, UserContext } from './handler';
import { handlers } from './handlers';

/** Channels a user with a temporary password may still call: everything else waits for a new password. */
const allowedBeforePasswordChange = new Set<string>(['auth.state', 'auth.changePassword', 'auth.logout', 'auth.lock', 'auth.heartbeat']);

export interface DispatchLog {
  error(message: string, error: unknown): void;
}

const consoleLog: DispatchLog = { error: (m, e) => console.error(m, e) };

/**
 * The one door into main: every transport (Electron IPC, the development host, tests) calls this.
 * Role check, input parse, handler, audit entry, typed result or typed error.
 */
export async function dispatch(session: Session, name: string, input: unknown, log: DispatchLog = consoleLog): Promise<Result<unknown>> {
  try {
    if (!isChannelName(name)) throw new AppError('UNKNOWN_CHANNEL', `There is no channel called ${name}.`);
    const result = await run(session, name, input, log);
    return { ok: true, result };
  } catch (error) {
    return { ok: false, error: toErrorShape(error, log) };
  } finally {
    // The log's head, outside the database, after whatever this call committed.
    const problem = await session.anchorAfterCall();
    if (problem) log.error('The audit anchor could not be written', problem);
  }
}

function toErrorShape(error: unknown, log: DispatchLog): AppErrorShape {
  if (error instanceof AppError) return error.toShape();
  log.error('Unexpected error in dispatch', error);
  return { code: 'INTERNAL', message: 'Something went wrong inside Signpost. Nothing was saved; please try again.' };
}

async function run(session: Session, name: ChannelName, rawInput: unknown, log: DispatchLog): Promise<unknown> {
  const def: ChannelDef = contract[name];
  const handler = handlers[name] as unknown as Handler<ChannelName>;
  await session.lockIfIdle();
  const now = session.clock.now();
  const at = now.toISOString();
  const parseOutput = (out: unknown) => parseAt(now, () => def.output.parse(out));

  if (def.access === 'public') {
    const input = parseInput(def, rawInput, now);
    return parseOutput(await (handler as unknown as (c: PublicContext, i: unknown) => Promise<unknown>)({ session, now }, input));
  }

  const { store, user } = session.active();
  // Disabled, or given another role or practices, since signing in (here or on another PC): the session ends.
  const change = accessChange(store.raw, user);
  if (change) {
    await session.logout(change === 'disabled' ? 'signed out: the account was disabled' : 'signed out: role or practices changed');
    throw new AppError('UNAUTHENTICATED', accessChangeMessages[change]);
  }
  if (!roleMayCall(def.access, user.role)) {
    await appendAudit(store.db, { at, actorUserId: user.id, actorName: user.fullName, action: name, outcome: 'refused', detail: `role ${user.role} may not call this` });
    throw new AppError('FORBIDDEN', 'Your role does not allow this. Ask your practice manager if you need it.');
  }
  if (user.mustChangePassword && !allowedBeforePasswordChange.has(name)) {
    throw new AppError('FORBIDDEN', 'Choose a new password first: you signed in with a temporary one.');
  }
  const input = parseInput(def, rawInput, now);
  if (!def.passive) session.touch();

  let target: AuditTarget | undefined;
  const call = (db: UserContext['db']) =>
    (handler as unknown as (c: UserContext, i: unknown) => Promise<unknown>)(
      { session, now, user, store, db, auditTarget: (t) => { target = t; } },
      input,
    );
  const audit = (db: UserContext['db']) =>
    appendAudit(db, { at, actorUserId: user.id, actorName: user.fullName, action: name, targetType: target?.type ?? null, targetId: target?.id ?? null, detail: target?.detail ?? null });

  try {
    if (def.audit === 'write') {
      // The change, its audit entry and the key slot it names commit together or not at all.
      let committed = false;
      try {
        const out = await store.db.transaction().execute(async (trx) => {
          const result = await call(trx);
          await audit(trx);
          await session.commitStagedKeys(trx);
          return result;
        });
        committed = true;
        return parseOutput(out);
      } finally {
        for (const problem of await session.settleStagedKeys(committed)) log.error('Settling the key file after a change failed', problem);
      }
    }
    const out = parseOutput(await call(store.db));
    if (def.audit === 'read') await audit(store.db);
    return out;
  } catch (error) {
    // A refusal on practice scope (the record belongs to a practice the caller does not work at) is
    // audited like a refusal on role: after the write's transaction has rolled back, so it stays.
    if (error instanceof AppError && error.code === 'FORBIDDEN') {
      await appendAudit(store.db, {
        at, actorUserId: user.id, actorName: user.fullName, action: name, outcome: 'refused',
        targetType: target?.type ?? null, targetId: target?.id ?? null, detail: [error.message, idsOf(input)].filter(Boolean).join(' '),
      }).catch((problem: unknown) => log.error('The refusal could not be audited', problem));
    }
    throw error;
  }
}

/** The record ids a call named (`id`, `referralId` …), to say in a refusal's audit entry what was asked for. */
function idsOf(input: unknown): string {
  if (typeof input !== 'object' || input === null) return '';
  const ids = Object.entries(input).filter(([k, v]) => (k === 'id' || k.endsWith('Id')) && typeof v === 'number');
  return ids.length > 0 ? `(${ids.map(([k, v]) => `${k} ${String(v)}`).join(', ')})` : '';
}

function parseInput(def: ChannelDef, raw: unknown, now: Date): unknown {
  const parsed = parseAt(now, () => def.input.safeParse(raw ?? {}));
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFrom(parsed.error);
    const count = Object.keys(fieldErrors).length;
    throw new AppError('VALIDATION', count === 1 ? 'Check the highlighted field.' : `Check the ${count} highlighted fields.`, fieldErrors);
  }
  return parsed.data;
}
