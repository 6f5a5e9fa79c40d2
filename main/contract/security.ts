import { z } from 'zod';
import { channel } from './channel';
import { managers } from './roles';

export const KeyRotation = z.object({
  generation: z.number().int(),
  /** Key slots that hold the new key. */
  resealed: z.number().int(),
  /** Users whose old-format key slot could not take the new key: they need a new temporary password. */
  dropped: z.array(z.string()),
  /** The recovery key from setup was in the old format and no longer opens the data: make a new one. */
  recoveryKeyDropped: z.boolean(),
});
export type KeyRotation = z.infer<typeof KeyRotation>;

export const KeyStatus = z.object({
  /** How many times the database key has been set: 1 at setup, one more at each rotation. */
  generation: z.number().int(),
  /** Why a rotation is waiting (it could not run yet), or null. */
  rotationDue: z.string().nullable(),
  /** Users whose key slot is still in the old format (a rotation cannot seal the new key to it). */
  usersWithOldSlots: z.array(z.string()),
  recoveryKey: z.enum(['ready', 'old-format', 'missing']),
});
export type KeyStatus = z.infer<typeof KeyStatus>;

export const securityChannels = {
  'security.keyStatus': channel({
    summary: 'The database key: its generation, whether a rotation is waiting, and the slots a rotation could not carry.',
    access: managers,
    audit: 'none',
    input: z.object({}),
    output: KeyStatus,
  }),
  'security.rotateKey': channel({
    summary: 'Give the database a new key, sealed to every user’s and the recovery key’s slot: old copies of the key file stop opening it.',
    access: managers,
    audit: 'self',
    input: z.object({}),
    output: KeyRotation,
  }),
  'security.newRecoveryKey': channel({
    summary: 'Make a new recovery key (shown once); the previous one stops opening the data.',
    access: managers,
    audit: 'self',
    input: z.object({}),
    output: z.object({ recoveryKey: z.string() }),
  }),
};
