import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scryptSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../contract/errors';
import { type AtomicWriteHooks, writeFileAtomic } from './atomicWrite';

/**
 * The key-slot file beside the database (like LUKS): each slot holds the one data key, wrapped with
 * AES-256-GCM under a key derived by scrypt from a password or the recovery key. The data key itself
 * is never written anywhere in clear.
 */

export const DATA_KEY_BYTES = 32;

export const KdfParams = z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int() });
export type KdfParams = z.infer<typeof KdfParams>;

/** About 0.3 s and 128 MiB on a practice PC: slow for a guesser, quick enough for a login. */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 };

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);

const Slot = z.object({
  id: z.string(),
  kind: z.enum(['user', 'recovery']),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  kdf: KdfParams,
  salt: b64,
  iv: b64,
  tag: b64,
  wrappedKey: b64,
  createdAt: z.string(),
});
export type Slot = z.infer<typeof Slot>;

const SlotFile = z.object({
  format: z.literal('signpost-keyslots'),
  version: z.literal(1),
  installationId: z.string(),
  slots: z.array(Slot),
});
export type SlotFile = z.infer<typeof SlotFile>;

function deriveWrappingKey(secret: string, salt: Buffer, kdf: KdfParams): Buffer {
  return scryptSync(secret.normalize('NFKC'), salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 });
}

/** The slot's identity is bound into the ciphertext so a slot cannot be moved to another user. */
function slotAad(slot: Pick<Slot, 'id' | 'kind' | 'userId'>): Buffer {
  return Buffer.from(`${slot.id}|${slot.kind}|${slot.userId ?? ''}`);
}

export interface SlotOwner {
  kind: Slot['kind'];
  userId: number | null;
  username: string | null;
}

export function makeSlot(dataKey: Buffer, secret: string, owner: SlotOwner, kdf: KdfParams, createdAt: Date): Slot {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const base = { id: randomUUID(), ...owner };
  const cipher = createCipheriv('aes-256-gcm', deriveWrappingKey(secret, salt, kdf), iv);
  cipher.setAAD(slotAad(base));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final()]);
  return {
    ...base,
    kdf,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    wrappedKey: wrapped.toString('base64'),
    createdAt: createdAt.toISOString(),
  };
}

/** Returns the data key, or null when the secret is wrong (GCM authentication fails). */
export function unwrapSlot(slot: Slot, secret: string): Buffer | null {
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      deriveWrappingKey(secret, Buffer.from(slot.salt, 'base64'), slot.kdf),
      Buffer.from(slot.iv, 'base64'),
    );
    decipher.setAAD(slotAad(slot));
    decipher.setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrappedKey, 'base64')), decipher.final()]);
  } catch {
    // A wrong secret fails authentication; a slot with impossible parameters unwraps nothing either.
    return null;
  }
}

export function readSlotFile(path: string): SlotFile {
  if (!existsSync(path)) {
    throw new AppError(
      'STORE',
      'The key file (keyslots.json) is missing from the data folder, so the database cannot be opened. ' +
        'Restore the data folder from your latest backup, or ask practice IT to run "signpost admin check".',
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    parsed = undefined;
  }
  const result = SlotFile.safeParse(parsed);
  if (!result.success) {
    throw new AppError(
      'STORE',
      'The key file (keyslots.json) in the data folder is damaged, so the database cannot be opened. ' +
        'Restore keyslots.json from your latest backup; the database itself has not been changed.',
    );
  }
  return result.data;
}

export function writeSlotFile(path: string, file: SlotFile, hooks?: AtomicWriteHooks): void {
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, hooks);
}

export function newSlotFile(installationId: string): SlotFile {
  return { format: 'signpost-keyslots', version: 1, installationId, slots: [] };
}

export function findUserSlot(file: SlotFile, username: string): Slot | undefined {
  return file.slots.find((s) => s.kind === 'user' && s.username === username);
}

/** Replaces the user's slot (or adds one) and returns the new file; the caller writes it. */
export function withUserSlot(file: SlotFile, slot: Slot): SlotFile {
  return { ...file, slots: [...file.slots.filter((s) => !(s.kind === 'user' && s.userId === slot.userId)), slot] };
}

export function withoutUserSlot(file: SlotFile, userId: number): SlotFile {
  return { ...file, slots: file.slots.filter((s) => !(s.kind === 'user' && s.userId === userId)) };
}

export function newDataKey(): Buffer {
  return randomBytes(DATA_KEY_BYTES);
}

const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'; // no 0/O, 1/I: it is read off paper

/** 32 characters from a 32-letter alphabet: 160 random bits, in groups of four for reading aloud. */
export function newRecoveryKey(): string {
  const bytes = randomBytes(32);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % 32]).join('');
  return chars.match(/.{4}/g)!.join('-');
}

/** People type recovery keys with spaces, lower case or no dashes; all mean the same key. */
export function normaliseRecoveryKey(typed: string): string {
  const chars = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return chars.match(/.{1,4}/g)?.join('-') ?? '';
}
