import { z } from 'zod';
import { channel } from './channel';
import { Timestamp } from './fields';

/**
 * Which form a draft belongs to: the form's name and the record it is about, e.g. `contact:12` (a
 * contact being recorded on referral 12). Ids only: what was typed is in the draft, never the key.
 */
export const DraftKey = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[a-z][a-z0-9-]*(:[a-z0-9-]+)*$/, 'A draft key is a form name and record ids, such as contact:12');

/** A form as typed so far: whatever the form holds, kept as JSON. */
const DraftForm = z
  .record(z.string().max(200), z.unknown())
  .refine((form) => JSON.stringify(form).length <= 200_000, 'This draft is too long to keep');

export const FormDraft = z.object({ form: z.record(z.string(), z.unknown()), savedAt: Timestamp });
export type FormDraft = z.infer<typeof FormDraft>;

/**
 * Forms that take more than a line keep what is typed in main as it is typed (as the referral form
 * does), so an idle lock, a reload or a crash loses nothing. Each person's drafts are theirs alone.
 */
export const draftChannels = {
  'drafts.save': channel({
    summary: 'Keep a form as typed so far, for the person typing it.',
    access: 'signed-in',
    // What is typed is about a patient (a contact note, a message back): kept and read on record.
    audit: 'write',
    input: z.object({ key: DraftKey, form: DraftForm }),
    output: z.object({ savedAt: Timestamp }),
  }),
  'drafts.get': channel({
    summary: 'The form as you last typed it, if you left it unfinished.',
    access: 'signed-in',
    audit: 'read',
    input: z.object({ key: DraftKey }),
    output: FormDraft.nullable(),
  }),
  'drafts.discard': channel({
    summary: 'Forget a form as typed (it was sent, or you chose to throw it away).',
    access: 'signed-in',
    audit: 'write',
    input: z.object({ key: DraftKey }),
    output: z.object({ done: z.literal(true) }),
  }),
} as const;
