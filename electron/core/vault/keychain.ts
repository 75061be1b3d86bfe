// The OS keychain behind one small interface: macOS Keychain, Windows Credential Manager, and on
// Linux the Secret Service (GNOME Keyring, KWallet…) only. There is no file fallback, and on Linux
// the kernel keyutils fallback of @napi-rs/keyring is refused too: it forgets everything at logout.
import { randomBytes, randomUUID } from 'node:crypto';
import type * as Keyring from '@napi-rs/keyring';
import { KeychainError, KeychainUnavailableError, type KeychainUnavailableReason } from './errors';
import { checkSessionBus } from './session-bus';

/** Secrets by service and account. Every call goes to the keychain; nothing is cached. */
export interface Keychain {
  /** The secret, or null when there is none. */
  get(service: string, account: string): Promise<string | null>;
  /** Adds or replaces the secret. */
  set(service: string, account: string, secret: string): Promise<void>;
  /** True when a secret was deleted, false when there was none. */
  delete(service: string, account: string): Promise<boolean>;
  /** The accounts that hold a secret under this service, sorted. */
  list(service: string): Promise<string[]>;
}

export type KeychainBackend = 'secret-service' | 'macos-keychain' | 'windows-credential-manager';

export interface OsKeychainOptions {
  /** Deadline for one keychain call; an unlock prompt may be waiting on the person. Default 30 s. */
  timeoutMs?: number;
  /**
   * List accounts from the account index alone, as on a keychain that cannot be searched. The
   * index is always kept; by default it only completes what a search of the keychain finds.
   */
  listFromIndexOnly?: boolean;
}

/** The account, under each service, that holds the list of its accounts (labels, not secrets). */
export const INDEX_ACCOUNT = '__index__';
/** Where checkKeychainAvailable writes, reads back and deletes its test secret. */
export const PROBE_SERVICE = 'oneshot-desk/probe';

const DEFAULT_TIMEOUT_MS = 30_000;
const BUS_TIMEOUT_MS = 5_000;
const SECRET_SERVICE_PLATFORMS: readonly NodeJS.Platform[] = ['linux', 'freebsd', 'openbsd'];
const ENTRY_OPTIONS: Keyring.EntryOptions | undefined =
  process.platform === 'linux' ? { linux: { store: 'secret-service' } } : undefined;

type KeyringLibrary = typeof Keyring;
/** Library calls not yet answered, so the process can wait for them before it exits. */
const inFlight = new Set<Promise<unknown>>();

/**
 * Resolves once every keychain call of this process has been answered, or after `timeoutMs`.
 * A process that exits in the middle of a Secret Service call makes gnome-keyring 42 abort
 * ("assertion 'client' failed"); D-Bus then starts a new daemon with the login keyring locked,
 * and every program of the session meets an unlock prompt. So the desk waits before it exits.
 */
export async function keychainIdle(timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  // A method may make several calls in a row: the next one starts within a turn of the last.
  for (await turn(); inFlight.size > 0 && Date.now() < deadline; await turn()) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...inFlight]),
      new Promise((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now())))),
    ]);
    clearTimeout(timer);
  }
}
let library: Promise<KeyringLibrary> | undefined;
/** Index updates are read-modify-write: one at a time per service in this process. */
const indexQueues = new Map<string, Promise<void>>();

export class OsKeychain implements Keychain {
  readonly backend: KeychainBackend =
    process.platform === 'darwin'
      ? 'macos-keychain'
      : process.platform === 'win32'
        ? 'windows-credential-manager'
        : 'secret-service';
  private readonly timeoutMs: number;
  private readonly listFromIndexOnly: boolean;
  private busChecked: Promise<void> | undefined;

  constructor(options: OsKeychainOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.listFromIndexOnly = options.listFromIndexOnly ?? false;
  }

  async get(service: string, account: string): Promise<string | null> {
    checkName(service, account);
    return this.rawGet(service, account);
  }

  async set(service: string, account: string, secret: string): Promise<void> {
    checkName(service, account);
    // Index first: an index naming an account without a secret is harmless (list checks it).
    await this.updateIndex(service, (accounts) => {
      if (accounts.has(account)) return false;
      accounts.add(account);
      return true;
    });
    await this.call('store a secret', (lib, signal) =>
      entry(lib, service, account).setPassword(secret, signal),
    );
  }

  async delete(service: string, account: string): Promise<boolean> {
    checkName(service, account);
    const deleted = await this.rawDelete(service, account);
    // A stale index line is harmless (list checks it), so a failure here does not undo the delete.
    await this.updateIndex(service, (accounts) => accounts.delete(account)).catch(() => undefined);
    return deleted;
  }

  async list(service: string): Promise<string[]> {
    checkName(service, 'list');
    const indexed = await this.readIndex(service);
    const found = new Set<string>();
    if (!this.listFromIndexOnly) {
      try {
        const credentials = await this.call('search the keychain', (lib, signal) =>
          lib.findCredentialsAsync(service, null, signal),
        );
        for (const c of credentials) if (c.account !== INDEX_ACCOUNT) found.add(c.account);
      } catch (error) {
        if (error instanceof KeychainUnavailableError) throw error;
        // A keychain that cannot be searched: the index below is the list.
      }
    }
    for (const account of indexed) {
      if (found.has(account)) continue;
      // Named by the index but not found (or not searched): believe only a secret that is there.
      if ((await this.rawGet(service, account)) !== null) found.add(account);
    }
    return [...found].sort();
  }

  /**
   * Proves that a secure backend works: writes a random secret under PROBE_SERVICE, reads it back
   * and deletes it. Throws KeychainUnavailableError otherwise.
   */
  async probe(): Promise<KeychainBackend> {
    this.busChecked = undefined;
    const account = `probe-${randomUUID()}`;
    const secret = randomBytes(24).toString('base64url');
    try {
      await this.call('store a test secret', (lib, signal) =>
        entry(lib, PROBE_SERVICE, account).setPassword(secret, signal),
      );
      let readBack: string | null;
      try {
        readBack = await this.rawGet(PROBE_SERVICE, account);
      } finally {
        await this.rawDelete(PROBE_SERVICE, account).catch(() => undefined);
      }
      if (readBack !== secret)
        throw new KeychainUnavailableError('broken', 'the test secret read back differs');
      if ((await this.rawGet(PROBE_SERVICE, account)) !== null)
        throw new KeychainUnavailableError('broken', 'the test secret is still there after deleting it');
      return this.backend;
    } catch (error) {
      if (error instanceof KeychainUnavailableError) throw error;
      throw new KeychainUnavailableError(
        'unreachable',
        error instanceof KeychainError ? error.detail : String(error),
      );
    }
  }

  private rawGet(service: string, account: string): Promise<string | null> {
    return this.call('read a secret', (lib, signal) => entry(lib, service, account).getPassword(signal));
  }

  private rawDelete(service: string, account: string): Promise<boolean> {
    return this.call('delete a secret', (lib, signal) =>
      entry(lib, service, account).deleteCredential(signal),
    );
  }

  private async readIndex(service: string): Promise<string[]> {
    const text = await this.rawGet(service, INDEX_ACCOUNT);
    if (text === null) return [];
    try {
      const parsed = JSON.parse(text) as { accounts?: unknown };
      return Array.isArray(parsed.accounts)
        ? parsed.accounts.filter((a): a is string => typeof a === 'string' && a !== INDEX_ACCOUNT)
        : [];
    } catch {
      return [];
    }
  }

  /** `change` edits the set and says whether it changed anything. */
  private updateIndex(service: string, change: (accounts: Set<string>) => boolean): Promise<void> {
    const run = async (): Promise<void> => {
      const accounts = new Set(await this.readIndex(service));
      if (!change(accounts)) return;
      if (accounts.size === 0) {
        await this.rawDelete(service, INDEX_ACCOUNT);
        return;
      }
      const text = JSON.stringify({ accounts: [...accounts].sort() });
      await this.call('update the account index', (lib, signal) =>
        entry(lib, service, INDEX_ACCOUNT).setPassword(text, signal),
      );
    };
    const next = (indexQueues.get(service) ?? Promise.resolve()).then(run, run);
    indexQueues.set(service, next);
    const forget = (): void => {
      if (indexQueues.get(service) === next) indexQueues.delete(service);
    };
    void next.then(forget, forget);
    return next;
  }

  /** One library call with a deadline, after making sure the session bus answers (Linux). */
  private call<T>(what: string, run: (lib: KeyringLibrary, signal: AbortSignal) => Promise<T>): Promise<T> {
    const work = this.callNow(what, run);
    inFlight.add(work);
    const forget = (): void => void inFlight.delete(work);
    work.then(forget, forget);
    return work;
  }

  private async callNow<T>(
    what: string,
    run: (lib: KeyringLibrary, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    await this.ensureBus();
    const lib = await loadLibrary();
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new KeychainUnavailableError('timeout', `no answer to "${what}"`, process.platform, this.timeoutMs),
        );
      }, this.timeoutMs);
    });
    try {
      // Entry constructors throw synchronously; inside then() that becomes a rejection.
      const work = Promise.resolve().then(() => runPastVanishedItems(() => run(lib, controller.signal)));
      work.catch(() => undefined); // it may settle after the deadline won
      return await Promise.race([work, deadline]);
    } catch (error) {
      throw toKeychainError(error, what, this.timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  private ensureBus(): Promise<void> {
    if (!SECRET_SERVICE_PLATFORMS.includes(process.platform)) return Promise.resolve();
    this.busChecked ??= (async () => {
      const timeoutMs = Math.min(this.timeoutMs, BUS_TIMEOUT_MS);
      const bus = await checkSessionBus(timeoutMs);
      if (bus.state === 'unreachable') throw new KeychainUnavailableError('unreachable', bus.detail);
      if (bus.state === 'silent')
        throw new KeychainUnavailableError('timeout', bus.detail, process.platform, timeoutMs);
    })();
    const checked = this.busChecked;
    // Check again next time after a failure: the session may come up later.
    checked.catch(() => {
      if (this.busChecked === checked) this.busChecked = undefined;
    });
    return checked;
  }
}

/** Proves that a secure keychain works on this computer, or throws KeychainUnavailableError. */
export async function checkKeychainAvailable(
  options: OsKeychainOptions = {},
): Promise<{ backend: KeychainBackend }> {
  return { backend: await new OsKeychain(options).probe() };
}

/**
 * A search or lookup finds an item's path, then reads it; another program (or this one) deleting
 * that item in between makes the Secret Service answer "no such interface on object …". That is
 * not a broken keychain: the same call again sees the keychain as it now is.
 */
const VANISHED_ITEM = /UnknownMethod|UnknownObject|no such (interface|object)/i;
const VANISHED_ITEM_RETRIES = 12;

async function runPastVanishedItems<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      if (!VANISHED_ITEM.test(detail)) throw error;
      // Still churning: a failed read, never "no keychain" (list() then trusts its index).
      if (attempt >= VANISHED_ITEM_RETRIES)
        throw new KeychainError('The keychain kept changing while it was being read.', detail);
      // Let the other program's deletion finish; a little longer each time it is caught again.
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

function entry(lib: KeyringLibrary, service: string, account: string): Keyring.AsyncEntry {
  return new lib.AsyncEntry(service, account, ENTRY_OPTIONS);
}

async function loadLibrary(): Promise<KeyringLibrary> {
  library ??= import('@napi-rs/keyring');
  try {
    return await library;
  } catch (error) {
    library = undefined;
    throw new KeychainUnavailableError(
      'unreachable',
      `the keychain library could not be loaded: ${String(error)}`,
    );
  }
}

function checkName(service: string, account: string): void {
  if (service.trim() === '' || account.trim() === '' || account === INDEX_ACCOUNT)
    throw new KeychainError(
      `A keychain entry needs a service and an account name other than "${INDEX_ACCOUNT}".`,
    );
}

/** Library failures by their words: unavailable for the reasons a person can fix, else failed. */
function toKeychainError(error: unknown, what: string, timeoutMs: number): KeychainError {
  if (error instanceof KeychainError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const reason = unavailableReason(error, detail);
  if (reason !== undefined) return new KeychainUnavailableError(reason, detail, process.platform, timeoutMs);
  return new KeychainError(`The keychain could not ${what}.`, detail);
}

function unavailableReason(error: unknown, detail: string): KeychainUnavailableReason | undefined {
  if (error instanceof Error && error.name === 'AbortError') return 'timeout';
  if (/no result found|no default collection/i.test(detail)) return 'not_set_up';
  if (/\b(object )?locked\b|prompt was dismissed|user canceled|interaction not allowed/i.test(detail))
    return 'locked';
  if (
    /d-?bus|secret service|no .*provider|failed to connect|did not receive a reply|autolaunch|platform storage|no storage access|access ?denied/i.test(
      detail,
    )
  )
    return 'unreachable';
  return undefined;
}
