// The append-only audit log: every row carries the SHA-256 of the row before it, so a removed,
// reordered or edited row breaks the chain and verifyAuditChain() says where.
import { createHash } from 'node:crypto';
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

export function listEvents(db: Db, filter: { jobId?: string; limit?: number } = {}): AuditEvent[] {
  const rows = (
    filter.jobId
      ? db
          .prepare('SELECT * FROM events WHERE job_id = ? ORDER BY seq LIMIT ?')
          .all(filter.jobId, filter.limit ?? -1)
      : db.prepare('SELECT * FROM events ORDER BY seq LIMIT ?').all(filter.limit ?? -1)
  ) as EventRow[];
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    jobId: r.job_id,
    kind: r.kind,
    data: JSON.parse(r.data_json) as Record<string, unknown>,
    prevHash: r.prev_hash,
    hash: r.hash,
  }));
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
