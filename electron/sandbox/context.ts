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

export class SandboxClock {
  constructor(private offsetMs = 0) {}

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
