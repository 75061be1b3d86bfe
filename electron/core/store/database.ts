// Opens `<dataDir>/oneshot.db` (better-sqlite3, WAL) and brings its schema up to date with
// numbered migrations, each applied in its own transaction.
import Database from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { MIGRATIONS } from './migrations';
import {
  ensurePrivateDirSync,
  PRIVATE_FILE_MODE,
  privateDirIfPresentSync,
  privateFileSync,
} from './private-files';

/** The data folder's own sub-folders: originals, contracts, ID images, staged drops, logs, training. */
const DATA_FOLDERS = ['documents', 'contracts', 'id-images', 'incoming', 'logs', 'training-sandbox'];

export type Db = Database.Database;

export function openDatabase(dataDir: string): Db {
  ensurePrivateDirSync(dataDir);
  // Folders an older version made under the umask: closed again (their files become unreachable
  // to others with them; each file is made 0600 when next written).
  for (const folder of DATA_FOLDERS) privateDirIfPresentSync(join(dataDir, folder));
  const path = join(dataDir, 'oneshot.db');
  // The database file is made 0600 before SQLite opens it. SQLite creates its WAL and SHM files
  // later, with the database file's own mode, and fchmods them to it past the umask, so they are
  // 0600 too each time they come back (the WAL is removed at a clean close). Setting the process
  // umask around the open instead would change it for every thread of the process meanwhile.
  closeSync(openSync(path, 'a', PRIVATE_FILE_MODE));
  privateFileSync(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // WAL and SHM files left 0644 by an older version: SQLite reuses them as they are.
  for (const suffix of ['-wal', '-shm', '-journal']) privateFileSync(path + suffix);
  // A transition is written before the network call it announces: it must survive a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new Error(
      `This data folder was written by a newer One-Shot Desk (schema ${current}; this version knows ${MIGRATIONS.length}). Update the application.`,
    );
  }
  for (let v = current; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v] as string);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
