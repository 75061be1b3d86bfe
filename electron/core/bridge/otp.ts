// The one-time code: sent to the signer once they have read and accepted every document, entered
// by the RAO, and on the training sandbox read from its simulated phone.
import { TRAINING_PROFILE_ID } from '../../../shared/contract';
import type { Desk } from '../desk';
import { BridgeFailure } from './errors';
import { DONE, requireJob, type Room } from './guards';
import { reviewState } from './review';

type OtpOperations = Room<'otp.send' | 'otp.submit' | 'training.inbox'>;

export function otpOperations(desk: Pick<Desk, 'store' | 'runner'>): OtpOperations {
  const { store, runner } = desk;
  return {
    'otp.send': async ({ jobId, delivery }) => {
      const job = requireJob(store, jobId);
      // Refused here with a code the UI words, not left to the runner's plain errors (`internal`).
      if (job.auth.method !== 'otp')
        throw new BridgeFailure(
          'conflict',
          'This job signs with an external authentication method; no code is sent to the signer.',
        );
      if (job.state !== 'awaiting_signer' && job.state !== 'otp_sent')
        throw new BridgeFailure(
          'conflict',
          `A code can be sent only while the signer is at the desk; this job is ${job.state}.`,
        );
      if (!reviewState(store, job).consented)
        throw new BridgeFailure(
          'conflict',
          'The signer has not yet read every document and accepted them; no code is sent before that.',
        );
      const sent = await runner.sendOtp(jobId, delivery);
      return { sentAt: sent.otpSentAt ?? new Date().toISOString() };
    },
    'otp.submit': ({ jobId, code }) => {
      const job = requireJob(store, jobId);
      if (job.state !== 'otp_sent')
        throw new BridgeFailure(
          'conflict',
          `No code is expected for this job now (it is ${job.state}): send the code to the signer first.`,
        );
      runner.submitOtp(jobId, code);
      return Promise.resolve(DONE);
    },

    // The training profile's id comes from the contract, not from the training module: that would
    // load the training sandbox with every desk.
    'training.inbox': async ({ jobId }) => {
      const job = requireJob(store, jobId);
      const profile = store.profiles.get(job.profileId);
      if (job.profileId !== TRAINING_PROFILE_ID || !profile)
        throw new BridgeFailure('forbidden', 'The sandbox phone exists only on the training sandbox.');
      const none = { code: null, delivery: null, sentAt: null };
      if (!job.requestPk) return none;
      const response = await fetch(`${profile.baseUrl}/sandbox/inbox/${encodeURIComponent(job.requestPk)}`);
      if (response.status === 404) return none;
      if (!response.ok)
        throw new BridgeFailure('server', `The training sandbox answered ${response.status}.`);
      const body = (await response.json()) as { otp?: string; delivery_method?: string; sent_at?: string };
      return { code: body.otp ?? null, delivery: body.delivery_method ?? null, sentAt: body.sent_at ?? null };
    },
  };
}
