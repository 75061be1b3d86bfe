// Reads each route's success payload into the client's result types, accepting every shape the
// published descriptions show (and a few plausible neighbours): maps keyed by uid, lists, bare
// strings, values nested in `details`, `detail` or the body itself.
import {
  booleanOf,
  isRecord,
  payloadOf,
  recordPayloadOf,
  serverMessageOf,
  stringOf,
  type Envelope,
} from './envelopes';
import type {
  DocumentSummary,
  ServiceVersion,
  TokenInfo,
  TokenSummary,
  UploadedDocument,
  UploadFile,
} from './types';

const UID_KEYS = ['uid', 'token_uid', 'document_uid', 'id'] as const;

function firstString(record: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = stringOf(record[key]);
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
}

export function readVersion(envelope: Envelope): ServiceVersion {
  const payload = recordPayloadOf(envelope);
  const body = isRecord(envelope.body) ? envelope.body : {};
  const bare = payloadOf(envelope);
  return {
    version: firstString(body, ['version']) ?? firstString(payload, ['version']) ?? stringOf(bare),
    api: firstString(body, ['api', 'api_version']) ?? firstString(payload, ['api', 'api_version']),
    raw: envelope.body,
  };
}

export function readTokenList(envelope: Envelope): TokenSummary[] {
  const payload = payloadOf(envelope);
  const summary = (uid: string, info: unknown): TokenSummary => {
    const record = isRecord(info) ? info : {};
    return {
      tokenUid: uid,
      username: firstString(record, ['username']),
      env: firstString(record, ['env']),
      raoId: firstString(record, ['rao_id', 'raoId']),
    };
  };
  if (Array.isArray(payload)) {
    return (payload as unknown[]).flatMap((item) => {
      if (typeof item === 'string') return [summary(item, {})];
      const uid = isRecord(item) ? firstString(item, UID_KEYS) : undefined;
      return uid === undefined ? [] : [summary(uid, item)];
    });
  }
  if (!isRecord(payload)) return [];
  const nested = payload.tokens;
  if (Array.isArray(nested) || isRecord(nested)) return readTokenList({ ...envelope, details: nested });
  return Object.entries(payload)
    .filter(([, info]) => isRecord(info))
    .map(([uid, info]) => summary(uid, info));
}

export function readTokenUid(envelope: Envelope): string | undefined {
  const payload = payloadOf(envelope);
  if (typeof payload === 'string' && !payload.includes(' ')) return payload;
  for (const candidate of [envelope.details, envelope.detail, envelope.body]) {
    if (isRecord(candidate)) {
      const uid = firstString(candidate, ['token_uid', 'token', 'uid']);
      if (uid !== undefined) return uid;
    }
  }
  return undefined;
}

export function readTokenInfo(envelope: Envelope): TokenInfo {
  const d = recordPayloadOf(envelope);
  return {
    username: firstString(d, ['username']) ?? '',
    hasPassword: booleanOf(d.password ?? d.has_password),
    hasPin: booleanOf(d.pin ?? d.has_pin),
    raoId: firstString(d, ['rao_id', 'raoId']) ?? '',
    env: firstString(d, ['env']) ?? '',
  };
}

export function readCreated(envelope: Envelope): { pk: string | undefined; status?: string } {
  for (const candidate of [envelope.details, envelope.detail, envelope.body]) {
    if (!isRecord(candidate)) continue;
    const pk = firstString(candidate, ['pk', 'request_pk', 'request', 'id']);
    if (pk !== undefined && /^\d+$/.test(pk)) return { pk, status: firstString(candidate, ['status']) };
  }
  const words = serverMessageOf(envelope) ?? '';
  const match = /\bpk\s*:?\s*(\d+)/i.exec(words);
  return { pk: match?.[1] };
}

export function readRequestStatus(envelope: Envelope): string | undefined {
  const body = isRecord(envelope.body) ? envelope.body : {};
  for (const candidate of [body.request, envelope.details, envelope.detail, body]) {
    if (!isRecord(candidate)) continue;
    const status = firstString(candidate, ['status']);
    if (status !== undefined && !/^(success|ok|error)$/i.test(status)) return status;
  }
  return undefined;
}

interface UploadEntry {
  uid: string;
  field?: string;
  filename?: string;
  sha256?: string;
}

/** Every uid an upload answer names, with what it says about each. */
export function readUploadEntries(envelope: Envelope): UploadEntry[] {
  const body = isRecord(envelope.body) ? envelope.body : {};
  // A bare uid: a JSON string, or a plain-text answer of one word.
  const bare =
    typeof envelope.body === 'string' ? envelope.body : envelope.json ? undefined : envelope.text.trim();
  for (const candidate of [envelope.details, envelope.detail, body.documents, body.uids, body.uid, bare]) {
    const entries = uploadEntriesIn(candidate);
    if (entries.length > 0) return entries;
  }
  return [];
}

function uploadEntriesIn(value: unknown): UploadEntry[] {
  if (typeof value === 'string') return value.trim() !== '' && !value.includes(' ') ? [{ uid: value }] : [];
  if (Array.isArray(value)) return (value as unknown[]).flatMap(uploadEntriesIn);
  if (!isRecord(value)) return [];
  const own = firstString(value, UID_KEYS);
  if (own !== undefined) return [{ uid: own, ...describe(value) }];
  if (Array.isArray(value.uids)) return uploadEntriesIn(value.uids);
  // A map keyed by uid: {"<uid>": {field, filename, sha256…}} or {"<uid>": "<filename>"}.
  return Object.entries(value).flatMap(([uid, info]): UploadEntry[] => {
    if (typeof info === 'string') return [{ uid, filename: info }];
    if (isRecord(info)) return [{ uid, ...describe(info) }];
    return [];
  });
}

function describe(record: Record<string, unknown>): Omit<UploadEntry, 'uid'> {
  return {
    field: firstString(record, ['field', 'name', 'key']),
    filename: firstString(record, ['filename', 'file_name']),
    sha256: firstString(record, ['sha256', 'hash', 'digest']),
  };
}

/**
 * Pairs each file sent with its uid: by form field (`name`/`key`: file, file2…), then by digest,
 * then by a file name that only one file has; one file and one uid pair up. Never by position: the
 * published multi-file answer is not in upload order, and two files of one name must not swap uids.
 * Undefined when some file cannot be paired with certainty.
 */
export function matchUploads(
  files: readonly UploadFile[],
  fields: readonly string[],
  entries: readonly UploadEntry[],
): UploadedDocument[] | undefined {
  if (entries.length !== files.length) return undefined;
  const unused = new Set(entries);
  const takeOnly = (predicate: (e: UploadEntry) => boolean): UploadEntry | undefined => {
    const found = [...unused].filter(predicate);
    if (found.length !== 1) return undefined;
    unused.delete(found[0] as UploadEntry);
    return found[0];
  };
  const chosen: (UploadEntry | undefined)[] = files.map((_, i) => takeOnly((e) => e.field === fields[i]));
  files.forEach((file, i) => {
    const digest = file.sha256?.toLowerCase();
    if (chosen[i] === undefined && digest !== undefined)
      chosen[i] = takeOnly((e) => e.sha256?.toLowerCase() === digest);
  });
  files.forEach((file, i) => {
    const unique = files.filter((f) => f.filename === file.filename).length === 1;
    if (chosen[i] === undefined && unique) chosen[i] = takeOnly((e) => e.filename === file.filename);
  });
  if (files.length === 1 && chosen[0] === undefined) chosen[0] = takeOnly(() => true);
  if (chosen.some((entry) => entry === undefined)) return undefined;
  return files.map((file, i) => {
    const entry = chosen[i] as UploadEntry;
    return entry.sha256 === undefined
      ? { uid: entry.uid, filename: file.filename }
      : { uid: entry.uid, filename: file.filename, sha256: entry.sha256 };
  });
}

export function readDocumentList(envelope: Envelope): DocumentSummary[] {
  let payload = payloadOf(envelope);
  if (isRecord(payload) && (Array.isArray(payload.documents) || isRecord(payload.documents)))
    payload = payload.documents;
  const items: [string | undefined, unknown][] = Array.isArray(payload)
    ? (payload as unknown[]).map((item) => [undefined, item])
    : isRecord(payload)
      ? Object.entries(payload)
      : [];
  return items.flatMap(([key, item]): DocumentSummary[] => {
    if (!isRecord(item)) return typeof item === 'string' && key === undefined ? [summaryOf(item, {})] : [];
    const uid = firstString(item, UID_KEYS) ?? key;
    return uid === undefined ? [] : [summaryOf(uid, item)];
  });
}

/** What the old API's list shows of a document (upload_date, ext, size, mime, filename). */
function summaryOf(uid: string, d: Record<string, unknown>): DocumentSummary {
  const size = Number(d.size ?? d.file_size ?? 0);
  const sha256 = firstString(d, ['sha256', 'hash', 'digest']);
  return {
    uid,
    filename: firstString(d, ['filename', 'file_name', 'name']) ?? '',
    size: Number.isFinite(size) ? size : 0,
    ...(sha256 === undefined ? {} : { sha256 }),
  };
}

export function readSignedDocuments(envelope: Envelope): Record<string, unknown> {
  for (const candidate of [envelope.detail, envelope.details, envelope.body]) {
    if (isRecord(candidate) && isRecord(candidate.documents)) return candidate.documents;
  }
  return {};
}
