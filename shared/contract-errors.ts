// How a bridge operation fails: a code the UI translates, a message for a person, the fields at
// fault, and optionally the problem as a code with its values for the UI to word itself.
import { z } from 'zod';

/** Codes the UI translates; the message is for a person and never holds a stack or a secret. */
export const ERROR_CODES = [
  'validation',
  'not_found',
  'conflict',
  'offline',
  'timeout',
  'tls',
  'auth',
  'otp_wrong',
  'otp_expired',
  'otp_cooldown',
  'otp_locked',
  'unsupported_media',
  'server',
  'unknown_outcome',
  'keychain_unavailable',
  'forbidden',
  'unsupported',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

const problemSchema = z.object({
  code: z.string(),
  values: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const bridgeErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  fields: z.record(z.string(), z.array(z.string())).optional(),
  /**
   * The same refusal as a code and its values (paths, limits; never a secret), for the screens
   * that word it in the RAO's language; the message stays the English fallback.
   */
  problem: problemSchema.optional(),
  /**
   * Each field's problems (shared/problems.ts' fieldInvalid…), keyed like `fields`, for the screens
   * to word instead of the English in `fields`.
   */
  fieldProblems: z.record(z.string(), z.array(problemSchema)).optional(),
});
export type BridgeError = z.infer<typeof bridgeErrorSchema>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: BridgeError };
