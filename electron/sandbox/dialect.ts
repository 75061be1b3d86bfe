// The answer shapes the sandbox can speak. The published material shows two Optimizer generations
// and leaves the new one's error bodies and multi-file upload answer unknown, so the sandbox can
// answer in each plausible variant; a client must accept them all. Default: `fastapi`.
//
//   fastapi         the new FastAPI Optimizer as the seeds show it; errors as HTTPException
//                   `{"detail":"…"}`, 422 in pydantic v1 words
//   fastapi-v2      the same with pydantic v2's 422 words (`"type":"missing"`, "Field required")
//   legacy          the old Optimizer (2021/2024 repositories): `{"status":"200 OK","details":…}`,
//                   errors `{"status":"404 Not Found","details":"…"}`, bad signer fields as a 500
//                   with a bare field map, the upload answer as a list with digests
//   status-message  errors `{"status":"error","message":"…"}` (the sandbox's first guess)
//   otp-reasons     like fastapi, but a refused code says why in brackets
export const SANDBOX_DIALECTS = ['fastapi', 'fastapi-v2', 'legacy', 'status-message', 'otp-reasons'] as const;
export type SandboxDialect = (typeof SANDBOX_DIALECTS)[number];

export const isSandboxDialect = (name: string): name is SandboxDialect =>
  (SANDBOX_DIALECTS as readonly string[]).includes(name);

/** The old Optimizer wrote its status as an HTTP status line; the new one writes "success". */
export const successWord = (dialect: SandboxDialect): string => (dialect === 'legacy' ? '200 OK' : 'success');

/**
 * A success envelope. The new API's routes differ in whether they say `detail` or `details` (the seeds
 * show both), so each route names its own key; the old API always said `details`.
 */
export function success(
  dialect: SandboxDialect,
  parts: { message?: string; detail?: unknown; details?: unknown },
): Record<string, unknown> {
  const body: Record<string, unknown> = { status: successWord(dialect) };
  if (parts.message !== undefined) body.message = parts.message;
  if (dialect === 'legacy') {
    const payload = parts.detail ?? parts.details;
    if (payload !== undefined) body.details = payload;
    return body;
  }
  if (parts.detail !== undefined) body.detail = parts.detail;
  if (parts.details !== undefined) body.details = parts.details;
  return body;
}

export interface UploadedDocument {
  uid: string;
  /** The form field it came in (`file`, `file2`, …). */
  field: string;
  filename: string;
  sha256: string;
}

/**
 * The order in which an upload answer lists several documents: the last one first, then the others
 * in upload order. The old API listed `file2` before `file`, the new API's order is not published;
 * rotating (rather than reversing) also catches a client that "undoes" a reversal. Clients must
 * match by form field or digest, never by position.
 */
export function answerOrder<T>(items: readonly T[]): T[] {
  if (items.length < 2) return [...items];
  return [items[items.length - 1] as T, ...items.slice(0, -1)];
}

export function uploadAnswer(
  dialect: SandboxDialect,
  pk: number,
  documents: readonly UploadedDocument[],
): Record<string, unknown> {
  const listed = answerOrder(documents);
  switch (dialect) {
    case 'legacy':
      return success(dialect, {
        details: listed.map((d) => ({ digest: d.sha256, uid: d.uid, key: d.field, filename: d.filename })),
      });
    case 'status-message':
      return success(dialect, {
        message: `${documents.length} document(s) uploaded to request ${pk}`,
        details: Object.fromEntries(listed.map((d) => [d.uid, { name: d.field, filename: d.filename }])),
      });
    default: {
      const named = listed.map((d) => ({ name: d.field, uid: d.uid }));
      // The one published example is a single object, not a list of one.
      return success(dialect, { detail: named.length === 1 ? named[0] : named });
    }
  }
}

/** The old API's document list, the only published one: the new API's routes say `detail`. */
export function documentListAnswer(
  dialect: SandboxDialect,
  documents: Record<string, unknown>,
): Record<string, unknown> {
  return dialect === 'status-message' || dialect === 'legacy'
    ? success(dialect, { details: documents })
    : success(dialect, { detail: documents });
}
