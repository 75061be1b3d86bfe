// Turns anything core throws into the contract's BridgeError: a code the UI translates and a
// message for a person — never a stack trace, never a secret.
import type { BridgeError, ErrorCode } from '../../../shared/contract';
import { TransitionError } from '../../../shared/job';
import {
  bridgeProblem,
  problem as makeProblem,
  type ProblemArgs,
  type ProblemCode,
} from '../../../shared/problems';
import { OptimizerError, redact } from '../optimizer/index';
import { optimizerProblem } from '../optimizer/problem';
import { ProblemError } from '../problem-error';
import { ExternalValueMissingError } from '../store/jobs';
import { IdImageError } from '../vault/id-image-rules';
import { KeychainUnavailableError, TokenMissingError, TokenVaultError } from '../vault/index';

/** An error raised by a bridge operation on purpose, with its code. */
export class BridgeFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
    readonly problem?: BridgeError['problem'],
    /** Each field's problems, keyed like `fields` (see fieldProblemsOf in shared/problems.ts). */
    readonly fieldProblems?: BridgeError['fieldProblems'],
  ) {
    super(message);
  }
}

/**
 * A refusal the interface can word in the RAO's language: `problem` is one of shared/problems.ts'
 * codes and `values` its typed values; `message` stays core's English, for the log.
 */
export function refusal<C extends ProblemCode>(
  code: ErrorCode,
  message: string,
  problem: C,
  ...values: ProblemArgs<C>
): BridgeFailure {
  return new BridgeFailure(code, message, undefined, bridgeProblem(makeProblem(problem, ...values)));
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
    return {
      ...answer,
      ...(error.problem ? { problem: error.problem } : {}),
      ...(error.fieldProblems && Object.keys(error.fieldProblems).length > 0
        ? { fieldProblems: error.fieldProblems }
        : {}),
    };
  }
  if (error instanceof ProblemError)
    return { code: error.code, message: error.message, problem: bridgeProblem(error.problem) };
  if (error instanceof OptimizerError) {
    return withFields(
      {
        code: OPTIMIZER_CODES[error.kind] ?? 'server',
        message: error.message,
        problem: bridgeProblem(optimizerProblem(error)),
      },
      error.fields,
    );
  }
  if (error instanceof KeychainUnavailableError)
    return {
      code: 'keychain_unavailable',
      message: error.message,
      problem: bridgeProblem(makeProblem('keychainUnavailable')),
    };
  if (error instanceof TokenMissingError)
    return {
      code: 'auth',
      message: error.message,
      problem: bridgeProblem(makeProblem('tokenMissing', { rao: error.username })),
    };
  if (error instanceof TokenVaultError) {
    const code =
      error.kind && OPTIMIZER_CODES[error.kind] ? (OPTIMIZER_CODES[error.kind] as ErrorCode) : 'auth';
    return {
      code,
      message: error.message,
      ...(error.problem ? { problem: bridgeProblem(error.problem) } : {}),
    };
  }
  // A job that moved on between the screen's view and the click (another window, the queue).
  if (error instanceof TransitionError)
    return { code: 'conflict', message: error.message, problem: bridgeProblem(makeProblem('jobMovedOn')) };
  // A sealed ID image refused at the door, or lost once sealed: the RAO adds the image again.
  if (error instanceof IdImageError)
    return {
      code: error.code === 'invalid_input' ? 'validation' : 'conflict',
      message: error.message,
      problem: bridgeProblem(error.problem),
    };
  if (error instanceof ExternalValueMissingError)
    return { code: 'conflict', message: error.message, problem: bridgeProblem(error.problem) };
  // Anything else is a bug or a local failure: logged (redacted), answered generically.
  log(
    `bridge: unexpected ${error instanceof Error ? `${error.name}: ${redact(error.message)}` : typeof error}`,
  );
  return {
    code: 'internal',
    message: 'Something went wrong inside One-Shot Desk. The details are in the log.',
    problem: bridgeProblem(makeProblem('internalError')),
  };
}

function withFields(error: BridgeError, fields: Record<string, string[]> | undefined): BridgeError {
  return fields && Object.keys(fields).length > 0 ? { ...error, fields } : error;
}
