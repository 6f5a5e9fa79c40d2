import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditCheck } from '../contract/audit';
import type { Database } from '../store/schema';

export interface AuditInput {
  /** When it happened, from main's clock (ISO 8601, UTC). */
  at: string;
  actorUserId: number | null;
  actorName: string;
  action: string;
  targetType?: string | null;
  targetId?: string | number | null;
  outcome?: 'ok' | 'refused' | 'failed';
  /** Never patient data beyond what identifies the record: detail is for what changed. */
  detail?: string | null;
}

const GENESIS = '0'.repeat(64);

interface HashedFields {
  at: string;
  actor_user_id: number | null;
  actor_name: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  detail: string | null;
}

/** Each entry's hash covers its own fields and the previous hash, so an edit anywhere breaks the chain. */
export function entryHash(prevHash: string, f: HashedFields): string {
  const canonical = JSON.stringify([
    prevHash, f.at, f.actor_user_id, f.actor_name, f.action, f.target_type, f.target_id, f.outcome, f.detail,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function toRow(entry: AuditInput): HashedFields {
  return {
    at: entry.at,
    actor_user_id: entry.actorUserId,
    actor_name: entry.actorName,
    action: entry.action,
    target_type: entry.targetType ?? null,
    target_id: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
    outcome: entry.outcome ?? 'ok',
    detail: entry.detail ?? null,
  };
}

/** Appends entries in order; call inside the transaction of the change they record. */
export async function appendAudit(db: Kysely<Database>, ...entries: AuditInput[]): Promise<void> {
  const last = await db.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  let prev = last?.hash ?? GENESIS;
  for (const entry of entries) {
    const row = toRow(entry);
    const hash = entryHash(prev, row);
    await db.insertInto('audit_log').values({ ...row, prev_hash: prev, hash }).execute();
    prev = hash;
  }
}

export type ChainCheck = Omit<AuditCheck, 'problems'>;

/** Walks the whole chain in id order, in pages, and reports the first entry that does not fit. */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainCheck> {
  let prev = GENESIS;
  let afterId = 0;
  let checked = 0;
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('id', '>', afterId).orderBy('id').limit(5000).execute();
    if (page.length === 0) return { ok: true, checked, firstBrokenId: null };
    for (const row of page) {
      if (row.prev_hash !== prev || entryHash(prev, row) !== row.hash) {
        return { ok: false, checked, firstBrokenId: row.id };
      }
      prev = row.hash;
      checked += 1;
    }
    afterId = page.at(-1)!.id;
  }
}

