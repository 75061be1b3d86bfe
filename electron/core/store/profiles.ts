// Optimizer profiles: where an Optimizer is and how to trust it. Not secret (the token is in the
// keychain); the CA certificate and pin are public data.
import { appendEvent } from './audit';
import type { Db } from './database';

export interface OptimizerProfileRecord {
  id: string;
  name: string;
  baseUrl: string;
  env: 'sandbox' | 'prod';
  caPem: string | null;
  pinSha256: string | null;
  defaultRegistrationAuthority: string | null;
  defaultProfile: string | null;
  createdAt: string;
}

interface ProfileRow {
  id: string;
  name: string;
  base_url: string;
  env: 'sandbox' | 'prod';
  ca_pem: string | null;
  pin_sha256: string | null;
  default_registration_authority: string | null;
  default_profile: string | null;
  created_at: string;
}

const toRecord = (r: ProfileRow): OptimizerProfileRecord => ({
  id: r.id,
  name: r.name,
  baseUrl: r.base_url,
  env: r.env,
  caPem: r.ca_pem,
  pinSha256: r.pin_sha256,
  defaultRegistrationAuthority: r.default_registration_authority,
  defaultProfile: r.default_profile,
  createdAt: r.created_at,
});

export class ProfileStore {
  constructor(readonly db: Db) {}

  list(): OptimizerProfileRecord[] {
    return (this.db.prepare('SELECT * FROM profiles ORDER BY created_at').all() as ProfileRow[]).map(
      toRecord,
    );
  }

  get(id: string): OptimizerProfileRecord | undefined {
    const row = this.db.prepare('SELECT * FROM profiles WHERE id = ?').get(id) as ProfileRow | undefined;
    return row ? toRecord(row) : undefined;
  }

  /** Removes a profile; false when it had jobs (they keep their Optimizer) or did not exist. */
  remove(id: string): boolean {
    return this.db.transaction(() => {
      const used = this.db.prepare('SELECT 1 FROM jobs WHERE profile_id = ? LIMIT 1').get(id);
      if (used) return false;
      const removed = this.db.prepare('DELETE FROM profiles WHERE id = ?').run(id).changes > 0;
      if (removed) appendEvent(this.db, null, 'profile.removed', { id });
      return removed;
    })();
  }

  /**
   * Inserts or replaces a profile. `tokens` records what the RAO chose for the tokens it held when
   * its address, CA or pin changed.
   */
  save(
    profile: Omit<OptimizerProfileRecord, 'createdAt'>,
    options: { tokens?: 'kept' | 'forgotten' } = {},
  ): OptimizerProfileRecord {
    const existing = this.get(profile.id);
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO profiles (id, name, base_url, env, ca_pem, pin_sha256, default_registration_authority, default_profile, created_at)
           VALUES (@id, @name, @baseUrl, @env, @caPem, @pinSha256, @defaultRegistrationAuthority, @defaultProfile, @createdAt)
           ON CONFLICT(id) DO UPDATE SET name = excluded.name, base_url = excluded.base_url, env = excluded.env,
             ca_pem = excluded.ca_pem, pin_sha256 = excluded.pin_sha256,
             default_registration_authority = excluded.default_registration_authority, default_profile = excluded.default_profile`,
        )
        .run({ ...profile, createdAt: existing?.createdAt ?? new Date().toISOString() });
      appendEvent(this.db, null, existing ? 'profile.updated' : 'profile.created', {
        id: profile.id,
        name: profile.name,
        baseUrl: profile.baseUrl,
        env: profile.env,
        customCa: profile.caPem !== null,
        pinned: profile.pinSha256 !== null,
        ...(options.tokens ? { tokens: options.tokens } : {}),
      });
    })();
    return this.get(profile.id) as OptimizerProfileRecord;
  }
}
