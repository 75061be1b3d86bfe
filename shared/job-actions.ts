// What a person may do with a job in each state, as pure data, so that the job pane, the queue's
// toolbar and core's refusals all agree: a button is shown only where its action is allowed, and
// an action asked for anyway is refused with a reason the interface can word.
import { canCancel, RUNNER_STATES, type JobState } from './job';

export const JOB_ACTIONS = ['start', 'pause', 'resume', 'cancel', 'retry', 'copyAsDraft', 'remove'] as const;
export type JobAction = (typeof JOB_ACTIONS)[number];

/** The little of a job the rules need (a store record and the renderer's view both fit). */
export interface JobFacts {
  state: JobState;
  failedStep: JobState | null;
  paused: boolean;
  error: { kind: string } | null;
  documents: readonly { refusal: string | null }[];
}

const RUNS_BY_ITSELF: ReadonlySet<JobState> = new Set(RUNNER_STATES);

/** Until the certificate is issued; a failed job by the step it failed at. */
const cancellable = (job: JobFacts): boolean =>
  canCancel({ state: job.state === 'failed' ? (job.failedStep ?? 'failed') : job.state });

/** Whether a failed job had already been signed: copying it would sign the same documents again. */
const signedBeforeFailing = (job: JobFacts): boolean => job.state === 'failed' && !cancellable(job);

/** The actions this job's state allows, in the order the interface shows them. */
export function jobActions(job: JobFacts): JobAction[] {
  switch (job.state) {
    case 'draft':
      // A draft has nothing on the Optimizer: removing it (with undo) is the way out, not cancelling.
      return ['start', 'remove'];
    case 'failed':
      return [
        'retry',
        ...(cancellable(job) ? (['cancel'] as const) : []),
        ...(signedBeforeFailing(job) ? [] : (['copyAsDraft'] as const)),
      ];
    case 'cancelled':
      return ['copyAsDraft', 'remove'];
    case 'done':
      return ['remove'];
    default: {
      // Steps the queue runs may be paused between two calls; steps that wait for the signer may not.
      const pausing: JobAction[] = RUNS_BY_ITSELF.has(job.state) ? [job.paused ? 'resume' : 'pause'] : [];
      return [...pausing, ...(cancellable(job) ? (['cancel'] as const) : [])];
    }
  }
}

export const allows = (job: JobFacts, action: JobAction): boolean => jobActions(job).includes(action);

/**
 * Why Retry cannot help this job, as a problem code, or null when it can. A failed job whose cause
 * is still there would only fail the same way again.
 */
export function retryBlock(job: JobFacts): JobProblem | null {
  if (job.state !== 'failed') return whyNotAllowed(job, 'retry');
  if (job.documents.some((d) => d.refusal !== null)) return 'retryRefusedDocument';
  // The Optimizer refused the signer's details: the same details would be refused again.
  if (job.error?.kind === 'validation') return 'retrySignerRefused';
  return null;
}

/**
 * Why this state does not allow the action, as a problem code the interface words in the RAO's
 * language (`problems.<code>` in the renderer), or null when it does.
 */
export function whyNotAllowed(job: JobFacts, action: JobAction): JobProblem | null {
  if (allows(job, action)) return null;
  if (job.state === 'cancelled') return 'jobCancelled';
  if (job.state === 'done' && action !== 'copyAsDraft') return 'jobDone';
  switch (action) {
    case 'start':
      return 'startNotDraft';
    case 'retry':
      return job.state === 'draft' ? 'retryDraft' : 'retryNotStopped';
    case 'cancel':
      return job.state === 'draft' ? 'cancelDraft' : 'cancelTooLate';
    case 'pause':
    case 'resume':
      return 'notRunning';
    case 'copyAsDraft':
      return 'copyNotAllowed';
    case 'remove':
      return 'removeRunning';
  }
}

export type JobProblem =
  | 'jobCancelled'
  | 'jobDone'
  | 'startNotDraft'
  | 'retryDraft'
  | 'retryNotStopped'
  | 'retryRefusedDocument'
  | 'retrySignerRefused'
  | 'cancelDraft'
  | 'cancelTooLate'
  | 'notRunning'
  | 'copyNotAllowed'
  | 'removeRunning';
