// The life of a signing job, as pure data: its states, which transitions are allowed, and what each
// state means to the queue. No I/O here — the store persists a transition, the runner performs the
// network step that the new state asks for (ARCHITECTURE §4).

export const JOB_STATES = [
  'draft',
  'queued',
  'creating',
  'created',
  'uploading',
  'uploaded',
  'contract_ready',
  'awaiting_signer',
  'ready_to_sign',
  'otp_sent',
  'signing',
  'signed',
  'downloading',
  'saved',
  'cleaning',
  'done',
  'failed',
  'cancelled',
] as const;

export type JobState = (typeof JOB_STATES)[number];

/** States a job can fail in: every state that performs or waits for a step. */
export type JobStep = Exclude<JobState, 'draft' | 'done' | 'failed' | 'cancelled'>;

export type AuthMethod = 'otp' | 'external';

/** The forward path, plus the loops the OTP and recovery rules need. */
const NEXT: Record<JobState, readonly JobState[]> = {
  draft: ['queued'],
  queued: ['creating', 'draft'],
  // A lost answer to create leaves no pk: creating again is harmless (an orphan request on the server).
  creating: ['created'],
  created: ['uploading'],
  uploading: ['uploaded'],
  uploaded: ['contract_ready'],
  contract_ready: ['awaiting_signer', 'ready_to_sign'],
  awaiting_signer: ['otp_sent'],
  ready_to_sign: ['signing'],
  // Resending a code keeps the job in otp_sent.
  otp_sent: ['signing', 'otp_sent', 'awaiting_signer'],
  // A wrong code sends the signer back to typing (otp_sent); a spent, expired or locked code needs a
  // new one (awaiting_signer); an external method that refused can be tried again (ready_to_sign).
  signing: ['signed', 'otp_sent', 'awaiting_signer', 'ready_to_sign'],
  signed: ['downloading'],
  downloading: ['saved'],
  saved: ['cleaning'],
  cleaning: ['done'],
  done: [],
  failed: [],
  cancelled: [],
};

const TERMINAL: ReadonlySet<JobState> = new Set(['done', 'cancelled']);

/** Until the certificate is issued a job can be abandoned; after it, only finished. */
const CANCELLABLE: ReadonlySet<JobState> = new Set([
  'draft',
  'queued',
  'creating',
  'created',
  'uploading',
  'uploaded',
  'contract_ready',
  'awaiting_signer',
  'ready_to_sign',
  'otp_sent',
]);

/** States in which the queue runner works by itself: its network steps, and the routing after the contract. */
export const RUNNER_STATES: readonly JobState[] = [
  'queued',
  'creating',
  'created',
  'uploading',
  'uploaded',
  'contract_ready',
  'ready_to_sign',
  'signing',
  'signed',
  'downloading',
  'saved',
  'cleaning',
];

/** States in which the queue runner calls the Optimizer by itself. */
const NETWORK_STEPS: ReadonlySet<JobState> = new Set(RUNNER_STATES.filter((s) => s !== 'contract_ready'));

/** States that wait for a person (the signer reviews and asks for a code; the signer types it). */
const WAITS_FOR_PERSON: ReadonlySet<JobState> = new Set([
  'draft',
  'contract_ready',
  'awaiting_signer',
  'otp_sent',
]);

export interface JobStatus {
  state: JobState;
  /** For a failed job: the state it failed in, to which a retry returns. */
  failedStep?: JobStep;
}

export const isTerminal = (state: JobState): boolean => TERMINAL.has(state);
export const isNetworkStep = (state: JobState): boolean => NETWORK_STEPS.has(state);
export const waitsForPerson = (state: JobState): boolean => WAITS_FOR_PERSON.has(state);
export const isJobState = (value: unknown): value is JobState =>
  typeof value === 'string' && (JOB_STATES as readonly string[]).includes(value);

export function canCancel(job: JobStatus): boolean {
  if (job.state === 'failed') return job.failedStep !== undefined && CANCELLABLE.has(job.failedStep);
  return CANCELLABLE.has(job.state);
}

/** Whether `to` may follow `job`: the forward path, failing, retrying a failure, cancelling. */
export function canTransition(job: JobStatus, to: JobState): boolean {
  const from = job.state;
  if (to === 'cancelled') return canCancel(job);
  if (to === 'failed') return from !== 'failed' && !isTerminal(from) && from !== 'draft';
  if (from === 'failed') return job.failedStep !== undefined && to === job.failedStep;
  return NEXT[from].includes(to);
}

export class TransitionError extends Error {
  constructor(
    readonly from: JobStatus,
    readonly to: JobState,
  ) {
    super(
      `A job in state ${from.state}${from.failedStep ? ` (at ${from.failedStep})` : ''} cannot move to ${to}`,
    );
  }
}

/** Throws TransitionError unless the transition is allowed; returns the new status. */
export function transition(job: JobStatus, to: JobState, failedStep?: JobStep): JobStatus {
  if (!canTransition(job, to)) throw new TransitionError(job, to);
  if (to === 'failed') {
    const step = failedStep ?? (job.state as JobStep);
    return { state: 'failed', failedStep: step };
  }
  return { state: to };
}

/** The state a job enters once its contract is fetched: a signer at the desk, or an external method. */
export const afterContract = (auth: AuthMethod): JobState =>
  auth === 'otp' ? 'awaiting_signer' : 'ready_to_sign';

/** Rough share of the whole job done when a state is reached (0..1), for progress bars. */
export function stateProgress(state: JobState): number {
  const order: JobState[] = [
    'draft',
    'queued',
    'creating',
    'created',
    'uploading',
    'uploaded',
    'contract_ready',
    'awaiting_signer',
    'otp_sent',
    'signing',
    'signed',
    'downloading',
    'saved',
    'cleaning',
    'done',
  ];
  if (state === 'ready_to_sign') return stateProgress('otp_sent');
  const i = order.indexOf(state);
  return i < 0 ? 0 : i / (order.length - 1);
}
