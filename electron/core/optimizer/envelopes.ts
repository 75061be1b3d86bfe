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

/** True when the body itself says the call failed, whatever the HTTP code said. */
export function saysFailure(envelope: Envelope): boolean {
  return envelope.statusWord !== undefined && FAILURE_WORDS.has(envelope.statusWord);
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
 * Per-field problems: from a 422 `detail` list, or from a per-field map
 * (`{"email":["Enter a valid email address"]}`) in `details` or `detail`. Undefined when none.
 */
export function fieldErrorsOf(envelope: Envelope): Record<string, string[]> | undefined {
  const fields: Record<string, string[]> = {};
  const add = (field: string, msg: string): void => {
    (fields[field] ??= []).push(msg);
  };
  for (const candidate of [envelope.detail, envelope.details]) {
    for (const p of problemList(candidate)) if (p.field !== undefined) add(p.field, p.msg);
    if (!isRecord(candidate)) continue;
    for (const [field, value] of Object.entries(candidate)) {
      if (typeof value === 'string') add(field, value);
      else if (Array.isArray(value)) {
        const list: unknown[] = value;
        if (list.length > 0 && list.every((v): v is string => typeof v === 'string'))
          for (const msg of list) add(field, msg);
      }
    }
  }
  return Object.keys(fields).length > 0 ? fields : undefined;
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
