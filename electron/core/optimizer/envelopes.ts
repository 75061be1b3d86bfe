// Tolerant reading of the Optimizer's answers. The published descriptions show several envelope
// shapes: `status` may be missing or disagree with the HTTP code, the payload sits in `detail` or
// `details` and is a string, an object or a list, and proxies in front may answer non-JSON.

export interface Envelope {
  /** The parsed JSON body; undefined when the body was not JSON. */
  body: unknown;
  /** The body's own status word, lower-cased ("success", "error", …); undefined when absent. */
  statusWord?: string;
  message?: string;
  detail: unknown;
  details: unknown;
  /** The raw text (at most what was read), for non-JSON answers. */
  text: string;
  json: boolean;
  contentType: string;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseEnvelope(text: string, contentType = ''): Envelope {
  let body: unknown;
  let json = false;
  const trimmed = text.trim();
  if (trimmed !== '' && (contentType.includes('json') || /^[[{"]/.test(trimmed))) {
    try {
      body = JSON.parse(trimmed) as unknown;
      json = true;
    } catch {
      body = undefined;
    }
  }
  const record = isRecord(body) ? body : undefined;
  const statusValue = record?.status;
  return {
    body,
    statusWord: typeof statusValue === 'string' ? statusValue.trim().toLowerCase() : undefined,
    message: typeof record?.message === 'string' ? record.message : undefined,
    detail: record?.detail,
    details: record?.details,
    text,
    json,
    contentType,
  };
}

// Only these words mean failure: a request object's own `status` (ENROLLREADY, ISSUED…) does not.
const FAILURE_WORDS = new Set(['error', 'errors', 'fail', 'failed', 'failure', 'ko', 'false', 'denied']);

/**
 * True when the body itself says the call failed, whatever the HTTP code said: a failure word, or
 * the old Optimizer's HTTP-like status text ("404 Not Found"; its successes say "200 OK").
 */
export function saysFailure(envelope: Envelope): boolean {
  const word = envelope.statusWord;
  if (word === undefined) return false;
  return FAILURE_WORDS.has(word) || statusCodeOfWord(word) >= 400;
}

/** The code at the start of an HTTP-like status text ("404 not found" → 404), else 0. */
export function statusCodeOfWord(word: string | undefined): number {
  const match = /^([1-5]\d\d)\b/.exec(word ?? '');
  return match ? Number(match[1]) : 0;
}

/** The payload of a success answer: `details`, else `detail`, else the body itself. */
export function payloadOf(envelope: Envelope): unknown {
  if (envelope.details !== undefined && envelope.details !== null) return envelope.details;
  if (envelope.detail !== undefined && envelope.detail !== null) return envelope.detail;
  return envelope.body;
}

/** The payload as an object, when it is one (`details`, `detail`, then the body). */
export function recordPayloadOf(envelope: Envelope): Record<string, unknown> {
  for (const candidate of [envelope.details, envelope.detail, envelope.body]) {
    if (isRecord(candidate)) return candidate;
  }
  return {};
}

/** What the server said in words, for a person: `message`, else a string detail, else the 422 list. */
export function serverMessageOf(envelope: Envelope): string | undefined {
  if (envelope.message !== undefined && envelope.message.trim() !== '') return envelope.message.trim();
  for (const candidate of [envelope.detail, envelope.details]) {
    if (typeof candidate === 'string' && candidate.trim() !== '') return candidate.trim();
  }
  for (const candidate of [envelope.detail, envelope.details]) {
    const problems = problemList(candidate);
    if (problems.length > 0)
      return problems.map((p) => (p.field ? `${p.field}: ${p.msg}` : p.msg)).join('; ');
  }
  const map = bareFieldMap(envelope.body) ?? fieldMapIn(envelope.detail) ?? fieldMapIn(envelope.details);
  if (map !== undefined)
    return Object.entries(map)
      .map(([field, msgs]) => `${field}: ${msgs.join(' ')}`)
      .join('; ');
  if (typeof envelope.body === 'string' && envelope.body.trim() !== '') return envelope.body.trim();
  if (!envelope.json && !/html/i.test(envelope.contentType)) {
    const plain = envelope.text.trim();
    if (plain !== '' && !plain.startsWith('<')) return plain.slice(0, 300);
  }
  return undefined;
}

interface Problem {
  field?: string;
  msg: string;
}

/** FastAPI's `[{loc, msg, type}]`; the field is the last element of `loc`. */
function problemList(value: unknown): Problem[] {
  if (!Array.isArray(value)) return [];
  const problems: Problem[] = [];
  for (const item of value as unknown[]) {
    if (typeof item === 'string') {
      problems.push({ msg: item });
      continue;
    }
    if (!isRecord(item) || typeof item.msg !== 'string') continue;
    const loc = Array.isArray(item.loc) ? (item.loc as unknown[]) : [];
    const last = loc[loc.length - 1];
    const field = typeof last === 'string' || typeof last === 'number' ? String(last) : undefined;
    problems.push({ field, msg: item.msg });
  }
  return problems;
}

/**
 * Per-field problems: from a 422 `detail` list (pydantic v1 or v2), from a per-field map
 * (`{"email":["Enter a valid email address"]}`) in `details` or `detail`, or from such a map as the
 * whole body (the old Optimizer answered bad fields with a 500 carrying just that). Undefined when none.
 */
export function fieldErrorsOf(envelope: Envelope): Record<string, string[]> | undefined {
  const fields: Record<string, string[]> = {};
  const add = (field: string, msg: string): void => {
    (fields[field] ??= []).push(msg);
  };
  for (const candidate of [envelope.detail, envelope.details]) {
    for (const p of problemList(candidate)) if (p.field !== undefined) add(p.field, p.msg);
    for (const [field, msgs] of Object.entries(fieldMapIn(candidate) ?? {}))
      for (const m of msgs) add(field, m);
  }
  for (const [field, msgs] of Object.entries(bareFieldMap(envelope.body) ?? {}))
    for (const m of msgs) add(field, m);
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/** `{"field": ["message", …] | "message"}`: every value a message or a list of messages. */
function fieldMapIn(value: unknown): Record<string, string[]> | undefined {
  if (!isRecord(value)) return undefined;
  const map: Record<string, string[]> = {};
  for (const [field, entry] of Object.entries(value)) {
    if (typeof entry === 'string') map[field] = [entry];
    else if (Array.isArray(entry)) {
      const list: unknown[] = entry;
      if (list.length > 0 && list.every((v): v is string => typeof v === 'string')) map[field] = list;
    }
  }
  return Object.keys(map).length > 0 ? map : undefined;
}

const ENVELOPE_KEYS = new Set(['status', 'message', 'detail', 'details']);

/** A body that is nothing but a field map (no envelope words), every value a list of messages. */
function bareFieldMap(body: unknown): Record<string, string[]> | undefined {
  if (!isRecord(body)) return undefined;
  const entries = Object.entries(body);
  if (entries.some(([key]) => ENVELOPE_KEYS.has(key))) return undefined;
  if (entries.length === 0 || !entries.every(([, v]) => Array.isArray(v))) return undefined;
  const map = fieldMapIn(body);
  return map !== undefined && Object.keys(map).length === entries.length ? map : undefined;
}

export const stringOf = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;

/** "true"/"false", booleans and 1/0 as the API writes them. */
export function booleanOf(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return ['true', '1', 'yes'].includes(value.trim().toLowerCase());
  return false;
}
