import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import type { RawDatabase } from '../../main/store/database';

/** One statement as a call really ran it: the SQL text exactly as prepared and the arguments it ran with. */
export interface TracedStatement {
  sql: string;
  args: unknown[];
  reader: boolean;
}

type Statement = BetterSqlite3.Statement<unknown[]>;
const RUNS = ['all', 'get', 'run', 'iterate'] as const;

/**
 * Records every statement run on the driver handle while `fn` runs. Kysely's SQLite driver prepares
 * each compiled query on this handle and runs it with all() or run(), so the trace is what a
 * dispatch call sends to SQLite, bind parameters included: a bench can then time the same SQL on
 * its own instead of a hand-copied version of it that may drift from the code.
 */
export async function traceStatements(raw: RawDatabase, fn: () => Promise<unknown>): Promise<TracedStatement[]> {
  const traced: TracedStatement[] = [];
  const prepare = raw.prepare.bind(raw);
  const spy = (source: string): Statement => {
    const stmt = prepare<unknown[]>(source);
    const runs = stmt as unknown as Record<(typeof RUNS)[number], (...args: unknown[]) => unknown>;
    for (const method of RUNS) {
      const original = runs[method].bind(stmt);
      runs[method] = (...args: unknown[]) => {
        traced.push({ sql: source, args, reader: stmt.reader });
        return original(...args);
      };
    }
    return stmt;
  };
  // An own property shadows the prototype's prepare for this handle only, and is deleted after.
  Object.defineProperty(raw, 'prepare', { value: spy, configurable: true, writable: true });
  try {
    await fn();
  } finally {
    Reflect.deleteProperty(raw, 'prepare');
  }
  return traced;
}

/**
 * The traced read statements, each distinct SQL text prepared once, as one function that runs them
 * all in order with the traced arguments: the floor under the call that was traced.
 */
export function replay(raw: RawDatabase, statements: readonly TracedStatement[]): () => void {
  const prepared = new Map<string, Statement>();
  const steps = statements.map((s) => {
    if (!s.reader) throw new Error(`replay runs reads only; this statement writes: ${s.sql}`);
    let stmt = prepared.get(s.sql);
    if (!stmt) {
      stmt = raw.prepare<unknown[]>(s.sql);
      prepared.set(s.sql, stmt);
    }
    return { stmt, args: s.args };
  });
  return () => {
    for (const { stmt, args } of steps) stmt.all(...args);
  };
}
