// An Optimizer failure as the problem the renderer words: its kind, the step (call) that failed,
// the HTTP status and the server's own words (already redacted by errorFromResponse), each only
// when the failure has one.
import { problem, type OptimizerStep, type Problem } from '../../../shared/problems';
import type { OptimizerError, OptimizerRoute } from './errors';

// Routes and steps are one list: a route added without a step fails the typecheck here.
const asStep = (route: OptimizerRoute): OptimizerStep => route;

export function optimizerProblem(error: OptimizerError): Problem {
  const step = asStep(error.route);
  const words = error.serverMessage ? { serverWords: error.serverMessage } : {};
  const status = error.status === undefined || error.status === 0 ? {} : { status: error.status };
  switch (error.kind) {
    case 'offline':
      return problem('optimizerOffline', { step });
    case 'timeout':
      return problem('optimizerTimeout', { step });
    case 'tls':
      return problem('optimizerTls', { step });
    case 'auth':
      return problem('optimizerAuth', { step, ...words });
    case 'validation':
      return problem('optimizerRefused', { step, ...status, ...words });
    case 'not_found':
      return problem('optimizerNotFound', { step, ...words });
    case 'conflict_state':
      return problem('optimizerConflict', { step, ...words });
    case 'unsupported_media':
      return problem('optimizerUnsupportedMedia', { step });
    case 'unknown_outcome':
      return problem('optimizerUnknownOutcome', { step });
    case 'otp_wrong':
      return problem(
        'otpWrong',
        error.attemptsLeft === undefined ? {} : { attemptsLeft: error.attemptsLeft },
      );
    case 'otp_expired':
      return problem('otpExpired');
    case 'otp_cooldown':
      return problem('otpCooldown');
    case 'otp_locked':
      return problem('otpLocked');
    case 'server':
      return problem('optimizerFailed', { step, ...status, ...words });
  }
}
