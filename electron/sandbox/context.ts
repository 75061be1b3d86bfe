// What every route of the simulator shares: its state, its CA, its files, its clock and settings.
import type { SandboxCa } from './pki/ca';
import type { DocumentFiles } from './files';
import type { SandboxStore } from './store';

export interface SandboxSettings {
  signMs: number;
  extAuthTypes: string[];
  /** Documents one request may hold; the real limit is not published. */
  maxDocumentsPerRequest: number;
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
  /** Requests whose sign call is running now: a second concurrent sign is refused. */
  signing: Set<number>;
  log(line: string): void;
}
