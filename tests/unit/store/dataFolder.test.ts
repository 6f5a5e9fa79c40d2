import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../main/contract/errors';
import { assertLocalFolder, defaultDataFolder, filesystemTypeOf, pathsIn } from '../../../main/store/dataFolder';

/** A /proc/mounts as Linux writes it: device, mount point (spaces as \040), type, options, 0 0. */
const MOUNTS = [
  '/dev/sda2 / ext4 rw,relatime 0 0',
  'proc /proc proc rw,nosuid,nodev,noexec,relatime 0 0',
  'tmpfs /tmp tmpfs rw,nosuid,nodev 0 0',
  '/dev/sda3 /home ext4 rw,relatime 0 0',
  'nas.practice.local:/export/signpost /mnt/practice nfs4 rw,relatime,vers=4.2 0 0',
  '//fileserver/shared /mnt/shared\\040drive cifs rw,relatime,vers=3.0 0 0',
  '/dev/sdb1 /mnt/practice/local-cache ext4 rw,relatime 0 0',
  '',
].join('\n');

function refusal(fn: () => void): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the folder to be refused, but it was accepted');
}

describe('assertLocalFolder', () => {
  it.each([
    ['\\\\server\\share\\signpost'],
    ['//server/share/signpost'],
    ['\\\\?\\UNC\\server\\share\\signpost'],
    ['\\\\.\\UNC\\server\\share\\signpost'],
  ])('refuses the network share %s on Windows, saying to choose a local folder', (folder) => {
    const e = refusal(() => assertLocalFolder(folder, 'win32'));
    expect(e.code).toBe('STORE');
    expect(e.message).toContain(folder);
    expect(e.message).toMatch(/network share/);
    expect(e.message).toMatch(/Choose a local folder/);
    expect(Object.keys(e.fieldErrors ?? {})).toEqual(['dataFolder']);
  });

  it.each([['C:\\Users\\pat\\AppData\\Local\\Signpost'], ['D:\\Signpost'], ['\\\\?\\C:\\Users\\pat\\AppData\\Local\\Signpost']])(
    'accepts the local Windows folder %s',
    (folder) => {
      expect(() => assertLocalFolder(folder, 'win32')).not.toThrow();
    },
  );

  it('refuses a folder on an NFS mount', () => {
    const e = refusal(() => assertLocalFolder('/mnt/practice/signpost', 'linux', MOUNTS));
    expect(e.code).toBe('STORE');
    expect(e.message).toMatch(/network share/);
  });

  it('refuses a folder on a CIFS mount whose mount point has a space in it', () => {
    const e = refusal(() => assertLocalFolder('/mnt/shared drive/signpost', 'linux', MOUNTS));
    expect(e.code).toBe('STORE');
  });

  it('refuses the mount point of a network share itself', () => {
    expect(refusal(() => assertLocalFolder('/mnt/practice', 'linux', MOUNTS)).code).toBe('STORE');
  });

  it('accepts a folder on a local ext4 disk', () => {
    expect(() => assertLocalFolder('/home/pat/.local/share/signpost', 'linux', MOUNTS)).not.toThrow();
  });

  it('accepts a local disk mounted inside a network share', () => {
    expect(() => assertLocalFolder('/mnt/practice/local-cache/signpost', 'linux', MOUNTS)).not.toThrow();
  });

  it('does not mistake a sibling folder whose name starts like a share for the share', () => {
    expect(() => assertLocalFolder('/mnt/practice-local/signpost', 'linux', MOUNTS)).not.toThrow();
  });

  it('judges a relative folder by where it resolves to', () => {
    const cwd = process.cwd();
    const mounts = `/dev/sda2 / ext4 rw 0 0\nserver:/x ${cwd} nfs rw 0 0\n`;
    expect(refusal(() => assertLocalFolder('data/signpost', 'linux', mounts)).code).toBe('STORE');
  });
});

describe('filesystemTypeOf', () => {
  it('picks the longest mount point that holds the folder', () => {
    expect(filesystemTypeOf('/mnt/practice/signpost', MOUNTS)).toBe('nfs4');
    expect(filesystemTypeOf('/mnt/practice/local-cache/signpost', MOUNTS)).toBe('ext4');
    expect(filesystemTypeOf('/home/pat/signpost', MOUNTS)).toBe('ext4');
    expect(filesystemTypeOf('/tmp/signpost-test', MOUNTS)).toBe('tmpfs');
    expect(filesystemTypeOf('/srv/signpost', MOUNTS)).toBe('ext4');
  });

  it('does not depend on the order of the lines', () => {
    const reversed = MOUNTS.split('\n').reverse().join('\n');
    expect(filesystemTypeOf('/mnt/practice/local-cache/signpost', reversed)).toBe('ext4');
    expect(filesystemTypeOf('/mnt/practice/signpost', reversed)).toBe('nfs4');
  });

  it('decodes \\040 in mount points to spaces', () => {
    expect(filesystemTypeOf('/mnt/shared drive/signpost', MOUNTS)).toBe('cifs');
    expect(filesystemTypeOf('/mnt/shared/signpost', MOUNTS)).toBe('ext4');
  });

  it('knows nothing when there are no mounts to read', () => {
    expect(filesystemTypeOf('/home/pat', '')).toBeUndefined();
  });
});

describe('defaultDataFolder', () => {
  it('uses the local, not the roaming, application data folder on Windows', () => {
    const env = { LOCALAPPDATA: 'C:\\Users\\pat\\AppData\\Local', APPDATA: 'C:\\Users\\pat\\AppData\\Roaming' };
    const folder = defaultDataFolder(env, 'win32');
    expect(folder.startsWith(env.LOCALAPPDATA)).toBe(true);
    expect(folder).not.toMatch(/Roaming/);
    expect(folder).toMatch(/Signpost$/);
  });

  it('falls back to AppData\\Local under the home folder when LOCALAPPDATA is unset on Windows', () => {
    const folder = defaultDataFolder({ APPDATA: 'C:\\Users\\pat\\AppData\\Roaming' }, 'win32');
    expect(folder).toBe(join(homedir(), 'AppData', 'Local', 'Signpost'));
  });

  it('follows XDG_DATA_HOME on Linux', () => {
    expect(defaultDataFolder({ XDG_DATA_HOME: '/data/pat' }, 'linux')).toBe(join('/data/pat', 'signpost'));
    expect(defaultDataFolder({}, 'linux')).toBe(join(homedir(), '.local', 'share', 'signpost'));
  });
});

describe('pathsIn', () => {
  it('puts the database, key file, pending audit and audit anchor beside each other in the folder', () => {
    const p = pathsIn('/data/signpost');
    expect(p).toEqual({
      folder: '/data/signpost',
      database: '/data/signpost/signpost.db',
      slots: '/data/signpost/keyslots.json',
      pendingAudit: '/data/signpost/pending-audit.jsonl',
      signInAttempts: '/data/signpost/sign-in-attempts.json',
      anchor: '/data/signpost/audit-anchor.jsonl',
    });
  });
});
