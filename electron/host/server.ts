// The browser host: a loopback HTTP server that serves the built renderer and the app's operations
// (POST /api/<operation>, events over WebSocket) so the UI can run in a plain browser, guarded
// against other pages in that browser by Host/Origin checks and a per-launch key. The key itself
// never goes on a command line (the browser opener's): the address carries a one-time code, valid
// once and for a minute, that the page exchanges for the key (POST /launch).
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createEventChannel } from './events';
import {
  bearerKey,
  DEFAULT_CSP,
  hostAllowed,
  hostIdentity,
  isJsonContentType,
  keyMatches,
  newHostKey,
  originAllowed,
  sendError,
  sendJson,
  setSecurityHeaders,
} from './guard';
import type { HostIdentity } from './guard';
import { serveStatic } from './static-files';

export interface HostOperations {
  /** Calls one operation by name with its already-JSON-parsed argument; resolves to a JSON-serialisable result. Unknown name → the host answers 404. */
  call(operation: string, args: unknown): Promise<unknown>;
  has(operation: string): boolean;
  /** Subscribes to the app's events; returns an unsubscribe function. */
  subscribe(listener: (event: { type: string; [k: string]: unknown }) => void): () => void;
}

export interface HostOptions {
  /** 0 = any free port. */
  port?: number;
  /** The built renderer; without it only /api/ is served. */
  staticDir?: string;
  operations: HostOperations;
  /** Content-Security-Policy for every response; defaults to DEFAULT_CSP. */
  csp?: string;
  /** How long a launch code may wait to be exchanged; default LAUNCH_CODE_TTL_MS. */
  launchCodeTtlMs?: number;
}

export interface HostHandle {
  /** http://127.0.0.1:PORT */
  url: string;
  key: string;
  /**
   * `${url}/#code=<one-time code>`, new at every call: what the browser is opened with and what is
   * printed. The page exchanges the code for the key once; a second use or a late one is refused.
   */
  newLaunchUrl(): string;
  port: number;
  stop(): Promise<void>;
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;
export const LAUNCH_CODE_TTL_MS = 60_000;
const MAX_LAUNCH_BODY_BYTES = 1024;
// Operation names are identifiers such as `jobs.list`; anything else cannot be one.
const OPERATION_NAME = /^[A-Za-z][A-Za-z0-9_.:-]{0,127}$/;

export async function startHost(options: HostOptions): Promise<HostHandle> {
  const key = newHostKey();
  /** Launch codes not yet used, with the moment each one expires. */
  const launchCodes = new Map<string, number>();
  const codeTtlMs = options.launchCodeTtlMs ?? LAUNCH_CODE_TTL_MS;
  const csp = options.csp ?? DEFAULT_CSP;
  const { operations, staticDir } = options;
  // Known only once listening (port 0 picks one); until then no Host header can match.
  let identity: HostIdentity = hostIdentity(-1);

  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    setSecurityHeaders(res, csp);
    handleRequest(req, res).catch(() => sendError(res, 500, 'internal', 'Internal error'));
  });

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(identity, req.headers) || !originAllowed(identity, req.headers.origin)) {
      sendError(res, 403, 'forbidden', 'Forbidden');
      return;
    }
    const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
    if (path === '/launch') {
      await handleLaunch(req, res);
      return;
    }
    if (path === '/api' || path.startsWith('/api/')) {
      await handleApi(req, res, path.slice('/api/'.length));
      return;
    }
    await serveStatic(req, res, staticDir);
  }

  /** A launch code for the key: once, before it expires; a wrong, used or late code learns nothing. */
  async function handleLaunch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendError(res, 405, 'method_not_allowed', 'Method not allowed');
      return;
    }
    if (!isJsonContentType(req.headers)) {
      sendError(res, 415, 'unsupported_media_type', 'Content-Type must be application/json');
      return;
    }
    const body = await readBody(req, MAX_LAUNCH_BODY_BYTES);
    if (body === 'too_large') {
      res.setHeader('Connection', 'close');
      sendError(res, 413, 'payload_too_large', 'Request body too large');
      return;
    }
    let code: unknown;
    try {
      code = (JSON.parse(body.toString('utf8')) as { code?: unknown } | null)?.code;
    } catch {
      code = undefined;
    }
    const expiresAt = typeof code === 'string' ? launchCodes.get(code) : undefined;
    if (typeof code === 'string') launchCodes.delete(code);
    if (expiresAt === undefined || Date.now() > expiresAt) {
      sendError(
        res,
        401,
        'unauthorized',
        'This address has already been used or has expired (each one works once, within a minute): use the tab it opened, or start npm run start:web again for a new one.',
      );
      return;
    }
    sendJson(res, 200, JSON.stringify({ ok: true, value: { key } }));
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    // The key is checked before anything else so that an outsider learns nothing, not even
    // which operation names exist.
    if (!keyMatches(key, bearerKey(req.headers))) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      sendError(res, 401, 'unauthorized', 'Unauthorized');
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      sendError(res, 405, 'method_not_allowed', 'Method not allowed');
      return;
    }
    // A cross-site form or a no-cors fetch can only send "simple" content types; requiring
    // application/json forces a preflight that this server never answers with CORS headers.
    if (!isJsonContentType(req.headers)) {
      sendError(res, 415, 'unsupported_media_type', 'Content-Type must be application/json');
      return;
    }
    if (!OPERATION_NAME.test(name) || !operations.has(name)) {
      sendError(res, 404, 'not_found', 'Unknown operation');
      return;
    }
    const body = await readBody(req);
    if (body === 'too_large') {
      res.setHeader('Connection', 'close'); // the unread rest of the body makes the connection unusable
      sendError(res, 413, 'payload_too_large', 'Request body too large');
      return;
    }
    let args: unknown;
    try {
      args = JSON.parse(body.toString('utf8'));
    } catch {
      sendError(res, 400, 'bad_request', 'Body is not valid JSON');
      return;
    }
    let text: string;
    try {
      // Operations answer their own {ok,value}|{ok,error} envelopes; passed through untouched.
      text = JSON.stringify(await operations.call(name, args)) ?? 'null';
    } catch {
      // Never the message or stack: either may carry paths, tokens or customer data.
      sendError(res, 500, 'internal', 'Internal error');
      return;
    }
    sendJson(res, 200, text);
  }

  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port ?? 0, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  identity = hostIdentity(port);
  // Attached only now, when the port is known; Node destroys upgrade requests that arrive earlier.
  const events = createEventChannel({
    identity,
    key,
    subscribe: (listener) => operations.subscribe(listener),
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) =>
    events.upgrade(req, socket, head),
  );
  const url = `http://127.0.0.1:${port}`;

  let stopping: Promise<void> | undefined;
  return {
    url,
    key,
    newLaunchUrl() {
      const now = Date.now();
      for (const [code, expiresAt] of launchCodes) if (now > expiresAt) launchCodes.delete(code);
      const code = newHostKey();
      launchCodes.set(code, now + codeTtlMs);
      return `${url}/#code=${code}`;
    },
    port,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        events.close();
        server.close(() => resolve());
        // Keep-alive and upgraded sockets would otherwise hold close() open indefinitely.
        for (const socket of sockets) socket.destroy();
      });
      return stopping;
    },
  };
}

/** Reads the whole body, or 'too_large' as soon as it exceeds `max` (without reading the rest). */
async function readBody(req: IncomingMessage, max = MAX_BODY_BYTES): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) return 'too_large';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return 'too_large';
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
