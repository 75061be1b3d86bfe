// Service identity: GET /hello, GET /version, GET /settings — what a client uses to check that the
// Optimizer is reachable and which version it runs. Their new-API shapes are not published; only the
// status word follows the dialect.
import type { SandboxContext } from '../context';
import { successWord } from '../dialect';
import { json, type Router } from '../router';

export const SANDBOX_VERSION = '1.0.0-sandbox';

export function registerServiceRoutes(router: Router, ctx: SandboxContext): void {
  router.on('GET', '/hello', () =>
    json({ status: successWord(ctx.dialect), message: 'Hello from the One-Shot Optimizer SANDBOX' }),
  );
  router.on('GET', '/version', () =>
    json({
      status: successWord(ctx.dialect),
      version: SANDBOX_VERSION,
      api: '1.0.0',
      sandbox: true,
      env: 'sandbox',
    }),
  );
  router.on('GET', '/settings', () =>
    json({
      status: successWord(ctx.dialect),
      details: {
        env: 'sandbox',
        usepdfclean: false,
        otp_delivery_method: 'sms',
        ext_unlock_types: ctx.settings.extAuthTypes,
        max_documents_per_request: ctx.settings.maxDocumentsPerRequest,
      },
    }),
  );
}
