// External-authentication values (the `ext_unlock_value` of an approved method, and the customer's
// code when it differs) live in the OS keychain under the job, never in SQLite: a job must survive
// a crash to run unattended, and the database file is not a place for secrets. The entry goes when
// the job no longer needs it (signed, cancelled, removed); a sweep at start catches what a crash or
// a failed delete left behind.
import type { Keychain } from './keychain';

/** One service per data folder (its scope, kept in the database); the account is the job id. */
export const EXTERNAL_AUTH_SERVICE_PREFIX = 'oneshot-desk-job-auth/';

export interface ExternalSecret {
  value: string;
  /** The customer code sent as `secret`, when it is not the value itself. */
  secret?: string;
}

export class ExternalAuthVault {
  readonly service: string;

  constructor(
    private readonly keychain: Keychain,
    scope: string,
  ) {
    this.service = `${EXTERNAL_AUTH_SERVICE_PREFIX}${scope}`;
  }

  /** Keeps the job's value; a keychain that is unavailable throws KeychainUnavailableError. */
  keep(jobId: string, secret: ExternalSecret): Promise<void> {
    const kept: ExternalSecret = { value: secret.value };
    if (secret.secret !== undefined && secret.secret !== secret.value) kept.secret = secret.secret;
    return this.keychain.set(this.service, jobId, JSON.stringify(kept));
  }

  /** The job's value, or null when none is kept (or what is kept is unreadable). */
  async read(jobId: string): Promise<ExternalSecret | null> {
    const text = await this.keychain.get(this.service, jobId);
    if (text === null) return null;
    try {
      const parsed = JSON.parse(text) as { value?: unknown; secret?: unknown };
      if (typeof parsed.value !== 'string') return null;
      return typeof parsed.secret === 'string'
        ? { value: parsed.value, secret: parsed.secret }
        : { value: parsed.value };
    } catch {
      return null;
    }
  }

  /** True when a value was deleted. */
  forget(jobId: string): Promise<boolean> {
    return this.keychain.delete(this.service, jobId);
  }

  /** The jobs that have a value kept. */
  jobIds(): Promise<string[]> {
    return this.keychain.list(this.service);
  }
}
