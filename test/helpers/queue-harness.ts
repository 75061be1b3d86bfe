// A queue runner wired to a real sandbox over real sockets, for the queue tests: real store,
// real client, real verification. `faults` lets a test lose one answer deterministically (the call
// is made and succeeds on the server, then the client is told nothing came back).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OptimizerClient, OptimizerError, type OptimizerRoute } from '../../electron/core/optimizer/index';
import { verifySignedPdf } from '../../electron/core/pdf/index';
import type { QueueEvent } from '../../electron/core/queue/events';
import type { QueueOptimizer } from '../../electron/core/queue/optimizer-port';
import { QueueRunner, type QueueRunnerOptions } from '../../electron/core/queue/runner';
import { openStore, type JobRecord, type Store } from '../../electron/core/store/index';
import { OsKeychain } from '../../electron/core/vault/index';
import type { SignerAuth } from '../../shared/signer';
import type { SignatureParams } from '../../shared/signature';
import { makePdf } from '../fixtures/pdfs';
import { PRESET_TOKEN_UID, SIGNER } from './sandbox';

export interface Harness {
  store: Store;
  runner: QueueRunner;
  client: OptimizerClient;
  events: QueueEvent[];
  outDir: string;
  /** Routes whose next answer is lost after the server did the work. */
  loseNext: Set<OptimizerRoute>;
  calls: Record<string, number>;
  addJob(options?: {
    documents?: number;
    auth?: SignerAuth;
    signature?: SignatureParams;
    pages?: number;
    /** Sign in the service's async mode. */
    asyncMode?: boolean;
    /** Positions whose file is not a PDF at all: the Optimizer refuses it (415). */
    notPdf?: number[];
    /** Every document gets the same file name (uploads must still pair each with its own uid). */
    sameName?: boolean;
  }): Promise<JobRecord>;
  waitFor(jobId: string, states: string[], timeoutMs?: number): Promise<JobRecord>;
  close(): Promise<void>;
}

export async function queueHarness(
  baseUrl: string,
  options: {
    dataDir?: string;
    concurrency?: number;
    runner?: Partial<QueueRunnerOptions>;
    caPem?: string;
  } = {},
): Promise<Harness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'queue-'));
  const store = openStore(dataDir);
  // External values live in the real keychain (the test runner's own keyring), as at the desk.
  await store.jobs.useKeychain(new OsKeychain());
  store.profiles.save({
    id: 'sandbox',
    name: 'Sandbox',
    baseUrl,
    env: 'sandbox',
    caPem: options.caPem ?? null,
    pinSha256: null,
    defaultRegistrationAuthority: null,
    defaultProfile: null,
  });
  const client = new OptimizerClient(
    { id: 'sandbox', baseUrl, caPem: options.caPem },
    { timeouts: { readMs: 5_000, writeMs: 10_000 } },
  );
  const loseNext = new Set<OptimizerRoute>();
  const calls: Record<string, number> = {};
  // Every method goes to the real client; a route in loseNext has its answer dropped once.
  const optimizer = new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        const route = prop as OptimizerRoute;
        calls[route] = (calls[route] ?? 0) + 1;
        const result: unknown = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (loseNext.delete(route)) {
          throw new OptimizerError({
            kind: 'unknown_outcome',
            route,
            message: `test: the answer to ${route} was lost`,
          });
        }
        return result;
      };
    },
  }) as unknown as QueueOptimizer;
  const outDir = join(dataDir, 'out');
  const events: QueueEvent[] = [];
  const runner = new QueueRunner({
    store,
    optimizerFor: () => optimizer,
    tokenFor: () => Promise.resolve(PRESET_TOKEN_UID),
    verify: async (path, expectedOriginal) => {
      const v = await verifySignedPdf(path, { expectedOriginal });
      return { ok: v.ok, problems: v.problems, signerName: v.last?.signer?.commonName };
    },
    concurrency: options.concurrency ?? 4,
    backoff: { baseMs: 20, maxMs: 200, maxAttempts: 30 },
    connectivityDelays: { firstMs: 50, maxMs: 300 },
    ...options.runner,
  });
  runner.on((e) => events.push(e));
  let counter = 0;
  return {
    store,
    runner,
    client,
    events,
    outDir,
    loseNext,
    calls,
    async addJob({
      documents = 2,
      auth = { method: 'external', type: 'biometric', value: 'bio-1' } as SignerAuth,
      signature,
      pages = 2,
      asyncMode = false,
      notPdf = [],
      sameName = false,
    } = {}) {
      const docs = [];
      for (let i = 0; i < documents; i++) {
        const file = join(dataDir, `src-${counter}-${i}.pdf`);
        if (notPdf.includes(i)) writeFileSync(file, `a letter saved with a .pdf name, ${counter} ${i}\n`);
        else writeFileSync(file, await makePdf({ pages, text: `job ${counter} document ${i}` }));
        const stored = await store.documents.import(file);
        const filename = sameName ? 'umowa.pdf' : `document ${i}.pdf`;
        docs.push({ sha256: stored.sha256, filename, size: stored.size, pages });
      }
      counter++;
      return store.jobs.add({
        profileId: 'sandbox',
        raoUsername: 'sandbox-rao',
        label: `job ${counter}`,
        signer: { ...SIGNER, id_document_type: 'IDC' },
        auth,
        signature,
        outputDir: outDir,
        asyncMode,
        documents: docs,
      });
    },
    waitFor(jobId, states, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const job = store.jobs.get(jobId);
          if (states.includes(job.state)) {
            off();
            clearTimeout(timer);
            clearInterval(poll);
            resolve(job);
            return true;
          }
          return false;
        };
        const off = runner.on(() => void check());
        const poll = setInterval(check, 50);
        const timer = setTimeout(() => {
          off();
          clearInterval(poll);
          const job = store.jobs.get(jobId);
          reject(
            new Error(
              `job still ${job.state} (${job.error?.message ?? 'no error'}) after ${timeoutMs} ms; wanted ${states.join('|')}`,
            ),
          );
        }, timeoutMs);
        check();
      });
    },
    async close() {
      await runner.stop();
      await client.close();
      store.close();
    },
  };
}
