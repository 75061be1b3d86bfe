// Every job state offers the actions written out here by hand, and the reasons for refusing the
// others are the problem codes the interface words; a change to shared/job-actions.ts has to be
// made twice, on purpose.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { JOB_STATES, type JobState } from '../../shared/job';
import { jobActions, retryBlock, whyNotAllowed, type JobFacts } from '../../shared/job-actions';

const job = (state: JobState, more: Partial<JobFacts> = {}): JobFacts => ({
  state,
  failedStep: null,
  paused: false,
  error: null,
  documents: [{ refusal: null }],
  ...more,
});

const OFFERED: Record<JobState, string[]> = {
  draft: ['start', 'remove'],
  queued: ['pause', 'cancel'],
  creating: ['pause', 'cancel'],
  created: ['pause', 'cancel'],
  uploading: ['pause', 'cancel'],
  uploaded: ['pause', 'cancel'],
  contract_ready: ['pause', 'cancel'],
  awaiting_signer: ['cancel'],
  ready_to_sign: ['pause', 'cancel'],
  otp_sent: ['cancel'],
  signing: ['pause'],
  signed: ['pause'],
  downloading: ['pause'],
  saved: ['pause'],
  cleaning: ['pause'],
  done: ['remove'],
  failed: ['retry'],
  cancelled: ['copyAsDraft', 'remove'],
};

describe('job actions', () => {
  it('offers in each state exactly the actions written here', () => {
    for (const state of JOB_STATES) assert.deepEqual(jobActions(job(state)), OFFERED[state], state);
  });

  it('offers Resume instead of Pause for a paused job', () => {
    assert.deepEqual(jobActions(job('uploading', { paused: true })), ['resume', 'cancel']);
  });

  it('lets a job that failed before signing be cancelled and copied, and one that failed after only retried', () => {
    assert.deepEqual(jobActions(job('failed', { failedStep: 'uploading' })), [
      'retry',
      'cancel',
      'copyAsDraft',
    ]);
    assert.deepEqual(jobActions(job('failed', { failedStep: 'downloading' })), ['retry']);
  });

  it('says why Retry cannot help, by cause', () => {
    assert.equal(retryBlock(job('failed', { failedStep: 'creating' })), null);
    const refused = { failedStep: 'uploading' as const, documents: [{ refusal: 'Unsupported file' }] };
    assert.equal(retryBlock(job('failed', refused)), 'retryRefusedDocument');
    assert.equal(
      retryBlock(job('failed', { failedStep: 'creating', error: { kind: 'validation' } })),
      'retrySignerRefused',
    );
    assert.equal(retryBlock(job('cancelled')), 'jobCancelled');
    assert.equal(retryBlock(job('draft')), 'retryDraft');
    assert.equal(retryBlock(job('done')), 'jobDone');
    assert.equal(retryBlock(job('otp_sent')), 'retryNotStopped');
  });

  it('names why other actions are refused', () => {
    assert.equal(whyNotAllowed(job('signing'), 'cancel'), 'cancelTooLate');
    assert.equal(whyNotAllowed(job('draft'), 'cancel'), 'cancelDraft');
    assert.equal(whyNotAllowed(job('uploading'), 'remove'), 'removeRunning');
    assert.equal(whyNotAllowed(job('cancelled'), 'start'), 'jobCancelled');
    assert.equal(whyNotAllowed(job('done'), 'copyAsDraft'), 'copyNotAllowed');
    assert.equal(whyNotAllowed(job('cancelled'), 'copyAsDraft'), null);
  });
});
