// Test helpers around a running sandbox: JSON calls, multipart uploads, a signer, a full request.
import type { SignerIdentity } from '../../shared/signer';
import {
  startSandbox,
  PRESET_TOKEN_UID,
  type SandboxHandle,
  type SandboxOptions,
} from '../../electron/sandbox/index';

export { PRESET_TOKEN_UID };

export interface CallResult<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export async function withSandbox<T>(
  options: SandboxOptions,
  run: (sandbox: SandboxHandle) => Promise<T>,
): Promise<T> {
  const sandbox = await startSandbox({ log: () => {}, ...options });
  try {
    return await run(sandbox);
  } finally {
    await sandbox.stop();
  }
}

export async function call<T = Record<string, unknown>>(
  base: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<CallResult<T>> {
  const init: RequestInit = { method };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  // Redirects are part of what is tested (FastAPI's 307 for a slash too many): never followed here.
  const res = await fetch(`${base}${path}`, { ...init, redirect: 'manual' });
  const text = await res.text();
  let parsed: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) parsed = JSON.parse(text);
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export async function download(
  base: string,
  path: string,
): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
  const res = await fetch(`${base}${path}`, { redirect: 'manual' });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
}

export const SIGNER: SignerIdentity = {
  given_name: 'María',
  surname_1: 'Núñez',
  surname_2: 'García',
  id_document_type: 'IDC',
  id_document_country: 'ES',
  serial_number: '12345678Z',
  email: 'maria.nunez@example.com',
  mobile_phone_number: '+34600123456',
  registration_authority: '3',
  profile: 'PFnubeAFCiudadano',
};

export function signerForm(
  overrides: Record<string, string | undefined> = {},
  token: string | undefined = PRESET_TOKEN_UID,
): FormData {
  const form = new FormData();
  const fields: Record<string, string | undefined> = { ...SIGNER, token, ...overrides };
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) form.append(k, v);
  return form;
}

export async function createRequest(
  base: string,
  overrides: Record<string, string | undefined> = {},
): Promise<number> {
  const res = await call<{ details: { pk: string } }>(base, 'POST', '/create', signerForm(overrides));
  if (res.status !== 200) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return Number(res.body.details.pk);
}

export function pdfForm(files: { name: string; bytes: Uint8Array }[], fieldNames?: string[]): FormData {
  const form = new FormData();
  files.forEach((f, i) => {
    const field = fieldNames?.[i] ?? (i === 0 ? 'file' : `file${i + 1}`);
    form.append(field, new Blob([f.bytes], { type: 'application/pdf' }), f.name);
  });
  return form;
}

/** The form fields an upload of n files uses: file, file2, file3, … */
export const fileFields = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => (i === 0 ? 'file' : `file${i + 1}`));

/**
 * The uids of an upload answer in the order of `fields`, whatever the dialect: matched by form field
 * (`name`, or `key` in the old API's list), never by position, since no dialect lists in upload order.
 */
export function uploadedUids(body: unknown, fields: string[]): string[] {
  const answer = body as { detail?: unknown; details?: unknown };
  const payload = answer.detail ?? answer.details;
  const byField = new Map<string, string>();
  const entries: unknown[] = Array.isArray(payload) ? payload : [payload];
  for (const entry of entries) {
    const e = entry as { name?: string; key?: string; uid?: string };
    if (e.uid !== undefined && (e.name ?? e.key) !== undefined)
      byField.set((e.name ?? e.key) as string, e.uid);
  }
  if (byField.size === 0 && typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    // status-message: a map keyed by uid, each entry naming its field.
    for (const [uid, e] of Object.entries(payload as Record<string, { name?: string }>))
      if (e.name !== undefined) byField.set(e.name, uid);
  }
  return fields.map((f) => {
    const uid = byField.get(f);
    if (uid === undefined) throw new Error(`no uid for ${f} in ${JSON.stringify(body)}`);
    return uid;
  });
}

/** Uploads and returns the uids in upload order. */
export async function upload(
  base: string,
  pk: number,
  files: { name: string; bytes: Uint8Array }[],
): Promise<string[]> {
  const res = await call(base, 'POST', `/document/${pk}`, pdfForm(files));
  if (res.status !== 200) throw new Error(`upload failed: ${res.status} ${JSON.stringify(res.body)}`);
  return uploadedUids(res.body, fileFields(files.length));
}

/** The documents stored for a request now, from the old API's list route (a map keyed by uid). */
export async function listDocuments(
  base: string,
  pk: number,
): Promise<
  Record<string, { upload_date: string; ext: string; size: number; mime: string; filename: string }>
> {
  const res = await call<{ detail?: unknown; details?: unknown }>(base, 'GET', `/documents/${pk}`);
  if (res.status !== 200) throw new Error(`list failed: ${res.status} ${JSON.stringify(res.body)}`);
  return (res.body.detail ?? res.body.details) as Record<
    string,
    { upload_date: string; ext: string; size: number; mime: string; filename: string }
  >;
}

export async function sendOtpAndRead(base: string, pk: number): Promise<string> {
  const sent = await call(base, 'POST', `/otp/${pk}`, { delivery_method: 'sms' });
  if (sent.status !== 200) throw new Error(`otp failed: ${sent.status} ${JSON.stringify(sent.body)}`);
  const inbox = await call<{ otp: string }>(base, 'GET', `/sandbox/inbox/${pk}`);
  return inbox.body.otp;
}

/** A profile for an Optimizer that is never reached (port 9, discard): for screens fed from the store. */
export const UNREACHABLE_OFFICE = {
  id: 'office',
  name: 'Office Optimizer',
  baseUrl: 'http://127.0.0.1:9/oneshot/api/v1',
  env: 'sandbox',
  caPem: null,
  pinSha256: null,
  defaultRegistrationAuthority: null,
  defaultProfile: null,
} as const;
