import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect } from 'kysely';
import { AppError } from '../contract/errors';
import type { Database } from './schema';

export type RawDatabase = BetterSqlite3.Database;
export type Db = Kysely<Database>;

export interface OpenStore {
  readonly db: Db;
  /** The driver handle: for the few engine-specific jobs (integrity check, VACUUM INTO, benches). */
  readonly raw: RawDatabase;
  close(): Promise<void>;
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** The key does not open the database: another installation's, or from before a key rotation. */
export class WrongKeyError extends AppError {
  constructor() {
    super(
      'STORE',
      'The database in the data folder does not open with this key file: the database key was changed after this copy of ' +
        'keyslots.json was made (a user was disabled, or a manager rotated the key), or the two files come from different ' +
        'installations. Restore both files together from one backup.',
    );
  }
}

const HEX = Buffer.from('0123456789abcdef', 'latin1');

/**
 * The raw-key form SQLCipher reads, x'<64 hex>', built byte by byte in a Buffer: never a string,
 * because a string holding the key stays in the heap, beyond reach, until the garbage collector
 * happens to free it. The caller overwrites the Buffer as soon as the driver has taken the key.
 */
function rawKeyText(dataKey: Buffer): Buffer {
  const text = Buffer.alloc(dataKey.length * 2 + 3);
  text[0] = 0x78; // x
  text[1] = 0x27; // '
  for (let i = 0; i < dataKey.length; i += 1) {
    const byte = dataKey[i]!;
    text[2 + i * 2] = HEX[byte >> 4]!;
    text[3 + i * 2] = HEX[byte & 15]!;
  }
  text[text.length - 1] = 0x27;
  return text;
}

function withKeyText(dataKey: Buffer, use: (text: Buffer) => number, what: string): void {
  const text = rawKeyText(dataKey);
  try {
    const status = use(text);
    if (status !== 0) throw new AppError('STORE', `The database refused the key (${what}, SQLite status ${status}).`);
  } finally {
    text.fill(0);
  }
}

/**
 * Applies the key as DESIGN.md says: cipher and legacy first, then the raw 256-bit key (the slow
 * derivation belongs to the key slots), before any other statement.
 */
export function applyKey(raw: RawDatabase, dataKey: Buffer): void {
  raw.pragma(`cipher='sqlcipher'`);
  raw.pragma('legacy=4');
  withKeyText(dataKey, (text) => raw.key(text), 'key');
}

/** Re-encrypts every page under a new key (SQLCipher's rekey; the caller leaves WAL first). */
export function applyRekey(raw: RawDatabase, newKey: Buffer): void {
  withKeyText(newKey, (text) => raw.rekey(text), 'rekey');
}

function looksLikePlainSqlite(path: string): boolean {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.alloc(16);
    readSync(fd, head, 0, 16, 0);
    return head.toString('latin1') === SQLITE_HEADER;
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens the encrypted database. `mustExist` guards against ever creating a new empty database over
 * a missing one: only first-run setup passes false.
 */
export function openEncrypted(path: string, dataKey: Buffer, options: { mustExist: boolean }): OpenStore {
  if (options.mustExist && !existsSync(path)) {
    throw new AppError(
      'STORE',
      'The database file (signpost.db) is missing from the data folder. Restore it from your latest backup; ' +
        'Signpost will not create a new empty database in its place.',
    );
  }
  // SQLite treats a 0-byte file as a new database and would migrate an empty one into it.
  if (options.mustExist && statSync(path).size === 0) {
    throw new AppError(
      'STORE',
      'The database file (signpost.db) in the data folder is empty. Restore it from your latest backup; ' +
        'Signpost will not create a new empty database in its place.',
    );
  }
  if (existsSync(path) && looksLikePlainSqlite(path)) {
    throw new AppError('STORE', 'The file signpost.db in the data folder is not a Signpost database (it is not encrypted).');
  }
  const raw = new BetterSqlite3(path, { fileMustExist: options.mustExist });
  try {
    applyKey(raw, dataKey);
    // The key pragma answers "ok" even for a wrong key: only a read proves it.
    raw.prepare('SELECT count(*) FROM sqlite_master').get();
    raw.pragma('journal_mode = WAL');
    raw.pragma('foreign_keys = ON');
    raw.pragma('busy_timeout = 5000');
    raw.pragma('synchronous = NORMAL');
  } catch (error) {
    raw.close();
    if (error instanceof Error && 'code' in error && error.code === 'SQLITE_NOTADB') throw new WrongKeyError();
    throw error;
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  return {
    db,
    raw,
    // Kysely's destroy closes the driver handle only if Kysely ever used it (its driver starts on the
    // first query), so a store read only through `raw` would stay open: close the handle as well.
    close: async () => {
      await db.destroy();
      if (raw.open) raw.close();
    },
  };
}
