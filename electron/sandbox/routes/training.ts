// Routes that exist only in the simulator, for training and tests: the SMS inbox that stands in for
// the signer's phone, the CA certificate, call statistics, the dialect spoken and a clock that can be
// moved forward. They answer in one shape whatever the dialect.
// Faults are never injected here, so tests can always read them.
import { ApiError, ValidationError, badType, outOfRange } from '../api-error';
import { readJsonObject } from '../body';
import { MAX_CLOCK_OFFSET_SECONDS, type SandboxContext } from '../context';
import { json, type Router } from '../router';
import { parsePk } from './common';

export function registerTrainingRoutes(router: Router, ctx: SandboxContext): void {
  router.on('GET', '/sandbox/inbox/{pk}', ({ params }) => {
    const pk = parsePk(params);
    const otp = ctx.store.getOtp(pk);
    if (!otp) throw new ApiError(404, `No code has been sent for request ${pk}`);
    return json({
      otp: otp.code,
      delivery_method: otp.delivery_method,
      sent_at: new Date(otp.sent_at_ms).toISOString(),
      to: otp.destination,
      state: otp.state,
    });
  });

  router.on('GET', '/sandbox/ca.pem', () => ({
    kind: 'bytes',
    status: 200,
    contentType: 'application/x-pem-file',
    body: Buffer.from(ctx.ca.caPem),
  }));

  router.on('GET', '/sandbox/stats', () => json(ctx.store.stats()));
  router.on('GET', '/sandbox/dialect', () => json({ dialect: ctx.dialect }));

  router.on('GET', '/sandbox/clock', () => json(clockView(ctx)));
  router.on('POST', '/sandbox/clock', async ({ req }) => {
    const body = await readJsonObject(req, true);
    const seconds = body.advance_seconds;
    if (typeof seconds !== 'number' || !Number.isSafeInteger(seconds)) {
      throw new ValidationError([badType('body', 'advance_seconds', 'integer', seconds)]);
    }
    if (seconds < 0) throw new ValidationError([outOfRange('body', 'advance_seconds', 'ge', 0, seconds)]);
    // The bound is on the clock's total offset, so many small moves cannot add up to an absurd one.
    const room = MAX_CLOCK_OFFSET_SECONDS - Math.floor(ctx.clock.offset / 1000);
    if (seconds > room) {
      throw new ValidationError([outOfRange('body', 'advance_seconds', 'le', room, seconds)]);
    }
    ctx.clock.advance(seconds * 1000);
    ctx.store.setMeta('clock_offset_ms', String(ctx.clock.offset));
    return json(clockView(ctx));
  });
}

const clockView = (ctx: SandboxContext): Record<string, unknown> => ({
  now: new Date(ctx.clock.now()).toISOString(),
  offset_seconds: ctx.clock.offset / 1000,
});
