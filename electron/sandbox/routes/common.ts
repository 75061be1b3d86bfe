// Path parameters and request look-ups shared by the routes.
import { ApiError, ValidationError, badType, invalidStatus } from '../api-error';
import type { SandboxContext } from '../context';
import type { RequestRow } from '../store';

export function parsePk(params: Record<string, string>): number {
  const text = params.pk ?? '';
  if (!/^\d{1,15}$/.test(text)) throw new ValidationError([badType('path', 'request_pk', 'integer', text)]);
  return Number(text);
}

export function findRequest(ctx: SandboxContext, pk: number): RequestRow {
  const request = ctx.store.getRequest(pk);
  if (!request) throw new ApiError(404, `Request ${pk} not found`);
  return request;
}

/** Uploads, OTPs and signing are allowed only while the request waits for its signature. */
export function requireOpen(request: RequestRow): void {
  if (request.status === 'ISSUED') throw new ApiError(412, 'Request already in ISSUED status');
  if (request.status !== 'ENROLLREADY') throw invalidStatus();
}

/** As requireOpen, and no sign of this request may be running (an async one answers before it ends). */
export function requireIdle(ctx: SandboxContext, request: RequestRow): void {
  requireOpen(request);
  if (ctx.signing.has(request.pk)) throw invalidStatus();
}
