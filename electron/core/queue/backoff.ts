// Retry timing: exponential backoff with "full jitter" (AWS architecture blog), so that many jobs
// failing together do not retry together.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  /** Retryable failures in a row (a successful call starts the count again) before the job is marked failed. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, maxAttempts: 12 };

/** The wait before attempt number `attempt` (1 = first retry): random in [cap/2, cap]. */
export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(cap / 2 + random() * (cap / 2));
}
