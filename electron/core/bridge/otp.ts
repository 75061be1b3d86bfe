// The one-time code: sent to the signer once they have read and accepted every document, entered
// by the RAO, and on the training sandbox read from its simulated phone.
import { TRAINING_PROFILE_ID } from '../../../shared/contract';
import type { Desk } from '../desk';
import { refusal } from './errors';
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
        throw refusal(
          'conflict',
          'This job signs with an external authentication method; no code is sent to the signer.',
          'otpNotUsed',
          { label: job.label },
        );
      if (job.state !== 'awaiting_signer' && job.state !== 'otp_sent')
        throw refusal(
          'conflict',
          `A code can be sent only while the signer is at the desk; this job is ${job.state}.`,
          'otpNotNow',
          { label: job.label },
        );
      if (!reviewState(store, job).consented)
        throw refusal(
          'conflict',
          'The signer has not yet read and accepted every document; no code is sent before that.',
          'codeBeforeConsent',
        );
      const sent = await runner.sendOtp(jobId, delivery);
      return { sentAt: sent.otpSentAt ?? new Date().toISOString() };
    },
    'otp.submit': ({ jobId, code }) => {
      const job = requireJob(store, jobId);
      if (job.state !== 'otp_sent')
        throw refusal(
          'conflict',
          `No code is expected for this job now (it is ${job.state}): send the code to the signer first.`,
          'otpNotExpected',
          { label: job.label },
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
        throw refusal(
          'forbidden',
          'The sandbox phone exists only on the training sandbox.',
          'sandboxPhoneOnly',
        );
      const none = { code: null, delivery: null, sentAt: null };
      if (!job.requestPk) return none;
      const response = await fetch(`${profile.baseUrl}/sandbox/inbox/${encodeURIComponent(job.requestPk)}`);
      if (response.status === 404) return none;
      if (!response.ok)
        throw refusal('server', `The training sandbox answered ${response.status}.`, 'sandboxAnswered', {
          status: response.status,
        });
      const body = (await response.json()) as { otp?: string; delivery_method?: string; sent_at?: string };
      return { code: body.otp ?? null, delivery: body.delivery_method ?? null, sentAt: body.sent_at ?? null };
    },
  };
}
