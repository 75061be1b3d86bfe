// The One-Shot sandbox Optimizer: a simulator of Uanataca's One-Shot Optimizer REST API over real
// HTTP(S), with a sandbox CA that issues single-use certificates and real PAdES signatures.
// Used by tests and benchmarks, by the CLI (`npm run sandbox`) and as the app's training mode.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, ValidationError } from './api-error';
import { SandboxClock, type SandboxContext } from './context';
import { FaultPlan, type FaultDecision } from './faults';
import { DocumentFiles } from './files';
import { loadOrCreateCa } from './pki/ca';
import { Router, type Reply } from './router';
import { registerContractRoutes } from './routes/contract';
import { registerDocumentRoutes } from './routes/documents';
import { registerOtpRoutes } from './routes/otp';
import { registerRequestRoutes } from './routes/requests';
import { registerServiceRoutes } from './routes/service';
import { registerSignRoutes } from './routes/sign';
import { registerTokenRoutes } from './routes/tokens';
import { registerTrainingRoutes } from './routes/training';
import { SandboxStore } from './store';

export const API_BASE_PATH = '/oneshot/api/v1';
export { PRESET_TOKEN_UID } from './store';

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** State kept here across restarts; default: a new temporary directory, removed by stop(). */
  dataDir?: string;
  tls?: boolean;
  latencyMs?: number;
  signMs?: number;
  failRate?: number;
  resetRate?: number;
  loseResponseRate?: number;
  seed?: number;
  extAuthTypes?: string[];
  maxDocumentsPerRequest?: number;
  /** Where the sandbox's own lines go (OTPs "sent", faults); default stderr. */
  log?: (line: string) => void;
}

export interface SandboxHandle {
  baseUrl: string;
  caPem: string;
  dataDir: string;
  port: number;
  stop(): Promise<void>;
}

export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  checkRates(options);
  const ownsData = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'oneshot-sandbox-'));
  mkdirSync(join(dataDir, 'tmp'), { recursive: true });
  clearTemporaryFiles(join(dataDir, 'tmp'));
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const store = new SandboxStore(dataDir);
  const ca = await loadOrCreateCa(join(dataDir, 'ca'));
  const ctx: SandboxContext = {
    store,
    ca,
    files: new DocumentFiles(dataDir),
    clock: new SandboxClock(Number(store.getMeta('clock_offset_ms') ?? 0)),
    settings: {
      signMs: options.signMs ?? 0,
      extAuthTypes: options.extAuthTypes ?? ['biometric'],
      maxDocumentsPerRequest: options.maxDocumentsPerRequest ?? 100,
    },
    signing: new Set(),
    log,
  };
  const router = new Router();
  for (const register of [
    registerServiceRoutes,
    registerTokenRoutes,
    registerRequestRoutes,
    registerDocumentRoutes,
    registerContractRoutes,
    registerOtpRoutes,
    registerSignRoutes,
    registerTrainingRoutes,
  ]) {
    register(router, ctx);
  }

  const faults = new FaultPlan(
    {
      failRate: options.failRate ?? 0,
      resetRate: options.resetRate ?? 0,
      loseResponseRate: options.loseResponseRate ?? 0,
    },
    options.seed ?? 1,
  );
  const inFlight = new Set<Promise<void>>();
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const call = dispatch(req, res, router, faults, options.latencyMs ?? 0, log);
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  };
  let server: Server;
  if (options.tls) {
    const { certPem, keyPem } = await ca.issueServerCertificate(tlsHosts(host));
    server = createHttpsServer({ key: keyPem, cert: certPem }, handle);
  } else {
    server = createHttpServer(handle);
  }
  // Sign calls can take minutes with --sign-ms; Node's default request timeout would cut them.
  server.requestTimeout = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const baseUrl = `${options.tls ? 'https' : 'http'}://${urlHost}:${port}${API_BASE_PATH}`;

  let stopped = false;
  return {
    baseUrl,
    caPem: ca.caPem,
    dataDir,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      // A sign still running must finish with the store it started with (bounded: a call stuck
      // on a vanished client must not hold the sandbox open).
      await Promise.race([Promise.allSettled([...inFlight]), sleep(5_000)]);
      store.close();
      if (ownsData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  router: Router,
  faults: FaultPlan,
  latencyMs: number,
  log: (line: string) => void,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const method = req.method ?? 'GET';
  if (!url.pathname.startsWith(`${API_BASE_PATH}/`) && url.pathname !== API_BASE_PATH) {
    return send(res, { kind: 'json', status: 404, body: { detail: 'Not Found' } });
  }
  const path = url.pathname.slice(API_BASE_PATH.length) || '/';
  const training = path.startsWith('/sandbox/');
  const fault: FaultDecision = training ? 'none' : faults.next();
  if (latencyMs > 0 && !training) await sleep(latencyMs);
  if (fault === 'reset') {
    log(`[sandbox] fault: connection reset before ${method} ${path}`);
    req.socket.destroy();
    return;
  }
  if (fault === 'fail') {
    log(`[sandbox] fault: 503 before ${method} ${path}`);
    req.resume();
    return send(res, {
      kind: 'json',
      status: 503,
      body: { detail: 'Service temporarily unavailable (sandbox fault injection)' },
    });
  }

  let reply: Reply;
  const match = router.match(method, path);
  if (match === 404) reply = { kind: 'json', status: 404, body: { detail: 'Not Found' } };
  else if (match === 405) reply = { kind: 'json', status: 405, body: { detail: 'Method Not Allowed' } };
  else {
    try {
      reply = await match.handler({ req, params: match.params, query: url.searchParams });
    } catch (error) {
      reply = errorReply(error, log);
    }
  }
  if (fault === 'lose-response') {
    // The work is done and committed; the client never learns it. This is what recovery must survive.
    log(`[sandbox] fault: response lost after ${method} ${path} (${reply.status})`);
    if (reply.kind === 'stream') reply.body.destroy();
    req.socket.destroy();
    return;
  }
  if (!req.complete) req.resume();
  send(res, reply);
}

function errorReply(error: unknown, log: (line: string) => void): Reply {
  if (error instanceof ValidationError || error instanceof ApiError) {
    return { kind: 'json', status: error.status, body: error.body() };
  }
  log(`[sandbox] internal error: ${(error as Error).stack ?? String(error)}`);
  return {
    kind: 'json',
    status: 500,
    body: { status: 'error', message: `Internal error: ${(error as Error).message}` },
  };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.kind === 'json') {
    const body = Buffer.from(JSON.stringify(reply.body));
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
    return;
  }
  const headers: Record<string, string | number> = { 'content-type': reply.contentType };
  if (reply.filename)
    headers['content-disposition'] = `attachment; filename="${reply.filename.replace(/["\\\r\n]/g, '_')}"`;
  if (reply.kind === 'bytes') {
    headers['content-length'] = reply.body.length;
    res.writeHead(reply.status, headers);
    res.end(reply.body);
    return;
  }
  headers['content-length'] = reply.size;
  res.writeHead(reply.status, headers);
  reply.body.on('error', () => res.destroy());
  reply.body.pipe(res);
}

function checkRates(options: SandboxOptions): void {
  for (const [name, value] of [
    ['failRate', options.failRate],
    ['resetRate', options.resetRate],
    ['loseResponseRate', options.loseResponseRate],
  ] as const) {
    if (value !== undefined && !(value >= 0 && value <= 1))
      throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
  }
}

function tlsHosts(host: string): string[] {
  const hosts = new Set(['127.0.0.1', 'localhost', '::1']);
  if (host !== '0.0.0.0' && host !== '::') hosts.add(host);
  return [...hosts];
}

function clearTemporaryFiles(dir: string): void {
  // Uploads interrupted by a crash leave partial files here; they were never committed.
  for (const name of readdirSync(dir)) rmSync(join(dir, name), { force: true, recursive: true });
}
