// POST /sign/{pk}: checks the body and the OTP (or the external authentication) before anything is
// consumed, then signs (sign-run.ts). A request created with useasync=true is answered "started" at
// once and signed in the background; it stays ENROLLREADY until that work commits, then is ISSUED.
// The answer names no documents (`"documents":{}`), as the seed's example shows.
import { ApiError, invalidStatus } from '../api-error';
import { readJsonObject } from '../body';
import type { SandboxContext } from '../context';
import { success } from '../dialect';
import { json, type Router } from '../router';
import { findRequest, parsePk, requireOpen } from './common';
import { checkOtp, consumeOtp } from './otp';
import { parseSignBody, planDocuments } from './sign-body';
import { signAndCommit } from './sign-run';
import type { SignerData } from './signer-fields';

export function registerSignRoutes(router: Router, ctx: SandboxContext): void {
  router.on('POST', '/sign/{pk}', async ({ req, params }) => {
    const pk = parsePk(params);
    const body = parseSignBody(await readJsonObject(req, true));
    const request = findRequest(ctx, pk);
    ctx.store.count(pk, 'sign_calls');
    requireOpen(request);
    if (ctx.signing.has(pk)) throw invalidStatus();
    const documents = ctx.store.listDocuments(pk);
    if (documents.length === 0) throw invalidStatus('Invalid request status: no documents to sign');
    const plans = planDocuments(body, documents, pk);
    if (body.extUnlockType !== undefined) {
      if (!ctx.settings.extAuthTypes.includes(body.extUnlockType)) {
        throw new ApiError(
          403,
          `External authentication method "${body.extUnlockType}" is not accepted by this Optimizer`,
        );
      }
    } else {
      checkOtp(ctx, pk, body.secret);
    }

    const answer = (state: 'started' | 'completed'): Record<string, unknown> =>
      success(ctx.dialect, {
        message: `Signature process for Request ${pk} ${state}`,
        detail: { request: pk, documents: {} },
      });
    ctx.signing.add(pk);
    if ((JSON.parse(request.signer) as SignerData).useasync) {
      // The code was accepted: it cannot start a second signature, even if this one fails later.
      consumeOtp(ctx, pk);
      const work = signAndCommit(ctx, request, body, plans, ctx.settings.asyncSignMs)
        .catch((error: unknown) => {
          ctx.log(`[sandbox] async signature of request ${pk} failed: ${(error as Error).message}`);
        })
        .finally(() => {
          ctx.signing.delete(pk);
          ctx.background.delete(work);
        });
      ctx.background.add(work);
      failIfAsked(ctx, pk, 'started');
      return json(answer('started'));
    }
    try {
      await signAndCommit(ctx, request, body, plans, ctx.settings.signMs);
    } finally {
      ctx.signing.delete(pk);
    }
    failIfAsked(ctx, pk, 'committed');
    return json(answer('completed'));
  });
}

/** --fail-after-sign-rate: the signature is (being) done, and the client hears a 500. */
function failIfAsked(ctx: SandboxContext, pk: number, state: 'started' | 'committed'): void {
  if (!ctx.failAfterSign()) return;
  ctx.log(`[sandbox] fault: 500 after the sign of request ${pk} was ${state}`);
  throw new ApiError(500, 'Internal Server Error');
}
