// RAO tokens: GET /tokens, POST /token, GET /token/{uid}, DELETE /token/{uid}.
// A token stands for an RAO's credentials; the simulator keeps only whether a password and a PIN
// were given, never their values.
import { randomUUID, createHash } from 'node:crypto';
import { ApiError, ValidationError, badEnum, badType, missingField } from '../api-error';
import type { FieldProblem } from '../api-error';
import { readJsonObject } from '../body';
import type { SandboxContext } from '../context';
import { success } from '../dialect';
import { json, type Router } from '../router';

import { ENVIRONMENTS } from './signer-fields';

/**
 * The simulator accepts any RAO username, but a password must be given with a PIN of 4 to 8 digits,
 * so that "Invalid RAO Credentials" can be practised: anything else is refused.
 */
export function checkRaoCredentials(password: string | undefined, pin: string | undefined): void {
  if (password !== undefined && password.length === 0) throw new ApiError(403, 'Invalid RAO Credentials');
  if (pin !== undefined && !/^\d{4,8}$/.test(pin)) throw new ApiError(403, 'Invalid RAO Credentials');
}

/** A stable RAO id per username, as the real service has one RAO record per officer. */
export const raoIdFor = (username: string): string =>
  String(1000 + (createHash('sha256').update(username).digest().readUInt32BE(0) % 9000));

export function registerTokenRoutes(router: Router, ctx: SandboxContext): void {
  router.on('GET', '/tokens', () => {
    const detail: Record<string, unknown> = {};
    for (const t of ctx.store.listTokens())
      detail[t.uid] = { username: t.username, env: t.env, rao_id: t.rao_id };
    return json(success(ctx.dialect, { detail }));
  });

  router.on('POST', '/token', async ({ req }) => {
    const body = await readJsonObject(req, true);
    const problems: FieldProblem[] = [];
    const str = (name: string, required: boolean): string | undefined => {
      const v = body[name];
      if (v === undefined || v === null) {
        if (required) problems.push(missingField('body', name));
        return undefined;
      }
      if (typeof v !== 'string') {
        problems.push(badType('body', name, 'str', v));
        return undefined;
      }
      return v;
    };
    const username = str('username', true);
    const password = str('password', false);
    const pin = str('pin', false);
    const env = str('env', false);
    if (env !== undefined && !(ENVIRONMENTS as readonly string[]).includes(env))
      problems.push(badEnum('body', 'env', ENVIRONMENTS, env));
    if (problems.length > 0 || username === undefined) throw new ValidationError(problems);
    if (username.trim() === '') throw new ApiError(400, 'Missing parameter: username');
    checkRaoCredentials(password, pin);
    const uid = randomUUID();
    ctx.store.insertToken({
      uid,
      username,
      has_password: password ? 1 : 0,
      has_pin: pin ? 1 : 0,
      rao_id: raoIdFor(username),
      env: env ?? 'sandbox',
      created_at: new Date(ctx.clock.now()).toISOString(),
    });
    return json(success(ctx.dialect, { message: 'Token created', details: { token_uid: uid } }));
  });

  router.on('GET', '/token/{uid}', ({ params }) => {
    const token = ctx.store.getToken(params.uid ?? '');
    if (!token) throw new ApiError(404, `Token ${params.uid} not found`);
    return json(
      success(ctx.dialect, {
        details: {
          username: token.username,
          password: token.has_password ? 'true' : 'false',
          pin: token.has_pin ? 'true' : 'false',
          rao_id: token.rao_id,
          env: token.env,
        },
      }),
    );
  });

  router.on('DELETE', '/token/{uid}', ({ params }) => {
    const uid = params.uid ?? '';
    if (!ctx.store.deleteToken(uid)) throw new ApiError(404, `Token ${uid} not found`);
    return json(success(ctx.dialect, { message: `Token ${uid} deleted successfully` }));
  });
}
