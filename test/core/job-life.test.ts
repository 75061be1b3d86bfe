// The whole life of a job, over real sockets, against the sandbox speaking each published dialect
// (ONE-SHOT-API.md, "Evidence beyond the seeds"): a code at the desk, an external method, async
// mode, a cancel, a refused document, a lost sign answer and a sign that commits and then answers
// 500. Every signed output is judged by pdfsig and qpdf; every request ends with exactly one
// certificate and no document left on the Optimizer.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SANDBOX_DIALECTS, startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { queueHarness, type Harness } from '../helpers/queue-harness';
import { nssDbTrusting, pdfsig, qpdfCheck } from '../helpers/pdf-judges';
import { call } from '../helpers/sandbox';

type Stats = Record<string, number>;

async function waitUntil(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not true after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

for (const dialect of SANDBOX_DIALECTS) {
  describe(`a job's life against the sandbox speaking "${dialect}"`, () => {
    let sandbox: SandboxHandle;
    let failing: SandboxHandle;
    let slow: SandboxHandle;
    let nss: string;
    before(async () => {
      sandbox = await startSandbox({ log: () => {}, dialect });
      // Every sign call commits (certificate issued, documents signed) and then answers 500.
      failing = await startSandbox({ log: () => {}, dialect, failAfterSignRate: 1 });
      // Async signatures that take long enough for the desk to be stopped while one runs.
      slow = await startSandbox({ log: () => {}, dialect, asyncSignMs: 1_500 });
      nss = nssDbTrusting(sandbox.caPem);
    });
    after(async () => {
      await sandbox.stop();
      await failing.stop();
      await slow.stop();
    });

    async function statsOf(on: SandboxHandle, pk: string | null): Promise<Stats> {
      const res = await call<{ requests: Record<string, Stats> }>(on.baseUrl, 'GET', '/sandbox/stats');
      return res.body.requests[pk ?? ''] ?? {};
    }

    async function inbox(on: SandboxHandle, pk: string): Promise<string> {
      return (await call<{ otp: string }>(on.baseUrl, 'GET', `/sandbox/inbox/${pk}`)).body.otp;
    }

    async function withHarness(on: SandboxHandle, run: (h: Harness) => Promise<void>): Promise<void> {
      const h = await queueHarness(on.baseUrl);
      try {
        await run(h);
      } finally {
        await h.close();
      }
    }

    /** Done, every output valid and trusted, one certificate, nothing left on the Optimizer. */
    async function assertFinished(on: SandboxHandle, h: Harness, jobId: string): Promise<void> {
      const job = await h.waitFor(jobId, ['done', 'failed', 'cancelled']);
      assert.equal(job.state, 'done', job.error?.message);
      const ca = on === sandbox ? nss : nssDbTrusting(on.caPem);
      for (const d of job.documents) {
        assert.ok(d.outputPath && existsSync(d.outputPath), `saved ${d.filename}`);
        const judged = pdfsig(d.outputPath, ca);
        assert.ok(judged.signatures.at(-1)?.valid && judged.signatures.at(-1)?.trusted, judged.output);
        assert.ok(qpdfCheck(d.outputPath).ok, `qpdf --check ${d.outputPath}`);
      }
      const stats = await statsOf(on, job.requestPk);
      assert.equal(stats.certificates, 1, 'exactly one certificate');
      assert.equal(stats.documents, job.documents.length, 'no document uploaded twice');
      assert.deepEqual(await h.client.listDocuments(job.requestPk!), [], 'no document left on the Optimizer');
    }

    it('signs with a code typed at the desk', async () => {
      await withHarness(sandbox, async (h) => {
        const job = await h.addJob({ documents: 2, auth: { method: 'otp', delivery: 'sms' } });
        h.runner.start();
        const waiting = await h.waitFor(job.id, ['awaiting_signer']);
        await h.runner.sendOtp(job.id);
        h.runner.submitOtp(job.id, await inbox(sandbox, waiting.requestPk!));
        await assertFinished(sandbox, h, job.id);
      });
    });

    it('signs 12 same-named documents by an external method (two upload calls, answers out of order)', async () => {
      await withHarness(sandbox, async (h) => {
        const job = await h.addJob({ documents: 12, sameName: true, pages: 1 });
        h.runner.start();
        await assertFinished(sandbox, h, job.id);
        // Each signed copy is its own original: the uids were not crossed.
        const done = h.store.jobs.get(job.id);
        const seen = new Set(done.documents.map((d) => d.signedSha256));
        assert.equal(seen.size, 12);
      });
    });

    it('signs in async mode, polling GET /request/{pk} until ISSUED', async () => {
      await withHarness(sandbox, async (h) => {
        const job = await h.addJob({ documents: 2, asyncMode: true });
        h.runner.start();
        await assertFinished(sandbox, h, job.id);
        const events = h.store.db
          .prepare("SELECT kind FROM events WHERE job_id = ? AND kind = 'sign.accepted'")
          .all(job.id);
        assert.equal(events.length, 1, 'the accepted call is recorded once');
        assert.equal(h.calls.sign, 1, 'sign is called once');
      });
    });

    it('goes on polling an accepted async sign after a restart, and never signs again', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'job-life-async-'));
      const first = await queueHarness(slow.baseUrl, { dataDir });
      let jobId = '';
      try {
        const job = await first.addJob({ documents: 1, asyncMode: true });
        jobId = job.id;
        first.runner.start();
        await waitUntil(() => first.store.jobs.get(job.id).signAcceptedAt !== null);
      } finally {
        await first.close();
      }
      const second = await queueHarness(slow.baseUrl, { dataDir });
      try {
        second.runner.start();
        await assertFinished(slow, second, jobId);
        assert.equal(second.calls.sign ?? 0, 0, 'the restarted desk only polls');
        assert.equal((await statsOf(slow, second.store.jobs.get(jobId).requestPk)).sign_calls, 1);
      } finally {
        await second.close();
      }
    });

    it('cancels: the request is CANCELLED and its documents deleted (DELETE /document/{pk})', async () => {
      await withHarness(sandbox, async (h) => {
        const job = await h.addJob({ documents: 2, auth: { method: 'otp', delivery: 'sms' } });
        h.runner.start();
        const waiting = await h.waitFor(job.id, ['awaiting_signer']);
        await h.runner.cancel(job.id);
        assert.equal((await h.client.getRequest(waiting.requestPk!)).status, 'CANCELLED');
        assert.deepEqual(await h.client.listDocuments(waiting.requestPk!), []);
      });
    });

    it('names a refused document; removed, the job finishes with the others, nothing uploaded twice', async () => {
      await withHarness(sandbox, async (h) => {
        const job = await h.addJob({ documents: 3, notPdf: [1] });
        h.runner.start();
        const stopped = await h.waitFor(job.id, ['failed', 'done']);
        assert.equal(stopped.state, 'failed');
        assert.equal(stopped.failedStep, 'uploading');
        assert.match(stopped.error?.message ?? '', /refused “document 1\.pdf”/);
        const refused = stopped.documents.find((d) => d.position === 1);
        assert.ok(refused?.refusal, 'the Optimizer’s words are kept with the document');
        await h.runner.dropDocument(job.id, 1);
        h.runner.retry(job.id);
        await assertFinished(sandbox, h, job.id);
        const done = h.store.jobs.get(job.id);
        assert.deepEqual(
          done.documents.map((d) => d.filename),
          ['document 0.pdf', 'document 2.pdf'],
        );
      });
    });

    it('recovers a lost sign answer from the request status without signing twice', async () => {
      await withHarness(sandbox, async (h) => {
        const job = await h.addJob({ documents: 2 });
        h.runner.start();
        h.loseNext.add('sign');
        await assertFinished(sandbox, h, job.id);
        assert.equal((await statsOf(sandbox, h.store.jobs.get(job.id).requestPk)).sign_calls, 1);
      });
    });

    it('goes on to download after a sign that committed and answered 500 (external method)', async () => {
      await withHarness(failing, async (h) => {
        const job = await h.addJob({ documents: 2 });
        h.runner.start();
        await assertFinished(failing, h, job.id);
        assert.equal((await statsOf(failing, h.store.jobs.get(job.id).requestPk)).sign_calls, 1);
      });
    });

    it('goes on to download after a sign that committed and answered 500 (code), never asking for a new code', async () => {
      await withHarness(failing, async (h) => {
        const job = await h.addJob({ documents: 1, auth: { method: 'otp', delivery: 'sms' } });
        h.runner.start();
        const waiting = await h.waitFor(job.id, ['awaiting_signer']);
        await h.runner.sendOtp(job.id);
        h.runner.submitOtp(job.id, await inbox(failing, waiting.requestPk!));
        await assertFinished(failing, h, job.id);
        const stats = await statsOf(failing, waiting.requestPk);
        assert.equal(stats.sign_calls, 1);
        assert.equal(stats.otp_sends, 1, 'no new code was asked for');
      });
    });
  });
}
