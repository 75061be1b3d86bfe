// The simulator's persistent state in SQLite (`<data>/sandbox.db`, WAL): tokens, requests,
// documents, OTPs and call statistics. Every change is one transaction, so `kill -9` at any moment
// leaves either the old state or the new one.
import Database from 'better-sqlite3';
import { join } from 'node:path';

export const PRESET_TOKEN_UID = '3bf8d8eb-d96c-41ea-83ad-d78a7016c7da';
const FIRST_REQUEST_PK = 822000;

export type RequestStatus = 'ENROLLREADY' | 'ISSUED' | 'CANCELLED';

export interface TokenRow {
  uid: string;
  username: string;
  has_password: number;
  has_pin: number;
  rao_id: string;
  env: string;
  created_at: string;
}

export interface RequestRow {
  pk: number;
  token_uid: string | null;
  rao_id: string;
  status: RequestStatus;
  signer: string;
  secrets: string;
  scratchcard: string;
  created_at: string;
  issued_at: string | null;
  certificate_pem: string | null;
  certificate_serial: string | null;
  sign_params: string | null;
}

export interface DocumentRow {
  uid: string;
  request_pk: number;
  field: string;
  filename: string;
  size: number;
  sha256: string;
  pages: number;
  uploaded_at: string;
  signed_size: number | null;
  signed_sha256: string | null;
  signed_at: string | null;
}

export interface OtpRow {
  request_pk: number;
  code: string;
  delivery_method: string;
  destination: string;
  sent_at_ms: number;
  wrong_attempts: number;
  state: 'active' | 'void' | 'used';
}

export const STAT_NAMES = [
  'creates',
  'uploads',
  'documents',
  'duplicate_documents',
  'otp_sends',
  'sign_calls',
  'sign_successes',
  'certificates',
  'deletes',
] as const;
export type StatName = (typeof STAT_NAMES)[number];
type StatView = StatName | 'stored_documents';

const MIGRATIONS: string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   CREATE TABLE tokens (
     uid TEXT PRIMARY KEY, username TEXT NOT NULL, has_password INTEGER NOT NULL, has_pin INTEGER NOT NULL,
     rao_id TEXT NOT NULL, env TEXT NOT NULL, created_at TEXT NOT NULL);
   CREATE TABLE requests (
     pk INTEGER PRIMARY KEY AUTOINCREMENT, token_uid TEXT, rao_id TEXT NOT NULL, status TEXT NOT NULL,
     signer TEXT NOT NULL, secrets TEXT NOT NULL, scratchcard TEXT NOT NULL, created_at TEXT NOT NULL,
     issued_at TEXT, certificate_pem TEXT, certificate_serial TEXT, sign_params TEXT);
   INSERT INTO sqlite_sequence (name, seq) VALUES ('requests', ${FIRST_REQUEST_PK});
   CREATE TABLE documents (
     uid TEXT PRIMARY KEY, request_pk INTEGER NOT NULL REFERENCES requests(pk), field TEXT NOT NULL,
     filename TEXT NOT NULL, size INTEGER NOT NULL, sha256 TEXT NOT NULL, pages INTEGER NOT NULL,
     uploaded_at TEXT NOT NULL, signed_size INTEGER, signed_sha256 TEXT, signed_at TEXT);
   CREATE INDEX documents_by_request ON documents(request_pk);
   CREATE TABLE otps (
     request_pk INTEGER PRIMARY KEY REFERENCES requests(pk), code TEXT NOT NULL, delivery_method TEXT NOT NULL,
     destination TEXT NOT NULL, sent_at_ms INTEGER NOT NULL, wrong_attempts INTEGER NOT NULL, state TEXT NOT NULL);
   CREATE TABLE upload_log (request_pk INTEGER NOT NULL, sha256 TEXT NOT NULL, uid TEXT NOT NULL);
   CREATE INDEX upload_log_by_request ON upload_log(request_pk, sha256);
   CREATE TABLE stats (request_pk INTEGER NOT NULL, name TEXT NOT NULL, value INTEGER NOT NULL,
     PRIMARY KEY (request_pk, name));`,
];

export class SandboxStore {
  readonly db: Database.Database;

  constructor(dataDir: string) {
    this.db = new Database(join(dataDir, 'sandbox.db'));
    this.db.pragma('journal_mode = WAL');
    // FULL: the "lose the response after commit" fault and kill -9 tests rely on a commit being durable.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('foreign_keys = ON');
    this.migrate();
    this.ensurePresetToken();
  }

  close(): void {
    this.db.close();
  }

  transaction<T>(work: () => T): T {
    return this.db.transaction(work)();
  }

  private migrate(): void {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.transaction(() => {
        this.db.exec(MIGRATIONS[v] as string);
        this.db.pragma(`user_version = ${v + 1}`);
      });
    }
  }

  private ensurePresetToken(): void {
    // The public sandbox ships one RAO token that every example uses; ours behaves the same.
    this.db
      .prepare(
        `INSERT OR IGNORE INTO tokens (uid, username, has_password, has_pin, rao_id, env, created_at)
         VALUES (?, 'sandbox-rao', 1, 1, '1182', 'sandbox', ?)`,
      )
      .run(PRESET_TOKEN_UID, new Date().toISOString());
  }

  // meta ----------------------------------------------------------------------------------------
  getMeta(key: string): string | undefined {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  // tokens --------------------------------------------------------------------------------------
  listTokens(): TokenRow[] {
    return this.db.prepare('SELECT * FROM tokens ORDER BY created_at').all() as TokenRow[];
  }

  getToken(uid: string): TokenRow | undefined {
    return this.db.prepare('SELECT * FROM tokens WHERE uid = ?').get(uid) as TokenRow | undefined;
  }

  insertToken(row: TokenRow): void {
    this.db
      .prepare(
        `INSERT INTO tokens (uid, username, has_password, has_pin, rao_id, env, created_at)
         VALUES (@uid, @username, @has_password, @has_pin, @rao_id, @env, @created_at)`,
      )
      .run(row);
  }

  deleteToken(uid: string): boolean {
    return this.db.prepare('DELETE FROM tokens WHERE uid = ?').run(uid).changes > 0;
  }

  // requests ------------------------------------------------------------------------------------
  insertRequest(row: Omit<RequestRow, 'pk'>): number {
    const result = this.db
      .prepare(
        `INSERT INTO requests (token_uid, rao_id, status, signer, secrets, scratchcard, created_at, issued_at,
           certificate_pem, certificate_serial, sign_params)
         VALUES (@token_uid, @rao_id, @status, @signer, @secrets, @scratchcard, @created_at, @issued_at,
           @certificate_pem, @certificate_serial, @sign_params)`,
      )
      .run(row);
    return Number(result.lastInsertRowid);
  }

  getRequest(pk: number): RequestRow | undefined {
    return this.db.prepare('SELECT * FROM requests WHERE pk = ?').get(pk) as RequestRow | undefined;
  }

  updateRequest(pk: number, changes: Partial<Omit<RequestRow, 'pk'>>): void {
    const keys = Object.keys(changes);
    if (keys.length === 0) return;
    const set = keys.map((k) => `${k} = @${k}`).join(', ');
    this.db.prepare(`UPDATE requests SET ${set} WHERE pk = @pk`).run({ ...changes, pk });
  }

  // documents -----------------------------------------------------------------------------------
  listDocuments(pk: number): DocumentRow[] {
    return this.db
      .prepare('SELECT * FROM documents WHERE request_pk = ? ORDER BY rowid')
      .all(pk) as DocumentRow[];
  }

  getDocument(pk: number, uid: string): DocumentRow | undefined {
    return this.db.prepare('SELECT * FROM documents WHERE request_pk = ? AND uid = ?').get(pk, uid) as
      | DocumentRow
      | undefined;
  }

  insertDocument(row: DocumentRow): void {
    this.db
      .prepare(
        `INSERT INTO documents (uid, request_pk, field, filename, size, sha256, pages, uploaded_at, signed_size,
           signed_sha256, signed_at)
         VALUES (@uid, @request_pk, @field, @filename, @size, @sha256, @pages, @uploaded_at, @signed_size,
           @signed_sha256, @signed_at)`,
      )
      .run(row);
  }

  markSigned(uid: string, size: number, sha256: string, at: string): void {
    this.db
      .prepare('UPDATE documents SET signed_size = ?, signed_sha256 = ?, signed_at = ? WHERE uid = ?')
      .run(size, sha256, at, uid);
  }

  deleteDocument(uid: string): boolean {
    return this.db.prepare('DELETE FROM documents WHERE uid = ?').run(uid).changes > 0;
  }

  /** Whether the request ever received a document with this content (deleted ones included). */
  everUploaded(pk: number, sha256: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM upload_log WHERE request_pk = ? AND sha256 = ?').get(pk, sha256) !==
      undefined
    );
  }

  logUpload(pk: number, sha256: string, uid: string): void {
    this.db.prepare('INSERT INTO upload_log (request_pk, sha256, uid) VALUES (?, ?, ?)').run(pk, sha256, uid);
  }

  // OTPs ----------------------------------------------------------------------------------------
  getOtp(pk: number): OtpRow | undefined {
    return this.db.prepare('SELECT * FROM otps WHERE request_pk = ?').get(pk) as OtpRow | undefined;
  }

  putOtp(row: OtpRow): void {
    this.db
      .prepare(
        `INSERT INTO otps (request_pk, code, delivery_method, destination, sent_at_ms, wrong_attempts, state)
         VALUES (@request_pk, @code, @delivery_method, @destination, @sent_at_ms, @wrong_attempts, @state)
         ON CONFLICT(request_pk) DO UPDATE SET code = excluded.code, delivery_method = excluded.delivery_method,
           destination = excluded.destination, sent_at_ms = excluded.sent_at_ms,
           wrong_attempts = excluded.wrong_attempts, state = excluded.state`,
      )
      .run(row);
  }

  updateOtp(pk: number, changes: Pick<OtpRow, 'wrong_attempts' | 'state'>): void {
    this.db
      .prepare('UPDATE otps SET wrong_attempts = ?, state = ? WHERE request_pk = ?')
      .run(changes.wrong_attempts, changes.state, pk);
  }

  // statistics ----------------------------------------------------------------------------------
  count(pk: number, name: StatName, by = 1): void {
    this.db
      .prepare(
        `INSERT INTO stats (request_pk, name, value) VALUES (?, ?, ?)
         ON CONFLICT(request_pk, name) DO UPDATE SET value = value + excluded.value`,
      )
      .run(pk, name, by);
  }

  /**
   * Counters per request and in total, plus `stored_documents`: how many documents are on the sandbox
   * now (a gauge, not a counter), so a test can assert that a client left nothing behind.
   */
  stats(): { total: Record<StatView, number>; requests: Record<string, Record<StatView, number>> } {
    const rows = this.db.prepare('SELECT request_pk, name, value FROM stats').all() as {
      request_pk: number;
      name: StatName;
      value: number;
    }[];
    const stored = this.db
      .prepare('SELECT request_pk, COUNT(*) AS n FROM documents GROUP BY request_pk')
      .all() as { request_pk: number; n: number }[];
    const empty = (): Record<StatView, number> =>
      Object.fromEntries([...STAT_NAMES, 'stored_documents'].map((n) => [n, 0])) as Record<StatView, number>;
    const total = empty();
    const requests: Record<string, Record<StatView, number>> = {};
    for (const row of rows) {
      total[row.name] += row.value;
      (requests[String(row.request_pk)] ??= empty())[row.name] += row.value;
    }
    for (const row of stored) {
      total.stored_documents += row.n;
      (requests[String(row.request_pk)] ??= empty()).stored_documents = row.n;
    }
    return { total, requests };
  }
}
