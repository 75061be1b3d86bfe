// What a step of a job may use: the store, the job's Optimizer, the RAO's token, the verifier,
// the sealed ID images, the in-memory OTP codes (never persisted) and a way to report progress.
import type { Store } from '../store/index';
import type { IdImageStore } from '../vault/id-images';
import type { QueueEvent } from './events';
import type { QueueOptimizer, SignedPdfVerifier } from './optimizer-port';
import type { Slots } from './slots';

export interface StepContext {
  store: Store;
  optimizer: QueueOptimizer;
  token(): Promise<string>;
  verify: SignedPdfVerifier;
  /** ID images sealed by the desk for its jobs; absent where none are kept (e.g. some tests). */
  idImages?: IdImageStore;
  signal: AbortSignal;
  /** The profile's slots for per-document calls, shared by all its jobs (slots.ts). */
  slots: Slots;
  emit(event: QueueEvent): void;
  /** OTPs typed by the signer, by job id; memory only, gone with the process. */
  codes: Map<string, string>;
  /**
   * Jobs whose move to `signing` was made by this process for a sign call not yet sent. A job in
   * `signing` without it is one whose outcome is unknown: it is reconciled, never signed blindly.
   */
  signIntents: Set<string>;
  now(): number;
  /** A call of this step succeeded: the count of failures in a row starts again. */
  progressed(): void;
}

/** `continue`: the job moved on and its next step may run now. `wait`: it waits for a person. */
export type StepResult = 'continue' | 'wait';
