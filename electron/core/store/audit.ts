// The append-only audit log: every row carries the hash of the row before it, so a removed,
// reordered or edited row breaks the chain and verifyAuditChain() says where. Once the desk has
// attached its keychain seal (audit-seal.ts) the hashes are HMAC-SHA256 under a key nobody with
// the database alone holds, and a signed head in the keychain says how long the log was.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { AUDIT_RESULTS, type AuditResult } from '../../../shared/audit-results';
import { signerDisplayName, type SignerIdentity } from '../../../shared/signer';
import type { Db } from './database';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEvent {
  seq: number;
  at: string;
  jobId: string | null;
  kind: string;
  data: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

interface EventRow {
  seq: number;
  at: string;
  job_id: string | null;
  kind: string;
  data_json: string;
  prev_hash: string;
  hash: string;
}

/** The plain SHA-256 of a row, as every row was hashed before the log had a key. */
function rowHash(
  prevHash: string,
  seq: number,
  at: string,
  jobId: string | null,
  kind: string,
  dataJson: string,
): string {
  return createHash('sha256')
    .update(JSON.stringify([prevHash, seq, at, jobId, kind, dataJson]))
    .digest('hex');
}

/** The same text keyed: only the holder of the keychain's audit key can make it. */
function rowMac(
  key: Buffer,
  prevHash: string,
  seq: number,
  at: string,
  jobId: string | null,
  kind: string,
  dataJson: string,
): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([prevHash, seq, at, jobId, kind, dataJson]))
    .digest('hex');
}

/** Two hex digests compared in constant time. */
export function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * What appendEvent needs from the keychain seal of one database: the key (null once the keychain
 * has lost it: rows are then hashed plainly and verify says the key is missing), and a call after
 * every append so the signed head follows the log.
 */
export interface AuditSealHook {
  key: Buffer | null;
  appended(): void;
}

const seals = new WeakMap<Db, AuditSealHook>();

export function setAuditSeal(db: Db, seal: AuditSealHook): void {
  seals.set(db, seal);
}

export function auditSealOf(db: Db): AuditSealHook | undefined {
  return seals.get(db);
}

/** The table that names this data folder's key in the keychain; absent until a seal is attached. */
export const SEAL_TABLE_SQL =
  'CREATE TABLE IF NOT EXISTS audit_seal (installation TEXT NOT NULL, keyed_from INTEGER NOT NULL)';

/** The seal recorded in the database, if the log was ever keyed. */
export function sealRecord(db: Db): { installation: string; keyedFrom: number } | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_seal'").get();
  if (!table) return null;
  const row = db.prepare('SELECT installation, keyed_from FROM audit_seal LIMIT 1').get() as
    | { installation: string; keyed_from: number }
    | undefined;
  return row ? { installation: row.installation, keyedFrom: row.keyed_from } : null;
}

/** Appends one event; call inside the transaction that makes the change it records. */
export function appendEvent(
  db: Db,
  jobId: string | null,
  kind: string,
  data: Record<string, unknown> = {},
): void {
  const last = db.prepare('SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1').get() as
    | { seq: number; hash: string }
    | undefined;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const seq = (last?.seq ?? 0) + 1;
  const at = new Date().toISOString();
  const dataJson = JSON.stringify(data);
  const seal = seals.get(db);
  // A keyed log opened without its seal (openStore alone) cannot add a row that would verify:
  // refuse rather than write one that the next check would call forged.
  if (!seal && sealRecord(db))
    throw new Error('This audit log is sealed with a key in the keychain; open it through the desk.');
  const hash = seal?.key
    ? rowMac(seal.key, prevHash, seq, at, jobId, kind, dataJson)
    : rowHash(prevHash, seq, at, jobId, kind, dataJson);
  db.prepare(
    'INSERT INTO events (seq, at, job_id, kind, data_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(seq, at, jobId, kind, dataJson, prevHash, hash);
  seal?.appended();
}

const toEvent = (r: EventRow): AuditEvent => ({
  seq: r.seq,
  at: r.at,
  jobId: r.job_id,
  kind: r.kind,
  data: JSON.parse(r.data_json) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

export function listEvents(db: Db, filter: { jobId?: string; limit?: number } = {}): AuditEvent[] {
  const rows = (
    filter.jobId
      ? db
          .prepare('SELECT * FROM events WHERE job_id = ? ORDER BY seq LIMIT ?')
          .all(filter.jobId, filter.limit ?? -1)
      : db.prepare('SELECT * FROM events ORDER BY seq LIMIT ?').all(filter.limit ?? -1)
  ) as EventRow[];
  return rows.map(toEvent);
}

/** What the audit screen and its exports ask for; every field optional, all of them ANDed. */
export interface AuditQuery {
  jobId?: string;
  /** Part of the signer's name or ID document number; case and accents do not matter. */
  signer?: string;
  /** A kind exactly (`job.state`), or a family of kinds: `job.` or `job` match every `job.…`. */
  kind?: string;
  /** A day (YYYY-MM-DD, this computer's calendar) or an instant; both ends inclusive. */
  from?: string;
  to?: string;
}

/** An event as the audit screen shows it: with the signer of its job (null once the job is gone). */
export interface AuditEntry extends AuditEvent {
  signer: string | null;
  /** The exact text that was hashed (`data` is its parse). */
  dataJson: string;
}

/** A filter the log cannot apply, named by its field. */
export class AuditQueryError extends Error {
  constructor(
    readonly field: keyof AuditQuery,
    message: string,
  ) {
    super(message);
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * The first millisecond a bound covers (`from`) or the first after it (`to`), as the ISO text
 * `at` is stored in, so the range is two string comparisons on the column.
 */
function bound(field: 'from' | 'to', text: string): string {
  const day = DAY.exec(text);
  if (day) {
    const [y, m, d] = [Number(day[1]), Number(day[2]) - 1, Number(day[3])];
    const start = new Date(y, m, d);
    if (start.getFullYear() !== y || start.getMonth() !== m || start.getDate() !== d)
      throw new AuditQueryError(field, `${text} is not a date.`);
    return (field === 'from' ? start : new Date(y, m, d + 1)).toISOString();
  }
  const instant = INSTANT.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(instant))
    throw new AuditQueryError(field, `“${text}” is neither a date (YYYY-MM-DD) nor an ISO instant.`);
  return new Date(field === 'from' ? instant : instant + 1).toISOString();
}

/** Lower case without accents, so "garcia" finds "GARCÍA" and "nunez" finds "Núñez". */
const fold = (text: string): string =>
  text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');

const withFold = new WeakSet<Db>();
function registerFold(db: Db): void {
  if (withFold.has(db)) return;
  db.function('audit_fold', { deterministic: true }, (text: unknown) =>
    typeof text === 'string' ? fold(text) : null,
  );
  withFold.add(db);
}

const SIGNER_NAME = `trim(coalesce(json_extract(j.signer_json, '$.given_name'), '') || ' ' ||
  coalesce(json_extract(j.signer_json, '$.surname_1'), '') || ' ' ||
  coalesce(json_extract(j.signer_json, '$.surname_2'), ''))`;

function whereClause(query: AuditQuery): { sql: string; params: unknown[] } {
  const terms: string[] = [];
  const params: unknown[] = [];
  if (query.jobId) {
    terms.push('e.job_id = ?');
    params.push(query.jobId);
  }
  const signer = query.signer ? fold(query.signer).trim() : '';
  if (signer) {
    terms.push(`(instr(audit_fold(${SIGNER_NAME}), ?) > 0 OR
      instr(audit_fold(coalesce(json_extract(j.signer_json, '$.serial_number'), '')), ?) > 0)`);
    params.push(signer, signer);
  }
  const kind = query.kind?.trim();
  if (kind) {
    const family = kind.endsWith('.') ? kind : `${kind}.`;
    terms.push('(e.kind = ? OR substr(e.kind, 1, ?) = ?)');
    params.push(kind, family.length, family);
  }
  if (query.from?.trim()) {
    terms.push('e.at >= ?');
    params.push(bound('from', query.from.trim()));
  }
  if (query.to?.trim()) {
    terms.push('e.at < ?');
    params.push(bound('to', query.to.trim()));
  }
  return { sql: terms.length > 0 ? `WHERE ${terms.join(' AND ')}` : '', params };
}

const signerName = (signerJson: string | null): string | null =>
  signerJson ? signerDisplayName(JSON.parse(signerJson) as SignerIdentity) || null : null;

/**
 * The events that match, oldest first, `limit` of them from `offset`, and how many match in all.
 * Throws AuditQueryError for a date it cannot read.
 */
export function queryEvents(
  db: Db,
  query: AuditQuery & { offset?: number; limit?: number } = {},
): { events: AuditEntry[]; total: number } {
  registerFold(db);
  const where = whereClause(query);
  // One read transaction: the count and the page come from the same state of the log.
  return db.transaction(() => page(db, where, query))();
}

function page(
  db: Db,
  where: { sql: string; params: unknown[] },
  query: { offset?: number; limit?: number },
): { events: AuditEntry[]; total: number } {
  const from = 'FROM events e LEFT JOIN jobs j ON j.id = e.job_id';
  const total = (
    db.prepare(`SELECT count(*) AS n ${from} ${where.sql}`).get(...where.params) as { n: number }
  ).n;
  const rows = db
    .prepare(`SELECT e.*, j.signer_json ${from} ${where.sql} ORDER BY e.seq LIMIT ? OFFSET ?`)
    .all(...where.params, query.limit ?? -1, query.offset ?? 0) as (EventRow & {
    signer_json: string | null;
  })[];
  const events = rows.map((r) => ({
    ...toEvent(r),
    signer: signerName(r.signer_json),
    dataJson: r.data_json,
  }));
  return { events, total };
}

export { AUDIT_RESULTS, type AuditResult };

export interface AuditVerdict {
  ok: boolean;
  result: AuditResult;
  /** Rows read (up to the first problem in the middle of the log). */
  events: number;
  /** True when rows were checked against the keychain's key and head, false for plain hashes. */
  sealed: boolean;
  /** How many rows the keychain's head counts, when it differs from what is there. */
  expected?: number;
  /** The first row that does not fit, and why (English, for logs; the UI words the result). */
  brokenAt?: { seq: number; reason: string };
}

/** The keychain's record of the log: its last row and that row's hash, signed with the key. */
export interface AuditHead {
  count: number;
  hash: string;
  /** The first row hashed with the key (earlier rows are the plain chain they were migrated from). */
  keyedFrom: number;
  mac: string;
}

export function headMac(key: Buffer, head: Omit<AuditHead, 'mac'>): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['oneshot-audit-head', head.count, head.hash, head.keyedFrom]))
    .digest('hex');
}

/** What the keychain holds for one log, read just before a check. */
export interface AuditAnchor {
  key: Buffer | null;
  head: AuditHead | null;
  /** From the head when there is one, else from the database's seal record. */
  keyedFrom: number;
}

const verdict = (
  result: AuditResult,
  events: number,
  sealed: boolean,
  extra: Pick<AuditVerdict, 'expected' | 'brokenAt'> = {},
): AuditVerdict => ({ ok: result === 'intact', result, events, sealed, ...extra });

/**
 * Walks every row. Without an anchor only the plain chain is checked (a log never keyed); with one,
 * rows from `keyedFrom` must carry the key's HMAC and the log must end where the signed head says.
 */
export function verifyAuditChain(db: Db, anchor?: AuditAnchor): AuditVerdict {
  const sealed = anchor !== undefined;
  const total = (): number => (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  if (anchor && !anchor.key) return verdict('keyMissing', total(), sealed);
  const key = anchor?.key ?? null;
  const head = anchor?.head ?? null;
  if (key && head && !sameHex(headMac(key, head), head.mac))
    return verdict('recomputed', total(), sealed, {
      expected: head.count,
      brokenAt: { seq: head.count, reason: 'the signed head does not match its seal' },
    });
  const keyedFrom = anchor?.keyedFrom ?? Infinity;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let lastSeq = 0;
  let hashAtHead = head?.count === 0 ? GENESIS_HASH : null;
  // The first row whose seal fails; whether every row from it on fails, each with a plain hash
  // that is right (the mark of a chain recomputed without the key).
  let firstBad: number | null = null;
  let failsToTheEnd = true;
  let plainlyRehashed = true;
  for (const row of db.prepare('SELECT * FROM events ORDER BY seq').iterate() as IterableIterator<EventRow>) {
    count++;
    if (row.seq !== expectedSeq)
      return verdict('broken', count, sealed, {
        brokenAt: { seq: row.seq, reason: `row ${expectedSeq} is missing` },
      });
    if (row.prev_hash !== prevHash)
      return verdict('broken', count, sealed, {
        brokenAt: { seq: row.seq, reason: 'it does not point at the row before it' },
      });
    const plain = rowHash(row.prev_hash, row.seq, row.at, row.job_id, row.kind, row.data_json);
    if (key && row.seq >= keyedFrom) {
      const mac = rowMac(key, row.prev_hash, row.seq, row.at, row.job_id, row.kind, row.data_json);
      if (!sameHex(mac, row.hash)) {
        firstBad ??= row.seq;
        if (plain !== row.hash) plainlyRehashed = false;
      } else if (firstBad !== null) failsToTheEnd = false;
    } else if (plain !== row.hash) {
      return verdict('broken', count, sealed, {
        brokenAt: { seq: row.seq, reason: 'its content was changed after it was written' },
      });
    }
    if (row.seq === head?.count) hashAtHead = row.hash;
    prevHash = row.hash;
    lastSeq = row.seq;
    expectedSeq++;
  }
  if (!anchor) return verdict('intact', count, sealed);
  if (firstBad !== null) {
    // Rows the head had already counted, rewritten from one on with plain hashes that chain.
    const recomputed = failsToTheEnd && plainlyRehashed && head !== null && firstBad <= head.count;
    return verdict(recomputed ? 'recomputed' : 'forged', count, sealed, {
      brokenAt: {
        seq: firstBad,
        reason: recomputed
          ? 'it and every row after it were rehashed without the key'
          : 'its seal does not match: it was not written by this desk',
      },
    });
  }
  if (!head) return verdict('headMissing', count, sealed);
  if (count === 0 && head.count > 0) return verdict('emptied', 0, sealed, { expected: head.count });
  if (lastSeq < head.count)
    return verdict('truncated', count, sealed, {
      expected: head.count,
      brokenAt: { seq: lastSeq + 1, reason: `rows ${lastSeq + 1} to ${head.count} are missing` },
    });
  if (hashAtHead === null || !sameHex(hashAtHead, head.hash))
    return verdict('truncated', count, sealed, {
      expected: head.count,
      brokenAt: { seq: head.count, reason: `the rows up to ${head.count} were cut and written again` },
    });
  return verdict('intact', count, sealed);
}
