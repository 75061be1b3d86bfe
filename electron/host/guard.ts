// The host's gatekeeping: which Host and Origin headers count as "this server", how the
// per-launch key is compared, and the headers and error bodies every response carries.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';

export const DEFAULT_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
  "connect-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A fresh secret per start: 32 random bytes, base64url (no characters that need URL-encoding). */
export function newHostKey(): string {
  return randomBytes(32).toString('base64url');
}

/** What the server accepts as its own name and origin once its port is known. */
export interface HostIdentity {
  hosts: ReadonlySet<string>;
  origins: ReadonlySet<string>;
}

export function hostIdentity(port: number): HostIdentity {
  return {
    hosts: new Set([`127.0.0.1:${port}`, `localhost:${port}`]),
    origins: new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]),
  };
}

/**
 * DNS rebinding defence: a page on evil.example that rebinds its name to 127.0.0.1 still
 * sends `Host: evil.example:PORT`, so anything but our literal names is refused.
 */
export function hostAllowed(identity: HostIdentity, headers: IncomingHttpHeaders): boolean {
  const host = headers.host;
  return host !== undefined && identity.hosts.has(host);
}

/** A browser always names the page that caused a cross-origin request; only our own page may. */
export function originAllowed(identity: HostIdentity, origin: string | undefined): boolean {
  return origin === undefined || identity.origins.has(origin);
}

/**
 * Compares digests rather than the raw strings so that neither the content nor the length of
 * the expected key leaks through timing.
 */
export function keyMatches(expected: string, presented: string | undefined): boolean {
  if (presented === undefined) return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** The key from `Authorization: Bearer <key>`, or undefined when the header has another shape. */
export function bearerKey(headers: IncomingHttpHeaders): string | undefined {
  const match = /^Bearer ([^\s]+)$/i.exec(headers.authorization ?? '');
  return match?.[1];
}

/** Only `application/json` (parameters such as charset allowed); form and text types are what CSRF can send. */
export function isJsonContentType(headers: IncomingHttpHeaders): boolean {
  const type = headers['content-type'];
  if (type === undefined) return false;
  return type.split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/** Set on every response, API answers included: the page and anything it loads stay off the network. */
export function setSecurityHeaders(res: ServerResponse, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
}

export type HostErrorCode =
  | 'bad_request'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'internal';

/** Errors the host itself raises use the same envelope as the operations, with a fixed message. */
export function sendError(res: ServerResponse, status: number, code: HostErrorCode, message: string): void {
  sendJson(res, status, JSON.stringify({ ok: false, error: { code, message } }));
}

export function sendJson(res: ServerResponse, status: number, body: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}
