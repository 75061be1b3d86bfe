// Jobs and their documents in SQLite. Every change of state is one transaction that also appends
// its audit event, so what the log says and what the queue will do next never disagree.
import { randomUUID } from 'node:crypto';
import { canTransition, TransitionError, type JobState, type JobStep } from '../../../shared/job';
import type { ExactPlacement, Placement, Stamp } from '../../../shared/contract-appearance';
import { problem } from '../../../shared/problems';
import type { SignatureParams } from '../../../shared/signature';
import { ExternalAuthVault } from '../vault/external-auth';
import type { Keychain } from '../vault/keychain';
import { appendEvent } from './audit';
import type { Db } from './database';
import {
  DEFAULT_NAME_TEMPLATE,
  externalSecretOf,
  publicAuth,
  type ExternalValueKeeper,
  type StoredAuth,
  toJobRecord,
  type DocumentChanges,
  type DocumentRow,
  type DraftChanges,
  type JobChanges,
  type JobRecord,
  type JobRow,
  type NewJob,
} from './job-records';

export { DEFAULT_NAME_TEMPLATE };
export type {
  DocumentChanges,
  DraftChanges,
  JobChanges,
  JobDocument,
  JobError,
  JobRecord,
  NewJob,
  SignerImages,
} from './job-records';
import { refused } from '../problem-error';

export interface JobFilter {
  states?: readonly JobState[];
  batchId?: string;
}

function whereClause(filter: JobFilter): { where: string; args: unknown[] } {
  const where: string[] = [];
  const args: unknown[] = [];
  if (filter.states) {
    // An empty list matches nothing rather than everything.
    where.push(filter.states.length ? `state IN (${filter.states.map(() => '?').join(',')})` : '0');
    args.push(...filter.states);
  }
  if (filter.batchId) {
    where.push('batch_id = ?');
    args.push(filter.batchId);
  }
  return { where: where.length ? `WHERE ${where.join(' AND ')}` : '', args };
}

/** States from which a job never signs again: its external value has done its work. */
const VALUE_SPENT: ReadonlySet<JobState> = new Set([
  'signed',
  'downloading',
  'saved',
  'cleaning',
  'done',
  'cancelled',
]);

export class ExternalValueMissingError extends Error {
  override readonly name = 'ExternalValueMissingError';
  readonly problem = problem('externalValueMissing');
}

export class JobStore {
  /** External values' home (the OS keychain); none until `useKeychain`. */
  private externalValues: ExternalValueKeeper | undefined;

  constructor(readonly db: Db) {
    // Deleted rows and blanked values are overwritten in the file, not left in free pages.
    db.pragma('secure_delete = ON');
  }

  /**
   * Keeps external-authentication values in this keychain from now on, moves any that an older
   * version left in SQLite there (then rewrites the file so no copy stays in it or its WAL), and
   * deletes the values of jobs that no longer need them (a crash or a failed delete left them).
   */
  async useKeychain(keychain: Keychain): Promise<{ moved: number; swept: number }> {
    const vault = new ExternalAuthVault(keychain, this.keychainScope());
    this.externalValues = vault;
    const moved = await this.moveClearValues(vault);
    const swept = await this.sweepExternalValues(vault);
    return { moved, swept };
  }

  /** Several jobs in one transaction: a batch is queued whole or not at all. */
  createMany(jobs: NewJob[]): JobRecord[] {
    for (const job of jobs) refuseClearValue(job.auth);
    const ids = this.db.transaction(() => jobs.map((job) => this.insert(job, randomUUID(), false)))();
    return ids.map((id) => this.get(id));
  }

  /** A job without an external value (see `add` for one with it). */
  create(job: NewJob): JobRecord {
    refuseClearValue(job.auth);
    return this.get(this.db.transaction(() => this.insert(job, randomUUID(), false))());
  }

  /**
   * Creates jobs whose external values go to the keychain first, under each job's id: a keychain
   * that cannot keep them refuses the whole lot (KeychainUnavailableError) and nothing is created.
   */
  async addMany(jobs: NewJob[]): Promise<JobRecord[]> {
    const ids = jobs.map(() => randomUUID());
    const kept: string[] = [];
    try {
      for (const [i, job] of jobs.entries()) {
        const secret = externalSecretOf(job.auth);
        if (!secret) continue;
        await this.requireKeeper().keep(ids[i] as string, secret);
        kept.push(ids[i] as string);
      }
      this.db.transaction(() =>
        jobs.forEach((job, i) => this.insert(job, ids[i] as string, kept.includes(ids[i] as string))),
      )();
    } catch (error) {
      const keeper = this.externalValues;
      if (keeper) await Promise.all(kept.map((id) => keeper.forget(id).catch(() => false)));
      throw error;
    }
    return ids.map((id) => this.get(id));
  }

  async add(job: NewJob): Promise<JobRecord> {
    return (await this.addMany([job]))[0] as JobRecord;
  }

  /**
   * The external value and code to sign with, from the keychain. Throws ExternalValueMissingError
   * when none is kept (typed on another computer, or deleted from the keychain by hand).
   */
  async externalValue(jobId: string): Promise<{ value: string; secret?: string }> {
    const secret = await this.requireKeeper().read(jobId);
    if (!secret)
      throw new ExternalValueMissingError(
        "This job's external-authentication value is no longer in the keychain: copy the job as a draft and type the value again.",
      );
    return secret;
  }

  /** Deletes a job's external value (if any) and records it; a failure is recorded, not thrown. */
  async forgetExternalValue(jobId: string, reason: string): Promise<void> {
    const keeper = this.externalValues;
    if (!keeper) return;
    try {
      if (await keeper.forget(jobId)) this.tryEvent(jobId, 'external_auth.deleted', { reason });
    } catch (error) {
      this.tryEvent(jobId, 'external_auth.delete_failed', {
        reason,
        message: error instanceof Error ? error.message : String(error),
      });
    }
  }

  private tryEvent(jobId: string, kind: string, data: Record<string, unknown>): void {
    try {
      this.event(jobId, kind, data);
    } catch {
      // The store closed meanwhile (shutdown): the deletion itself happened or the sweep retries.
    }
  }

  private requireKeeper(): ExternalValueKeeper {
    if (!this.externalValues)
      throw new Error(
        'External-authentication values are kept only in the OS keychain, and this store has none (useKeychain).',
      );
    return this.externalValues;
  }

  /** This database's own name in the keychain, so that two data folders never sweep each other. */
  private keychainScope(): string {
    const row = this.db.prepare('SELECT id FROM keychain_scope LIMIT 1').get() as { id: string } | undefined;
    if (!row) throw new Error('The database has no keychain scope (migration 4 missing).');
    return row.id;
  }

  /** Values an older version kept in auth_json go to the keychain; SQLite keeps `{method, type}`. */
  private async moveClearValues(vault: ExternalValueKeeper): Promise<number> {
    const rows = this.db
      .prepare(
        "SELECT id, state, auth_json FROM jobs WHERE json_extract(auth_json, '$.method') = 'external' AND json_type(auth_json, '$.value') IS NOT NULL",
      )
      .all() as { id: string; state: JobState; auth_json: string }[];
    if (rows.length === 0) return 0;
    const blank = this.db.prepare('UPDATE jobs SET auth_json = ? WHERE id = ?');
    for (const row of rows) {
      const auth = JSON.parse(row.auth_json) as NewJob['auth'];
      const secret = VALUE_SPENT.has(row.state) ? null : externalSecretOf(auth);
      if (secret) await vault.keep(row.id, secret);
      blank.run(JSON.stringify(publicAuth(auth, secret !== null)), row.id);
    }
    // The old values are still in the file's history: rewrite the file, then empty the WAL.
    this.db.exec('VACUUM');
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    return rows.length;
  }

  /** Deletes kept values whose job is gone or past signing. Only at start: an undo may be pending later. */
  private async sweepExternalValues(vault: ExternalValueKeeper): Promise<number> {
    let swept = 0;
    for (const jobId of await vault.jobIds()) {
      const row = this.db.prepare('SELECT state FROM jobs WHERE id = ?').get(jobId) as
        | { state: JobState }
        | undefined;
      if (row && !VALUE_SPENT.has(row.state)) continue;
      if (await vault.forget(jobId)) swept++;
      if (row) this.tryEvent(jobId, 'external_auth.deleted', { reason: 'sweep' });
    }
    return swept;
  }

  private insert(job: NewJob, id: string, kept: boolean): string {
    const now = new Date().toISOString();
    const state = job.state ?? 'queued';
    this.db
      .prepare(
        `INSERT INTO jobs (id, profile_id, rao_username, batch_id, label, state, signer_json, auth_json, signature_json,
             output_dir, name_template, async_mode, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        id,
        job.profileId,
        job.raoUsername,
        job.batchId ?? null,
        job.label,
        state,
        JSON.stringify(job.signer),
        JSON.stringify(publicAuth(job.auth, kept)),
        job.signature ? JSON.stringify(job.signature) : null,
        job.outputDir,
        job.nameTemplate ?? DEFAULT_NAME_TEMPLATE,
        job.asyncMode === true ? 1 : 0,
        now,
        now,
      );
    this.insertDocuments(id, job.documents);
    appendEvent(this.db, id, 'job.created', {
      state,
      label: job.label,
      batchId: job.batchId ?? null,
      documents: job.documents.map((d) => ({ filename: d.filename, sha256: d.sha256, size: d.size })),
      auth:
        job.auth.method === 'otp'
          ? { method: 'otp', delivery: job.auth.delivery }
          : { method: 'external', type: job.auth.type },
    });
    return id;
  }

  get(id: string): JobRecord {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    if (!row) throw refused('not_found', 'jobMissing', `No job ${id}`);
    return this.toRecord(row);
  }

  find(id: string): JobRecord | undefined {
    const row = this.db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? this.toRecord(row) : undefined;
  }

  list(filter: JobFilter = {}): JobRecord[] {
    const { where, args } = whereClause(filter);
    const sql = `SELECT * FROM jobs ${where} ORDER BY created_at, rowid`;
    return (this.db.prepare(sql).all(...args) as JobRow[]).map((r) => this.toRecord(r));
  }

  /** One window of the list (the UI shows 10,000 jobs by asking for the rows in view). */
  page(filter: JobFilter, offset: number, limit: number): { jobs: JobRecord[]; total: number } {
    const { where, args } = whereClause(filter);
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM jobs ${where}`).get(...args) as { n: number })
      .n;
    const rows = this.db
      .prepare(`SELECT * FROM jobs ${where} ORDER BY created_at, rowid LIMIT ? OFFSET ?`)
      .all(...args, limit, offset) as JobRow[];
    return { jobs: rows.map((r) => this.toRecord(r)), total };
  }

  /**
   * Rewrites what a draft says: signer, method, RAO, output folder, and its documents (kept, in a
   * new order, plus new ones). Only a draft: once queued the request may already exist upstream.
   */
  updateDraft(id: string, changes: DraftChanges): JobRecord {
    refuseClearValue(changes.auth);
    return this.writeDraft(id, changes, undefined);
  }

  /**
   * updateDraft for changes that may carry an external value: a new value goes to the keychain
   * first; an external method given without a value keeps the one already kept; another method
   * deletes it.
   */
  async editDraft(id: string, changes: DraftChanges): Promise<JobRecord> {
    const secret = externalSecretOf(changes.auth);
    if (secret) {
      this.requireDraft(id);
      await this.requireKeeper().keep(id, secret);
      return this.writeDraft(id, changes, true);
    }
    if (changes.auth?.method === 'otp') {
      const record = this.writeDraft(id, changes, false);
      await this.forgetExternalValue(id, 'method_changed');
      return record;
    }
    return this.writeDraft(id, changes, changes.auth ? this.get(id).externalValueKept : undefined);
  }

  private writeDraft(id: string, changes: DraftChanges, kept: boolean | undefined): JobRecord {
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT state FROM jobs WHERE id = ?').get(id) as
        | { state: JobState }
        | undefined;
      if (!row) throw refused('not_found', 'jobMissing', `No job ${id}`);
      if (row.state !== 'draft') throw new TransitionError({ state: row.state }, 'draft');
      const sets: string[] = [];
      const values: unknown[] = [];
      const put = (column: string, value: unknown): void => {
        sets.push(`${column} = ?`);
        values.push(value);
      };
      if (changes.signer !== undefined) put('signer_json', JSON.stringify(changes.signer));
      if (changes.auth !== undefined)
        put('auth_json', JSON.stringify(publicAuth(changes.auth, kept === true)));
      if (changes.raoUsername !== undefined) put('rao_username', changes.raoUsername);
      if (changes.outputDir !== undefined) put('output_dir', changes.outputDir);
      if (changes.asyncMode !== undefined) put('async_mode', changes.asyncMode ? 1 : 0);
      if (changes.label !== undefined) put('label', changes.label);
      if (changes.profileId !== undefined) put('profile_id', changes.profileId);
      put('updated_at', new Date().toISOString());
      this.db.prepare(`UPDATE jobs SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
      if (changes.documents !== undefined) {
        this.db.prepare('DELETE FROM job_documents WHERE job_id = ?').run(id);
        this.insertDocuments(id, changes.documents);
      }
      appendEvent(this.db, id, 'job.draft_updated', {
        fields: Object.keys(changes).filter((k) => k !== 'documents' && k !== 'signer'),
        ...(changes.signer !== undefined ? { signer: true } : {}),
        ...(changes.documents !== undefined
          ? { documents: changes.documents.map((d) => ({ filename: d.filename, sha256: d.sha256 })) }
          : {}),
      });
    })();
    return this.get(id);
  }

  /** A draft's placement rule and template; the documents' stamps are resolved separately. */
  setAppearance(id: string, changes: { placement?: Placement | null; templateId?: string | null }): void {
    this.db.transaction(() => {
      this.requireDraft(id);
      if (changes.placement !== undefined)
        this.db
          .prepare('UPDATE jobs SET placement_json = ?, updated_at = ? WHERE id = ?')
          .run(changes.placement ? JSON.stringify(changes.placement) : null, new Date().toISOString(), id);
      if (changes.templateId !== undefined)
        this.db
          .prepare('UPDATE jobs SET template_id = ?, updated_at = ? WHERE id = ?')
          .run(changes.templateId, new Date().toISOString(), id);
      appendEvent(this.db, id, 'job.appearance_set', {
        ...(changes.placement !== undefined ? { placement: changes.placement } : {}),
        ...(changes.templateId !== undefined ? { templateId: changes.templateId } : {}),
      });
    })();
  }

  /** One document's own box (null: back to the job's rule). */
  setDocumentPlacement(id: string, position: number, placement: ExactPlacement | null): void {
    this.db.transaction(() => {
      this.requireDraft(id);
      const changed = this.db
        .prepare('UPDATE job_documents SET placement_json = ? WHERE job_id = ? AND position = ?')
        .run(placement ? JSON.stringify(placement) : null, id, position).changes;
      if (changed === 0) throw new Error(`Job ${id} has no document ${position}`);
      appendEvent(this.db, id, 'document.placement_set', { position, placement });
    })();
  }

  /** The resolved stamps, one per document in order (recorded only when they change). */
  setStamps(id: string, stamps: readonly (Stamp | null)[]): void {
    const update = this.db.prepare(
      'UPDATE job_documents SET stamp_json = ? WHERE job_id = ? AND position = ?',
    );
    this.db.transaction(() => {
      const positions = this.documentPositions(id);
      stamps.forEach((stamp, i) => update.run(stamp ? JSON.stringify(stamp) : null, id, positions[i] ?? -1));
    })();
  }

  /**
   * The positions of a job's documents in order. Arrays "one per document" are matched through it:
   * after a document is dropped the others keep their positions (0, 1, 3), so an index is not one.
   */
  private documentPositions(id: string): number[] {
    return (
      this.db.prepare('SELECT position FROM job_documents WHERE job_id = ? ORDER BY position').all(id) as {
        position: number;
      }[]
    ).map((row) => row.position);
  }

  /**
   * Freezes what the sign call will send, as the job leaves the draft state: the job's `signature`
   * (the template's design) and each document's own (where its stamp goes).
   */
  setSignatures(
    id: string,
    signature: SignatureParams | null,
    documents: readonly (SignatureParams | null)[],
  ): void {
    const updateDoc = this.db.prepare(
      'UPDATE job_documents SET signature_json = ? WHERE job_id = ? AND position = ?',
    );
    this.db.transaction(() => {
      this.requireDraft(id);
      this.db
        .prepare('UPDATE jobs SET signature_json = ? WHERE id = ?')
        .run(signature ? JSON.stringify(signature) : null, id);
      const positions = this.documentPositions(id);
      documents.forEach((d, i) => updateDoc.run(d ? JSON.stringify(d) : null, id, positions[i] ?? -1));
    })();
  }

  private requireDraft(id: string): void {
    const row = this.db.prepare('SELECT state FROM jobs WHERE id = ?').get(id) as
      | { state: JobState }
      | undefined;
    if (!row) throw refused('not_found', 'jobMissing', `No job ${id}`);
    if (row.state !== 'draft') throw new TransitionError({ state: row.state }, 'draft');
  }

  /** Jobs in these states that may run now (not paused, not waiting for a retry time), oldest first. */
  due(
    states: readonly JobState[],
    now: number,
    limit: number,
    exclude: ReadonlySet<string>,
  ): { id: string; profileId: string }[] {
    const rows = this.db
      .prepare(
        `SELECT id, profile_id FROM jobs WHERE state IN (${states.map(() => '?').join(',')}) AND paused = 0
         AND (next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY created_at, rowid LIMIT ?`,
      )
      .all(...states, now, limit + exclude.size) as { id: string; profile_id: string }[];
    return rows
      .filter((r) => !exclude.has(r.id))
      .slice(0, limit)
      .map((r) => ({ id: r.id, profileId: r.profile_id }));
  }

  /** When the next job in these states waiting for a retry time becomes due, if any. */
  nextDueAt(states: readonly JobState[], now: number): number | null {
    const row = this.db
      .prepare(
        `SELECT MIN(next_attempt_at) AS at FROM jobs WHERE state IN (${states.map(() => '?').join(',')}) AND paused = 0
         AND next_attempt_at > ?`,
      )
      .get(...states, now) as { at: number | null };
    return row.at;
  }

  /** How many jobs are in each state. */
  countByState(): Partial<Record<JobState, number>> {
    const rows = this.db.prepare('SELECT state, COUNT(*) AS n FROM jobs GROUP BY state').all() as {
      state: JobState;
      n: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  /**
   * Moves a job to a new state and records why, in one transaction. `changes` are written in the
   * same transaction (the pk that made `created` true, the error that made `failed` true).
   */
  transition(
    id: string,
    to: JobState,
    data: Record<string, unknown> = {},
    changes: JobChanges = {},
  ): JobRecord {
    let spent = false;
    this.db.transaction(() => {
      const row = this.db.prepare('SELECT state, failed_step, auth_json FROM jobs WHERE id = ?').get(id) as
        | { state: JobState; failed_step: JobStep | null; auth_json: string }
        | undefined;
      if (!row) throw refused('not_found', 'jobMissing', `No job ${id}`);
      const from = { state: row.state, failedStep: row.failed_step ?? undefined };
      if (!canTransition(from, to)) throw new TransitionError(from, to);
      const failedStep = to === 'failed' ? (row.state as JobStep) : null;
      this.db
        .prepare('UPDATE jobs SET state = ?, failed_step = ?, updated_at = ? WHERE id = ?')
        .run(to, failedStep, new Date().toISOString(), id);
      if (to !== 'failed') this.applyChanges(id, { error: null, ...changes });
      else this.applyChanges(id, changes);
      // Past signing the value is never sent again: the row stops saying it is kept, and it goes.
      const auth = JSON.parse(row.auth_json) as StoredAuth;
      if (VALUE_SPENT.has(to) && auth.method === 'external' && auth.kept === true) {
        this.db
          .prepare('UPDATE jobs SET auth_json = ? WHERE id = ?')
          .run(JSON.stringify(publicAuth({ ...auth, value: '' })), id);
        spent = true;
      }
      appendEvent(this.db, id, 'job.state', { from: row.state, to, ...data });
    })();
    // After the commit; a crash before the delete leaves it to the sweep at the next start.
    if (spent) void this.forgetExternalValue(id, to);
    return this.get(id);
  }

  /** Writes job fields and an audit event together, without a change of state. */
  update(id: string, changes: JobChanges, event?: { kind: string; data?: Record<string, unknown> }): void {
    this.db.transaction(() => {
      this.applyChanges(id, changes);
      if (event) appendEvent(this.db, id, event.kind, event.data ?? {});
    })();
  }

  updateDocument(
    id: string,
    position: number,
    changes: DocumentChanges,
    event?: { kind: string; data?: Record<string, unknown> },
  ): void {
    const columns: Record<keyof DocumentChanges, string> = {
      uploadState: 'upload_state',
      remoteUid: 'remote_uid',
      outputPath: 'output_path',
      signedSha256: 'signed_sha256',
      signerName: 'signer_name',
      verifiedAt: 'verified_at',
      remoteDeleted: 'remote_deleted',
      refusal: 'refusal',
    };
    this.db.transaction(() => {
      const keys = Object.keys(changes) as (keyof DocumentChanges)[];
      if (keys.length > 0) {
        const set = keys.map((k) => `${columns[k]} = ?`).join(', ');
        const values = keys.map((k) => {
          const v = changes[k];
          return typeof v === 'boolean' ? Number(v) : (v ?? null);
        });
        this.db
          .prepare(`UPDATE job_documents SET ${set} WHERE job_id = ? AND position = ?`)
          .run(...values, id, position);
      }
      if (event) appendEvent(this.db, id, event.kind, { position, ...event.data });
    })();
  }

  /** Several document changes as one transaction (e.g. the uids of one upload call). */
  updateDocuments(
    id: string,
    updates: { position: number; changes: DocumentChanges }[],
    event?: { kind: string; data?: Record<string, unknown> },
  ): void {
    this.db.transaction(() => {
      for (const u of updates) this.updateDocument(id, u.position, u.changes);
      if (event) appendEvent(this.db, id, event.kind, event.data ?? {});
    })();
  }

  event(jobId: string | null, kind: string, data: Record<string, unknown> = {}): void {
    this.db.transaction(() => appendEvent(this.db, jobId, kind, data))();
  }

  /**
   * Takes one document out of a job that has not been signed (e.g. one the Optimizer refused), with
   * the reason in the audit log. The others keep their positions, uploads and stamps.
   */
  dropDocument(id: string, position: number, data: Record<string, unknown> = {}): JobRecord {
    this.db.transaction(() => {
      const doc = this.db
        .prepare('SELECT filename, sha256 FROM job_documents WHERE job_id = ? AND position = ?')
        .get(id, position) as { filename: string; sha256: string } | undefined;
      if (!doc) throw new Error(`Job ${id} has no document ${position}`);
      this.db.prepare('DELETE FROM job_documents WHERE job_id = ? AND position = ?').run(id, position);
      appendEvent(this.db, id, 'document.dropped', {
        position,
        filename: doc.filename,
        sha256: doc.sha256,
        ...data,
      });
    })();
    return this.get(id);
  }

  remove(id: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM jobs WHERE id = ?').run(id);
      appendEvent(this.db, id, 'job.removed', {});
    })();
    void this.forgetExternalValue(id, 'removed');
  }

  /** A job's documents, numbered from 0 in the order given. */
  private insertDocuments(id: string, documents: NewJob['documents']): void {
    const insert = this.db.prepare(
      `INSERT INTO job_documents (job_id, position, sha256, filename, size, pages, signature_json, placement_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    documents.forEach((d, position) =>
      insert.run(
        id,
        position,
        d.sha256,
        d.filename,
        d.size,
        d.pages,
        d.signature ? JSON.stringify(d.signature) : null,
        d.placement ? JSON.stringify(d.placement) : null,
      ),
    );
  }

  private applyChanges(id: string, changes: JobChanges): void {
    const columns: Record<keyof JobChanges, string> = {
      requestPk: 'request_pk',
      contractPath: 'contract_path',
      otpSentAt: 'otp_sent_at',
      attempts: 'attempts',
      nextAttemptAt: 'next_attempt_at',
      error: 'error_json',
      paused: 'paused',
      signAcceptedAt: 'sign_accepted_at',
      otpWrongAttempts: 'otp_wrong_attempts',
      outputDir: 'output_dir',
    };
    const keys = Object.keys(changes) as (keyof JobChanges)[];
    if (keys.length === 0) return;
    const values = keys.map((k) => {
      const v = changes[k];
      if (k === 'error') return v === null || v === undefined ? null : JSON.stringify(v);
      return typeof v === 'boolean' ? Number(v) : (v ?? null);
    });
    const set = keys.map((k) => `${columns[k]} = ?`).join(', ');
    this.db
      .prepare(`UPDATE jobs SET ${set}, updated_at = ? WHERE id = ?`)
      .run(...values, new Date().toISOString(), id);
  }

  private toRecord(row: JobRow): JobRecord {
    const docs = this.db
      .prepare('SELECT * FROM job_documents WHERE job_id = ? ORDER BY position')
      .all(row.id) as DocumentRow[];
    return toJobRecord(row, docs);
  }
}

/** The synchronous paths never take an external value: it would have nowhere to go but SQLite. */
function refuseClearValue(auth: NewJob['auth'] | undefined): void {
  if (externalSecretOf(auth))
    throw new Error(
      'An external-authentication value is kept only in the OS keychain: create or edit this job with add(), addMany() or editDraft().',
    );
}
