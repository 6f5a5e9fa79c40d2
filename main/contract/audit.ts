import { z } from 'zod';
import { channel } from './channel';
import { Id, Timestamp } from './fields';
import { IsoDate, NhsNumber } from './nhs';
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
  /** The entry in plain words ("Lee Worker opened Margaret Ellis’s referral"). */
  summary: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/** Which entries a manager wants: by person, by patient (NHS number), between two dates in England. */
export const AuditFilter = z
  .object({
    actorUserId: Id.optional(),
    /** Entries about this patient or any of their referrals. */
    nhsNumber: z.union([z.literal(''), NhsNumber]).optional().transform((v) => (v ? v : undefined)),
    from: z.union([z.literal(''), IsoDate]).optional().transform((v) => (v ? v : undefined)),
    to: z.union([z.literal(''), IsoDate]).optional().transform((v) => (v ? v : undefined)),
  })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { path: ['to'], message: 'The end date is before the start date' });
export type AuditFilter = z.input<typeof AuditFilter>;

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
      filter: AuditFilter.prefault({}),
      beforeId: Id.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    /** total: how many entries match the filter; entries: one page of them. */
    output: z.object({ entries: z.array(AuditEntry), total: z.number().int() }),
  }),
  'audit.people': channel({
    summary: 'Everyone who appears in the audit log, for its filter.',
    access: managers,
    audit: 'none',
    input: z.object({}),
    output: z.array(z.object({ id: Id, name: z.string() })),
  }),
  'audit.export': channel({
    summary: 'The entries that match the filter as a CSV file (at most 50,000), for answering "who looked at this record?".',
    access: managers,
    audit: 'write',
    input: z.object({ filter: AuditFilter.prefault({}) }),
    output: z.object({ fileName: z.string(), mimeType: z.string(), base64: z.string(), count: z.number().int() }),
  }),
  'audit.verify': channel({
    summary: 'Check the audit log: its hash chain, its append-only triggers, ids without gaps, and its head against the anchor outside the database.',
    access: managers,
    audit: 'none',
    input: z.object({}),
    output: AuditCheck,
  }),
};
