// Pipelined jobs over real sockets: the calls a job makes at once are counted by an HTTP proxy
// between the desk and the sandbox, so the bounds are what the Optimizer would see — a job's signed
// copies come down in parallel but never more at once than the profile's slots, the next jobs
// prepare while the running ones finish but never more than concurrency + (concurrency − 1) jobs
// are under way — and a CLI killed in the middle of parallel downloads resumes with every document
// saved once, nothing signed or uploaded twice.
import { strict as assert } from 'node:assert';
import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_MAX_CONNECTIONS } from '../../electron/core/optimizer/agent';
import { verifySignedPdf } from '../../electron/core/pdf/index';
import { listEvents } from '../../electron/core/store/index';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import * as cliProcess from '../helpers/cli-process';
import { queueHarness } from '../helpers/queue-harness';
import { startPrivateKeyring, type PrivateKeyring } from '../helpers/private-keyring';
import { call, PRESET_TOKEN_UID, SIGNER } from '../helpers/sandbox';

const keychain = process.env.ONESHOT_TEST_KEYRING !== undefined;
const SKIP = keychain ? false : 'no Secret Service: run through node test/run.mjs';
const work = mkdtempSync(join(tmpdir(), 'queue-pipeline-'));

interface CountingProxy {
  url: string;
  /** Most calls under way at once, all of them. */
  most: number;
  /** Most signed-copy downloads under way at once. */
  mostDownloads: number;
  /** Most jobs with a call under way at once (a create counts as a job of its own). */
  mostJobs: number;
  downloadsAnswered: number;
  held: number;
  /** Signed-copy downloads after the first `passing` are held unanswered until release(). */
  holdDownloadsAfter(passing: number): void;
  release(): void;
  close(): Promise<void>;
}

const isDownload = (req: IncomingMessage): boolean =>
  req.method === 'GET' && /document_type=signed/.test(req.url ?? '');

/** Which job a call belongs to: the request's pk in the path; each create is one job. */
function jobKey(req: IncomingMessage, creates: number): string | null {
  const pk = /\/(?:document|documents|contract|otp|sign|request)\/(\d+)/.exec(req.url ?? '')?.[1];
  if (pk !== undefined) return pk;
  return req.method === 'POST' && /\/create$/.test(req.url ?? '') ? `create-${creates}` : null;
}

/** An HTTP proxy in front of the sandbox that counts the calls under way as they cross it. */
async function countingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  let inFlight = 0;
  let downloads = 0;
  let creates = 0;
  let passing = Infinity;
  const jobs = new Map<string, number>();
  const held: ServerResponse[] = [];
  const proxy: CountingProxy = {
    url: '',
    most: 0,
    mostDownloads: 0,
    mostJobs: 0,
    downloadsAnswered: 0,
    held: 0,
    holdDownloadsAfter(n) {
      passing = n;
    },
    release() {
      passing = Infinity;
      for (const res of held.splice(0)) res.destroy();
    },
    close: async () => {
      proxy.release();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      agent.destroy();
    },
  };
  const server = createServer((req, res) => {
    const download = isDownload(req);
    const key = jobKey(req, creates++);
    inFlight++;
    proxy.most = Math.max(proxy.most, inFlight);
    if (download) proxy.mostDownloads = Math.max(proxy.mostDownloads, ++downloads);
    if (key !== null) {
      jobs.set(key, (jobs.get(key) ?? 0) + 1);
      proxy.mostJobs = Math.max(proxy.mostJobs, jobs.size);
    }
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      inFlight--;
      if (download) downloads--;
      if (key !== null) {
        const left = (jobs.get(key) ?? 1) - 1;
        if (left === 0) jobs.delete(key);
        else jobs.set(key, left);
      }
    };
    // 'finish' is when the answer has left for the desk, before the desk can act on it.
    res.once('finish', end);
    res.once('close', end);
    if (download && proxy.downloadsAnswered >= passing) {
      proxy.held++;
      held.push(res);
      req.resume();
      return;
    }
    if (download) proxy.downloadsAnswered++;
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
        agent,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  proxy.url = `http://127.0.0.1:${port}${upstream.pathname}`;
  return proxy;
}

type Stats = { requests: Record<string, Record<string, number>> };
const statsOf = async (base: string, pk: string | null): Promise<Record<string, number>> =>
  (await call<Stats>(base, 'GET', '/sandbox/stats')).body.requests[pk ?? ''] ?? {};

const signedFiles = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => !f.startsWith('.'))
    .sort();

/** A verifier that judges the copy staged as `…suffix` bad its first `times` times, then checks truly. */
function judgedBad(suffix: string, times: number) {
  let judged = 0;
  return {
    times: () => judged,
    verify: async (path: string, expected: { size: number; sha256: string }) => {
      if (judged < times && path.endsWith(suffix)) {
        judged++;
        return { ok: false, problems: ['test: judged bad'] };
      }
      const v = await verifySignedPdf(path, { expectedOriginal: expected });
      return { ok: v.ok, problems: v.problems, signerName: v.last?.signer?.commonName };
    },
  };
}

describe('pipelined jobs', { skip: SKIP }, () => {
  let sandbox: SandboxHandle;
  before(async () => {
    // Every call takes a while, so calls that can overlap do.
    sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'], latencyMs: 60 });
  });
  after(async () => sandbox.stop());

  it("downloads a job's signed copies in parallel, never more at once than the profile's slots", async () => {
    const proxy = await countingProxy(sandbox.baseUrl);
    const h = await queueHarness(proxy.url, { concurrency: 2, runner: { connectionsFor: () => 3 } });
    try {
      const jobs = [await h.addJob({ documents: 8, pages: 1 }), await h.addJob({ documents: 8, pages: 1 })];
      h.runner.start();
      for (const job of jobs) {
        const done = await h.waitFor(job.id, ['done', 'failed']);
        assert.equal(done.state, 'done', done.error?.message);
        const s = await statsOf(sandbox.baseUrl, done.requestPk);
        assert.deepEqual([s.sign_successes, s.documents, s.duplicate_documents, s.deletes], [1, 8, 0, 8]);
      }
      assert.equal(signedFiles(h.outDir).length, 16, 'every signed copy saved once');
      assert.ok(proxy.mostDownloads <= 3, `${proxy.mostDownloads} downloads at once with 3 slots`);
      assert.ok(proxy.mostDownloads >= 2, `downloads overlapped (${proxy.mostDownloads} at once)`);
      assert.ok(proxy.most <= DEFAULT_MAX_CONNECTIONS, `${proxy.most} calls at once`);
      assert.equal(h.store.verifyAuditChain().ok, true);
    } finally {
      await h.close();
      await proxy.close();
    }
  });

  it('a copy that fails its check among parallel downloads: the retry saves each document once, no second copy', async () => {
    const proxy = await countingProxy(sandbox.baseUrl);
    // The fifth document's first copy is judged bad while the others are still coming down.
    const judge = judgedBad('-4.part.pdf', 1);
    const h = await queueHarness(proxy.url, { runner: { verify: judge.verify } });
    try {
      const job = await h.addJob({ documents: 7, pages: 1 });
      h.runner.start();
      const done = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error?.message);
      assert.equal(judge.times(), 1);
      assert.deepEqual(
        signedFiles(h.outDir),
        Array.from({ length: 7 }, (_, i) => `document ${i}.signed.pdf`).sort(),
        'no second copy, no staging file left',
      );
      const events = listEvents(h.store.db, { jobId: job.id }).map((e) => e.kind);
      assert.equal(events.filter((k) => k === 'document.verification_failed').length, 1);
      assert.equal(events.filter((k) => k === 'document.saved').length, 7, 'each recorded saved once');
      const s = await statsOf(sandbox.baseUrl, done.requestPk);
      assert.deepEqual([s.sign_successes, s.documents, s.deletes], [1, 7, 7]);
    } finally {
      await h.close();
      await proxy.close();
    }
  });

  it('a copy that keeps failing does not throw away the others: each round saves what verified, nothing is fetched twice', async () => {
    const proxy = await countingProxy(sandbox.baseUrl);
    // The first document's copy is judged bad twice: before, each failure aborted the copies
    // coming down beside it, so a busy Optimizer could make a whole batch give up.
    const judge = judgedBad('-0.part.pdf', 2);
    const h = await queueHarness(proxy.url, { runner: { connectionsFor: () => 6, verify: judge.verify } });
    try {
      const job = await h.addJob({ documents: 7, pages: 1 });
      h.runner.start();
      const done = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error?.message);
      assert.equal(judge.times(), 2);
      // 6 slots: the first round fetches 6 (the 7th never starts once one failed), the second the
      // first document and the 7th, the third the first document alone.
      assert.equal(proxy.downloadsAnswered, 7 + 2, 'only the failing copy was fetched again');
      assert.deepEqual(
        signedFiles(h.outDir),
        Array.from({ length: 7 }, (_, i) => `document ${i}.signed.pdf`).sort(),
      );
      const events = listEvents(h.store.db, { jobId: job.id }).map((e) => e.kind);
      assert.equal(events.filter((k) => k === 'document.saved').length, 7, 'each recorded saved once');
    } finally {
      await h.close();
      await proxy.close();
    }
  });

  it('lets the next job prepare while the others run: at most concurrency + (concurrency − 1) jobs under way', async () => {
    const proxy = await countingProxy(sandbox.baseUrl);
    const h = await queueHarness(proxy.url, { concurrency: 2 });
    try {
      const jobs = [];
      for (let i = 0; i < 4; i++) jobs.push(await h.addJob({ documents: 2, pages: 1 }));
      h.runner.start();
      for (const job of jobs) {
        const done = await h.waitFor(job.id, ['done', 'failed']);
        assert.equal(done.state, 'done', done.error?.message);
        const s = await statsOf(sandbox.baseUrl, done.requestPk);
        assert.deepEqual([s.creates, s.sign_successes, s.documents, s.duplicate_documents], [1, 1, 2, 0]);
      }
      assert.equal(
        proxy.mostJobs,
        3,
        `${proxy.mostJobs} jobs had calls under way at once (limit 2, one ahead)`,
      );
    } finally {
      await h.close();
      await proxy.close();
    }
  });
});

describe('a crash in the middle of parallel downloads', { skip: SKIP }, () => {
  let sandbox: SandboxHandle;
  let keyring: PrivateKeyring | undefined;
  before(async () => {
    // The CLI is killed on purpose: a keyring of this file's own (see private-keyring.ts).
    keyring = await startPrivateKeyring(work, 'queue-pipeline');
    sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'] });
  });
  after(async () => {
    keyring?.stop();
    await sandbox.stop();
  });

  it('resumes with every document saved once: no second copy, none lost, nothing signed or uploaded twice', async () => {
    const proxy = await countingProxy(sandbox.baseUrl);
    const env = { ...keyring!.env(), ONESHOT_TOKEN: PRESET_TOKEN_UID };
    try {
      const docs = join(work, 'docs');
      mkdirSync(docs, { recursive: true });
      const paths = [];
      for (let i = 0; i < 8; i++) {
        const path = join(docs, `contract-${i}.pdf`);
        writeFileSync(path, await makePdf({ pages: 1 + (i % 3), text: `contract ${i}` }));
        paths.push(path);
      }
      const manifest = join(work, 'batch.json');
      writeFileSync(
        manifest,
        JSON.stringify([
          {
            signer: SIGNER,
            documents: paths,
            ext_auth: { type: 'biometric', value: 'bio-crash' },
            appearance: { appearance: { position: '40,40,240,100', page: 0 } },
          },
        ]),
      );
      const out = join(work, 'out');
      const data = join(work, 'data');
      // Three signed copies come down; the others are held, unanswered, while the CLI is killed.
      proxy.holdDownloadsAfter(3);
      await keyring!.ready();
      const run = cliProcess.startCli(
        ['batch', '--optimizer', proxy.url, '--manifest', manifest, '--out', out, '--data', data, '--json'],
        { env },
      );
      run.child.stdin!.end();
      const deadline = Date.now() + 60_000;
      const saved = (): number => {
        try {
          return signedFiles(out).length;
        } catch {
          return 0;
        }
      };
      while ((proxy.held === 0 || saved() === 0) && run.child.exitCode === null && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 20));
      const savedAtKill = saved();
      const heldAtKill = proxy.held;
      run.child.kill('SIGKILL');
      const first = await run.done;
      assert.equal(first.signal, 'SIGKILL', `the CLI was killed mid-run: ${first.stderr}`);
      assert.ok(
        heldAtKill >= 1 && savedAtKill >= 1 && savedAtKill < 8,
        `${savedAtKill} saved, ${heldAtKill} held`,
      );
      proxy.release();
      // A keyring daemon the kill brought down comes back within moments.
      await new Promise((r) => setTimeout(r, 300));
      await keyring!.ready();

      const resumed = await cliProcess.runCliToEnd(['resume', '--data', data, '--json'], { env });
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.deepEqual(JSON.parse(resumed.stdout.trim().split('\n').at(-1)!), {
        jobs: 1,
        done: 1,
        failed: 0,
        documents: 8,
      });
      assert.deepEqual(
        signedFiles(out),
        paths.map((_, i) => `contract-${i}.signed.pdf`).sort(),
        'each document saved once under its own name: no " (2)", none missing',
      );
      assert.deepEqual(
        readdirSync(out).filter((f) => f.startsWith('.')),
        [],
        'no staging file left',
      );
      const status = JSON.parse(
        (await cliProcess.runCliToEnd(['status', '--data', data, '--json'], { env })).stdout,
      ) as { jobs: { state: string; requestPk: string }[] };
      const s = await statsOf(sandbox.baseUrl, status.jobs[0]!.requestPk);
      assert.deepEqual(
        [s.creates, s.documents, s.duplicate_documents, s.sign_successes, s.stored_documents ?? 0],
        [1, 8, 0, 1, 0],
        'one request, each document uploaded once, one signature, the copies deleted',
      );
      const audit = await cliProcess.runCliToEnd(['audit', '--data', data, '--verify'], { env });
      assert.equal(audit.code, 0, audit.stdout);
    } finally {
      await proxy.close();
    }
  });
});
