// The audit log as the RAO reads it: filtered and paged, checked link by link, exported as CSV for
// a spreadsheet or as JSON with the hashes, so someone else can check the chain again.
import type { AuditFilter } from '../../../shared/contract-appearance';
import type { Desk } from '../desk';
import {
  appendEvent,
  AuditQueryError,
  GENESIS_HASH,
  queryEvents,
  type AuditEntry,
  type AuditVerdict,
} from '../store/audit';
import { auditSeal, verifyAuditLog } from '../store/audit-seal';
import { bridgeProblem, problem } from '../../../shared/problems';
import { fieldsRefusal, type Room } from './guards';

type AuditOperations = Room<'audit.list' | 'audit.verify' | 'audit.export'>;

export function auditOperations(desk: Pick<Desk, 'store'>): AuditOperations {
  const { db } = desk.store;
  const query = (
    filter: AuditFilter & { offset?: number; limit?: number },
  ): ReturnType<typeof queryEvents> => {
    try {
      return queryEvents(db, filter);
    } catch (error) {
      if (!(error instanceof AuditQueryError)) throw error;
      // The filter's field is named too, so the notice words it instead of core's English.
      const found = problem('auditDateInvalid');
      throw fieldsRefusal(error.message, { [error.field]: [error.message] }, found, {
        [error.field]: [bridgeProblem(found)],
      });
    }
  };
  return {
    'audit.list': (args) => {
      const { events, total } = query(args);
      return Promise.resolve({
        events: events.map(({ seq, at, jobId, signer, kind, data }) => ({
          seq,
          at,
          jobId,
          signer,
          kind,
          data,
        })),
        total,
      });
    },
    'audit.verify': () => verifyAuditLog(db),
    'audit.export': async ({ format, ...filter }) => {
      const { events } = query(filter);
      const now = new Date();
      const filename = `oneshot-audit-${localDay(now)}.${format}`;
      const content =
        format === 'csv'
          ? auditCsv(events)
          : auditJson(events, filter, await verifyAuditLog(db), now, auditSeal(db)?.keyedFrom ?? null);
      // Signers' names and ID numbers leave the desk in this file: the log says when, in what form,
      // how many events and which filters were used — not the filter values (a name searched for).
      const filters = Object.entries(filter)
        .filter(([, value]) => value !== undefined)
        .map(([name]) => name)
        .sort();
      db.transaction(() =>
        appendEvent(db, null, 'audit.exported', { format, events: events.length, filters }),
      )();
      return { filename, content };
    },
  };
}

const localDay = (d: Date): string =>
  [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n) => String(n).padStart(2, '0')).join('-');

export const AUDIT_CSV_COLUMNS = ['seq', 'at', 'jobId', 'signer', 'kind', 'data'] as const;

/**
 * One CSV cell (RFC 4180). A cell a spreadsheet would read as a formula (= + - @, or a tab or
 * carriage return in front of one) gets a leading apostrophe, so opening the export runs nothing.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The events as CSV: a header row, CRLF line ends, data as compact JSON. It starts with a byte
 * order mark so spreadsheet programs read the signers' names as UTF-8.
 */
export function auditCsv(events: readonly AuditEntry[]): string {
  const rows = [
    AUDIT_CSV_COLUMNS.join(','),
    ...events.map((e) =>
      [String(e.seq), e.at, e.jobId ?? '', e.signer ?? '', e.kind, e.dataJson].map(csvCell).join(','),
    ),
  ];
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** The events with their hashes, the filter that chose them, and the verdict on the whole log. */
export function auditJson(
  events: readonly AuditEntry[],
  filter: AuditFilter,
  verdict: AuditVerdict,
  exportedAt: Date,
  keyedFrom: number | null = null,
): string {
  return `${JSON.stringify(
    {
      format: 'oneshot-audit/1',
      exportedAt: exportedAt.toISOString(),
      filter,
      verdict,
      chain: {
        algorithm: 'sha256',
        // How each hash was made, in JavaScript terms; the first row's prevHash is the genesis.
        hashOf: 'hex(sha256(JSON.stringify([prevHash, seq, at, jobId, kind, dataJson])))',
        genesis: GENESIS_HASH,
        // From this row on the hash is HMAC-SHA256 of the same text under the desk's audit key,
        // which stays in its keychain: links can be checked here, seals only on the desk.
        ...(keyedFrom !== null
          ? { keyedFrom, keyedHashOf: 'hex(hmac-sha256(auditKey, JSON.stringify([…the same])))' }
          : {}),
      },
      events: events.map((e) => ({
        seq: e.seq,
        at: e.at,
        jobId: e.jobId,
        signer: e.signer,
        kind: e.kind,
        data: e.data,
        dataJson: e.dataJson,
        prevHash: e.prevHash,
        hash: e.hash,
      })),
    },
    null,
    2,
  )}\n`;
}
