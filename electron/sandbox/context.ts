// What every route of the simulator shares: its state, its CA, its files, its clock and settings.
import type { SandboxDialect } from './dialect';
import type { SandboxCa } from './pki/ca';
import type { DocumentFiles } from './files';
import type { SandboxStore } from './store';

export interface SandboxSettings {
  signMs: number;
  /** How long the background part of an async sign takes. */
  asyncSignMs: number;
  extAuthTypes: string[];
  /** Documents one request may hold; the real limit is not published. */
  maxDocumentsPerRequest: number;
  /**
   * Training and tests: files whose name contains this text are refused with 415, as a real
   * Optimizer refuses files for reasons of its own that the desk cannot check beforehand.
   */
  refuseNamesContaining?: string;
}

/**
 * How far the training clock may be moved in all: enough to expire any code or token, small enough
 * that every date stays printable (an offset of 1e308 s made every later answer a 500).
 */
export const MAX_CLOCK_OFFSET_SECONDS = 10 * 366 * 24 * 60 * 60;

export class SandboxClock {
  constructor(private offsetMs = 0) {}

  /**
   * The offset kept in the store, or none when what is stored is not a sane offset (a corrupt file
   * or one written before the bound existed): the sandbox keeps answering on the real clock.
   */
  static fromStored(stored: string | undefined, log: (line: string) => void): SandboxClock {
    if (stored === undefined) return new SandboxClock();
    const offsetMs = Number(stored);
    if (!Number.isSafeInteger(offsetMs) || offsetMs < 0 || offsetMs > MAX_CLOCK_OFFSET_SECONDS * 1000) {
      log(
        `Ignoring the stored clock offset ${JSON.stringify(stored.slice(0, 40))}: not a sane offset; using the real clock`,
      );
      return new SandboxClock();
    }
    return new SandboxClock(offsetMs);
  }

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }
}

export interface SandboxContext {
  store: SandboxStore;
  ca: SandboxCa;
  files: DocumentFiles;
  clock: SandboxClock;
  settings: SandboxSettings;
  /** Which published answer shapes the sandbox speaks. */
  dialect: SandboxDialect;
  /** Requests whose sign call is running now: a second concurrent sign is refused. */
  signing: Set<number>;
  /** Async signatures still running after their answer; stop() waits for them. */
  background: Set<Promise<void>>;
  /** Whether this committed sign is answered with a 500 anyway (--fail-after-sign-rate). */
  failAfterSign(): boolean;
  log(line: string): void;
}
