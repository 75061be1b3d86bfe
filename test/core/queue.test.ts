// The queue against the sandbox over real sockets: the happy paths, the recovery rules of
// ARCHITECTURE §4 with answers lost on purpose, the OTP rules, offline hold and resume, cancel,
// and the safety rules for saving signed copies.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { queueHarness, type Harness } from '../helpers/queue-harness';
import { nssDbTrusting, pdfsig, qpdfCheck } from '../helpers/pdf-judges';
import { call } from '../helpers/sandbox';

let sandbox: SandboxHandle;
let nss: string;
before(async () => {
  sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'] });
  nss = nssDbTrusting(sandbox.caPem);
});
after(async () => sandbox.stop());

type Stats = Record<string, number>;
async function statsOf(pk: string | null): Promise<Stats> {
  const res = await call<{ requests: Record<string, Stats> }>(sandbox.baseUrl, 'GET', '/sandbox/stats');
  return res.body.requests[pk ?? ''] ?? {};
}

async function inbox(pk: string): Promise<string> {
  return (await call<{ otp: string }>(sandbox.baseUrl, 'GET', `/sandbox/inbox/${pk}`)).body.otp;
}

function assertOutputsJudged(h: Harness, jobId: string): void {
  const job = h.store.jobs.get(jobId);
  for (const d of job.documents) {
    assert.ok(d.outputPath && existsSync(d.outputPath), `saved ${d.filename}`);
    const judged = pdfsig(d.outputPath, nss);
    assert.ok(judged.signatures.at(-1)?.valid && judged.signatures.at(-1)?.trusted, judged.output);
    assert.ok(qpdfCheck(d.outputPath).ok);
  }
}

async function withHarness(
  run: (h: Harness) => Promise<void>,
  options: Parameters<typeof queueHarness>[1] = {},
): Promise<void> {
  const h = await queueHarness(sandbox.baseUrl, options);
  try {
    await run(h);
  } finally {
    await h.close();
  }
}

describe('queue: happy paths', () => {
  it('runs an external-authentication job to done: signed, saved, verified, server copies deleted', async () => {
    await withHarness(async (h) => {
      const job = await h.addJob({
        documents: 3,
        signature: { appearance: { position: '40,40,240,100', page: 1 } },
      });
      h.runner.start();
      const done = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error?.message);
      assertOutputsJudged(h, job.id);
      assert.deepEqual(
        done.documents.map((d) => d.outputPath?.split('/').pop()),
        ['document 0.signed.pdf', 'document 1.signed.pdf', 'document 2.signed.pdf'],
      );
      assert.ok(
        done.documents.every((d) => d.remoteDeleted && d.verifiedAt && /SANDBOX/.test(d.signerName ?? '')),
      );
      const s = await statsOf(done.requestPk);
      assert.deepEqual(
        [s.creates, s.documents, s.sign_successes, s.deletes, s.duplicate_documents],
        [1, 3, 1, 3, 0],
      );
      assert.equal(h.store.verifyAuditChain().ok, true);
      assert.equal(readdirSync(h.outDir).filter((n) => n.startsWith('.')).length, 0, 'no staging files left');
    });
  });

  it('waits for the signer, sends the code, and signs with the code typed', async () => {
    await withHarness(async (h) => {
      const job = await h.addJob({ auth: { method: 'otp', delivery: 'sms' } });
      h.runner.start();
      const waiting = await h.waitFor(job.id, ['awaiting_signer']);
      assert.ok(
        h.events.some((e) => e.type === 'attention' && e.jobId === job.id && e.reason === 'otp_needed'),
      );
      await h.runner.sendOtp(job.id);
      h.runner.submitOtp(job.id, await inbox(waiting.requestPk!));
      const done = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error?.message);
      assertOutputsJudged(h, job.id);
      const audit = JSON.stringify(h.store.db.prepare('SELECT data_json FROM events').all());
      assert.ok(!audit.includes(await inbox(waiting.requestPk!)), 'the code never reaches the audit log');
    });
  });

  it('sends the signer back to typing after a wrong code, saying how many attempts are left', async () => {
    await withHarness(async (h) => {
      const job = await h.addJob({ auth: { method: 'otp', delivery: 'sms' } });
      h.runner.start();
      const waiting = await h.waitFor(job.id, ['awaiting_signer']);
      await h.runner.sendOtp(job.id);
      const code = await inbox(waiting.requestPk!);
      h.runner.submitOtp(job.id, code === '000000' ? '111111' : '000000');
      const back = await h.waitFor(job.id, ['otp_sent']);
      assert.equal(back.error?.kind, 'otp_wrong');
      assert.match(back.error?.message ?? '', /2/);
      h.runner.submitOtp(job.id, code);
      assert.equal((await h.waitFor(job.id, ['done', 'failed'])).state, 'done');
    });
  });

  it('asks for a new code when the code expired, judged by the code’s age (the service says only "Confirmation Code invalid")', async () => {
    // The desk's clock and the sandbox's move together: five minutes pass between sending and typing.
    let offsetMs = 0;
    await withHarness(
      async (h) => {
        const job = await h.addJob({ auth: { method: 'otp', delivery: 'sms' } });
        h.runner.start();
        const waiting = await h.waitFor(job.id, ['awaiting_signer']);
        await h.runner.sendOtp(job.id);
        const code = await inbox(waiting.requestPk!);
        await call(sandbox.baseUrl, 'POST', '/sandbox/clock', { advance_seconds: 301 });
        offsetMs += 301_000;
        h.runner.submitOtp(job.id, code);
        const again = await h.waitFor(job.id, ['awaiting_signer']);
        assert.equal(again.error?.kind, 'otp_expired');
        assert.match(again.error?.message ?? '', /send a new code/);
        await h.runner.sendOtp(job.id);
        h.runner.submitOtp(job.id, await inbox(waiting.requestPk!));
        assert.equal((await h.waitFor(job.id, ['done', 'failed'])).state, 'done');
      },
      { runner: { now: () => Date.now() + offsetMs } },
    );
  });

  it('asks for a new code after three refused codes, counted by the desk', async () => {
    await withHarness(async (h) => {
      const job = await h.addJob({ auth: { method: 'otp', delivery: 'sms' } });
      h.runner.start();
      const waiting = await h.waitFor(job.id, ['awaiting_signer']);
      await h.runner.sendOtp(job.id);
      const code = await inbox(waiting.requestPk!);
      const wrong = code === '000000' ? '111111' : '000000';
      for (const left of [2, 1]) {
        h.runner.submitOtp(job.id, wrong);
        const back = await h.waitFor(job.id, ['otp_sent']);
        assert.equal(back.otpWrongAttempts, 3 - left);
        assert.match(back.error?.message ?? '', new RegExp(`\\(${left} more`));
      }
      h.runner.submitOtp(job.id, wrong);
      const locked = await h.waitFor(job.id, ['awaiting_signer']);
      assert.equal(locked.error?.kind, 'otp_locked');
      assert.equal(locked.otpWrongAttempts, 0);
      assert.equal((await statsOf(waiting.requestPk)).sign_calls, 3);
    });
  });
});

describe('queue: recovery rules', () => {
  it('reconciles a lost upload answer with the server list instead of uploading again', async () => {
    await withHarness(async (h) => {
      h.loseNext.add('uploadDocuments');
      const job = await h.addJob({ documents: 12 });
      h.runner.start();
      const done = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error?.message);
      const s = await statsOf(done.requestPk);
      assert.equal(s.documents, 12, 'each document reached the request once');
      assert.equal(s.duplicate_documents, 0);
      assert.ok(h.store.db.prepare("SELECT 1 FROM events WHERE kind = 'upload.reconciled'").get());
    });
  });

  it('stops, sending nothing again, when a lost upload answer meets an Optimizer without a document list', async () => {
    await withHarness(async (h) => {
      // The new API's list route is not published: this Optimizer answers as if it had none.
      Object.assign(h.client, { listDocuments: () => Promise.resolve(null) });
      h.loseNext.add('uploadDocuments');
      const job = await h.addJob({ documents: 2 });
      h.runner.start();
      const stopped = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(stopped.state, 'failed');
      assert.equal(stopped.error?.retryable, false);
      assert.match(stopped.error?.message ?? '', /cannot list request \d+'s documents/);
      assert.equal((await statsOf(stopped.requestPk)).uploads, 1, 'nothing was sent twice');
    });
  });

  it('never calls sign blindly twice: a lost sign answer is reconciled from the signed documents', async () => {
    await withHarness(async (h) => {
      h.loseNext.add('sign');
      const job = await h.addJob();
      h.runner.start();
      const done = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error?.message);
      assert.equal(h.calls.sign, 1, 'sign was called exactly once');
      const s = await statsOf(done.requestPk);
      assert.deepEqual([s.sign_calls, s.sign_successes, s.certificates], [1, 1, 1]);
    });
  });

  it('after a restart finds a lost OTP signature on the server; with none there it asks for a new code', async () => {
    const empty = await queueHarness(sandbox.baseUrl);
    await empty.close();
    const dataDir = empty.store.dataDir;
    // First run: the sign answer is lost, and the process "dies" before reconciling.
    const first = await queueHarness(sandbox.baseUrl, { dataDir });
    const job = await first.addJob({ auth: { method: 'otp', delivery: 'sms' } });
    first.runner.start();
    const waiting = await first.waitFor(job.id, ['awaiting_signer']);
    await first.runner.sendOtp(job.id);
    first.loseNext.add('sign');
    first.runner.submitOtp(job.id, await inbox(waiting.requestPk!));
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (first.calls.sign === 1 && first.loseNext.size === 0) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    await first.close();
    // Second run, new process memory: the code is gone, but the server has the signature.
    const second = await queueHarness(sandbox.baseUrl, { dataDir });
    second.runner.start();
    const done = await second.waitFor(job.id, ['done', 'failed', 'awaiting_signer']);
    assert.equal(done.state, 'done', done.error?.message);
    assert.equal(second.calls.sign ?? 0, 0);
    assert.equal((await statsOf(done.requestPk)).sign_successes, 1);
    await second.close();

    // A job that died in `signing` before its call reached the server: no signature, no code.
    const third = await queueHarness(sandbox.baseUrl);
    const j2 = await third.addJob({ auth: { method: 'otp', delivery: 'sms' } });
    third.runner.start();
    const w2 = await third.waitFor(j2.id, ['awaiting_signer']);
    await third.runner.sendOtp(j2.id);
    await third.runner.stop();
    third.store.jobs.transition(j2.id, 'signing', { test: 'crash before the call' });
    const fourth = await queueHarness(sandbox.baseUrl, { dataDir: third.store.dataDir });
    fourth.runner.start();
    const needsCode = await fourth.waitFor(j2.id, ['awaiting_signer', 'failed', 'done']);
    assert.equal(needsCode.state, 'awaiting_signer');
    assert.equal(fourth.calls.sign ?? 0, 0);
    assert.equal((await statsOf(w2.requestPk)).sign_calls ?? 0, 0);
    await fourth.close();
    third.store.close();
  });

  it('creates again after a lost create answer (the orphan request is harmless)', async () => {
    await withHarness(async (h) => {
      h.loseNext.add('createRequest');
      const job = await h.addJob();
      h.runner.start();
      const done = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(done.state, 'done');
      assert.equal(h.calls.createRequest, 2);
      assert.equal((await statsOf(done.requestPk)).sign_successes, 1);
    });
  });
});

describe('queue: scheduling', () => {
  it('runs a job whose retry time passes while the queue is looking for due jobs', async () => {
    // The runner reads the clock for the due jobs, then again for the next wake-up. A retry time
    // falling between the two reads (a busy machine, a GC pause) once left the job neither launched
    // nor waited for: stuck until something else woke the queue. Here the clock jumps in between.
    let clock = Date.now();
    await withHarness(
      async (h) => {
        const job = await h.addJob();
        h.store.jobs.update(job.id, { nextAttemptAt: clock + 100 });
        const due = h.store.jobs.due.bind(h.store.jobs);
        h.store.jobs.due = (...args) => {
          const found = due(...args);
          clock += 200;
          return found;
        };
        h.runner.start();
        const done = await h.waitFor(job.id, ['done', 'failed'], 10_000);
        assert.equal(done.state, 'done', done.error?.message);
      },
      { runner: { now: () => clock } },
    );
  });
});

describe('queue: connectivity, control and output', () => {
  it('holds work while the Optimizer is down and resumes by itself when it is back', async () => {
    const own = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'] });
    const port = own.port;
    const dataDir = own.dataDir;
    const h = await queueHarness(own.baseUrl);
    try {
      const first = await h.addJob();
      h.runner.start();
      await h.waitFor(first.id, ['done']);
      await own.stop();
      const jobs = [await h.addJob(), await h.addJob()];
      h.runner.pump();
      await new Promise<void>((resolve) => {
        const off = h.runner.on((e) => {
          if (e.type === 'connectivity' && !e.online) {
            off();
            resolve();
          }
        });
      });
      assert.equal(h.runner.isOnline('sandbox'), false);
      assert.ok(
        jobs.every(
          (j) => h.store.jobs.get(j.id).state === 'queued' || h.store.jobs.get(j.id).state === 'creating',
        ),
      );
      const back = await startSandbox({
        log: () => {},
        port,
        dataDir: `${dataDir}-2`,
        extAuthTypes: ['biometric'],
      });
      try {
        for (const j of jobs) assert.equal((await h.waitFor(j.id, ['done', 'failed'], 60_000)).state, 'done');
        assert.ok(h.events.some((e) => e.type === 'connectivity' && e.online));
      } finally {
        await back.stop();
      }
    } finally {
      await h.close();
    }
  });

  it('cancels a job on the Optimizer (DELETE /request) and keeps its record', async () => {
    await withHarness(async (h) => {
      const job = await h.addJob({ auth: { method: 'otp', delivery: 'sms' } });
      h.runner.start();
      const waiting = await h.waitFor(job.id, ['awaiting_signer']);
      const cancelled = await h.runner.cancel(job.id);
      assert.equal(cancelled.state, 'cancelled');
      const remote = await call<{ request: { status: string } }>(
        sandbox.baseUrl,
        'GET',
        `/request/${waiting.requestPk}`,
      );
      assert.equal(remote.body.request.status, 'CANCELLED');
      assert.deepEqual(await h.client.listDocuments(waiting.requestPk!), [], 'the Optimizer keeps no copy');
      await assert.rejects(() => h.runner.cancel(job.id), /no longer be cancelled/);
    });
  });

  it('pauses and resumes a job', async () => {
    await withHarness(async (h) => {
      const job = await h.addJob();
      h.runner.pause(job.id);
      h.runner.start();
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(h.store.jobs.get(job.id).state, 'queued');
      h.runner.resume(job.id);
      assert.equal((await h.waitFor(job.id, ['done', 'failed'])).state, 'done');
    });
  });

  it('never overwrites a file in the output folder: it adds " (2)"', async () => {
    await withHarness(async (h) => {
      mkdirSync(h.outDir, { recursive: true });
      writeFileSync(join(h.outDir, 'document 0.signed.pdf'), "somebody else's file");
      const job = await h.addJob({ documents: 1 });
      h.runner.start();
      const done = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(done.documents[0]?.outputPath, join(h.outDir, 'document 0.signed (2).pdf'));
      assert.equal(readFileSync(join(h.outDir, 'document 0.signed.pdf'), 'utf8'), "somebody else's file");
    });
  });

  it("keeps the Optimizer's copies when a signed copy does not verify", async () => {
    await withHarness(
      async (h) => {
        const job = await h.addJob({ documents: 1 });
        h.runner.start();
        const failed = await h.waitFor(job.id, ['failed', 'done']);
        assert.equal(failed.state, 'failed');
        assert.equal(failed.failedStep, 'downloading');
        assert.match(failed.error?.message ?? '', /did not verify/);
        assert.equal((await h.client.listDocuments(failed.requestPk!))?.length, 1, 'still on the Optimizer');
        const signedCopy = await fetch(
          `${sandbox.baseUrl}/document/${failed.requestPk}/${failed.documents[0]?.remoteUid}?document_type=signed`,
        );
        assert.equal(signedCopy.status, 200, 'the signed copy is still on the Optimizer');
        await signedCopy.body?.cancel();
        assert.equal(failed.documents[0]?.outputPath, null);
      },
      {
        runner: {
          verify: () => Promise.resolve({ ok: false, problems: ['test: the digest does not match'] }),
          backoff: { baseMs: 5, maxMs: 10, maxAttempts: 2 },
        },
      },
    );
  });
});
