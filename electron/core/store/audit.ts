// The append-only audit log: every row carries the SHA-256 of the row before it, so a removed,
// reordered or edited row breaks the chain and verifyAuditChain() says where.
import { createHash } from 'node:crypto';
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
  db.prepare(
    'INSERT INTO events (seq, at, job_id, kind, data_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(seq, at, jobId, kind, dataJson, prevHash, rowHash(prevHash, seq, at, jobId, kind, dataJson));
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

export interface AuditVerdict {
  ok: boolean;
  events: number;
  /** The first row that does not fit the chain, and why. */
  brokenAt?: { seq: number; reason: string };
}

export function verifyAuditChain(db: Db): AuditVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (const row of db.prepare('SELECT * FROM events ORDER BY seq').iterate() as IterableIterator<EventRow>) {
    count++;
    if (row.seq !== expectedSeq)
      return {
        ok: false,
        events: count,
        brokenAt: { seq: row.seq, reason: `row ${expectedSeq} is missing` },
      };
    if (row.prev_hash !== prevHash) {
      return {
        ok: false,
        events: count,
        brokenAt: { seq: row.seq, reason: 'it does not point at the row before it' },
      };
    }
    if (rowHash(row.prev_hash, row.seq, row.at, row.job_id, row.kind, row.data_json) !== row.hash) {
      return {
        ok: false,
        events: count,
        brokenAt: { seq: row.seq, reason: 'its content was changed after it was written' },
      };
    }
    prevHash = row.hash;
    expectedSeq++;
  }
  return { ok: true, events: count };
}
