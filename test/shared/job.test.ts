// Every pair of job states is checked against the transitions ARCHITECTURE §4 allows, written out
// here by hand so that a change to shared/job.ts has to be made twice, on purpose.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import {
  JOB_STATES,
  TransitionError,
  afterContract,
  canCancel,
  canTransition,
  stateProgress,
  transition,
  type JobState,
  type JobStep,
} from '../../shared/job';

const ALLOWED: Record<JobState, JobState[]> = {
  draft: ['queued', 'cancelled'],
  queued: ['creating', 'draft', 'failed', 'cancelled'],
  creating: ['created', 'failed', 'cancelled'],
  created: ['uploading', 'failed', 'cancelled'],
  uploading: ['uploaded', 'failed', 'cancelled'],
  uploaded: ['contract_ready', 'failed', 'cancelled'],
  contract_ready: ['awaiting_signer', 'ready_to_sign', 'failed', 'cancelled'],
  awaiting_signer: ['otp_sent', 'failed', 'cancelled'],
  ready_to_sign: ['signing', 'failed', 'cancelled'],
  otp_sent: ['signing', 'otp_sent', 'awaiting_signer', 'failed', 'cancelled'],
  signing: ['signed', 'otp_sent', 'awaiting_signer', 'ready_to_sign', 'failed'],
  signed: ['downloading', 'failed'],
  downloading: ['saved', 'failed'],
  saved: ['cleaning', 'failed'],
  cleaning: ['done', 'failed'],
  done: [],
  failed: [],
  cancelled: [],
};

describe('job state machine', () => {
  for (const from of JOB_STATES) {
    it(`from ${from} allows exactly ${ALLOWED[from].join(', ') || 'nothing'}`, () => {
      for (const to of JOB_STATES) {
        assert.equal(canTransition({ state: from }, to), ALLOWED[from].includes(to), `${from} → ${to}`);
      }
    });
  }

  const steps = JOB_STATES.filter((s) => !['draft', 'done', 'failed', 'cancelled'].includes(s)) as JobStep[];
  for (const step of steps) {
    it(`a job failed at ${step} can only be retried at ${step}${canCancel({ state: 'failed', failedStep: step }) ? ' or cancelled' : ''}`, () => {
      const failed = transition({ state: step }, 'failed');
      assert.deepEqual(failed, { state: 'failed', failedStep: step });
      for (const to of JOB_STATES) {
        const expected = to === step || (to === 'cancelled' && ALLOWED[step].includes('cancelled'));
        assert.equal(canTransition(failed, to), expected, `failed(${step}) → ${to}`);
      }
    });
  }

  it('refuses a forbidden transition with a TransitionError naming both states', () => {
    assert.throws(
      () => transition({ state: 'signed' }, 'cancelled'),
      (e: unknown) => e instanceof TransitionError && /signed cannot move to cancelled/.test(e.message),
    );
    assert.throws(() => transition({ state: 'draft' }, 'signing'), TransitionError);
    assert.throws(() => transition({ state: 'done' }, 'failed'), TransitionError);
  });

  it('sends OTP jobs to the signer and external-authentication jobs straight to signing', () => {
    assert.equal(afterContract('otp'), 'awaiting_signer');
    assert.equal(afterContract('external'), 'ready_to_sign');
  });

  it('reports progress that never goes backwards along the main path', () => {
    const path: JobState[] = [
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
    const values = path.map(stateProgress);
    assert.deepEqual(
      [...values].sort((a, b) => a - b),
      values,
    );
    assert.equal(values[0], 0);
    assert.equal(values.at(-1), 1);
  });
});
