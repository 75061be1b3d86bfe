// What the vault can fail with. Every message is written for a person and never carries a token
// uid, a password or a PIN: these errors cross IPC and land in logs.
import type { Problem } from '../../../shared/problems';

/** Why no secure keychain can be used; the UI may pick its own wording from it. */
export type KeychainUnavailableReason =
  /** No D-Bus session or no Secret Service provider (Linux), or the system keychain refused. */
  | 'unreachable'
  /** The keyring is locked and unlocking it was refused, dismissed or impossible. */
  | 'locked'
  /** A Secret Service answers but has no default keyring to keep secrets in. */
  | 'not_set_up'
  /** The keychain did not answer in time (often: waiting for an unlock prompt). */
  | 'timeout'
  /** The keychain accepted a test secret but did not give it back intact. */
  | 'broken';

const REFUSAL =
  'One-Shot Desk refuses to store RAO tokens in a plain file, so it cannot keep a token until a secure keychain works.';

/** A keychain operation failed for a reason other than the keychain being unavailable. */
export class KeychainError extends Error {
  override readonly name: string = 'KeychainError';
  readonly code: 'keychain_failed' | 'keychain_unavailable' = 'keychain_failed';
  /** The library's own words, for logs and support (never a secret). */
  readonly detail: string | undefined;

  constructor(message: string, detail?: string) {
    super(message);
    this.detail = detail;
  }
}

export class KeychainUnavailableError extends KeychainError {
  override readonly name = 'KeychainUnavailableError';
  override readonly code = 'keychain_unavailable';

  constructor(
    readonly reason: KeychainUnavailableReason,
    detail?: string,
    platform: NodeJS.Platform = process.platform,
    timeoutMs?: number,
  ) {
    super(`${explain(reason, platform, timeoutMs)} ${REFUSAL}`, detail);
  }
}

function explain(reason: KeychainUnavailableReason, platform: NodeJS.Platform, timeoutMs?: number): string {
  const secretService = platform !== 'darwin' && platform !== 'win32';
  const install = secretService
    ? 'on Linux install and unlock GNOME Keyring or KWallet (a Secret Service provider) in your desktop session'
    : platform === 'darwin'
      ? 'unlock your login keychain in Keychain Access'
      : 'check that Windows Credential Manager is working for your user account';
  switch (reason) {
    case 'unreachable':
      return secretService
        ? `No secure keychain (Secret Service) is available on this computer: ${install}.`
        : `The system keychain cannot be used on this computer: ${install}.`;
    case 'locked':
      return `The keychain is locked and could not be unlocked: ${install}, then try again.`;
    case 'not_set_up':
      return (
        'The keychain has no default keyring to keep secrets in: open your keyring manager ' +
        '(for example “Passwords and Keys”) and create or unlock the “Login” keyring, then try again.'
      );
    case 'timeout': {
      const seconds = timeoutMs === undefined ? 'in time' : `within ${Math.ceil(timeoutMs / 1000)} s`;
      return (
        `The keychain did not answer ${seconds}. If your computer asks you to unlock a keyring, ` +
        `unlock it and try again; otherwise ${install}.`
      );
    }
    case 'broken':
      return `The keychain did not give back a test secret intact: ${install}.`;
  }
}

/** No token is stored for this RAO in this profile: the RAO has to sign in (create a token) again. */
export class TokenMissingError extends Error {
  override readonly name = 'TokenMissingError';
  readonly code = 'token_missing';

  constructor(
    readonly profileId: string,
    readonly username: string,
  ) {
    super(`No token is stored on this computer for the RAO “${username}” in this profile: sign in again.`);
  }
}

export type TokenVaultErrorCode =
  /** A profile id or username that cannot be used (empty, reserved…). */
  | 'invalid_input'
  /** The Optimizer says the token belongs to another RAO username. */
  | 'username_mismatch'
  /** The Optimizer does not know the token (deleted or never issued). */
  | 'token_unknown'
  /** The Optimizer call failed; `kind` says how (offline, auth, server…). */
  | 'optimizer_failed';

/**
 * A TokenVault operation failed. Optimizer errors are re-issued as this error with their `kind`
 * but without their message's secrets, and without `cause` (an inspected cause would print it).
 */
export class TokenVaultError extends Error {
  override readonly name = 'TokenVaultError';

  constructor(
    readonly code: TokenVaultErrorCode,
    message: string,
    /** The Optimizer error's kind (e.g. 'offline', 'not_found', 'auth'), when one caused this. */
    readonly kind?: string,
    /** True when the same call may simply be tried again later (e.g. the Optimizer was offline). */
    readonly retryable = false,
    /** The same failure as the renderer words it, when there is one for it. */
    readonly problem?: Problem,
  ) {
    super(message);
  }
}
