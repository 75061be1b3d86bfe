// The transport under OptimizerClient: one request with a deadline, the caller's AbortSignal, the
// profile's agent, and the classification of whatever goes wrong into an OptimizerError. JSON
// answers are read up to a limit; file answers are streamed to disk atomically.
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { createProfileAgent, type ProfileAgent } from './agent';
import { isLocalFileError, writeAtomically } from './download';
import { parseEnvelope, saysFailure, type Envelope } from './envelopes';
import {
  abortError,
  errorFromResponse,
  localValidationError,
  OptimizerError,
  type OptimizerRoute,
} from './errors';
import {
  buildMultipart,
  FileChangedError,
  InvalidPartError,
  UnreadableFileError,
  type MultipartBody,
  type MultipartFile,
} from './multipart';
import { errorFromNetwork } from './network-errors';
import type { CallOptions, DownloadResult, OptimizerProfile, ProgressListener } from './types';

const JSON_ANSWER_LIMIT = 16 * 1024 * 1024;
const MAX_REDIRECTS = 3;
const REDIRECTS: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);
const ERROR_ANSWER_LIMIT = 256 * 1024;

export interface Call {
  route: OptimizerRoute;
  /** Only GET follows redirects, and only on the same origin. */
  method: 'GET' | 'POST' | 'DELETE';
  /** Relative to the profile's base URL, segments already encoded. */
  path: string;
  json?: unknown;
  multipart?: MultipartBody;
  timeoutMs: number;
  options: CallOptions | undefined;
  /** Values to hide from any message (token uid, password, PIN, OTP…). */
  secrets?: (string | undefined)[];
}

export class Transport {
  private readonly origin: string;
  private readonly basePath: string;
  /** host:port, for messages. */
  readonly host: string;
  private readonly agent: ProfileAgent;

  constructor(profile: OptimizerProfile, connectTimeoutMs: number) {
    const url = new URL(profile.baseUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TypeError('The Optimizer address must start with http:// or https://');
    this.origin = url.origin;
    this.basePath = url.pathname.replace(/\/+$/, '');
    this.host = url.host;
    this.agent = createProfileAgent(profile, connectTimeoutMs);
  }

  /** Closes the profile's connections; calls in flight finish first. */
  close(): Promise<void> {
    return this.agent.close();
  }

  unreadable(route: OptimizerRoute, what: string): OptimizerError {
    return new OptimizerError({
      kind: 'unknown_outcome',
      route,
      status: 200,
      message: `The Optimizer at ${this.host} answered without ${what}; check its state before trying again.`,
    });
  }

  async multipart(
    route: OptimizerRoute,
    fields: readonly (readonly [string, string])[],
    files: readonly MultipartFile[],
    onProgress?: ProgressListener,
  ): Promise<MultipartBody> {
    try {
      return await buildMultipart(fields, files, onProgress);
    } catch (error) {
      if (error instanceof UnreadableFileError || error instanceof InvalidPartError)
        throw localValidationError(route, error.message, error);
      throw error;
    }
  }

  /** A call whose success answer is a JSON envelope (or empty). */
  json(call: Call): Promise<Envelope> {
    return this.exchange(call, async (response) => {
      const envelope = await readEnvelope(response, JSON_ANSWER_LIMIT, call.route);
      if (saysFailure(envelope)) throw this.failure(call, response.statusCode, envelope);
      return envelope;
    });
  }

  /** A call whose success answer is a file, written atomically to destPath. */
  download(call: Call, destPath: string, onProgress?: ProgressListener): Promise<DownloadResult> {
    return this.exchange(call, async (response) => {
      const type = headerOf(response, 'content-type');
      if (/json/i.test(type)) {
        const envelope = await readEnvelope(response, ERROR_ANSWER_LIMIT, call.route);
        if (saysFailure(envelope)) throw this.failure(call, response.statusCode, envelope);
        throw new OptimizerError({
          kind: 'server',
          route: call.route,
          status: response.statusCode,
          retryable: false,
          message: `The Optimizer at ${this.host} answered with data instead of the file asked for.`,
        });
      }
      const length = Number(headerOf(response, 'content-length') || NaN);
      return writeAtomically(destPath, response.body as AsyncIterable<Buffer>, {
        expectedBytes: Number.isSafeInteger(length) ? length : undefined,
        onProgress,
      });
    });
  }

  /**
   * Where a redirect of a GET leads, as a path on this Optimizer; undefined when the answer is no
   * redirect, the call is not a GET, or the target is another origin (never followed: the token and
   * the documents stay with the server the profile names).
   */
  private redirectTarget(call: Call, path: string, response: Dispatcher.ResponseData): string | undefined {
    if (call.method !== 'GET' || !REDIRECTS.has(response.statusCode)) return undefined;
    const location = headerOf(response, 'location');
    if (location === '') return undefined;
    let target: URL;
    try {
      target = new URL(location, `${this.origin}${path}`);
    } catch {
      return undefined;
    }
    if (target.origin !== this.origin) return undefined;
    return `${target.pathname}${target.search}`;
  }

  private failure(call: Call, status: number, envelope: Envelope): OptimizerError {
    return errorFromResponse({
      route: call.route,
      host: this.host,
      status,
      envelope,
      secrets: call.secrets ?? [],
    });
  }

  private async exchange<T>(
    call: Call,
    onSuccess: (response: Dispatcher.ResponseData) => Promise<T>,
  ): Promise<T> {
    const userSignal = call.options?.signal;
    if (userSignal?.aborted) {
      call.multipart?.stream.destroy();
      throw abortError(userSignal);
    }
    const controller = new AbortController();
    let timedOut = false;
    let started = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException('The Optimizer call took too long', 'TimeoutError'));
    }, call.timeoutMs);
    const onUserAbort = (): void => controller.abort(userSignal?.reason);
    userSignal?.addEventListener('abort', onUserAbort, { once: true });

    const headers: Record<string, string> = { accept: 'application/json, application/pdf;q=0.9, */*;q=0.5' };
    let body: string | Readable | undefined;
    if (call.json !== undefined) {
      body = JSON.stringify(call.json);
      headers['content-type'] = 'application/json';
    } else if (call.multipart !== undefined) {
      body = call.multipart.stream;
      headers['content-type'] = call.multipart.contentType;
      headers['content-length'] = String(call.multipart.length);
    }
    let path = `${this.basePath}${call.path}`;
    let response: Dispatcher.ResponseData | undefined;
    try {
      for (let hops = 0; ; hops++) {
        const request: Dispatcher.RequestOptions = {
          origin: this.origin,
          path,
          method: call.method,
          headers,
          body,
          signal: controller.signal,
          headersTimeout: call.timeoutMs,
          bodyTimeout: call.timeoutMs,
        };
        this.agent.watchStart(request, () => {
          started = true;
        });
        response = await this.agent.dispatcher.request(request);
        const next = hops < MAX_REDIRECTS ? this.redirectTarget(call, path, response) : undefined;
        if (next === undefined) break;
        // A slash mismatch (FastAPI's redirect_slashes) or a proxy's redirect costs one hop.
        await response.body.dump();
        path = next;
      }
      if (response.statusCode < 200 || response.statusCode >= 300) {
        const envelope = await readEnvelope(response, ERROR_ANSWER_LIMIT, call.route);
        throw this.failure(call, response.statusCode, envelope);
      }
      return await onSuccess(response);
    } catch (error) {
      if (userSignal?.aborted) throw abortError(userSignal);
      if (error instanceof OptimizerError || isLocalFileError(error)) throw error;
      if (error instanceof FileChangedError) throw localValidationError(call.route, error.message, error);
      throw errorFromNetwork({
        route: call.route,
        host: this.host,
        error,
        started,
        idempotent: call.method === 'GET',
        timedOutAfterMs: timedOut ? call.timeoutMs : undefined,
      });
    } finally {
      clearTimeout(timer);
      userSignal?.removeEventListener('abort', onUserAbort);
      if (response) discardBody(response.body);
      call.multipart?.stream.destroy();
    }
  }
}

/**
 * Drops an answer's body that was not read to its end (a local file that could not be written, an
 * error answer cut short). Destroying an unfinished undici body makes it emit an abort error; with
 * no listener that error would be uncaught and end the whole process, so it is listened for here.
 */
function discardBody(body: Dispatcher.ResponseData['body']): void {
  if (body.destroyed) return;
  body.on('error', () => {});
  body.destroy();
}

function headerOf(response: Dispatcher.ResponseData, name: string): string {
  const value = response.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** Reads a JSON (or other) answer up to a limit; a success answer over the limit is refused. */
async function readEnvelope(
  response: Dispatcher.ResponseData,
  limit: number,
  route: OptimizerRoute,
): Promise<Envelope> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Buffer>) {
    if (size + chunk.length > limit) {
      if (response.statusCode >= 200 && response.statusCode < 300) {
        throw new OptimizerError({
          kind: 'server',
          route,
          status: response.statusCode,
          retryable: false,
          message: `The Optimizer's answer is larger than ${Math.round(limit / 1024)} KiB; it was not read.`,
        });
      }
      chunks.push(chunk.subarray(0, limit - size));
      break;
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return parseEnvelope(Buffer.concat(chunks).toString('utf8'), headerOf(response, 'content-type'));
}
