// The RAO's ways on and back with a job: start, pause, resume, retry, cancel, copy as a new draft,
// remove and undo the removal. Each action is allowed by the job's state (shared/job-actions.ts);
// asked of a selection, it applies to the jobs that allow it, and asked of jobs none of which
// allow it, it is refused with the reason as a problem code the interface words.
import { randomUUID } from 'node:crypto';
import { JOB_ACTIONS, allows, retryBlock, whyNotAllowed, type JobAction } from '../../../shared/job-actions';
import type { Desk } from '../desk';
import { freezeAtStart } from '../placement/resolve-job';
import { folderAtStart } from '../queue/output-folder-template';
import type { JobRecord } from '../store/index';
import { putBack, takeOut, type RemovedJob } from '../store/job-trash';
import { purgeJobIdImages } from '../vault/index';
import { missingForDrafts } from './drafts';
import { BridgeFailure, refusal } from './errors';
import { copyAsDraft } from './job-copy';
import type { OperationImpl } from './operations';
import { jobView } from './views';

type JobOperations = Pick<
  OperationImpl,
  | 'jobs.actions'
  | 'jobs.start'
  | 'jobs.pause'
  | 'jobs.resume'
  | 'jobs.cancel'
  | 'jobs.retry'
  | 'jobs.copyAsDraft'
  | 'jobs.remove'
  | 'jobs.undoRemove'
>;

/** How long a removal can be undone; the interface offers Undo for less than this. */
export const UNDO_WINDOW_MS = 120_000;

const DONE = { done: true } as const;

export function jobOperations(desk: Desk): JobOperations {
  const { store, runner } = desk;
  const removals = new Map<string, { jobs: RemovedJob[]; timer: NodeJS.Timeout }>();

  const requireJob = (jobId: string): JobRecord => {
    const job = store.jobs.find(jobId);
    if (!job) throw refusal('not_found', 'That job no longer exists.', 'jobMissing');
    return job;
  };
  const refuse = (job: JobRecord, problem: string, message: string): BridgeFailure => {
    const refused = job.documents.find((d) => d.refusal !== null);
    return refusal('conflict', message, problem, {
      label: job.label,
      ...(refused ? { filename: refused.filename } : {}),
    });
  };
  /** The jobs of a selection that allow the action; none at all is refused with the first one's reason. */
  const allowing = (jobIds: readonly string[], action: JobAction): JobRecord[] => {
    const jobs = jobIds.map(requireJob);
    const allowed = jobs.filter((j) => allows(j, action));
    const first = jobs[0];
    if (allowed.length === 0 && first)
      throw refuse(first, whyNotAllowed(first, action) ?? 'notRunning', `This job does not allow ${action}.`);
    return allowed;
  };

  return {
    'jobs.actions': ({ jobIds }) => {
      const counts = Object.fromEntries(JOB_ACTIONS.map((a) => [a, 0])) as Record<JobAction, number>;
      for (const id of jobIds) {
        const job = store.jobs.find(id);
        if (job) for (const action of JOB_ACTIONS) if (allows(job, action)) counts[action]++;
      }
      return Promise.resolve({ counts });
    },
    'jobs.start': async ({ jobIds }) => {
      // "Start" on a paused job goes on with it, as it always has; anything else is refused below.
      const jobs = jobIds.map(requireJob);
      const drafts = jobs.filter((j) => j.state === 'draft');
      const paused = jobs.filter((j) => j.state !== 'draft' && allows(j, 'resume'));
      const first = jobs[0];
      if (drafts.length + paused.length === 0 && first)
        throw refuse(first, whyNotAllowed(first, 'start') ?? 'startNotDraft', 'This job has been started.');
      // Every draft is checked before any is queued, so one incomplete draft names its fields
      // and leaves the whole selection as it was.
      const fields = await missingForDrafts(desk, drafts);
      if (Object.keys(fields).length > 0)
        throw new BridgeFailure('validation', 'Some details are missing before the job can start.', fields);
      for (const job of drafts) {
        freezeAtStart(store, job);
        // The output folder's template is resolved now, once, in the same transaction as the state.
        store.jobs.transition(job.id, 'queued', {}, folderAtStart(job));
        runner.resume(job.id);
      }
      for (const job of paused) runner.resume(job.id);
      return DONE;
    },
    'jobs.pause': ({ jobIds }) => {
      for (const job of allowing(jobIds, 'pause')) runner.pause(job.id);
      return Promise.resolve(DONE);
    },
    'jobs.resume': ({ jobIds }) => {
      for (const job of allowing(jobIds, 'resume')) runner.resume(job.id);
      return Promise.resolve(DONE);
    },
    'jobs.retry': ({ jobIds }) => {
      const jobs = allowing(jobIds, 'retry');
      // A retry that would fail the same way is refused with its cause, before any job moves.
      for (const job of jobs) {
        const block = retryBlock(job);
        if (block) throw refuse(job, block, 'Retrying would fail the same way.');
      }
      for (const job of jobs) runner.retry(job.id);
      return Promise.resolve(DONE);
    },
    'jobs.cancel': async ({ jobIds }) => {
      for (const job of allowing(jobIds, 'cancel')) await runner.cancel(job.id);
      return DONE;
    },
    'jobs.copyAsDraft': async ({ jobId }) => {
      const copy = await copyAsDraft(desk, requireJob(jobId));
      runner.listChanged();
      return jobView(copy);
    },
    'jobs.remove': ({ jobIds }) => {
      const jobs = allowing(jobIds, 'remove');
      const removed = jobs.map((job) => takeOut(store.db, job.id));
      const undoToken = randomUUID();
      // Until the undo window has passed, the job's sealed ID images are kept with it.
      const timer = setTimeout(() => {
        removals.delete(undoToken);
        for (const r of removed) {
          void purgeJobIdImages(desk.idImages, store.jobs, r.job.id, 'removed');
          void store.jobs.forgetExternalValue(r.job.id, 'removed');
        }
      }, UNDO_WINDOW_MS);
      timer.unref();
      removals.set(undoToken, { jobs: removed, timer });
      runner.listChanged();
      return Promise.resolve({ removed: removed.length, undoToken });
    },
    'jobs.undoRemove': ({ undoToken }) => {
      const removal = removals.get(undoToken);
      if (!removal) throw refusal('conflict', 'It is too late to undo that removal.', 'undoExpired');
      clearTimeout(removal.timer);
      removals.delete(undoToken);
      for (const r of removal.jobs) putBack(store.db, r);
      runner.listChanged();
      return Promise.resolve({ restored: removal.jobs.length });
    },
  };
}
