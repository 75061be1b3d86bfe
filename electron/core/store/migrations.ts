// The schema, one entry per version. Never edit a released entry: add a new one.
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE profiles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    base_url TEXT NOT NULL,
    env TEXT NOT NULL DEFAULT 'sandbox',
    ca_pem TEXT,
    pin_sha256 TEXT,
    default_registration_authority TEXT,
    default_profile TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE jobs (
    id TEXT PRIMARY KEY,
    profile_id TEXT NOT NULL REFERENCES profiles(id),
    rao_username TEXT NOT NULL,
    batch_id TEXT,
    label TEXT NOT NULL,
    state TEXT NOT NULL,
    failed_step TEXT,
    error_json TEXT,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER,
    paused INTEGER NOT NULL DEFAULT 0,
    signer_json TEXT NOT NULL,
    auth_json TEXT NOT NULL,
    signature_json TEXT,
    output_dir TEXT NOT NULL,
    name_template TEXT NOT NULL,
    request_pk TEXT,
    contract_path TEXT,
    otp_sent_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX jobs_by_state ON jobs(state);
  CREATE INDEX jobs_by_batch ON jobs(batch_id);
  CREATE TABLE job_documents (
    job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    filename TEXT NOT NULL,
    size INTEGER NOT NULL,
    pages INTEGER NOT NULL,
    signature_json TEXT,
    upload_state TEXT NOT NULL DEFAULT 'pending',
    remote_uid TEXT,
    output_path TEXT,
    signed_sha256 TEXT,
    signer_name TEXT,
    verified_at TEXT,
    remote_deleted INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (job_id, position)
  );
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    job_id TEXT,
    kind TEXT NOT NULL,
    data_json TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  );
  CREATE INDEX events_by_job ON events(job_id);
  CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
  CREATE TABLE settings (key TEXT PRIMARY KEY, value_json TEXT NOT NULL);
  `,
  // 2: where stamps go (a job's rule, a document's own box, the resolved stamp), saved designs, and
  // documents found by content (retention asks which jobs still use a file).
  `
  ALTER TABLE jobs ADD COLUMN placement_json TEXT;
  ALTER TABLE jobs ADD COLUMN template_id TEXT;
  ALTER TABLE job_documents ADD COLUMN placement_json TEXT;
  ALTER TABLE job_documents ADD COLUMN stamp_json TEXT;
  CREATE INDEX job_documents_by_sha256 ON job_documents(sha256);
  CREATE TABLE templates (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    design_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  // 3: what the desk learns by itself where the service says little: a job in async mode and the
  // moment its sign call was accepted (so a restart polls instead of signing again), the wrong codes
  // typed since the last one was sent, and a document the Optimizer refused (its own words).
  `
  ALTER TABLE jobs ADD COLUMN async_mode INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE jobs ADD COLUMN sign_accepted_at TEXT;
  ALTER TABLE jobs ADD COLUMN otp_wrong_attempts INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE job_documents ADD COLUMN refusal TEXT;
  `,
  // 4: this database's own name in the OS keychain, under which its jobs' external-authentication
  // values are kept (JobStore.useKeychain moves any value older versions left in auth_json there).
  `
  CREATE TABLE keychain_scope (id TEXT PRIMARY KEY);
  INSERT INTO keychain_scope (id) VALUES (lower(hex(randomblob(16))));
  `,
];
