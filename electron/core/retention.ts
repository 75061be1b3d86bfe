// How long local copies are kept: the originals of finished jobs and sealed ID images are removed
// once older than the days set on the settings screen (0 = no time limit). Runs when the desk opens
// and every few hours; the audit log records how much was removed, never what.
import { stat } from 'node:fs/promises';
import { isTerminal, type JobState } from '../../shared/job';
import { effectiveSettings } from './settings-rules';
import type { Store } from './store/index';
import { purgeJobIdImages, type IdImageStore } from './vault/id-images';

const DAY_MS = 24 * 60 * 60 * 1000;
export const RETENTION_INTERVAL_MS = 6 * 60 * 60 * 1000;

export interface RetentionPolicy {
  /** Days after a document's last job finished; 0 keeps originals without a time limit. */
  originalsDays: number;
  /** Days after an ID image was sealed; 0 keeps them until the request is created or the job ends. */
  idImageDays: number;
}

export interface RetentionReport {
  originalsRemoved: number;
  bytesFreed: number;
  /** Jobs whose sealed ID images were purged for age. */
  idImageJobsPurged: number;
}

export function retentionPolicy(store: Store): RetentionPolicy {
  const settings = effectiveSettings(store.settings.all());
  return {
    originalsDays: settings.originalsRetentionDays as number,
    idImageDays: settings.idImageRetentionDays as number,
  };
}

/** One clean-up pass at `now`: what it removed is also appended to the audit log. */
export async function applyRetention(
  store: Store,
  idImages: IdImageStore,
  policy: RetentionPolicy = retentionPolicy(store),
  now: number = Date.now(),
): Promise<RetentionReport> {
  const report: RetentionReport = { originalsRemoved: 0, bytesFreed: 0, idImageJobsPurged: 0 };
  if (policy.originalsDays > 0) await removeOldOriginals(store, now - policy.originalsDays * DAY_MS, report);
  if (policy.idImageDays > 0)
    report.idImageJobsPurged = await purgeOldIdImages(store, idImages, now - policy.idImageDays * DAY_MS);
  if (report.originalsRemoved > 0 || report.idImageJobsPurged > 0)
    store.jobs.event(null, 'retention.applied', {
      ...report,
      originalsRetentionDays: policy.originalsDays,
      idImageRetentionDays: policy.idImageDays,
    });
  return report;
}

interface DocumentUse {
  /** Some job that uses it has not finished (a draft, a queued, a failed one can still run). */
  open: boolean;
  /** When the last of its jobs finished (ms since the epoch). */
  lastFinished: number;
}

const USES_SQL =
  'SELECT d.sha256 AS sha256, j.state AS state, j.updated_at AS updatedAt FROM job_documents d JOIN jobs j ON j.id = d.job_id';

/** Every stored document's use, or (with `sha256`) one document's, read again just before removing it. */
function documentUses(store: Store, sha256?: string): Map<string, DocumentUse> {
  const rows = (
    sha256 === undefined
      ? store.db.prepare(USES_SQL).all()
      : store.db.prepare(`${USES_SQL} WHERE d.sha256 = ?`).all(sha256)
  ) as { sha256: string; state: JobState; updatedAt: string }[];
  const uses = new Map<string, DocumentUse>();
  for (const row of rows) {
    const use = uses.get(row.sha256) ?? { open: false, lastFinished: 0 };
    // A finished job's last transition is when it finished: nothing updates it afterwards.
    if (isTerminal(row.state)) use.lastFinished = Math.max(use.lastFinished, Date.parse(row.updatedAt));
    else use.open = true;
    uses.set(row.sha256, use);
  }
  return uses;
}

/**
 * A copy goes only when every job that uses it finished before the cutoff. Copies no job names yet
 * (a file being added right now) are never touched.
 */
async function removeOldOriginals(store: Store, cutoff: number, report: RetentionReport): Promise<void> {
  const candidates = [...documentUses(store)]
    .filter(([sha256, use]) => !use.open && use.lastFinished < cutoff && store.documents.has(sha256))
    .map(([sha256]) => sha256);
  for (const sha256 of candidates) {
    // Asked again just before removing: a draft may have taken the same file meanwhile.
    const use = documentUses(store, sha256).get(sha256);
    if (!use || use.open || use.lastFinished >= cutoff) continue;
    const path = store.documents.pathOf(sha256);
    const size = await stat(path).then(
      (s) => s.size,
      () => null,
    );
    if (size === null) continue;
    await store.documents.remove(sha256);
    report.originalsRemoved++;
    report.bytesFreed += size;
  }
}

async function purgeOldIdImages(store: Store, idImages: IdImageStore, cutoff: number): Promise<number> {
  let purged = 0;
  for (const jobId of await idImages.jobIds()) {
    // A create call may be reading them right now; the runner purges them itself once it is done.
    if (store.jobs.find(jobId)?.state === 'creating') continue;
    const sealedAt = await idImages.sealedAt(jobId);
    if (sealedAt === null || sealedAt >= cutoff) continue;
    await purgeJobIdImages(idImages, store.jobs, jobId, 'expired');
    purged++;
  }
  return purged;
}

/** The clean-up at open and every few hours; `stop` waits for a pass in progress (before closing). */
export class RetentionSchedule {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly idImages: IdImageStore,
    private readonly intervalMs = RETENTION_INTERVAL_MS,
  ) {}

  start(): void {
    this.runSoon();
    this.timer = setInterval(() => this.runSoon(), this.intervalMs);
    // The schedule alone must never keep the process alive.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.pass;
  }

  private runSoon(): void {
    if (this.stopped || this.pass) return;
    this.pass = applyRetention(this.store, this.idImages)
      .then(
        () => undefined,
        (error: unknown) => {
          // Recorded without the message, which could name a path; the next pass tries again.
          if (!this.stopped)
            this.store.jobs.event(null, 'retention.failed', {
              error: (error as NodeJS.ErrnoException | null)?.code ?? 'error',
            });
        },
      )
      .finally(() => (this.pass = undefined));
  }
}
