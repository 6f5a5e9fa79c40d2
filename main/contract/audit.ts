import { z } from 'zod';
import { channel } from './channel';
import { Id, Timestamp } from './fields';
import { managers } from './roles';

export const AuditEntry = z.object({
  id: Id,
  at: Timestamp,
  actorUserId: Id.nullable(),
  actorName: z.string(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.enum(['ok', 'refused', 'failed']),
  detail: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditCheck = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: Id.nullable(),
  /** Everything found, in plain words: chain, gaps, triggers, and the log against its anchor copies. */
  problems: z.array(z.string()),
});
export type AuditCheck = z.infer<typeof AuditCheck>;

export const auditChannels = {
  'audit.list': channel({
    summary: 'The audit log, newest first.',
    access: managers,
    audit: 'read',
    input: z.object({
      beforeId: Id.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: z.object({ entries: z.array(AuditEntry), total: z.number().int() }),
  }),
  'audit.verify': channel({
    summary: 'Check the audit log: its hash chain, its append-only triggers, ids without gaps, and its head against the anchor outside the database.',
    access: managers,
    audit: 'none',
    input: z.object({}),
    output: AuditCheck,
  }),
};
