// The error taxonomy the UI explains: every failure of an Optimizer call becomes one OptimizerError
// with a kind, whether retrying is safe, the server's own words and a plain message that never
// carries a token uid, password, PIN, OTP or billing password.
import { fieldErrorsOf, serverMessageOf, statusCodeOfWord, type Envelope } from './envelopes';
import { redact } from '../redact';

export type OptimizerErrorKind =
  | 'offline'
  | 'timeout'
  | 'tls'
  | 'auth'
  | 'validation'
  | 'otp_wrong'
  | 'otp_expired'
  | 'otp_cooldown'
  | 'otp_locked'
  | 'not_found'
  | 'conflict_state'
  | 'unsupported_media'
  | 'server'
  | 'unknown_outcome';

export type OptimizerRoute =
  | 'hello'
  | 'version'
  | 'listTokens'
  | 'createToken'
  | 'getToken'
  | 'deleteToken'
  | 'createRequest'
  | 'getRequest'
  | 'cancelRequest'
  | 'uploadDocuments'
  | 'listDocuments'
  | 'downloadContract'
  | 'sendOtp'
  | 'sign'
  | 'downloadDocument'
  | 'deleteDocument'
  | 'deleteDocuments';

/** What each route does, in words, to start a message with ("Getting the service contract failed: …"). */
export const STEP_NAMES: Readonly<Record<OptimizerRoute, string>> = {
  hello: 'Checking the Optimizer',
  version: "Reading the Optimizer's version",
  listTokens: 'Listing the RAO tokens',
  createToken: 'Creating the RAO token',
  getToken: 'Reading the RAO token',
  deleteToken: 'Deleting the RAO token',
  createRequest: 'Creating the request',
  getRequest: "Reading the request's status",
  cancelRequest: 'Cancelling the request',
  uploadDocuments: 'Uploading the documents',
  listDocuments: "Listing the request's documents",
  downloadContract: 'Getting the service contract',
  sendOtp: 'Sending the code',
  sign: 'Signing',
  downloadDocument: 'Downloading a document',
  deleteDocument: 'Deleting a document from the Optimizer',
  deleteDocuments: "Deleting the request's documents from the Optimizer",
};

export interface OptimizerErrorInit {
  kind: OptimizerErrorKind;
  route: OptimizerRoute;
  message: string;
  status?: number;
  serverMessage?: string;
  fields?: Record<string, string[]>;
  retryable?: boolean;
  attemptsLeft?: number;
  /** The low-level error code (ECONNREFUSED, UND_ERR_SOCKET, a TLS code…), for logs. */
  code?: string;
  cause?: unknown;
}

/** Kinds a caller may simply retry (unknown_outcome: only after reconciling with the server). */
const RETRYABLE: ReadonlySet<OptimizerErrorKind> = new Set([
  'offline',
  'timeout',
  'server',
  'unknown_outcome',
  'otp_cooldown',
]);

export class OptimizerError extends Error {
  override readonly name = 'OptimizerError';
  readonly kind: OptimizerErrorKind;
  readonly route: OptimizerRoute;
  readonly status?: number;
  readonly serverMessage?: string;
  readonly fields?: Record<string, string[]>;
  readonly retryable: boolean;
  readonly attemptsLeft?: number;
  readonly code?: string;

  constructor(init: OptimizerErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.route = init.route;
    this.status = init.status;
    this.serverMessage = init.serverMessage;
    this.fields = init.fields;
    this.retryable = init.retryable ?? RETRYABLE.has(init.kind);
    this.attemptsLeft = init.attemptsLeft;
    this.code = init.code;
  }

  /** What may cross a process boundary or reach a log: no stack, no cause. */
  toJSON(): Omit<OptimizerErrorInit, 'cause'> & { name: string } {
    return {
      name: this.name,
      kind: this.kind,
      route: this.route,
      message: this.message,
      status: this.status,
      serverMessage: this.serverMessage,
      fields: this.fields,
      retryable: this.retryable,
      attemptsLeft: this.attemptsLeft,
      code: this.code,
    };
  }
}

/** "(2 attempt(s) left)", "2 attempts left", "attempts left: 2". */
export function parseAttemptsLeft(text: string): number | undefined {
  const m =
    /(\d+)\s*attempt(?:\(s\)|s)?\s*(?:left|remaining)/i.exec(text) ??
    /attempts?\s*left\D{0,3}(\d+)/i.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

interface HttpFailure {
  route: OptimizerRoute;
  host: string;
  status: number;
  envelope: Envelope;
  secrets: readonly (string | undefined)[];
}

/** Classifies an answer that failed, by HTTP code and by the body's words. */
export function errorFromResponse(failure: HttpFailure): OptimizerError {
  const { route, status, envelope } = failure;
  const rawMessage = serverMessageOf(envelope);
  const serverMessage = rawMessage === undefined ? undefined : redact(rawMessage, failure.secrets);
  const words = rawMessage ?? '';
  const rawFields = fieldErrorsOf(envelope);
  const fields =
    rawFields === undefined
      ? undefined
      : Object.fromEntries(
          Object.entries(rawFields).map(([name, msgs]) => [
            name,
            msgs.map((m) => redact(m, failure.secrets)),
          ]),
        );
  const base = { route, status, serverMessage };
  const make = (kind: OptimizerErrorKind, sentence: string, extra: Partial<OptimizerErrorInit> = {}) =>
    new OptimizerError({
      ...base,
      kind,
      message: `${STEP_NAMES[route]} failed: HTTP ${status}. ${withServerWords(sentence, serverMessage)}`,
      ...extra,
    });

  const said = statusCodeOfWord(envelope.statusWord);
  const effective = status >= 200 && status < 300 ? said || statusFromWords(words) : status;

  if (/confirmation code invalid/i.test(words) || (effective === 403 && /\b(otp|code)\b/i.test(words))) {
    if (/lock|void|too many/i.test(words))
      return make('otp_locked', 'The code is locked after too many wrong attempts; ask for a new code.', {
        attemptsLeft: 0,
      });
    if (/no code/i.test(words))
      return make('otp_expired', 'No valid code exists for this request; ask for a new code.');
    if (/expired|request a new code/i.test(words))
      return make('otp_expired', 'The code is no longer valid; ask for a new code.');
    // The published service says only "Confirmation Code invalid" for a wrong or an expired code;
    // the desk judges which from its own count and the code's age (queue/otp-judgement.ts).
    const attemptsLeft = parseAttemptsLeft(words);
    if (attemptsLeft === undefined)
      return make('otp_wrong', 'The code was not accepted: it is wrong or no longer valid.');
    return make('otp_wrong', `The code is not correct. ${attemptsLeft} attempt(s) left.`, { attemptsLeft });
  }
  if (/less than a minute|otp generated/i.test(words) || (effective === 429 && /otp/i.test(words)))
    return make('otp_cooldown', 'A new code can be asked for one minute after the previous one.');
  if (
    effective === 401 ||
    /invalid rao credentials|error getting rao/i.test(words) ||
    (effective === 403 && !/scratchcard|external authentication|unlock/i.test(words))
  )
    return make('auth', 'The Optimizer refused the RAO credentials or token.');
  if (effective === 404)
    return make('not_found', 'The Optimizer does not know the request, document or token asked for.');
  if (effective === 412 || effective === 409)
    return make('conflict_state', 'The request is not in a state that allows this step.');
  if (effective === 415) return make('unsupported_media', 'The Optimizer does not accept this type of file.');
  if (effective === 400 || effective === 422 || effective === 413 || effective === 403)
    return make('validation', 'The Optimizer refused the data sent.', { fields });
  if (effective === 429)
    return make('server', 'The Optimizer is busy; try again shortly.', { retryable: true });
  // The old Optimizer answered bad fields with a 500 carrying only a field map: no retry cures that.
  if (effective >= 500 && rawFields !== undefined && bareOrMapOnly(envelope))
    return make('validation', 'The Optimizer refused the data sent.', { fields, retryable: false });
  if (effective >= 300 && effective < 400)
    return make('server', 'The Optimizer answered with a redirection that was not followed.', {
      retryable: false,
    });
  if (effective >= 500) {
    // Billing credentials are answered with a 500 that no retry will cure.
    const billing = /billing/i.test(words);
    return make('server', `The Optimizer had a problem of its own (HTTP ${status}).`, {
      retryable: !billing,
    });
  }
  if (effective >= 400) return make('validation', 'The Optimizer refused the call.', { fields });
  return make('server', 'The Optimizer answered that the call failed.', { retryable: false });
}

/** True when the answer's only content is per-field problems (no message of its own). */
function bareOrMapOnly(envelope: Envelope): boolean {
  return (
    envelope.message === undefined &&
    typeof envelope.detail !== 'string' &&
    typeof envelope.details !== 'string'
  );
}

/** The HTTP code a 2xx answer whose body says "error" most likely meant, from its words. */
function statusFromWords(words: string): number {
  if (/confirmation code|rao credentials/i.test(words)) return 403;
  if (/less than a minute/i.test(words)) return 412;
  if (/error getting rao|not found/i.test(words)) return 404;
  if (/status/i.test(words)) return 412;
  if (/unsupported|not a pdf/i.test(words)) return 415;
  if (/missing|invalid|maximum|please use/i.test(words)) return 400;
  return 0;
}

function withServerWords(sentence: string, serverMessage: string | undefined): string {
  return serverMessage === undefined ? sentence : `${sentence} The Optimizer said: “${serverMessage}”`;
}

/** The code of the error a pinned connection fails with when the certificate is another one. */
export const PIN_MISMATCH_CODE = 'ERR_ONESHOT_CERT_PIN_MISMATCH';

/** A local problem before anything was sent (too many files, a file that cannot be read). */
export function localValidationError(
  route: OptimizerRoute,
  message: string,
  cause?: unknown,
): OptimizerError {
  return new OptimizerError({ kind: 'validation', route, message, cause, retryable: false });
}

/** The error an aborted call rejects with: a DOMException named AbortError, as fetch does. */
export function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && reason.name === 'AbortError') return reason;
  return new DOMException('The call to the Optimizer was cancelled.', 'AbortError');
}
