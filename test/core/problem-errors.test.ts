// Core's refusals reach the bridge as problems the renderer words, not as "Something went wrong":
// the runner's user actions, the store's missing job, a template name taken, an Optimizer failure
// (with its step, status and the server's words) — against the sandbox over real sockets.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { toBridgeError } from '../../electron/core/bridge/errors';
import { OptimizerClient } from '../../electron/core/optimizer/index';
import { toDesign } from '../../electron/core/store/templates';
import { ConnectivityMonitor } from '../../electron/core/queue/connectivity';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { isProblemCode } from '../../shared/problems';
import { requestLimitFindings, requestLimitProblems } from '../../shared/request-limits';
import { queueHarness, type Harness } from '../helpers/queue-harness';

let sandbox: SandboxHandle;
before(async () => {
  sandbox = await startSandbox({ log: () => {} });
});
after(async () => sandbox.stop());

/** The bridge's answer for what `run` throws; a thrown problem is never `internal`. */
async function refusedWith(run: () => unknown): Promise<ReturnType<typeof toBridgeError>> {
  const logged: string[] = [];
  try {
    await run();
  } catch (error) {
    const answer = toBridgeError(error, (line) => logged.push(line));
    assert.notEqual(answer.code, 'internal', `${answer.message} / ${logged.join(' ')}`);
    assert.ok(answer.problem && isProblemCode(answer.problem.code), JSON.stringify(answer));
    return answer;
  }
  assert.fail('expected a refusal');
}

async function withHarness(run: (h: Harness) => Promise<void>): Promise<void> {
  const h = await queueHarness(sandbox.baseUrl);
  try {
    await run(h);
  } finally {
    await h.close();
  }
}

describe('core refusals as problems', () => {
  it('a cancel that is too late, a retry of a job that did not fail, a code at the wrong time', async () => {
    await withHarness(async (h) => {
      const job = await h.addJob({ auth: { method: 'otp', delivery: 'sms' } });
      const early = await refusedWith(() => h.runner.submitOtp(job.id, '123456'));
      assert.deepEqual(early.problem, { code: 'otpNotExpected', values: { label: job.label } });
      const format = await refusedWith(() => h.runner.submitOtp(job.id, 'abc'));
      assert.deepEqual(format, {
        code: 'validation',
        message: 'The code is the 6 digits the signer received',
        problem: { code: 'otpFormat', values: {} },
      });
      const retry = await refusedWith(() => h.runner.retry(job.id));
      assert.deepEqual(retry.problem, { code: 'retryNotStopped', values: { label: job.label } });
      h.runner.start();
      await h.waitFor(job.id, ['awaiting_signer']);
      const drop = await refusedWith(() => h.runner.dropDocument(job.id, 0));
      assert.deepEqual(drop.problem, { code: 'dropTooLate', values: { label: job.label } });
      await h.runner.cancel(job.id);
      const late = await refusedWith(() => h.runner.cancel(job.id));
      assert.equal(late.code, 'conflict');
      assert.deepEqual(late.problem, { code: 'cancelTooLate', values: { label: job.label } });
      const missing = await refusedWith(() => h.store.jobs.get('no-such-job'));
      assert.deepEqual(missing.problem, { code: 'jobMissing', values: {} });
    });
  });

  it('a template name already taken', async () => {
    await withHarness(async (h) => {
      const first = h.store.templates.list()[0];
      assert.ok(first);
      const second = h.store.templates.duplicate(first.id);
      assert.ok(second);
      const taken = await refusedWith(() =>
        h.store.templates.update(second.id, { ...toDesign(second), name: first.name }),
      );
      assert.deepEqual(taken.problem, { code: 'templateNameTaken', values: { name: first.name } });
    });
  });

  it("an Optimizer failure names its step, its status and the server's words", async () => {
    const client = new OptimizerClient({ id: 'sandbox', baseUrl: sandbox.baseUrl });
    const answer = await refusedWith(() => client.getToken('00000000-0000-0000-0000-000000000000'));
    const problem = answer.problem;
    assert.ok(problem);
    assert.equal(problem.values.step, 'getToken');
    assert.match(problem.code, /^optimizer/);
    assert.ok(!JSON.stringify(problem).includes('00000000-0000'), 'no token uid in the problem');
    const offline = new OptimizerClient({ id: 'gone', baseUrl: 'http://127.0.0.1:9' });
    const unreachable = await refusedWith(() => offline.listTokens());
    assert.deepEqual(unreachable.problem, { code: 'optimizerOffline', values: { step: 'listTokens' } });
  });

  it("a request over the Optimizer's limits names each limit as a problem, as the English does", () => {
    const docs = Array.from({ length: 101 }, (_, i) => ({ filename: `d${i}.pdf`, pages: 1 }));
    assert.deepEqual(requestLimitFindings(docs), [
      { code: 'tooManyDocuments', values: { count: 101, max: 100 } },
    ]);
    const short = [{ filename: 'a.pdf', pages: 3 }];
    assert.deepEqual(requestLimitFindings(short, { appearance: { page: 4 } }), [
      { code: 'pageBeyondDocument', values: { filename: 'a.pdf', page: 5, pages: 3 } },
    ]);
    assert.match(
      requestLimitProblems(short, { appearance: { page: 4 } })[0] ?? '',
      /page 5 .*“a\.pdf” has 3/,
    );
  });

  it('an Optimizer that cannot be reached gives the connection status its problem', async () => {
    const offline = new OptimizerClient({ id: 'gone', baseUrl: 'http://127.0.0.1:9' });
    const monitor = new ConnectivityMonitor({
      probe: async (_profileId, signal) => {
        await offline.hello({ signal });
      },
      onChange: () => {},
    });
    const status = await monitor.check('gone');
    monitor.stop();
    assert.equal(status.online, false);
    assert.deepEqual(status.problem, { code: 'optimizerOffline', values: { step: 'hello' } });
  });
});
