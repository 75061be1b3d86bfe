// RAO tokens: created on the Optimizer from the RAO's password and PIN (used once, never kept),
// then only the token uid is kept, in the keychain under `oneshot-desk/<profileId>`, account = the
// RAO username. Callers outside core get labels; the uid itself only goes to core's queue runner.
import { TokenMissingError, TokenVaultError } from './errors';
import { INDEX_ACCOUNT, PROBE_SERVICE, type Keychain } from './keychain';
import { redact } from '../redact';
import { problem } from '../../../shared/problems';
import { OptimizerError } from '../optimizer/errors';
import { optimizerProblem } from '../optimizer/problem';

export type OptimizerEnv = 'sandbox' | 'prod';

export interface CreateTokenInput {
  username: string;
  password?: string;
  pin?: string;
  env?: OptimizerEnv;
}

export interface TokenDetails {
  username: string;
  hasPassword: boolean;
  hasPin: boolean;
  raoId: string;
  env: string;
}

/**
 * The three token routes of the Optimizer, as OptimizerClient offers them. Failures are expected
 * to carry a `kind` ('not_found', 'auth', 'offline', …) and may carry `retryable`.
 */
export interface TokenApi {
  createToken(input: CreateTokenInput): Promise<{ tokenUid: string }>;
  getToken(uid: string): Promise<TokenDetails>;
  deleteToken(uid: string): Promise<void>;
}

export interface TokenVaultOptions {
  keychain: Keychain;
  /** One Optimizer, or the Optimizer of each profile. */
  optimizer: TokenApi | ((profileId: string) => TokenApi);
}

/** What create and adopt answer: never the uid. */
export interface StoredToken {
  username: string;
  /** As given to create (undefined: the Optimizer's default), or as the Optimizer reports it. */
  env?: string;
}

/** valid: the Optimizer knows the token; invalid: it does not (or not for this RAO); unknown: not asked or no answer. */
export type TokenStatus = 'valid' | 'invalid' | 'unknown';

export interface TokenLabel {
  username: string;
  env?: string;
  hasPassword?: boolean;
  hasPin?: boolean;
  raoId?: string;
  status: TokenStatus;
}

export const SERVICE_PREFIX = 'oneshot-desk/';

export class TokenVault {
  private readonly keychain: Keychain;
  private readonly optimizer: TokenVaultOptions['optimizer'];

  constructor(options: TokenVaultOptions) {
    this.keychain = options.keychain;
    this.optimizer = options.optimizer;
  }

  /** The keychain service that holds a profile's tokens. */
  static serviceFor(profileId: string): string {
    const id = profileId.trim();
    if (id === '' || id.length > 200 || hasControl(id) || `${SERVICE_PREFIX}${id}` === PROBE_SERVICE)
      throw new TokenVaultError('invalid_input', 'This Optimizer profile id cannot be used to keep tokens.');
    return `${SERVICE_PREFIX}${id}`;
  }

  /** Creates a token on the Optimizer (one call) and keeps its uid. Password and PIN are not kept. */
  async createToken(profileId: string, input: CreateTokenInput): Promise<StoredToken> {
    const service = TokenVault.serviceFor(profileId);
    const username = checkUsername(input.username);
    const request: CreateTokenInput = { username };
    if (input.password !== undefined) request.password = input.password;
    if (input.pin !== undefined) request.pin = input.pin;
    if (input.env !== undefined) request.env = input.env;
    const secrets = [input.password, input.pin];
    let uid: string;
    try {
      uid = (await this.api(profileId).createToken(request)).tokenUid;
    } catch (error) {
      throw fromOptimizer(error, 'create the token', secrets, false);
    } finally {
      // Strings cannot be wiped; at least nothing of ours keeps pointing at them.
      delete request.password;
      delete request.pin;
      secrets.length = 0;
    }
    if (typeof uid !== 'string' || uid.trim() === '')
      throw new TokenVaultError(
        'optimizer_failed',
        'The Optimizer answered without a token.',
        'server',
        false,
        problem('optimizerFailed', { step: 'createToken' }),
      );
    try {
      await this.keychain.set(service, username, uid);
    } catch (error) {
      // Not kept means unusable: do not leave a live token behind on the server.
      await this.api(profileId)
        .deleteToken(uid)
        .catch(() => undefined);
      throw error;
    }
    return input.env === undefined ? { username } : { username, env: input.env };
  }

  /** Keeps a token created elsewhere, once the Optimizer confirms it belongs to this username. */
  async adoptToken(profileId: string, username: string, tokenUid: string): Promise<StoredToken> {
    const service = TokenVault.serviceFor(profileId);
    const name = checkUsername(username);
    const uid = tokenUid.trim();
    if (uid === '' || /\s/.test(uid) || uid.length > 200)
      throw new TokenVaultError(
        'invalid_input',
        'This does not look like a token: paste it whole, without spaces.',
        undefined,
        false,
        problem('tokenMalformed'),
      );
    let details: TokenDetails;
    try {
      details = await this.api(profileId).getToken(uid);
    } catch (error) {
      throw fromOptimizer(error, 'check the token', [uid, tokenUid], true);
    }
    if (details.username.trim() !== name)
      throw new TokenVaultError(
        'username_mismatch',
        `This token belongs to the RAO “${details.username}”, not to “${name}”; it was not kept.`,
        undefined,
        false,
        problem('tokenOtherRao', { owner: details.username.trim(), rao: name }),
      );
    await this.keychain.set(service, name, uid);
    return { username: name, env: details.env };
  }

  /** The RAOs with a token in this profile; with `refresh`, each one checked with the Optimizer. */
  async list(profileId: string, options: { refresh?: boolean } = {}): Promise<TokenLabel[]> {
    const service = TokenVault.serviceFor(profileId);
    const usernames = await this.keychain.list(service);
    if (!options.refresh) return usernames.map((username) => ({ username, status: 'unknown' }));
    const labels = await Promise.all(
      usernames.map(async (username): Promise<TokenLabel | undefined> => {
        const uid = await this.keychain.get(service, username);
        if (uid === null) return undefined; // removed meanwhile
        try {
          const d = await this.api(profileId).getToken(uid);
          const status = d.username.trim() === username ? 'valid' : 'invalid';
          return {
            username,
            env: d.env,
            hasPassword: d.hasPassword,
            hasPin: d.hasPin,
            raoId: d.raoId,
            status,
          };
        } catch (error) {
          const kind = kindOf(error);
          return { username, status: kind === 'not_found' || kind === 'auth' ? 'invalid' : 'unknown' };
        }
      }),
    );
    return labels.filter((l): l is TokenLabel => l !== undefined);
  }

  /**
   * Deletes the token on the Optimizer (one it no longer knows counts as deleted), then here.
   * When the Optimizer cannot be reached the token is kept so that removing can be retried, unless
   * `localOnly`. Answers false when no token was kept for this RAO.
   */
  async remove(profileId: string, username: string, options: { localOnly?: boolean } = {}): Promise<boolean> {
    const service = TokenVault.serviceFor(profileId);
    const name = checkUsername(username);
    const uid = await this.keychain.get(service, name);
    if (uid === null) {
      await this.keychain.delete(service, name); // tidies a stale index line, if any
      return false;
    }
    if (!options.localOnly) {
      try {
        await this.api(profileId).deleteToken(uid);
      } catch (error) {
        if (kindOf(error) !== 'not_found')
          throw fromOptimizer(
            error,
            'delete the token',
            [uid],
            true,
            'The token is still kept on this computer: try again, or remove it from this computer only.',
          );
      }
    }
    await this.keychain.delete(service, name);
    return true;
  }

  /** The token uid, for core's own calls (the queue runner). Never hand it to the renderer. */
  async tokenUid(profileId: string, username: string): Promise<string> {
    const service = TokenVault.serviceFor(profileId);
    const name = checkUsername(username);
    const uid = await this.keychain.get(service, name);
    if (uid === null) throw new TokenMissingError(profileId, name);
    return uid;
  }

  private api(profileId: string): TokenApi {
    return typeof this.optimizer === 'function' ? this.optimizer(profileId) : this.optimizer;
  }
}

function checkUsername(username: string): string {
  const name = typeof username === 'string' ? username.trim() : '';
  if (name === '' || name.length > 256 || hasControl(name) || name === INDEX_ACCOUNT)
    throw new TokenVaultError(
      'invalid_input',
      'Type the RAO username.',
      undefined,
      false,
      problem('raoUsernameMissing'),
    );
  return name;
}

const hasControl = (text: string): boolean => /\p{Cc}/u.test(text);

function kindOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('kind' in error)) return undefined;
  return typeof error.kind === 'string' ? error.kind : undefined;
}

const RETRYABLE_KINDS = new Set(['offline', 'timeout', 'server', 'unknown_outcome']);

/** An Optimizer failure re-issued without secrets, without cause, with its kind. */
function fromOptimizer(
  error: unknown,
  action: string,
  secrets: readonly (string | undefined)[],
  aboutAStoredToken: boolean,
  advice?: string,
): TokenVaultError {
  const kind = kindOf(error);
  // On create, a 404 speaks of the RAO ("Error getting RAO's id…"), not of a token.
  const unknownToken = aboutAStoredToken && kind === 'not_found';
  const retryableFlag =
    typeof error === 'object' && error !== null && 'retryable' in error ? error.retryable : undefined;
  const retryable = typeof retryableFlag === 'boolean' ? retryableFlag : RETRYABLE_KINDS.has(kind ?? '');
  const said = error instanceof Error ? redact(error.message, secrets).trim() : '';
  const sentence = unknownToken
    ? `The Optimizer does not know this token, so it could not ${action}.`
    : `Could not ${action} on the Optimizer.`;
  const message = [sentence, said === '' ? '' : `(${said})`, advice ?? ''].filter((s) => s !== '').join(' ');
  const named = unknownToken
    ? problem('tokenUnknown')
    : error instanceof OptimizerError
      ? optimizerProblem(error)
      : undefined;
  return new TokenVaultError(
    unknownToken ? 'token_unknown' : 'optimizer_failed',
    message,
    kind,
    retryable,
    named,
  );
}
