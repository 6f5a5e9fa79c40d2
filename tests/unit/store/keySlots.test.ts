import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/contract/errors';
import type { UserRow } from '../../../main/contract/people';
import { dispatch } from '../../../main/dispatch/dispatch';
import { Session } from '../../../main/session/session';
import {
  makeSlot, newDataKey, newRecoveryKey, newSlotFile, normaliseRecoveryKey, readSlotFile, type SealedSlot, type SlotFile,
  unwrapSlot, writeSlotFile,
} from '../../../main/store/keySlots';
import { call, MANAGER_PASSWORD, newInstallation, TEST_KDF } from '../../support/installation';
import { useTempFolders } from '../../support/tempFolder';

const SLOT_TIME = new Date('2026-12-04T10:00:00Z');

const tempFolder = useTempFolders();

function userSlot(dataKey: Buffer, password: string, userId = 1, username = 'pat'): SealedSlot {
  return makeSlot(dataKey, password, { kind: 'user', userId, username }, TEST_KDF, SLOT_TIME);
}

/** Runs fn and returns what it threw, failing the test when it throws nothing. */
function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw, but nothing was thrown');
}

describe('a key slot', () => {
  it('gives the data key back for the right password', () => {
    const dataKey = newDataKey();
    const key = unwrapSlot(userSlot(dataKey, 'correct horse battery'), 'correct horse battery');
    expect(key).not.toBeNull();
    expect(key!.equals(dataKey)).toBe(true);
  });

  it('gives null, not a key or an exception, for a wrong password', () => {
    const slot = userSlot(newDataKey(), 'correct horse battery');
    expect(unwrapSlot(slot, 'correct horse batterY')).toBeNull();
    expect(unwrapSlot(slot, '')).toBeNull();
  });

  it('never holds the data key in clear', () => {
    const dataKey = newDataKey();
    const slot = userSlot(dataKey, 'correct horse battery');
    const text = JSON.stringify(slot);
    expect(text).not.toContain(dataKey.toString('base64'));
    expect(text).not.toContain(dataKey.toString('hex'));
  });

  it('fails when moved to another user id, even with the right password (the AAD binds it)', () => {
    const dataKey = newDataKey();
    const slot = userSlot(dataKey, 'correct horse battery', 1, 'pat');
    expect(unwrapSlot({ ...slot, userId: 2 }, 'correct horse battery')).toBeNull();
    expect(unwrapSlot({ ...slot, userId: 2, username: 'lee' }, 'correct horse battery')).toBeNull();
    expect(unwrapSlot({ ...slot, kind: 'recovery', userId: null }, 'correct horse battery')).toBeNull();
    // Unmoved, the same slot still opens: the failure above is the binding, not a broken slot.
    expect(unwrapSlot(slot, 'correct horse battery')!.equals(dataKey)).toBe(true);
  });

  it('fails when its wrapped private key or its sealed data key has been tampered with', () => {
    const slot = userSlot(newDataKey(), 'correct horse battery');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString('base64');
    };
    expect(unwrapSlot({ ...slot, privateKey: { ...slot.privateKey, data: flip(slot.privateKey.data) } }, 'correct horse battery')).toBeNull();
    expect(unwrapSlot({ ...slot, sealed: [{ ...slot.sealed[0]!, data: flip(slot.sealed[0]!.data) }] }, 'correct horse battery')).toBeNull();
    // A sealed key relabelled as another generation fails too: the generation is bound in.
    expect(unwrapSlot({ ...slot, sealed: [{ ...slot.sealed[0]!, generation: 2 }] }, 'correct horse battery')).toBeNull();
    expect(unwrapSlot(slot, 'correct horse battery')).not.toBeNull();
  });
});

describe('the recovery key', () => {
  it('is 32 characters from an alphabet without 0, O, 1 or I, in groups of four', () => {
    const key = newRecoveryKey();
    expect(key).toMatch(/^([A-HJ-NP-Z2-9]{4}-){7}[A-HJ-NP-Z2-9]{4}$/);
    expect(newRecoveryKey()).not.toBe(key);
  });

  it('unwraps its slot as printed', () => {
    const dataKey = newDataKey();
    const recoveryKey = newRecoveryKey();
    const slot = makeSlot(dataKey, recoveryKey, { kind: 'recovery', userId: null, username: null }, TEST_KDF, SLOT_TIME);
    expect(unwrapSlot(slot, recoveryKey)!.equals(dataKey)).toBe(true);
  });

  it('unwraps its slot when typed in lower case with spaces, once normalised', () => {
    const dataKey = newDataKey();
    const recoveryKey = newRecoveryKey();
    const slot = makeSlot(dataKey, recoveryKey, { kind: 'recovery', userId: null, username: null }, TEST_KDF, SLOT_TIME);
    const typed = recoveryKey.toLowerCase().replace(/-/g, ' ');
    expect(unwrapSlot(slot, typed)).toBeNull(); // raw, the typed form is a different secret...
    expect(normaliseRecoveryKey(typed)).toBe(recoveryKey); // ...which normalising turns back into the key
    expect(unwrapSlot(slot, normaliseRecoveryKey(typed))!.equals(dataKey)).toBe(true);
  });

  it('normalises dashes-missing and stray punctuation to the printed form', () => {
    expect(normaliseRecoveryKey('abcd efgh-jkmn_pqrs')).toBe('ABCD-EFGH-JKMN-PQRS');
    expect(normaliseRecoveryKey('  ABCDEFGH  ')).toBe('ABCD-EFGH');
    expect(normaliseRecoveryKey('')).toBe('');
  });

  it('opens the recovery slot of a real installation through Session.unwrapRecovery', async () => {
    const { session, recoveryKey } = await newInstallation(tempFolder());
    const file = readSlotFile(session.paths.slots);
    const typed = `  ${recoveryKey.toLowerCase().replace(/-/g, ' ')} `;
    const key = Session.unwrapRecovery(file, typed);
    expect(key).not.toBeNull();
    expect(key!.equals(session.active().dataKey)).toBe(true);
    expect(Session.unwrapRecovery(file, newRecoveryKey())).toBeNull();
  });
});

describe('writing the key-slot file', () => {
  function twoFiles(): { path: string; folder: string; before: SlotFile; after: SlotFile; dataKey: Buffer } {
    const folder = tempFolder();
    const path = join(folder, 'keyslots.json');
    const dataKey = newDataKey();
    const before = { ...newSlotFile('inst-1'), slots: [userSlot(dataKey, 'old password here', 1, 'pat')] };
    const after = { ...newSlotFile('inst-1'), slots: [userSlot(dataKey, 'new password here', 1, 'pat')] };
    return { path, folder, before, after, dataKey };
  }

  it('round-trips through writeSlotFile and readSlotFile', () => {
    const { path, before, dataKey } = twoFiles();
    writeSlotFile(path, before);
    const read = readSlotFile(path);
    expect(read).toEqual(before);
    expect(unwrapSlot(read.slots[0]!, 'old password here')!.equals(dataKey)).toBe(true);
  });

  it('leaves the old file intact and readable, and no temp file, when a crash stops it before the rename', () => {
    const { path, folder, before, after, dataKey } = twoFiles();
    writeSlotFile(path, before);
    const oldBytes = readFileSync(path);

    let seenTemp: string | undefined;
    const crash = thrownBy(() =>
      writeSlotFile(path, after, {
        beforeRename: (tempPath) => {
          // The new content is fully on disk in the temp file at this point; only the rename is missing.
          seenTemp = tempPath;
          expect(JSON.parse(readFileSync(tempPath, 'utf8'))).toEqual(after);
          throw new Error('simulated power cut');
        },
      }),
    );
    expect((crash as Error).message).toBe('simulated power cut');
    expect(seenTemp).toBeDefined();

    expect(readFileSync(path).equals(oldBytes)).toBe(true);
    const read = readSlotFile(path);
    expect(unwrapSlot(read.slots[0]!, 'old password here')!.equals(dataKey)).toBe(true);
    expect(unwrapSlot(read.slots[0]!, 'new password here')).toBeNull();
    expect(readdirSync(folder)).toEqual(['keyslots.json']);
  });

  it('replaces the file when nothing interrupts it', () => {
    const { path, folder, before, after } = twoFiles();
    writeSlotFile(path, before);
    writeSlotFile(path, after);
    expect(readSlotFile(path)).toEqual(after);
    expect(readdirSync(folder)).toEqual(['keyslots.json']);
  });
});

describe('reading a missing or damaged key-slot file', () => {
  function expectStoreError(error: unknown, says: RegExp): void {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.code).toBe('STORE');
    expect(e.message).toMatch(/keyslots\.json/);
    expect(e.message).toMatch(says);
  }

  it('says the file is missing and to restore it from a backup', () => {
    const error = thrownBy(() => readSlotFile(join(tempFolder(), 'keyslots.json')));
    expectStoreError(error, /missing/);
    expect((error as AppError).message).toMatch(/[Rr]estore .*backup/);
  });

  it('says a truncated file is damaged and to restore it from a backup', () => {
    const path = join(tempFolder(), 'keyslots.json');
    const file = { ...newSlotFile('inst-1'), slots: [userSlot(newDataKey(), 'a password here')] };
    const text = `${JSON.stringify(file, null, 2)}\n`;
    writeFileSync(path, text.slice(0, Math.floor(text.length / 2)));
    const error = thrownBy(() => readSlotFile(path));
    expectStoreError(error, /damaged/);
    expect((error as AppError).message).toMatch(/[Rr]estore .*backup/);
  });

  it.each([
    ['another format', { format: 'something-else', version: 1, installationId: 'x', slots: [] }],
    ['a newer version', { format: 'signpost-keyslots', version: 2, installationId: 'x', slots: [] }],
    ['a slot without its wrapped key', { format: 'signpost-keyslots', version: 1, installationId: 'x', slots: [{ id: 'a', kind: 'user' }] }],
    ['an empty file', ''],
    ['a JSON array', []],
  ])('calls a file with %s damaged', (_label, content) => {
    const path = join(tempFolder(), 'keyslots.json');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    expectStoreError(thrownBy(() => readSlotFile(path)), /damaged/);
  });

  it('turns a missing key file at sign-in into a STORE error through dispatch, not a crash', async () => {
    const { session } = await newInstallation(tempFolder());
    await call(session, 'auth.logout');
    unlinkSync(session.paths.slots);
    const r = await dispatch(session, 'auth.login', { username: 'pat', password: MANAGER_PASSWORD });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('STORE');
    expect(r.error.message).toMatch(/keyslots\.json.*missing/);
  });
});

describe('disabling and re-enabling a user', () => {
  const LEE_PASSWORD = 'lee first password';
  const LEE_TEMPORARY = 'lee second password';

  function slotsOpenedBy(path: string, password: string): SlotFile['slots'] {
    // Read the file directly, as someone outside the app would, and try every slot in it.
    const raw = JSON.parse(readFileSync(path, 'utf8')) as SlotFile;
    return raw.slots.filter((s) => unwrapSlot(s, password) !== null);
  }

  it('removes the user’s slot so their old password unwraps nothing, and a new temporary password works after enabling', async () => {
    const { session } = await newInstallation(tempFolder());
    const lee = (await call(session, 'users.create', {
      fullName: 'Lee Worker', username: 'lee', role: 'link_worker', practiceIds: [1], temporaryPassword: LEE_PASSWORD,
    })) as UserRow;
    expect(slotsOpenedBy(session.paths.slots, LEE_PASSWORD).map((s) => s.userId)).toEqual([lee.id]);

    const disabled = (await call(session, 'users.disable', { id: lee.id })) as UserRow;
    expect(disabled.enabled).toBe(false);
    expect(slotsOpenedBy(session.paths.slots, LEE_PASSWORD)).toEqual([]);
    expect(readSlotFile(session.paths.slots).slots.some((s) => s.userId === lee.id)).toBe(false);
    // The manager and the recovery slot are untouched.
    expect(slotsOpenedBy(session.paths.slots, MANAGER_PASSWORD)).toHaveLength(1);
    expect(readSlotFile(session.paths.slots).slots.filter((s) => s.kind === 'recovery')).toHaveLength(1);

    const enabled = (await call(session, 'users.enable', { id: lee.id, temporaryPassword: LEE_TEMPORARY })) as UserRow;
    expect(enabled).toMatchObject({ enabled: true, mustChangePassword: true });
    expect(slotsOpenedBy(session.paths.slots, LEE_PASSWORD)).toEqual([]);
    const opened = slotsOpenedBy(session.paths.slots, LEE_TEMPORARY);
    expect(opened.map((s) => [s.userId, s.username])).toEqual([[lee.id, 'lee']]);
    expect(unwrapSlot(opened[0]!, LEE_TEMPORARY)!.equals(session.active().dataKey)).toBe(true);
  });

  it('refuses the disabled user’s sign-in with the old password', async () => {
    const { session } = await newInstallation(tempFolder());
    const lee = (await call(session, 'users.create', {
      fullName: 'Lee Worker', username: 'lee', role: 'link_worker', practiceIds: [1], temporaryPassword: LEE_PASSWORD,
    })) as UserRow;
    await call(session, 'users.disable', { id: lee.id });
    await call(session, 'auth.logout');
    const r = await dispatch(session, 'auth.login', { username: 'lee', password: LEE_PASSWORD });
    expect(r.ok ? 'signed in' : r.error.code).toBe('WRONG_PASSWORD');
  });
});
