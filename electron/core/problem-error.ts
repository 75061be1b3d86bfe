// A refusal core makes on purpose (a job that can no longer be cancelled, a code typed at the wrong
// moment…): the problem the renderer words in the RAO's language, the bridge's error code, and an
// English sentence for the log. The bridge passes the problem on; `internal` stays for real bugs.
import type { ErrorCode } from '../../shared/contract-errors';
import { problem, type Problem, type ProblemArgs, type ProblemCode } from '../../shared/problems';

export class ProblemError extends Error {
  override readonly name = 'ProblemError';

  constructor(
    readonly code: ErrorCode,
    readonly problem: Problem,
    /** For logs and the CLI: English, never a secret. */
    message: string,
  ) {
    super(message);
  }
}

/** A ProblemError typed by its problem code: `refused('conflict', 'cancelTooLate', '…', { label })`. */
export function refused<C extends ProblemCode>(
  code: ErrorCode,
  problemCode: C,
  message: string,
  ...values: ProblemArgs<C>
): ProblemError {
  return new ProblemError(code, problem(problemCode, ...values) as Problem, message);
}
