import {
  createCipheriv, createDecipheriv, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync,
  type KeyObject, randomBytes, randomUUID, scryptSync,
} from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../contract/errors';
import { type AtomicWriteHooks, writeFileAtomic } from './atomicWrite';

/**
 * The key-slot file beside the database (like LUKS). Each slot belongs to a user or to the recovery
 * key and holds:
 * - an X25519 key pair: the public half in clear, the private half wrapped (AES-256-GCM) under a
 *   key derived by scrypt from the password or recovery key;
 * - the data key sealed to that public key (ephemeral X25519, HKDF-SHA256, AES-256-GCM), once per
 *   key generation it is valid for.
 * Sealing needs only the public key, so when the data key is rotated (a user disabled, a manager's
 * "rotate the key") main seals the new key to every remaining slot without knowing any password,
 * and a copy of the old file no longer opens the re-keyed database.
 *
 * Slots written before key rotation existed ("legacy": the data key wrapped directly under the
 * secret) are still read; a user's legacy slot is rewritten in the new form at their next sign-in,
 * and a rotation drops the legacy slots it cannot seal to (see README, "Security model").
 * The data key itself is never written anywhere in clear.
 */

export const DATA_KEY_BYTES = 32;

export const KdfParams = z.object({ N: z.number().int(), r: z.number().int(), p: z.number().int() });
export type KdfParams = z.infer<typeof KdfParams>;

/** About 0.3 s and 128 MiB on a practice PC: slow for a guesser, quick enough for a login. */
export const DEFAULT_KDF: KdfParams = { N: 2 ** 17, r: 8, p: 1 };

const b64 = z.string().regex(/^[A-Za-z0-9+/]+=*$/);

const Box = z.object({ iv: b64, tag: b64, data: b64 });
type Box = z.infer<typeof Box>;

const Sealed = z.object({ generation: z.number().int().min(1), ephemeral: b64, iv: b64, tag: b64, data: b64 });
type Sealed = z.infer<typeof Sealed>;

const slotBase = {
  id: z.string(),
  kind: z.enum(['user', 'recovery']),
  userId: z.number().int().nullable(),
  username: z.string().nullable(),
  kdf: KdfParams,
  salt: b64,
  createdAt: z.string(),
};

/** Format 2: the data key sealed to the slot's public key (one entry per key generation). */
const SealedSlot = z.object({
  ...slotBase,
  format: z.literal(2),
  publicKey: b64,
  privateKey: Box,
  sealed: z.array(Sealed).min(1),
});
export type SealedSlot = z.infer<typeof SealedSlot>;

/** Format 1 (legacy): the data key wrapped directly under the secret; it holds generation 1. */
const LegacySlot = z.object({ ...slotBase, iv: b64, tag: b64, wrappedKey: b64 });
export type LegacySlot = z.infer<typeof LegacySlot>;

const Slot = z.union([SealedSlot, LegacySlot]);
export type Slot = z.infer<typeof Slot>;

const Rotation = z.object({ to: z.number().int().min(2), startedAt: z.string() });

const SlotFileV1 = z.object({
  format: z.literal('signpost-keyslots'),
  version: z.literal(1),
  installationId: z.string(),
  slots: z.array(Slot),
});

const SlotFileV2 = z.object({
  format: z.literal('signpost-keyslots'),
  version: z.literal(2),
  installationId: z.string(),
  /** The key generation the database is under (the database's meta says the same). */
  generation: z.number().int().min(1),
  /** Present while a rotation to a new generation is under way: slots then hold both keys. */
  rotation: Rotation.optional(),
  slots: z.array(Slot),
});
export type SlotFile = z.infer<typeof SlotFileV2>;

export function isLegacySlot(slot: Slot): slot is LegacySlot {
  return !('format' in slot);
}

function deriveWrappingKey(secret: string, salt: Buffer, kdf: KdfParams): Buffer {
  return scryptSync(secret.normalize('NFKC'), salt, 32, { ...kdf, maxmem: 256 * kdf.N * kdf.r + 16 * 1024 * 1024 });
}

type SlotIdentity = Pick<Slot, 'id' | 'kind' | 'userId'>;

/** The slot's identity is bound into every ciphertext so nothing in it can be moved to another slot. */
function legacyAad(slot: SlotIdentity): Buffer {
  return Buffer.from(`${slot.id}|${slot.kind}|${slot.userId ?? ''}`);
}

function aad(slot: SlotIdentity, part: string): Buffer {
  return Buffer.from(`signpost-slot-2|${slot.id}|${slot.kind}|${slot.userId ?? ''}|${part}`);
}

function encrypt(key: Buffer, plain: Buffer, additional: Buffer): Box {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(additional);
  const data = Buffer.concat([cipher.update(plain), cipher.final()]);
  return { iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
}

/** Throws when the key is wrong or anything was changed (GCM authentication). */
function decrypt(key: Buffer, box: Box, additional: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64'));
  decipher.setAAD(additional);
  decipher.setAuthTag(Buffer.from(box.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(box.data, 'base64')), decipher.final()]);
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (typeof jwk.x !== 'string') throw new Error('an X25519 public key has an x coordinate');
  return Buffer.from(jwk.x, 'base64url');
}

function publicKeyFrom(raw: Buffer): KeyObject {
  return createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }, format: 'jwk' });
}

/** ECIES key for one sealed entry: HKDF over the X25519 shared secret, bound to both public keys. */
function sealingKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  const key = Buffer.from(hkdfSync('sha256', shared, ephemeral, Buffer.concat([Buffer.from('signpost data key|'), recipient]), 32));
  shared.fill(0);
  return key;
}

function seal(dataKey: Buffer, slot: SlotIdentity & { publicKey: string }, generation: number): Sealed {
  const recipient = Buffer.from(slot.publicKey, 'base64');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralRaw = rawPublicKey(ephemeral.publicKey);
  const key = sealingKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyFrom(recipient) }), ephemeralRaw, recipient);
  try {
    return { generation, ephemeral: ephemeralRaw.toString('base64'), ...encrypt(key, dataKey, aad(slot, `generation ${generation}`)) };
  } finally {
    key.fill(0);
  }
}

function unseal(sealed: Sealed, privateKey: KeyObject, slot: SealedSlot): Buffer {
  const ephemeral = Buffer.from(sealed.ephemeral, 'base64');
  const recipient = Buffer.from(slot.publicKey, 'base64');
  const key = sealingKey(diffieHellman({ privateKey, publicKey: publicKeyFrom(ephemeral) }), ephemeral, recipient);
  try {
    return decrypt(key, sealed, aad(slot, `generation ${sealed.generation}`));
  } finally {
    key.fill(0);
  }
}

export interface SlotOwner {
  kind: Slot['kind'];
  userId: number | null;
  username: string | null;
}

/** A new slot (format 2) holding `dataKey` as generation `generation`, opened by `secret`. */
export function makeSlot(dataKey: Buffer, secret: string, owner: SlotOwner, kdf: KdfParams, createdAt: Date, generation = 1): SealedSlot {
  const salt = randomBytes(16);
  const identity = { id: randomUUID(), ...owner };
  const pair = generateKeyPairSync('x25519');
  const privateDer = pair.privateKey.export({ format: 'der', type: 'pkcs8' });
  const wrappingKey = deriveWrappingKey(secret, salt, kdf);
  try {
    const publicKey = rawPublicKey(pair.publicKey).toString('base64');
    return {
      ...identity,
      kdf,
      salt: salt.toString('base64'),
      createdAt: createdAt.toISOString(),
      format: 2,
      publicKey,
      privateKey: encrypt(wrappingKey, privateDer, aad(identity, 'private key')),
      sealed: [seal(dataKey, { ...identity, publicKey }, generation)],
    };
  } finally {
    privateDer.fill(0);
    wrappingKey.fill(0);
  }
}

/** Every data key a slot holds, by generation (two while a rotation is under way). */
export type SlotKeys = Map<number, Buffer>;

export function zeroKeys(keys: SlotKeys | null | undefined): void {
  for (const key of keys?.values() ?? []) key.fill(0);
}

/** The data keys the slot holds, or null when the secret is wrong (GCM authentication fails). */
export function unwrapSlotKeys(slot: Slot, secret: string): SlotKeys | null {
  let wrappingKey: Buffer | undefined;
  try {
    wrappingKey = deriveWrappingKey(secret, Buffer.from(slot.salt, 'base64'), slot.kdf);
    if (isLegacySlot(slot)) {
      const key = decrypt(wrappingKey, { iv: slot.iv, tag: slot.tag, data: slot.wrappedKey }, legacyAad(slot));
      return new Map([[1, key]]);
    }
    const der = decrypt(wrappingKey, slot.privateKey, aad(slot, 'private key'));
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    der.fill(0);
    return new Map(slot.sealed.map((s) => [s.generation, unseal(s, privateKey, slot)]));
  } catch {
    // A wrong secret fails authentication; a slot with impossible parameters unwraps nothing either.
    return null;
  } finally {
    wrappingKey?.fill(0);
  }
}

/** The newest data key the slot holds, or null when the secret is wrong. */
export function unwrapSlot(slot: Slot, secret: string): Buffer | null {
  const keys = unwrapSlotKeys(slot, secret);
  if (!keys) return null;
  const newest = Math.max(...keys.keys());
  const key = keys.get(newest)!;
  keys.delete(newest);
  zeroKeys(keys);
  return key;
}

/** The slot with `dataKey` sealed to it as `generation` too: needs no secret. */
export function sealedAlso(slot: SealedSlot, dataKey: Buffer, generation: number): SealedSlot {
  return { ...slot, sealed: [...slot.sealed.filter((s) => s.generation !== generation), seal(dataKey, slot, generation)] };
}

/** The slot keeping only the given generation's sealed key, or null if it holds none for it. */
export function sealedOnly(slot: SealedSlot, generation: number): SealedSlot | null {
  const sealed = slot.sealed.filter((s) => s.generation === generation);
  return sealed.length > 0 ? { ...slot, sealed } : null;
}

function missingFile(): AppError {
  return new AppError(
    'STORE',
    'The key file (keyslots.json) is missing from the data folder, so the database cannot be opened. ' +
      'Restore the data folder from your latest backup, or ask practice IT to run "signpost admin check".',
  );
}

export function readSlotFile(path: string): SlotFile {
  if (!existsSync(path)) throw missingFile();
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    parsed = undefined;
  }
  const v2 = SlotFileV2.safeParse(parsed);
  if (v2.success) return v2.data;
  const v1 = SlotFileV1.safeParse(parsed);
  // Version 1 knew one key only: it is generation 1 in today's terms.
  if (v1.success) return { format: 'signpost-keyslots', version: 2, installationId: v1.data.installationId, generation: 1, slots: v1.data.slots };
  throw new AppError(
    'STORE',
    'The key file (keyslots.json) in the data folder is damaged, so the database cannot be opened. ' +
      'Restore keyslots.json from your latest backup; the database itself has not been changed.',
  );
}

export function writeSlotFile(path: string, file: SlotFile, hooks?: AtomicWriteHooks): void {
  writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, hooks);
}

export function newSlotFile(installationId: string): SlotFile {
  return { format: 'signpost-keyslots', version: 2, installationId, generation: 1, slots: [] };
}

export function findUserSlot(file: SlotFile, username: string): Slot | undefined {
  return file.slots.find((s) => s.kind === 'user' && s.username === username);
}

/** Every slot of a username: while a password change is being saved there are two. */
export function userSlots(file: SlotFile, username: string): Slot[] {
  return file.slots.filter((s) => s.kind === 'user' && s.username === username);
}

/** Adds a slot beside the user's current one; reconciliation with the database removes the loser. */
export function withStagedSlot(file: SlotFile, slot: Slot): SlotFile {
  return { ...file, slots: [...file.slots, slot] };
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
