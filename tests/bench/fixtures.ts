import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { entryHash } from '../../main/audit/auditLog';
import { Session } from '../../main/session/session';

export const BENCH_USERNAME = 'pat';
export const BENCH_PASSWORD = 'bench password for pat';

export interface BenchInstallation {
  folder: string;
  username: string;
  password: string;
  remove(): void;
}

/**
 * A real installation with the production key derivation (Session's default), so that opening it
 * costs what it costs a practice.
 */
export async function benchInstallation(): Promise<{ installation: BenchInstallation; session: Session }> {
  const root = mkdtempSync(join(tmpdir(), 'signpost-bench-'));
  const folder = join(root, 'data');
  const session = new Session({ dataFolder: folder });
  await session.setup({
    pcnName: 'Riverside PCN',
    practices: [
      { name: 'Riverside Surgery', odsCode: 'A81001' },
      { name: 'Hillview Medical Centre', odsCode: 'A81002' },
      { name: 'Bridge Street Practice', odsCode: 'A81003' },
    ],
    manager: { fullName: 'Pat Manager', username: BENCH_USERNAME, password: BENCH_PASSWORD },
  });
  return {
    session,
    installation: { folder, username: BENCH_USERNAME, password: BENCH_PASSWORD, remove: () => rmSync(root, { recursive: true, force: true }) },
  };
}

const ACTIONS = ['auth.login', 'auth.logout', 'auth.lock', 'auth.unlock', 'users.update', 'settings.update', 'audit.verify', 'practices.list'];
const ACTORS = [
  { id: 1, name: 'Pat Manager' },
  { id: 2, name: 'Lee Worker' },
  { id: 3, name: 'Sam Reception' },
];

/**
 * Appends `count` audit entries straight through the driver in one transaction, with the same hash
 * chain appendAudit writes (so verifyAuditChain accepts them), a hundred times faster than going
 * through Kysely one entry at a time. Timestamps run back from now, about ten minutes apart.
 */
export function appendSyntheticAudit(session: Session, count: number): void {
  const { raw } = session.active().store;
  const last = raw.prepare('SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { hash: string } | undefined;
  const insert = raw.prepare(
    'INSERT INTO audit_log (at, actor_user_id, actor_name, action, target_type, target_id, outcome, detail, prev_hash, hash) ' +
      'VALUES (@at, @actor_user_id, @actor_name, @action, @target_type, @target_id, @outcome, @detail, @prev_hash, @hash)',
  );
  const start = Date.now() - count * 600_000;
  raw.transaction(() => {
    let prev = last?.hash ?? '0'.repeat(64);
    for (let i = 0; i < count; i += 1) {
      const actor = ACTORS[i % ACTORS.length]!;
      const fields = {
        at: new Date(start + i * 600_000).toISOString(),
        actor_user_id: actor.id,
        actor_name: actor.name,
        action: ACTIONS[i % ACTIONS.length]!,
        target_type: i % 3 === 0 ? 'user' : null,
        target_id: i % 3 === 0 ? String((i % 40) + 1) : null,
        outcome: i % 97 === 0 ? 'failed' : 'ok',
        detail: i % 5 === 0 ? `synthetic entry ${i}` : null,
      };
      const hash = entryHash(prev, fields);
      insert.run({ ...fields, prev_hash: prev, hash });
      prev = hash;
    }
  })();
}

export function databaseMiB(installation: BenchInstallation): number {
  let bytes = 0;
  for (const suffix of ['', '-wal']) {
    try {
      bytes += statSync(join(installation.folder, `signpost.db${suffix}`)).size;
    } catch {
      // no WAL file at the moment
    }
  }
  return bytes / 1024 / 1024;
}
