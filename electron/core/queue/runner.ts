// The queue runner: runs jobs' network steps with bounded concurrency, retries retryable failures
// with backoff, holds work while an Optimizer is unreachable, and offers the person's actions
// (send the code, type the code, pause, resume, cancel, retry). Every transition is in the store
// before the network call it announces, so a crash at any point resumes correctly.
import { EventEmitter } from 'node:events';
import { RUNNER_STATES, canCancel, isTerminal, stateProgress, type JobState } from '../../../shared/job';
import { DEFAULT_MAX_CONNECTIONS } from '../optimizer/agent';
import { OptimizerError } from '../optimizer/errors';
import { ProblemError, refused } from '../problem-error';
import { optimizerProblem } from '../optimizer/problem';
import { storedProblem } from '../../../shared/problems';
import type { JobRecord, Store } from '../store/index';
import type { JobError } from '../store/job-records';
import { ExternalValueMissingError } from '../store/jobs';
import { IdImageError, purgeJobIdImages, sweepIdImages, type IdImageStore } from '../vault/id-images';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff';
import { ConnectivityMonitor, type ConnectionStatus } from './connectivity';
import type { QueueEvent, QueueListener } from './events';
import type { QueueOptimizer, SignedPdfVerifier } from './optimizer-port';
import type { StepContext, StepResult } from './step-context';
import { createRequest, fetchContract, RequestLimitError, requirePk, uploadDocuments } from './steps-request';
import { sign } from './steps-sign';
import { cleanRemote, saveSignedDocuments, VerificationError } from './steps-output';
import { Slots } from './slots';

export interface QueueRunnerOptions {
  store: Store;
  optimizerFor(profileId: string): QueueOptimizer;
  tokenFor(profileId: string, raoUsername: string): Promise<string>;
  verify: SignedPdfVerifier;
  /** Sealed ID images: sent with the create call, purged once created, cancelled or no longer needed. */
  idImages?: IdImageStore;
  concurrency?: number;
  /**
   * How many connections a profile's agent keeps (default the agent's own default): the bound on
   * per-document calls under way to that Optimizer, all its jobs together.
   */
  connectionsFor?(profileId: string): number | undefined;
  backoff?: BackoffPolicy;
  random?: () => number;
  now?: () => number;
  connectivityDelays?: { firstMs: number; maxMs: number };
}

const RUNNABLE = RUNNER_STATES;

/**
 * The steps before the signature: light calls (create, upload, contract) that the next jobs may
 * make while the running ones sign, download and clean — so a job whose turn comes is ready to sign.
 */
const PREPARING: ReadonlySet<JobState> = new Set<JobState>([
  'queued',
  'creating',
  'created',
  'uploading',
  'uploaded',
  'contract_ready',
]);

/** Steps at which a document may still leave its job: before the contract names what is signed. */
const DROPPABLE: ReadonlySet<string> = new Set(['draft', 'queued', 'creating', 'created', 'uploading']);

export class QueueRunner {
  private readonly store: Store;
  private readonly events = new EventEmitter();
  private readonly active = new Map<string, AbortController>();
  /** Running jobs that hold a look-ahead slot (still preparing), not one of the `concurrency` slots. */
  private readonly ahead = new Set<string>();
  private readonly codes = new Map<string, string>();
  private readonly signIntents = new Set<string>();
  private readonly slots = new Map<string, Slots>();
  private readonly connectivity: ConnectivityMonitor;
  private concurrency: number;
  private readonly backoff: BackoffPolicy;
  private readonly now: () => number;
  private wakeTimer: NodeJS.Timeout | undefined;
  private running = false;
  private pumping = false;
  private pumpAgain = false;
  private sweeping: Promise<void> | undefined;

  constructor(private readonly options: QueueRunnerOptions) {
    this.store = options.store;
    this.concurrency = Math.max(1, options.concurrency ?? 4);
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.now = options.now ?? Date.now;
    this.connectivity = new ConnectivityMonitor({
      probe: async (profileId, signal) => {
        await options.optimizerFor(profileId).hello({ signal });
      },
      onChange: (profileId, online, message) => {
        this.emit({ type: 'connectivity', profileId, online, message });
        if (online) this.pump();
      },
      onStatus: (profileId, status) => this.emit({ type: 'connection', profileId, ...status }),
      firstDelayMs: options.connectivityDelays?.firstMs,
      maxDelayMs: options.connectivityDelays?.maxMs,
    });
    this.events.setMaxListeners(0);
  }

  on(listener: QueueListener): () => void {
    this.events.on('event', listener);
    return () => this.events.off('event', listener);
  }

  /**
   * Up to `concurrency` jobs run at once; while they do, up to `concurrency − 1` more may prepare
   * (create, upload, fetch the contract) and wait, ready, for a slot. A limit of 1 means one job at
   * a time, strictly.
   */
  private get lookahead(): number {
    return this.concurrency - 1;
  }

  /**
   * Changes how many jobs may run at once, live: a higher limit starts waiting work now; with a lower
   * one, running jobs finish their current step and the extra ones yield until there is room.
   */
  setConcurrency(limit: number): void {
    this.concurrency = Math.max(1, Math.floor(limit));
    this.pump();
  }

  isOnline(profileId: string): boolean {
    return this.connectivity.isOnline(profileId);
  }

  /** The live status of an Optimizer, as the queue itself judges it. */
  connectionStatus(profileId: string): ConnectionStatus {
    return this.connectivity.status(profileId);
  }

  /** Asks the Optimizer now; every screen hears the answer (a `connection` event). */
  checkConnection(profileId: string): Promise<ConnectionStatus> {
    return this.connectivity.check(profileId);
  }

  /** Keeps the profile in use checked in the background, so its status is live without any job. */
  watchConnection(profileId: string | null): void {
    this.connectivity.watch(profileId);
  }

  start(): void {
    this.running = true;
    const images = this.options.idImages;
    if (images && !this.sweeping) {
      this.sweeping = sweepIdImages(images, this.store.jobs, (id) => needsIdImages(this.store.jobs.find(id)));
    }
    this.pump();
  }

  /** Stops starting new steps, aborts the running ones and waits for them to settle. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.wakeTimer);
    this.connectivity.stop();
    for (const controller of this.active.values()) controller.abort();
    while (this.active.size > 0) await new Promise((r) => setTimeout(r, 10));
    // The sweep writes audit events: let it finish before the store may be closed.
    await this.sweeping;
  }

  /** Resolves when nothing can run without a person, a retry time or a connection coming back. */
  waitForIdle(): Promise<void> {
    return new Promise((resolve) => {
      const check = (): boolean => {
        if (this.active.size === 0 && !this.pumping && this.dueCount() === 0) {
          off();
          resolve();
          return true;
        }
        return false;
      };
      const off = this.on((e) => {
        if (e.type === 'idle') check();
      });
      check();
    });
  }

  // --- the person's actions ----------------------------------------------------------------

  /** Sends (or re-sends) the code to the signer's phone. Errors come back as OptimizerError. */
  async sendOtp(jobId: string, delivery?: 'sms' | 'whatsapp'): Promise<JobRecord> {
    const job = this.store.jobs.get(jobId);
    if (job.state !== 'awaiting_signer' && job.state !== 'otp_sent') {
      throw refused(
        'conflict',
        'otpNotNow',
        `A code can be sent only when the signer is at the desk (the job is ${job.state})`,
        { label: job.label },
      );
    }
    if (job.auth.method !== 'otp')
      throw refused('conflict', 'otpNotUsed', 'This job uses an external authentication method, not a code', {
        label: job.label,
      });
    const method = delivery ?? job.auth.delivery;
    await this.noticingOffline(job.profileId, () =>
      this.options.optimizerFor(job.profileId).sendOtp(requirePk(job), method),
    );
    this.codes.delete(jobId);
    const sent = this.store.jobs.transition(
      jobId,
      'otp_sent',
      { delivery: method },
      { otpSentAt: new Date(this.now()).toISOString(), error: null, otpWrongAttempts: 0 },
    );
    this.emitJob(sent);
    return sent;
  }

  /** The code the signer typed: kept in memory only, used for one sign call. */
  submitOtp(jobId: string, code: string): JobRecord {
    const clean = code.replace(/\s+/g, '');
    if (!/^\d{4,8}$/.test(clean))
      throw refused('validation', 'otpFormat', 'The code is the 6 digits the signer received');
    const job = this.store.jobs.get(jobId);
    if (job.state !== 'otp_sent')
      throw refused('conflict', 'otpNotExpected', `No code is expected now (the job is ${job.state})`, {
        label: job.label,
      });
    this.codes.set(jobId, clean);
    const next = this.store.jobs.transition(jobId, 'signing', { auth: 'otp' });
    this.signIntents.add(jobId);
    this.emitJob(next);
    this.pump();
    return next;
  }

  /** A draft changed (its signer, documents or stamps): whoever shows its row shows it again. */
  touched(jobId: string): void {
    this.emitJob(this.store.jobs.get(jobId));
  }

  /** Jobs were removed, put back or copied: whoever lists jobs lists them again. */
  listChanged(): void {
    this.emit({ type: 'jobs_changed' });
  }

  pause(jobId: string): void {
    this.store.jobs.update(jobId, { paused: true }, { kind: 'job.paused' });
    this.emitJob(this.store.jobs.get(jobId));
  }

  resume(jobId: string): void {
    this.store.jobs.update(jobId, { paused: false, nextAttemptAt: null }, { kind: 'job.resumed' });
    this.emitJob(this.store.jobs.get(jobId));
    this.pump();
  }

  /** A failed job goes back to the step it failed at. */
  retry(jobId: string): JobRecord {
    const job = this.store.jobs.get(jobId);
    if (job.state !== 'failed' || !job.failedStep)
      throw refused(
        'conflict',
        'retryNotStopped',
        `Only a failed job can be retried (this one is ${job.state})`,
        {
          label: job.label,
        },
      );
    const next = this.store.jobs.transition(
      jobId,
      job.failedStep,
      { retry: true },
      { attempts: 0, nextAttemptAt: null, paused: false },
    );
    this.emitJob(next);
    this.pump();
    return next;
  }

  /**
   * Takes a document out of a job that stopped before signing — typically one the Optimizer refused
   * — and lets the job go on with the others: nothing is typed again, nothing uploaded twice. A copy
   * already on the Optimizer is deleted first, so it cannot be signed with the rest.
   */
  async dropDocument(jobId: string, position: number): Promise<JobRecord> {
    const job = this.store.jobs.get(jobId);
    const step = job.state === 'failed' ? job.failedStep : job.state;
    if (step === null || !DROPPABLE.has(step))
      throw refused(
        'conflict',
        'dropTooLate',
        `A document can be removed only before the job is signed (this one is ${job.state})`,
        { label: job.label },
      );
    // A failed job's step has ended; its runner may still be winding down for a moment.
    if (job.state === 'failed') await this.settled(jobId);
    else if (this.active.has(jobId))
      throw refused('conflict', 'dropWhileRunning', 'The job is running a step; pause it first', {
        label: job.label,
      });
    const doc = job.documents.find((d) => d.position === position);
    if (!doc)
      throw refused('not_found', 'documentMissing', `This job has no document number ${position + 1}`, {
        label: job.label,
        number: position + 1,
      });
    if (job.documents.length === 1)
      throw refused(
        'conflict',
        'dropOnlyDocument',
        'This is the job’s only document: cancel the job instead',
        {
          label: job.label,
        },
      );
    if (doc.remoteUid && job.requestPk) {
      const optimizer = this.options.optimizerFor(job.profileId);
      await ignoreGone(() => optimizer.deleteDocument(job.requestPk as string, doc.remoteUid as string));
    }
    const next = this.store.jobs.dropDocument(jobId, position, {
      refusal: doc.refusal,
      remoteUid: doc.remoteUid,
    });
    this.emitJob(next);
    return next;
  }

  /** Cancels the request on the Optimizer (DELETE /request/{pk}), removes its copies, keeps the record. */
  async cancel(jobId: string): Promise<JobRecord> {
    let job = this.store.jobs.get(jobId);
    if (!canCancel({ state: job.state, failedStep: job.failedStep ?? undefined })) {
      throw refused(
        'conflict',
        'cancelTooLate',
        `This job can no longer be cancelled (it is ${job.state}): the certificate may already be issued`,
        { label: job.label },
      );
    }
    this.store.jobs.update(jobId, { paused: true });
    this.active.get(jobId)?.abort();
    await this.settled(jobId);
    job = this.store.jobs.get(jobId);
    const remote: Record<string, unknown> = {};
    if (job.requestPk) {
      const optimizer = this.options.optimizerFor(job.profileId);
      const uids = job.documents.map((d) => d.remoteUid).filter((u): u is string => u !== null);
      remote.documents = await this.noticingOffline(job.profileId, () =>
        ignoreGone(() => optimizer.deleteDocuments(job.requestPk as string, uids)),
      );
      remote.request = await this.noticingOffline(job.profileId, () =>
        ignoreGone(() => optimizer.cancelRequest(job.requestPk as string)),
      );
    }
    this.codes.delete(jobId);
    this.signIntents.delete(jobId);
    // Held while the Optimizer was told; once cancelled the job is stopped for good, not paused.
    const next = this.store.jobs.transition(
      jobId,
      'cancelled',
      { pk: job.requestPk, ...remote },
      { paused: false, nextAttemptAt: null },
    );
    // Nothing more can be created for a cancelled job: its ID images have no further use.
    if (this.options.idImages)
      await purgeJobIdImages(this.options.idImages, this.store.jobs, jobId, 'cancelled');
    this.emitJob(next);
    return next;
  }

  /** A person's action that finds the Optimizer gone says so to every screen, as a step would. */
  private async noticingOffline<T>(profileId: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof OptimizerError && error.kind === 'offline')
        this.connectivity.markOffline(profileId, error.message, optimizerProblem(error));
      throw error;
    }
  }

  /** Resolves once no step of this job is running in this process. */
  private async settled(jobId: string): Promise<void> {
    while (this.active.has(jobId)) await new Promise((r) => setTimeout(r, 10));
  }

  // --- scheduling -------------------------------------------------------------------------

  /** Starts every job that may run now, up to the concurrency limit. */
  pump(): void {
    if (!this.running) return;
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    let checkedAt = this.now();
    try {
      do {
        this.pumpAgain = false;
        let free = this.concurrency - (this.active.size - this.ahead.size);
        let aheadFree = this.lookahead - this.ahead.size;
        if (free <= 0 && aheadFree <= 0) break;
        const offline = new Set(this.connectivity.offlineProfiles);
        checkedAt = this.now();
        // Oldest first; a job past preparing waits for a running slot while newer ones may prepare.
        const due = this.store.jobs
          .due(RUNNABLE, checkedAt, free + aheadFree + 50 + offline.size * 50, new Set(this.active.keys()))
          .filter((j) => !offline.has(j.profileId));
        for (const { id } of due) {
          if (free <= 0 && aheadFree <= 0) break;
          const state = this.store.jobs.find(id)?.state;
          if (state === undefined) continue;
          if (free > 0) {
            free--;
            this.launch(id, false);
          } else if (aheadFree > 0 && PREPARING.has(state)) {
            aheadFree--;
            this.launch(id, true);
          }
        }
      } while (this.pumpAgain);
    } finally {
      this.pumping = false;
    }
    this.scheduleWake(checkedAt);
    if (this.active.size === 0) this.emit({ type: 'idle' });
  }

  private dueCount(): number {
    const offline = new Set(this.connectivity.offlineProfiles);
    return this.store.jobs.due(RUNNABLE, this.now(), 1000, new Set()).filter((j) => !offline.has(j.profileId))
      .length;
  }

  /**
   * Wakes the queue when the next retry time comes. "Next" counts from the moment the due jobs were
   * looked up, not from now: a retry time that passed in between would otherwise be neither
   * launched nor waited for, and its job would sit until something else happened to pump.
   */
  private scheduleWake(checkedAt: number): void {
    clearTimeout(this.wakeTimer);
    const at = this.store.jobs.nextDueAt(RUNNABLE, checkedAt);
    if (at !== null) this.wakeTimer = setTimeout(() => this.pump(), Math.max(0, at - this.now()) + 5);
  }

  private launch(jobId: string, ahead: boolean): void {
    const controller = new AbortController();
    this.active.set(jobId, controller);
    if (ahead) this.ahead.add(jobId);
    void this.runJob(jobId, controller.signal).finally(() => {
      this.active.delete(jobId);
      this.ahead.delete(jobId);
      this.pump();
    });
  }

  /**
   * Whether a job may go on to its next step in the slot it holds: one that prepared ahead moves to
   * a running slot when one is free, else yields, ready, to be picked up when there is room; a limit
   * lowered meanwhile makes the extra jobs yield between steps.
   */
  private keepsSlot(jobId: string, state: JobState): boolean {
    const running = this.active.size - this.ahead.size;
    if (!this.ahead.has(jobId)) return running <= this.concurrency;
    if (PREPARING.has(state)) return this.ahead.size <= this.lookahead;
    if (running >= this.concurrency) return false;
    this.ahead.delete(jobId);
    return true;
  }

  private async runJob(jobId: string, signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted || !this.running) return;
      const job = this.store.jobs.find(jobId);
      if (!job || job.paused || isTerminal(job.state) || !RUNNABLE.includes(job.state)) return;
      if (!this.connectivity.isOnline(job.profileId)) return;
      let result: StepResult;
      try {
        result = await this.step(job, this.contextFor(job, signal));
      } catch (error) {
        if (signal.aborted) return;
        this.handleFailure(jobId, error);
        return;
      }
      const after = this.store.jobs.get(jobId);
      this.emitJob(after);
      if (result === 'wait') return;
      if (!this.keepsSlot(jobId, after.state)) return;
    }
  }

  private step(job: JobRecord, ctx: StepContext): Promise<StepResult> {
    switch (job.state) {
      case 'queued':
      case 'creating':
        return createRequest(ctx, job);
      case 'created':
      case 'uploading':
        return uploadDocuments(ctx, job);
      case 'uploaded':
      case 'contract_ready':
        return fetchContract(ctx, job);
      case 'ready_to_sign':
      case 'signing':
        return sign(ctx, job);
      case 'signed':
      case 'downloading':
        return saveSignedDocuments(ctx, job);
      case 'saved':
      case 'cleaning':
        return cleanRemote(ctx, job);
      default:
        return Promise.resolve('wait');
    }
  }

  private contextFor(job: JobRecord, signal: AbortSignal): StepContext {
    return {
      store: this.store,
      optimizer: this.options.optimizerFor(job.profileId),
      token: () => this.options.tokenFor(job.profileId, job.raoUsername),
      verify: this.options.verify,
      idImages: this.options.idImages,
      signal,
      slots: this.slotsFor(job.profileId),
      emit: (e) => this.emit(e),
      codes: this.codes,
      signIntents: this.signIntents,
      now: this.now,
      progressed: () => {
        if (this.store.jobs.get(job.id).attempts > 0)
          this.store.jobs.update(job.id, { attempts: 0, nextAttemptAt: null });
      },
    };
  }

  private slotsFor(profileId: string): Slots {
    let slots = this.slots.get(profileId);
    if (!slots) {
      slots = new Slots(this.options.connectionsFor?.(profileId) ?? DEFAULT_MAX_CONNECTIONS);
      this.slots.set(profileId, slots);
    }
    return slots;
  }

  /** Offline: hold the job until the Optimizer answers. Retryable: back off. Otherwise: failed. */
  private handleFailure(jobId: string, error: unknown): void {
    const job = this.store.jobs.get(jobId);
    const described = describe(error);
    if (error instanceof OptimizerError && error.kind === 'offline') {
      this.store.jobs.update(
        jobId,
        { error: described },
        { kind: 'step.offline', data: { state: job.state, message: described.message } },
      );
      this.connectivity.markOffline(job.profileId, described.message, optimizerProblem(error));
      this.emitJob(this.store.jobs.get(jobId), described.message);
      return;
    }
    const attempts = job.attempts + 1;
    if (described.retryable && attempts < this.backoff.maxAttempts) {
      const delay = backoffDelay(attempts, this.backoff, this.options.random);
      this.store.jobs.update(
        jobId,
        { attempts, nextAttemptAt: this.now() + delay, error: described },
        {
          kind: 'step.retry',
          data: {
            state: job.state,
            attempt: attempts,
            inMs: delay,
            error: described.kind,
            message: described.message,
          },
        },
      );
      this.emitJob(this.store.jobs.get(jobId), described.message);
      return;
    }
    const failed = this.store.jobs.transition(
      jobId,
      'failed',
      { error: described.kind, message: described.message },
      { error: described, attempts },
    );
    this.emitJob(failed, described.message);
  }

  private emitJob(job: JobRecord, message?: string): void {
    this.emit({ type: 'job', jobId: job.id, state: job.state, progress: stateProgress(job.state), message });
  }

  private emit(event: QueueEvent): void {
    this.events.emit('event', event);
  }
}

/** A step's failure as the job keeps it: English for the log, and a problem for the screen. */
function describe(error: unknown): JobError {
  if (error instanceof OptimizerError) {
    return {
      kind: error.kind,
      message: error.message,
      retryable: error.retryable,
      status: error.status,
      problem: storedProblem(optimizerProblem(error)),
    };
  }
  // A sealed image that is lost or altered stays so: retrying would only delay saying it.
  if (error instanceof IdImageError)
    return {
      kind: error.code,
      message: error.message,
      retryable: false,
      problem: storedProblem(error.problem),
    };
  if (error instanceof RequestLimitError)
    return {
      kind: 'limits',
      message: error.message,
      retryable: false,
      ...(error.problem ? { problem: storedProblem(error.problem) } : {}),
    };
  // An external value gone from the keychain does not come back by waiting: the RAO types it again.
  if (error instanceof ExternalValueMissingError)
    return {
      kind: 'external_value_missing',
      message: error.message,
      retryable: false,
      problem: storedProblem(error.problem),
    };
  const message = error instanceof Error ? error.message : String(error);
  const named = error instanceof VerificationError || error instanceof ProblemError ? error.problem : null;
  // Local I/O trouble (a full disk, a locked file) is worth retrying; a verification failure is too:
  // the next download may be whole.
  return { kind: 'local', message, retryable: true, ...(named ? { problem: storedProblem(named) } : {}) };
}

/** Until the request exists (or a failed create may be retried), a job's ID images are kept. */
function needsIdImages(job: JobRecord | undefined): boolean {
  if (!job) return false;
  const beforeCreated = (s: string | null): boolean => s === 'draft' || s === 'queued' || s === 'creating';
  return beforeCreated(job.state) || (job.state === 'failed' && beforeCreated(job.failedStep));
}

async function ignoreGone(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'deleted';
  } catch (error) {
    if (error instanceof OptimizerError && (error.kind === 'not_found' || error.kind === 'conflict_state'))
      return error.kind;
    throw error;
  }
}
