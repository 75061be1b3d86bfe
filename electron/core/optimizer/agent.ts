// One undici Agent per Optimizer profile: keep-alive connections up to a cap, the profile's own CA,
// an optional SHA-256 pin of the server's leaf certificate, and a way to learn whether a request
// reached a socket — what tells "could not connect" (safe to retry) from "sent, answer lost".
import { createHash, timingSafeEqual } from 'node:crypto';
import { TLSSocket } from 'node:tls';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { PIN_MISMATCH_CODE } from './errors';
import type { OptimizerProfile } from './types';

export const DEFAULT_MAX_CONNECTIONS = 6;

export interface ProfileAgent {
  dispatcher: Dispatcher;
  /** Calls `started` when the request given (by its options object) starts being written. */
  watchStart(requestOptions: object, started: () => void): void;
  close(): Promise<void>;
}

/** A pin as 32 bytes, from hex (colons and spaces allowed) or base64/base64url. */
export function parsePin(pin: string): Buffer {
  const compact = pin.replace(/[\s:]/g, '');
  const bytes = /^[0-9a-fA-F]{64}$/.test(compact)
    ? Buffer.from(compact, 'hex')
    : Buffer.from(compact.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (bytes.length !== 32) {
    throw new TypeError('pinSha256 must be the SHA-256 of a certificate, in hex (64 digits) or base64');
  }
  return bytes;
}

/** The SHA-256 of a certificate's DER bytes, hex. */
export const certificateSha256 = (der: Buffer): string => createHash('sha256').update(der).digest('hex');

class PinMismatchError extends Error {
  readonly code = PIN_MISMATCH_CODE;
  constructor() {
    super('The server certificate does not match the pinned SHA-256');
  }
}

function pinningConnector(profile: OptimizerProfile, connectTimeoutMs: number): buildConnector.connector {
  const pin = profile.pinSha256 === undefined ? undefined : parsePin(profile.pinSha256);
  const options: buildConnector.BuildOptions = { timeout: connectTimeoutMs };
  if (profile.caPem !== undefined) options.ca = profile.caPem;
  if (pin !== undefined) {
    // With a pin and no CA, the pin is the trust: a self-signed on-premises certificate is fine as
    // long as it is exactly the pinned one. Session resumption is off so every handshake shows it.
    if (profile.caPem === undefined) options.rejectUnauthorized = false;
    options.maxCachedSessions = 0;
  }
  const connect = buildConnector(options);
  if (pin === undefined) return connect;
  return (connectOptions, callback) => {
    connect(connectOptions, (error, socket) => {
      if (error !== null || socket === null) {
        callback(error ?? new Error('connection failed'), null);
        return;
      }
      // Nothing has been written yet: undici writes the request only after this callback.
      const raw = socket instanceof TLSSocket ? socket.getPeerCertificate().raw : undefined;
      const digest = raw === undefined ? undefined : createHash('sha256').update(raw).digest();
      if (digest === undefined || !timingSafeEqual(digest, pin)) {
        socket.destroy();
        callback(new PinMismatchError(), null);
        return;
      }
      callback(null, socket);
    });
  };
}

/** Wraps a dispatch handler to learn when undici starts writing the request on a socket. */
class StartWatcher implements Dispatcher.DispatchHandler {
  constructor(
    private readonly inner: Dispatcher.DispatchHandler,
    private readonly started: () => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController, context: unknown): void {
    this.started();
    this.inner.onRequestStart?.(controller, context);
  }

  onRequestUpgrade(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Parameters<NonNullable<Dispatcher.DispatchHandler['onRequestUpgrade']>>[2],
    socket: Parameters<NonNullable<Dispatcher.DispatchHandler['onRequestUpgrade']>>[3],
  ): void {
    this.inner.onRequestUpgrade?.(controller, statusCode, headers, socket);
  }

  onResponseStart(
    controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseStart']>>[2],
    statusMessage?: string,
  ): void {
    this.inner.onResponseStart?.(controller, statusCode, headers, statusMessage);
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.inner.onResponseData?.(controller, chunk);
  }

  onResponseEnd(
    controller: Dispatcher.DispatchController,
    trailers: Parameters<NonNullable<Dispatcher.DispatchHandler['onResponseEnd']>>[1],
  ): void {
    this.inner.onResponseEnd?.(controller, trailers);
  }

  onResponseError(controller: Dispatcher.DispatchController, error: Error): void {
    this.inner.onResponseError?.(controller, error);
  }
}

export function createProfileAgent(profile: OptimizerProfile, connectTimeoutMs: number): ProfileAgent {
  const agent = new Agent({
    connections: profile.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connect: pinningConnector(profile, connectTimeoutMs),
  });
  const watchers = new WeakMap<object, () => void>();
  const dispatcher = agent.compose((dispatch) => (options, handler) => {
    const started = watchers.get(options);
    return dispatch(options, started === undefined ? handler : new StartWatcher(handler, started));
  });
  return {
    dispatcher,
    watchStart: (requestOptions, started) => watchers.set(requestOptions, started),
    close: () => agent.close(),
  };
}
