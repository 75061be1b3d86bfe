// One-time codes: POST /otp/{pk} "sends" a 6-digit code (to the sandbox inbox and stderr instead of
// a phone) and checkOtp() enforces the rules sign relies on: 60 s between codes, 5 minutes of
// validity, 3 wrong attempts and the code is void. Those numbers are the sandbox's own (none is
// published); the published answer to any refused code is one plain 403 "Confirmation Code invalid",
// and only the otp-reasons dialect adds the reason in brackets.
import { randomInt } from 'node:crypto';
import { ApiError, ValidationError, badEnum } from '../api-error';
import { readJsonObject } from '../body';
import type { SandboxContext } from '../context';
import { success } from '../dialect';
import { json, type Router } from '../router';
import { findRequest, parsePk, requireIdle } from './common';
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
      throw new ValidationError([badEnum('body', 'delivery_method', DELIVERY_METHODS, method)]);
    }
    const request = findRequest(ctx, pk);
    requireIdle(ctx, request);
    const now = ctx.clock.now();
    const previous = ctx.store.getOtp(pk);
    if (previous && now - previous.sent_at_ms < OTP_COOLDOWN_MS) {
      throw new ApiError(412, 'Error occured during OTP generation: Otp generated less than a minute ago');
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
    return json(success(ctx.dialect, { detail: `OTP successfully sent to ${to}` }));
  });
}

/** Checks a code for a sign call; a wrong code is counted (and committed) before the answer. */
export function checkOtp(ctx: SandboxContext, pk: number, secret: string): void {
  const refuse = (reason: string): ApiError =>
    new ApiError(
      403,
      ctx.dialect === 'otp-reasons' ? `Confirmation Code invalid (${reason})` : 'Confirmation Code invalid',
    );
  const locked = `locked after ${OTP_MAX_WRONG} wrong attempts: request a new code`;
  const otp = ctx.store.getOtp(pk);
  if (!otp || otp.state === 'used') throw refuse('no code has been sent for this request');
  if (otp.state === 'void') throw refuse(locked);
  if (ctx.clock.now() - otp.sent_at_ms > OTP_LIFETIME_MS) throw refuse('expired: request a new code');
  if (secret.trim() !== otp.code) {
    const wrong = otp.wrong_attempts + 1;
    const lockedNow = wrong >= OTP_MAX_WRONG;
    ctx.store.updateOtp(pk, { wrong_attempts: wrong, state: lockedNow ? 'void' : 'active' });
    throw refuse(lockedNow ? locked : `${OTP_MAX_WRONG - wrong} attempt(s) left`);
  }
}

/** A code that signed (or started an async signature) cannot sign again. */
export function consumeOtp(ctx: SandboxContext, pk: number): void {
  const otp = ctx.store.getOtp(pk);
  if (otp) ctx.store.updateOtp(pk, { wrong_attempts: otp.wrong_attempts, state: 'used' });
}
