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
import { SandboxClock, type SandboxContext } from './context';
import { isSandboxDialect, SANDBOX_DIALECTS, type SandboxDialect } from './dialect';
import { API_BASE_PATH, dispatch } from './dispatch';
import { FaultPlan } from './faults';
import { DocumentFiles } from './files';
import { loadOrCreateCa } from './pki/ca';
import { Router } from './router';
import { registerContractRoutes } from './routes/contract';
import { registerDocumentRoutes } from './routes/documents';
import { registerOtpRoutes } from './routes/otp';
import { registerRequestRoutes } from './routes/requests';
import { registerServiceRoutes } from './routes/service';
import { registerSignRoutes } from './routes/sign';
import { registerTokenRoutes } from './routes/tokens';
import { registerTrainingRoutes } from './routes/training';
import { SandboxStore } from './store';

export { API_BASE_PATH } from './dispatch';
export { PRESET_TOKEN_UID } from './store';
export { SANDBOX_DIALECTS, type SandboxDialect } from './dialect';

export interface SandboxOptions {
  port?: number;
  host?: string;
  /** State kept here across restarts; default: a new temporary directory, removed by stop(). */
  dataDir?: string;
  tls?: boolean;
  latencyMs?: number;
  /** Extra time spent in each sign call (in the background part of an async one). */
  signMs?: number;
  /** How long the background part of an async sign takes; default signMs. */
  asyncSignMs?: number;
  failRate?: number;
  resetRate?: number;
  loseResponseRate?: number;
  /** Fraction of committed sign calls answered with a 500 anyway. */
  failAfterSignRate?: number;
  seed?: number;
  /** Which published answer shapes to speak (see dialect.ts); default 'fastapi'. */
  dialect?: SandboxDialect;
  extAuthTypes?: string[];
  /** Refuse (415) every uploaded file whose name contains this text: a refused document to practise on. */
  refuseNamesContaining?: string;
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
  checkOptions(options);
  const ownsData = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'oneshot-sandbox-'));
  mkdirSync(join(dataDir, 'tmp'), { recursive: true });
  clearTemporaryFiles(join(dataDir, 'tmp'));
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));

  const dialect = options.dialect ?? 'fastapi';
  const faults = new FaultPlan(
    {
      failRate: options.failRate ?? 0,
      resetRate: options.resetRate ?? 0,
      loseResponseRate: options.loseResponseRate ?? 0,
      failAfterSignRate: options.failAfterSignRate ?? 0,
    },
    options.seed ?? 1,
  );
  const store = new SandboxStore(dataDir);
  const ca = await loadOrCreateCa(join(dataDir, 'ca'));
  const ctx: SandboxContext = {
    store,
    ca,
    files: new DocumentFiles(dataDir),
    clock: SandboxClock.fromStored(store.getMeta('clock_offset_ms'), log),
    settings: {
      signMs: options.signMs ?? 0,
      asyncSignMs: options.asyncSignMs ?? options.signMs ?? 0,
      extAuthTypes: options.extAuthTypes ?? ['biometric'],
      maxDocumentsPerRequest: options.maxDocumentsPerRequest ?? 100,
      refuseNamesContaining: options.refuseNamesContaining,
    },
    dialect,
    signing: new Set(),
    background: new Set(),
    failAfterSign: () => faults.failAfterSign(),
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

  const inFlight = new Set<Promise<void>>();
  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const call = dispatch(req, res, {
      router,
      faults,
      latencyMs: options.latencyMs ?? 0,
      dialect,
      tls: options.tls ?? false,
      log,
    });
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
      // Async signatures already answered "started": they finish (and commit) before the store closes.
      while (ctx.background.size > 0) await Promise.allSettled([...ctx.background]);
      store.close();
      if (ownsData) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function checkOptions(options: SandboxOptions): void {
  if (options.dialect !== undefined && !isSandboxDialect(options.dialect))
    throw new RangeError(
      `dialect must be one of ${SANDBOX_DIALECTS.join(', ')}, got ${String(options.dialect)}`,
    );
  for (const [name, value] of [
    ['failRate', options.failRate],
    ['resetRate', options.resetRate],
    ['loseResponseRate', options.loseResponseRate],
    ['failAfterSignRate', options.failAfterSignRate],
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
