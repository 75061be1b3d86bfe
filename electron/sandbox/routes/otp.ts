// One-time codes: POST /otp/{pk} "sends" a 6-digit code (to the sandbox inbox and stderr instead of
// a phone) and checkOtp() enforces the rules sign relies on: 60 s between codes, 5 minutes of
// validity, 3 wrong attempts and the code is void.
import { randomInt } from 'node:crypto';
import { ApiError, ValidationError, badEnum } from '../api-error';
import { readJsonObject } from '../body';
import type { SandboxContext } from '../context';
import { json, type Router } from '../router';
import { findRequest, parsePk, requireOpen } from './common';
import { maskPhone, type SignerData } from './signer-fields';

export const OTP_COOLDOWN_MS = 60_000;
export const OTP_LIFETIME_MS = 5 * 60_000;
export const OTP_MAX_WRONG = 3;
const DELIVERY_METHODS = ['sms', 'whatsapp'] as const;

export function registerOtpRoutes(router: Router, ctx: SandboxContext): void {
  router.on('POST', '/otp/{pk}', async ({ req, params }) => {
    const pk = parsePk(params);
    const body = await readJsonObject(req, false);
    const method = body.delivery_method ?? 'sms';
    if (typeof method !== 'string' || !(DELIVERY_METHODS as readonly string[]).includes(method)) {
      throw new ValidationError([badEnum('body', 'delivery_method', DELIVERY_METHODS)]);
    }
    const request = findRequest(ctx, pk);
    requireOpen(request);
    const now = ctx.clock.now();
    const previous = ctx.store.getOtp(pk);
    if (previous && now - previous.sent_at_ms < OTP_COOLDOWN_MS) {
      throw new ApiError(412, 'Otp generated less than a minute ago');
    }
    const signer = JSON.parse(request.signer) as SignerData;
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    ctx.store.transaction(() => {
      ctx.store.putOtp({
        request_pk: pk,
        code,
        delivery_method: method,
        destination: signer.mobile_phone_number,
        sent_at_ms: now,
        wrong_attempts: 0,
        state: 'active',
      });
      ctx.store.count(pk, 'otp_sends');
    });
    const to = maskPhone(signer.mobile_phone_number);
    ctx.log(`[sandbox] OTP for request ${pk} by ${method} to ${to}: ${code}`);
    return json({ status: 'success', detail: `OTP successfully sent to ${to}` });
  });
}

/** Checks a code for a sign call; a wrong code is counted (and committed) before the answer. */
export function checkOtp(ctx: SandboxContext, pk: number, secret: string): void {
  const otp = ctx.store.getOtp(pk);
  if (!otp || otp.state === 'used') {
    throw new ApiError(403, 'Confirmation Code invalid (no code has been sent for this request)');
  }
  if (otp.state === 'void') {
    throw new ApiError(
      403,
      `Confirmation Code invalid (locked after ${OTP_MAX_WRONG} wrong attempts: request a new code)`,
    );
  }
  if (ctx.clock.now() - otp.sent_at_ms > OTP_LIFETIME_MS) {
    throw new ApiError(403, 'Confirmation Code invalid (expired: request a new code)');
  }
  if (secret.trim() !== otp.code) {
    const wrong = otp.wrong_attempts + 1;
    const locked = wrong >= OTP_MAX_WRONG;
    ctx.store.updateOtp(pk, { wrong_attempts: wrong, state: locked ? 'void' : 'active' });
    throw new ApiError(
      403,
      locked
        ? `Confirmation Code invalid (locked after ${OTP_MAX_WRONG} wrong attempts: request a new code)`
        : `Confirmation Code invalid (${OTP_MAX_WRONG - wrong} attempt(s) left)`,
    );
  }
}
