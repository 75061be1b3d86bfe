// What a refused code means, judged by the desk itself. The published service answers one 403
// "Confirmation Code invalid" for a wrong and for an expired code and publishes no attempt limit or
// lifetime, so the desk counts the wrong codes it sent and the code's age. A richer answer that does
// say how many attempts are left (some Optimizers do) is believed over the desk's own count.

/** How long the desk treats a code as usable after it was sent (not published; 5 minutes is usual). */
export const OTP_LIFETIME_MS = 5 * 60_000;
/** Wrong codes after which the desk asks for a new code rather than another try (not published). */
export const OTP_ATTEMPTS = 3;

export type CodeVerdict =
  | { kind: 'retype'; attemptsLeft: number }
  | { kind: 'expired' }
  | { kind: 'exhausted' };

export interface RefusedCode {
  /** Wrong codes for the current code, this one included. */
  wrongSoFar: number;
  /** When the current code was sent (ms since the epoch); NaN when not known. */
  sentAtMs: number;
  nowMs: number;
  /** What the Optimizer said was left, when it said so. */
  attemptsLeftSaid?: number;
}

export function judgeRefusedCode(refused: RefusedCode): CodeVerdict {
  const age = refused.nowMs - refused.sentAtMs;
  if (!Number.isFinite(age) || age >= OTP_LIFETIME_MS) return { kind: 'expired' };
  const left = refused.attemptsLeftSaid ?? OTP_ATTEMPTS - refused.wrongSoFar;
  return left > 0 ? { kind: 'retype', attemptsLeft: left } : { kind: 'exhausted' };
}

/** Whether a code sent at `sentAtMs` may still be used for a sign call. */
export function codeStillUsable(sentAtMs: number, nowMs: number): boolean {
  return Number.isFinite(sentAtMs) && nowMs - sentAtMs < OTP_LIFETIME_MS;
}
