// The one place that takes secrets out of text a person or a log will read (error messages, the
// desk's log, the bridge's log lines). Secrets are token uids, passwords, PINs, OTPs, billing
// passwords and external-auth values; they must never reach a log or the renderer after submit.

/** Uid-shaped values: token uids appear in server words ("Error getting RAO's id: token … not found"). */
const UUID = /[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}/gi;
/** Long hex runs: a uid written without dashes, or glued to other characters. */
const LONG_HEX = /[0-9a-f]{20,}/gi;
/** `Authorization: Bearer …` / `Basic …` (the browser host's launch key, proxies' credentials). */
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/**
 * Names under which the One-Shot API and the desk carry secrets (ONE-SHOT-API.md: token,
 * password, pin, secret (the OTP), billing_password, ext_unlock_value; the host's launch key).
 */
const SECRET_NAMES = [
  'token',
  'token_uid',
  'tokenUid',
  'password',
  'billing_password',
  'billingPassword',
  'pin',
  'otp',
  'secret',
  'ext_unlock_value',
  'extUnlockValue',
  'key',
].join('|');
/** `name=value` in a query string or a form body: `?token=…&pin=…`. */
const NAMED_PARAMETER = new RegExp(`(^|[?&;\\s])(${SECRET_NAMES})=([^&\\s#;]+)`, 'gi');
/** `"name": "value"` or `"name": 123456` in JSON (request bodies quoted in errors). */
const NAMED_JSON = new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|[0-9]+)`, 'gi');

/**
 * Removes secrets from text: every value given (token uid, password, PIN, OTP, billing password,
 * external-auth value…), any value named as a secret in a query string, form or JSON, bearer
 * credentials, and anything shaped like a uid.
 */
export function redact(text: string, secrets: readonly (string | undefined)[] = []): string {
  let out = text;
  const values = secrets
    .filter((s): s is string => typeof s === 'string' && s.trim() !== '')
    .sort((a, b) => b.length - a.length);
  for (const secret of values) out = out.split(secret).join('[hidden]');
  return out
    .replace(AUTH_SCHEME, '$1 [hidden]')
    .replace(NAMED_PARAMETER, '$1$2=[hidden]')
    .replace(NAMED_JSON, '$1"[hidden]"')
    .replace(UUID, '[id]')
    .replace(LONG_HEX, '[id]');
}
