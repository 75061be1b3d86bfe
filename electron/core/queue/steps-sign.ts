// The sign step and its recovery rule (ARCHITECTURE §4): sign is never called blindly twice. A job
// found in `signing` without a sign call pending in this process asks the Optimizer first: signed
// documents mean it worked; none and a usable code (or an external method) mean sign again; none and
// no usable code mean the signer needs a new one.
import type { JobRecord } from '../store/index';
import { OptimizerError } from '../optimizer/errors';
import type { SignRequestBody } from '../optimizer/types';
import type { SignatureParams } from '../../../shared/signature';
import { fillPlaceholders, signingDate } from '../../../shared/template';
import type { StepContext, StepResult } from './step-context';
import { requirePk } from './steps-request';

/** How long an OTP stays valid after it was sent (ONE-SHOT-API.md: 5 minutes). */
export const OTP_LIFETIME_MS = 5 * 60_000;

export async function sign(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  if (job.state === 'ready_to_sign') {
    job = ctx.store.jobs.transition(job.id, 'signing', { auth: 'external' });
    ctx.signIntents.add(job.id);
  }
  const pk = requirePk(job);
  if (!ctx.signIntents.has(job.id)) return recover(ctx, job, pk);

  ctx.signIntents.delete(job.id);
  const body = signBody(ctx, job);
  if (!body) return needNewCode(ctx, job, 'no code is held for this job');
  try {
    await ctx.optimizer.sign(pk, body, { signal: ctx.signal });
  } catch (error) {
    if (error instanceof OptimizerError) return afterSignError(ctx, job, error);
    throw error;
  }
  ctx.codes.delete(job.id);
  ctx.store.jobs.transition(job.id, 'signed', {}, { attempts: 0, nextAttemptAt: null });
  return 'continue';
}

function afterSignError(ctx: StepContext, job: JobRecord, error: OptimizerError): StepResult {
  switch (error.kind) {
    case 'otp_wrong':
      ctx.codes.delete(job.id);
      ctx.store.jobs.transition(
        job.id,
        'otp_sent',
        { reason: 'otp_wrong', attemptsLeft: error.attemptsLeft ?? null },
        {
          error: { kind: error.kind, message: error.message, retryable: true, status: error.status },
        },
      );
      ctx.emit({ type: 'attention', jobId: job.id, reason: 'otp_code_needed', message: error.message });
      return 'wait';
    case 'otp_expired':
    case 'otp_locked':
      ctx.codes.delete(job.id);
      ctx.store.jobs.transition(
        job.id,
        'awaiting_signer',
        { reason: error.kind },
        {
          error: { kind: error.kind, message: error.message, retryable: true, status: error.status },
          otpSentAt: null,
        },
      );
      ctx.emit({ type: 'attention', jobId: job.id, reason: 'otp_needed', message: error.message });
      return 'wait';
    case 'conflict_state':
      // "already ISSUED": an earlier call worked. The next run of this step reconciles.
      throw new OptimizerError({
        kind: 'unknown_outcome',
        route: 'sign',
        message: error.message,
        status: error.status,
        serverMessage: error.serverMessage,
      });
    case 'offline':
    case 'timeout':
    case 'server':
    case 'unknown_outcome':
      // Not known whether the certificate was issued: the retry reconciles first.
      throw error;
    default:
      throw error;
  }
}

async function recover(ctx: StepContext, job: JobRecord, pk: string): Promise<StepResult> {
  const remote = await ctx.optimizer.listDocuments(pk, { signal: ctx.signal });
  const ours = new Set(job.documents.map((d) => d.remoteUid));
  const signed = remote.filter((r) => ours.has(r.uid) && r.signed);
  if (signed.length > 0) {
    if (signed.length < job.documents.length) {
      throw new Error(
        `Only ${signed.length} of ${job.documents.length} documents of request ${pk} are signed`,
      );
    }
    ctx.codes.delete(job.id);
    ctx.store.jobs.transition(job.id, 'signed', { recovered: true }, { attempts: 0, nextAttemptAt: null });
    return 'continue';
  }
  if (job.auth.method === 'external') {
    ctx.store.jobs.event(job.id, 'sign.recovery', { outcome: 'not_signed', action: 'sign_again' });
    ctx.signIntents.add(job.id);
    return 'continue';
  }
  const sentAt = job.otpSentAt ? Date.parse(job.otpSentAt) : NaN;
  if (ctx.codes.has(job.id) && ctx.now() - sentAt < OTP_LIFETIME_MS) {
    ctx.store.jobs.event(job.id, 'sign.recovery', { outcome: 'not_signed', action: 'sign_again_same_code' });
    ctx.signIntents.add(job.id);
    return 'continue';
  }
  return needNewCode(
    ctx,
    job,
    ctx.codes.has(job.id) ? 'the code has expired' : 'the code was lost with the previous session',
  );
}

function needNewCode(ctx: StepContext, job: JobRecord, why: string): StepResult {
  ctx.codes.delete(job.id);
  ctx.store.jobs.transition(
    job.id,
    'awaiting_signer',
    { reason: 'new_code_needed', why },
    { otpSentAt: null },
  );
  ctx.emit({
    type: 'attention',
    jobId: job.id,
    reason: 'otp_needed',
    message: `Send the signer a new code: ${why}.`,
  });
  return 'wait';
}

function signBody(ctx: StepContext, job: JobRecord): SignRequestBody | undefined {
  const body: Partial<SignRequestBody> = {};
  if (job.auth.method === 'external') {
    body.secret = job.auth.secret ?? job.auth.value;
    body.ext_unlock_type = job.auth.type;
    body.ext_unlock_value = job.auth.value;
  } else {
    const code = ctx.codes.get(job.id);
    if (!code) return undefined;
    body.secret = code;
  }
  // `{date}` in a stamp is the moment of signing, not of queueing.
  const date = signingDate(new Date());
  if (job.signature) body.signature = withDate(job.signature, date);
  const byDoc: Record<string, SignatureParams> = {};
  for (const d of job.documents)
    if (d.signature && d.remoteUid) byDoc[d.remoteUid] = withDate(d.signature, date);
  if (Object.keys(byDoc).length > 0) body.signature_by_doc = byDoc;
  return body as SignRequestBody;
}

function withDate(signature: SignatureParams, date: string): SignatureParams {
  const appearance = signature.appearance;
  if (!appearance) return signature;
  return {
    ...signature,
    appearance: {
      ...appearance,
      ...(appearance.text ? { text: appearance.text.map((line) => fillPlaceholders(line, { date })) } : {}),
      ...(appearance.qrcode ? { qrcode: fillPlaceholders(appearance.qrcode, { date }) } : {}),
    },
  };
}
