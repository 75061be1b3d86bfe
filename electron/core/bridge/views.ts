// What the renderer sees of a job: labels, states and progress — no token, no code, no
// external-method value.
import type { z } from 'zod';
import type { jobViewSchema } from '../../../shared/contract';
import { stateProgress } from '../../../shared/job';
import type { JobRecord } from '../store/index';

export type JobView = z.output<typeof jobViewSchema>;

export function jobView(job: JobRecord): JobView {
  return {
    id: job.id,
    label: job.label,
    profileId: job.profileId,
    batchId: job.batchId,
    state: job.state,
    failedStep: job.failedStep,
    error: job.error
      ? {
          kind: job.error.kind,
          message: job.error.message,
          retryable: job.error.retryable,
          ...(job.error.attemptsLeft === undefined ? {} : { attemptsLeft: job.error.attemptsLeft }),
          // Named `name` here: a result field called `code` could be mistaken for (and is checked as) an OTP.
          ...(job.error.problem === undefined
            ? {}
            : { problem: { name: job.error.problem.code, values: job.error.problem.values } }),
        }
      : null,
    paused: job.paused,
    auth:
      job.auth.method === 'otp'
        ? { method: 'otp', detail: job.auth.delivery }
        : { method: 'external', detail: job.auth.type },
    requestPk: job.requestPk,
    otpSentAt: job.otpSentAt,
    asyncMode: job.asyncMode,
    progress: stateProgress(job.state === 'failed' && job.failedStep ? job.failedStep : job.state),
    createdAt: job.createdAt,
    documents: job.documents.map((d) => ({
      position: d.position,
      filename: d.filename,
      size: d.size,
      pages: d.pages,
      uploaded: d.uploadState === 'uploaded',
      outputPath: d.outputPath,
      signerName: d.signerName,
      verifiedAt: d.verifiedAt,
      remoteDeleted: d.remoteDeleted,
      stamp: d.stamp,
      placedByHand: d.placement !== null,
      refusal: d.refusal,
    })),
  };
}
