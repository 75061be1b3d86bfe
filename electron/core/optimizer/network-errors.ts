// Failures without a usable answer: no connection, a lost one, a deadline, an untrusted TLS peer.
// What matters most is whether the request may have reached the Optimizer: a write that may have
// been done is an unknown outcome that the caller must reconcile before trying again.
import { OptimizerError, PIN_MISMATCH_CODE, type OptimizerRoute } from './errors';

export interface NetworkFailure {
  route: OptimizerRoute;
  host: string;
  error: unknown;
  /** Whether the request may have reached the server (a socket was writing it). */
  started: boolean;
  /** GET: repeating it cannot do anything twice. */
  idempotent: boolean;
  /** Our own deadline fired (ms), or undefined. */
  timedOutAfterMs?: number;
}

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);
const TLS_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'HOSTNAME_MISMATCH',
  'EPROTO',
]);

/** The most telling error code in an error, its cause or an AggregateError's members. */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && code !== 'UND_ERR_SOCKET' && code !== 'ERR_UNDICI_ABORTED') return code;
  const inner =
    errorCode((error as { cause?: unknown }).cause, depth + 1) ??
    (Array.isArray((error as { errors?: unknown }).errors)
      ? errorCode((error as { errors: unknown[] }).errors[0], depth + 1)
      : undefined);
  return inner ?? (typeof code === 'string' ? code : undefined);
}

const isTlsCode = (code: string): boolean =>
  TLS_CODES.has(code) || code === PIN_MISMATCH_CODE || /^(ERR_TLS_|ERR_SSL_|CERT_)/.test(code);

/** Classifies a call that got no usable answer: no connection, a lost one, a deadline, TLS. */
export function errorFromNetwork(failure: NetworkFailure): OptimizerError {
  const { route, host, started, idempotent } = failure;
  const code = errorCode(failure.error);
  const base = { route, code, cause: failure.error };
  if (code !== undefined && isTlsCode(code)) {
    return new OptimizerError({
      ...base,
      kind: 'tls',
      message: `The secure connection to the Optimizer at ${host} was refused: ${tlsReason(code)}.`,
    });
  }
  const timedOut = failure.timedOutAfterMs !== undefined || (code !== undefined && TIMEOUT_CODES.has(code));
  if (started && !idempotent) {
    const why = timedOut ? 'did not answer in time' : 'lost the connection';
    return new OptimizerError({
      ...base,
      kind: 'unknown_outcome',
      message:
        `The Optimizer at ${host} ${why} after the ${ROUTE_WORDS[route]} was sent: it may or may not have been done. ` +
        'Check its state before trying again.',
    });
  }
  if (timedOut) {
    const seconds =
      failure.timedOutAfterMs === undefined ? '' : ` (${formatSeconds(failure.timedOutAfterMs)})`;
    return new OptimizerError({
      ...base,
      kind: 'timeout',
      message: `The Optimizer at ${host} did not answer in time${seconds}.`,
    });
  }
  const detail = code === 'ENOTFOUND' || code === 'EAI_AGAIN' ? ' (its name is unknown)' : '';
  return new OptimizerError({
    ...base,
    kind: 'offline',
    message: started
      ? `The connection to the Optimizer at ${host} was lost.`
      : `The Optimizer at ${host} cannot be reached${detail}.`,
  });
}

function tlsReason(code: string): string {
  if (code === PIN_MISMATCH_CODE) return 'its certificate is not the one pinned for it';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH')
    return 'its certificate is for another address';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'its certificate is out of date';
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_')) return 'it does not speak HTTPS as expected';
  return 'its certificate is not issued by an authority trusted for it';
}

function formatSeconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`;
}

const ROUTE_WORDS: Record<OptimizerRoute, string> = {
  hello: 'greeting',
  version: 'version question',
  listTokens: 'token list question',
  createToken: 'new token',
  getToken: 'token question',
  deleteToken: 'token deletion',
  createRequest: 'new signature request',
  getRequest: 'request question',
  cancelRequest: 'cancellation',
  uploadDocuments: 'upload',
  listDocuments: 'document list question',
  downloadContract: 'contract download',
  sendOtp: 'code request',
  sign: 'signature',
  downloadDocument: 'document download',
  deleteDocument: 'document deletion',
  deleteDocuments: 'deletion of the documents',
};
