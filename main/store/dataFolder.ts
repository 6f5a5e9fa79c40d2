import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { AppError } from '../contract/errors';

export const DATABASE_FILE = 'signpost.db';
export const SLOT_FILE = 'keyslots.json';
/** Failed sign-ins cannot reach the encrypted audit log (no key); they wait here until the next sign-in. */
export const PENDING_AUDIT_FILE = 'pending-audit.jsonl';
/** Failed sign-ins per username, for the back-off: kept outside the database so it works before any key is known. */
export const SIGN_IN_ATTEMPTS_FILE = 'sign-in-attempts.json';
/** The audit log's head after each commit, outside the database (main/audit/anchor.ts). */
export const ANCHOR_FILE = 'audit-anchor.jsonl';

export interface DataFolderPaths {
  folder: string;
  database: string;
  slots: string;
  pendingAudit: string;
  signInAttempts: string;
  anchor: string;
}

export function pathsIn(folder: string): DataFolderPaths {
  const abs = resolve(folder);
  return {
    folder: abs,
    database: join(abs, DATABASE_FILE),
    slots: join(abs, SLOT_FILE),
    pendingAudit: join(abs, PENDING_AUDIT_FILE),
    signInAttempts: join(abs, SIGN_IN_ATTEMPTS_FILE),
    anchor: join(abs, ANCHOR_FILE),
  };
}

/** The local (never roaming) per-user application data folder. */
export function defaultDataFolder(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (platform === 'win32') {
    return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'Signpost');
  }
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Signpost');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'signpost');
}

const NETWORK_FILESYSTEMS = new Set([
  'nfs', 'nfs4', 'cifs', 'smb', 'smb2', 'smb3', 'smbfs', 'afs', 'ncpfs', 'fuse.sshfs', '9p', 'ceph', 'glusterfs', 'davfs', 'fuse.davfs2',
]);

/** Finds the filesystem type of the mount that holds `folder`, from /proc/mounts' text. */
export function filesystemTypeOf(folder: string, mountsText: string): string | undefined {
  let best: { point: string; type: string } | undefined;
  for (const line of mountsText.split('\n')) {
    const [, point, type] = line.split(' ');
    if (!point || !type) continue;
    const mount = point.replace(/\\040/g, ' ');
    const inside = folder === mount || folder.startsWith(mount.endsWith(sep) ? mount : mount + sep);
    if (inside && (!best || mount.length > best.point.length)) best = { point: mount, type };
  }
  return best?.type;
}

function readMounts(): string {
  try {
    return readFileSync('/proc/mounts', 'utf8');
  } catch {
    return '';
  }
}

/**
 * Refuses a data folder on a network share. SQLite's write-ahead log relies on shared memory that
 * network file systems do not provide, so two PCs writing one file there can corrupt it.
 */
export function assertLocalFolder(folder: string, platform = process.platform, mountsText?: string): void {
  const abs = platform === 'win32' ? folder : resolve(folder);
  // \\server\share, and its long-path form \\?\UNC\server\share (but not \\?\C:\, a local disk).
  const unc = /^(\\\\|\/\/)(?![?.][\\/])/.test(folder) || /^(\\\\|\/\/)[?.][\\/]UNC[\\/]/i.test(folder);
  const fsType = platform === 'linux' ? filesystemTypeOf(abs, mountsText ?? readMounts()) : undefined;
  if (unc || (fsType !== undefined && NETWORK_FILESYSTEMS.has(fsType))) {
    throw new AppError(
      'STORE',
      `The data folder ${folder} is on a network share. Signpost keeps its database on this PC's own disk, ` +
        'because the database cannot be written safely over a network share. Choose a local folder; ' +
        'for several PCs to share data, practice IT can set up the shared PostgreSQL server instead.',
      { dataFolder: ['Choose a folder on this PC’s own disk, not a network share'] },
    );
  }
}
