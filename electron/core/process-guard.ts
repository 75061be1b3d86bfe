// The last line of defence for the desk's Node processes (Electron's main process, the browser host,
// the CLI): an uncaught exception or an unhandled rejection is recorded in the data folder's log
// instead of ending the process silently. The queue needs nothing more to stay consistent: every
// transition is one SQLite transaction, so a step cut short leaves its job in the state it was in,
// which the recovery rules (ARCHITECTURE §4) resume from.
import { appendFileSync, chmodSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { redact } from './redact';
import { keychainIdle } from './vault/keychain';

export type FaultKind = 'uncaughtException' | 'unhandledRejection';

export interface GuardOptions {
  /** The data folder; the log is `<dataDir>/logs/desk.log`. Unknown yet: stderr only. */
  dataDir: () => string | undefined;
  /**
   * What the process does after recording: a server (host, Electron) keeps serving; a command (CLI)
   * says so in one line and exits 1.
   */
  afterFault: 'keepRunning' | 'exit';
  /** Where a person reads it (stderr by default). */
  say?: (line: string) => void;
  exit?: (code: number) => void;
}

export interface ProcessGuard {
  /** Where the log is written, when the data folder is known. */
  logFile(): string | undefined;
  uninstall(): void;
}

/** The CLI's `--data DIR` (or `--data=DIR`), read before its options are parsed: where to log. */
export function dataDirOption(argv: readonly string[]): string | undefined {
  const i = argv.indexOf('--data');
  const value = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--data='))?.slice('--data='.length);
  return value ? resolve(value) : undefined;
}

/**
 * Ends the process once no keychain call is in flight (3 s at most): gnome-keyring 42 aborts when a
 * client leaves in the middle of a Secret Service call, and comes back locked for every other
 * program of the session. Every way out of the CLI and the browser host goes through here.
 */
export function exitWhenKeychainIdle(code: number): void {
  void keychainIdle(3_000).finally(() => process.exit(code));
}

export const logFileIn = (dataDir: string): string => join(dataDir, 'logs', 'desk.log');

/** The error as one log entry: what, when, message and stack, with anything uid-shaped hidden. */
function entry(kind: FaultKind, error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  return `${JSON.stringify({ at: new Date().toISOString(), kind, error: redact(text) })}\n`;
}

/** Appends to the log, made 0600 in a 0700 folder whatever the umask; never throws. */
function append(dataDir: string | undefined, line: string): string | undefined {
  if (dataDir === undefined) return undefined;
  try {
    const file = logFileIn(dataDir);
    mkdirSync(join(dataDir, 'logs'), { recursive: true, mode: 0o700 });
    appendFileSync(file, line, { mode: 0o600 });
    chmodSync(file, 0o600);
    return file;
  } catch {
    return undefined;
  }
}

export function guardProcess(options: GuardOptions): ProcessGuard {
  const say = options.say ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const exit = options.exit ?? exitWhenKeychainIdle;
  let exiting = false;
  const onFault = (kind: FaultKind) => (error: unknown) => {
    const file = append(options.dataDir(), entry(kind, error));
    const where = file ? ` (recorded in ${file})` : '';
    const message = redact(error instanceof Error ? error.message : String(error));
    if (options.afterFault === 'keepRunning') {
      say(`One-Shot Desk: unexpected error, the desk goes on: ${message}${where}`);
      return;
    }
    if (exiting) return;
    exiting = true;
    say(
      `One-Shot Desk: unexpected error: ${message}${where}. Unfinished jobs are kept; run \`resume\` to go on.`,
    );
    exit(1);
  };
  const onException = onFault('uncaughtException');
  const onRejection = onFault('unhandledRejection');
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return {
    logFile: () => {
      const dir = options.dataDir();
      return dir === undefined ? undefined : logFileIn(dir);
    },
    uninstall: () => {
      process.off('uncaughtException', onException);
      process.off('unhandledRejection', onRejection);
    },
  };
}
