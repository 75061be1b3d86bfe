// The sign step and its recovery rule (ARCHITECTURE §4): sign is never called blindly twice. What
// happened to a sign call whose answer was lost or failed is asked of the Optimizer in the published
// ways only — the request's status (`GET /request/{pk}`: ISSUED once signed) and, where that does not
// settle it, whether a signed copy exists (`GET /document/{pk}/{uid}?document_type=signed`, 200 or
// 404). Issued: download. Still open: sign again with a usable code (or an external method), else ask
// for a new code. Closed (cancelled…): stop. In async mode the accepted call is recorded and the
// request polled until it is issued; it is never signed again.
import { join } from 'node:path';
import { rm } from 'node:fs/promises';
import type { JobRecord } from '../store/index';
import { OptimizerError } from '../optimizer/errors';
import type { SignRequestBody } from '../optimizer/types';
import type { SignatureParams } from '../../../shared/signature';
import { fillPlaceholders, signingDate } from '../../../shared/template';
import { codeStillUsable, judgeRefusedCode } from './otp-judgement';
import type { StepContext, StepResult } from './step-context';
import { requirePk } from './steps-request';

export { OTP_LIFETIME_MS } from './otp-judgement';

/** Request statuses after which nothing will be signed (the seeds and older descriptions name these). */
const CLOSED_STATUSES = new Set([
  'CANCELLED',
  'CANCELED',
  'REVOKED',
  'REJECTED',
  'EXPIRED',
  'DELETED',
  'ERROR',
]);
/** Polling an async request: from half a second, growing with the wait, at most every 30 s. */
const POLL_MIN_MS = 500;
const POLL_MAX_MS = 30_000;

export async function sign(ctx: StepContext, job: JobRecord): Promise<StepResult> {
  if (job.state === 'ready_to_sign') {
    job = ctx.store.jobs.transition(job.id, 'signing', { auth: 'external' });
    ctx.signIntents.add(job.id);
  }
  const pk = requirePk(job);
  if (job.signAcceptedAt !== null) return awaitIssued(ctx, job, pk);
  if (!ctx.signIntents.has(job.id)) return recover(ctx, job, pk);

  // Read before the intent is spent: a keychain that fails now leaves the sign for a retry.
  const external = job.auth.method === 'external' ? await ctx.store.jobs.externalValue(job.id) : undefined;
  ctx.signIntents.delete(job.id);
  const body = signBody(ctx, job, external);
  if (!body) return needNewCode(ctx, job, 'no code is held for this job');
  try {
    await ctx.optimizer.sign(pk, body, { signal: ctx.signal });
  } catch (error) {
    if (error instanceof OptimizerError) return afterSignError(ctx, job, error);
    throw error;
  }
  ctx.codes.delete(job.id);
  if (job.asyncMode) {
    // The service answers at once and signs in the background: from now on the request is polled.
    ctx.store.jobs.update(
      job.id,
      { signAcceptedAt: new Date(ctx.now()).toISOString(), attempts: 0, nextAttemptAt: null },
      { kind: 'sign.accepted', data: { async: true } },
    );
    return awaitIssued(ctx, ctx.store.jobs.get(job.id), pk);
  }
  ctx.store.jobs.transition(job.id, 'signed', {}, { attempts: 0, nextAttemptAt: null });
  return 'continue';
}

function afterSignError(ctx: StepContext, job: JobRecord, error: OptimizerError): StepResult {
  switch (error.kind) {
    case 'otp_wrong':
      return afterRefusedCode(ctx, job, error);
    case 'otp_expired':
    case 'otp_locked':
      return newCodeNeeded(ctx, job, error.kind, error.message, error.status);
    case 'conflict_state':
      // "Request already in ISSUED status", or a sign still running: the next run asks the Optimizer.
      throw new OptimizerError({
        kind: 'unknown_outcome',
        route: 'sign',
        message: error.message,
        status: error.status,
        serverMessage: error.serverMessage,
      });
    default:
      // Offline, timeout, a 500 (perhaps after the certificate was issued): the retry asks first.
      throw error;
  }
}

/** A refused code: type it again, or send a new one — judged from the desk's count and the code's age. */
function afterRefusedCode(ctx: StepContext, job: JobRecord, error: OptimizerError): StepResult {
  ctx.codes.delete(job.id);
  const wrongSoFar = job.otpWrongAttempts + 1;
  const verdict = judgeRefusedCode({
    wrongSoFar,
    sentAtMs: job.otpSentAt ? Date.parse(job.otpSentAt) : NaN,
    nowMs: ctx.now(),
    attemptsLeftSaid: error.attemptsLeft,
  });
  if (verdict.kind === 'expired')
    return newCodeNeeded(
      ctx,
      job,
      'otp_expired',
      'The code was not accepted and is no longer valid: send a new code.',
      error.status,
    );
  if (verdict.kind === 'exhausted')
    return newCodeNeeded(
      ctx,
      job,
      'otp_locked',
      `The code was not accepted ${wrongSoFar} times: send a new code.`,
      error.status,
    );
  const message = `The code was not accepted: check it and type it again (${verdict.attemptsLeft} more ${
    verdict.attemptsLeft === 1 ? 'try' : 'tries'
  } before a new code is needed).`;
  ctx.store.jobs.transition(
    job.id,
    'otp_sent',
    { reason: 'otp_wrong', attemptsLeft: verdict.attemptsLeft, said: error.attemptsLeft ?? null },
    {
      error: {
        kind: 'otp_wrong',
        message,
        retryable: true,
        status: error.status,
        attemptsLeft: verdict.attemptsLeft,
      },
      otpWrongAttempts: wrongSoFar,
    },
  );
  ctx.emit({ type: 'attention', jobId: job.id, reason: 'otp_code_needed', message });
  return 'wait';
}

function newCodeNeeded(
  ctx: StepContext,
  job: JobRecord,
  kind: 'otp_expired' | 'otp_locked',
  message: string,
  status: number | undefined,
): StepResult {
  ctx.codes.delete(job.id);
  ctx.store.jobs.transition(
    job.id,
    'awaiting_signer',
    { reason: kind },
    { error: { kind, message, retryable: true, status }, otpSentAt: null, otpWrongAttempts: 0 },
  );
  ctx.emit({ type: 'attention', jobId: job.id, reason: 'otp_needed', message });
  return 'wait';
}

type SignOutcome = { kind: 'issued' | 'open' | 'closed'; status: string | undefined; by: string };

/** What became of the request's signature, asked in the published ways. */
async function signOutcome(ctx: StepContext, job: JobRecord, pk: string): Promise<SignOutcome> {
  const { status: said } = await ctx.optimizer.getRequest(pk, { signal: ctx.signal });
  const status = said?.toUpperCase();
  if (status === 'ISSUED') return { kind: 'issued', status, by: 'request_status' };
  if (status !== undefined && CLOSED_STATUSES.has(status))
    return { kind: 'closed', status, by: 'request_status' };
  // Not issued by its status (or no status given): a signed copy settles it either way.
  const probe = job.documents.find((d) => d.remoteUid !== null);
  if (!probe?.remoteUid) return { kind: 'open', status, by: 'request_status' };
  const path = join(ctx.store.dataDir, `.probe-${job.id}.pdf`);
  try {
    await ctx.optimizer.downloadDocument(pk, probe.remoteUid, 'signed', path, undefined, {
      signal: ctx.signal,
    });
    return { kind: 'issued', status, by: 'signed_copy' };
  } catch (error) {
    if (error instanceof OptimizerError && error.kind === 'not_found')
      return { kind: 'open', status, by: 'signed_copy' };
    throw error;
  } finally {
    await rm(path, { force: true });
  }
}

async function recover(ctx: StepContext, job: JobRecord, pk: string): Promise<StepResult> {
  const outcome = await signOutcome(ctx, job, pk);
  if (outcome.kind === 'issued') return markSigned(ctx, job, outcome);
  if (outcome.kind === 'closed') throw closedRequest(pk, outcome.status);
  const recovery = { outcome: 'not_signed', status: outcome.status ?? null, by: outcome.by };
  if (job.auth.method === 'external') {
    ctx.store.jobs.event(job.id, 'sign.recovery', { ...recovery, action: 'sign_again' });
    ctx.signIntents.add(job.id);
    return 'continue';
  }
  const sentAt = job.otpSentAt ? Date.parse(job.otpSentAt) : NaN;
  if (ctx.codes.has(job.id) && codeStillUsable(sentAt, ctx.now())) {
    ctx.store.jobs.event(job.id, 'sign.recovery', { ...recovery, action: 'sign_again_same_code' });
    ctx.signIntents.add(job.id);
    return 'continue';
  }
  return needNewCode(
    ctx,
    job,
    ctx.codes.has(job.id) ? 'the code has expired' : 'the code was lost with the previous session',
  );
}

/** Async mode: the sign call was accepted; the request is asked until it is issued or closed. */
async function awaitIssued(ctx: StepContext, job: JobRecord, pk: string): Promise<StepResult> {
  const outcome = await signOutcome(ctx, job, pk);
  if (outcome.kind === 'issued') return markSigned(ctx, job, outcome);
  if (outcome.kind === 'closed') throw closedRequest(pk, outcome.status);
  const waited = ctx.now() - Date.parse(job.signAcceptedAt ?? new Date(ctx.now()).toISOString());
  const delay = Math.min(POLL_MAX_MS, Math.max(POLL_MIN_MS, Math.round(waited / 4)));
  ctx.store.jobs.update(job.id, { nextAttemptAt: ctx.now() + delay });
  return 'wait';
}

function markSigned(ctx: StepContext, job: JobRecord, outcome: SignOutcome): StepResult {
  ctx.codes.delete(job.id);
  ctx.store.jobs.transition(
    job.id,
    'signed',
    { recovered: job.signAcceptedAt === null, status: outcome.status ?? null, by: outcome.by },
    { attempts: 0, nextAttemptAt: null },
  );
  return 'continue';
}

function closedRequest(pk: string, status: string | undefined): OptimizerError {
  return new OptimizerError({
    kind: 'conflict_state',
    route: 'getRequest',
    retryable: false,
    message: `The request ${pk} is ${status ?? 'closed'} on the Optimizer: nothing was signed, and nothing more can be.`,
  });
}

function needNewCode(ctx: StepContext, job: JobRecord, why: string): StepResult {
  ctx.codes.delete(job.id);
  ctx.store.jobs.transition(
    job.id,
    'awaiting_signer',
    { reason: 'new_code_needed', why },
    { otpSentAt: null, otpWrongAttempts: 0 },
  );
  ctx.emit({
    type: 'attention',
    jobId: job.id,
    reason: 'otp_needed',
    message: `Send the signer a new code: ${why}.`,
  });
  return 'wait';
}

function signBody(
  ctx: StepContext,
  job: JobRecord,
  external: { value: string; secret?: string } | undefined,
): SignRequestBody | undefined {
  const body: Partial<SignRequestBody> = {};
  if (job.auth.method === 'external') {
    // The value lives in the keychain, never in the job record (store/jobs.ts externalValue).
    if (!external) return undefined;
    body.secret = external.secret ?? external.value;
    body.ext_unlock_type = job.auth.type;
    body.ext_unlock_value = external.value;
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
