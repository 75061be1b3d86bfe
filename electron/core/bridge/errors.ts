// Turns anything core throws into the contract's BridgeError: a code the UI translates and a
// message for a person — never a stack trace, never a secret.
import type { BridgeError, ErrorCode } from '../../../shared/contract';
import { TransitionError } from '../../../shared/job';
import { OptimizerError, redact } from '../optimizer/index';
import { KeychainUnavailableError, TokenMissingError, TokenVaultError } from '../vault/index';

/** An error raised by a bridge operation on purpose, with its code. */
export class BridgeFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly problem?: BridgeError['problem'],
  ) {
    super(message);
  }
}

/**
 * A refusal the interface can word in the RAO's language: `problem` names it (a key under
 * `problems` in the renderer's strings) and `values` fill it; `message` stays core's English.
 */
export function refusal(
  code: ErrorCode,
  message: string,
  problem: string,
  values: Record<string, string | number> = {},
): BridgeFailure {
  return new BridgeFailure(code, message, undefined, { code: problem, values });
}

const OPTIMIZER_CODES: Record<string, ErrorCode> = {
  offline: 'offline',
  timeout: 'timeout',
  tls: 'tls',
  auth: 'auth',
  validation: 'validation',
  otp_wrong: 'otp_wrong',
  otp_expired: 'otp_expired',
  otp_cooldown: 'otp_cooldown',
  otp_locked: 'otp_locked',
  not_found: 'not_found',
  conflict_state: 'conflict',
  unsupported_media: 'unsupported_media',
  server: 'server',
  unknown_outcome: 'unknown_outcome',
};

export function toBridgeError(error: unknown, log: (line: string) => void = () => {}): BridgeError {
  if (error instanceof BridgeFailure) {
    const answer = withFields({ code: error.code, message: error.message }, error.fields);
    return error.problem ? { ...answer, problem: error.problem } : answer;
  }
  if (error instanceof OptimizerError) {
    return withFields(
      { code: OPTIMIZER_CODES[error.kind] ?? 'server', message: error.message },
      error.fields,
    );
  }
  if (error instanceof KeychainUnavailableError)
    return { code: 'keychain_unavailable', message: error.message };
  if (error instanceof TokenMissingError) return { code: 'auth', message: error.message };
  if (error instanceof TokenVaultError) {
    const code =
      error.kind && OPTIMIZER_CODES[error.kind] ? (OPTIMIZER_CODES[error.kind] as ErrorCode) : 'auth';
    return { code, message: error.message };
  }
  if (error instanceof TransitionError) return { code: 'conflict', message: error.message };
  // Anything else is a bug or a local failure: logged (redacted), answered generically.
  log(
    `bridge: unexpected ${error instanceof Error ? `${error.name}: ${redact(error.message)}` : typeof error}`,
  );
  return {
    code: 'internal',
    message: 'Something went wrong inside One-Shot Desk. The details are in the log.',
  };
}

function withFields(error: BridgeError, fields: Record<string, string[]> | undefined): BridgeError {
  return fields && Object.keys(fields).length > 0 ? { ...error, fields } : error;
}
