// The fault and latency knobs: 503s, resets, lost responses and 500s after a committed sign happen at
// the rates asked, in a repeatable order for a seed, and a lost response has still done its work.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { makePdf } from '../fixtures/pdfs';
import { call, createRequest, download, signerForm, upload, withSandbox } from '../helpers/sandbox';

async function outcome(base: string): Promise<string> {
  try {
    const res = await fetch(`${base}/hello`);
    await res.arrayBuffer();
    return String(res.status);
  } catch {
    return 'dropped';
  }
}

describe('faults', () => {
  it('--fail-rate 1 answers 503 before doing anything', async () => {
    await withSandbox({ failRate: 1 }, async ({ baseUrl }) => {
      const res = await call(baseUrl, 'POST', '/create', signerForm());
      assert.equal(res.status, 503);
      const stats = await call<{ total: Record<string, number> }>(baseUrl, 'GET', '/sandbox/stats');
      assert.equal(stats.body.total.creates, 0);
    });
  });

  it('--reset-rate 1 drops the connection before doing anything', async () => {
    await withSandbox({ resetRate: 1 }, async ({ baseUrl }) => {
      await assert.rejects(fetch(`${baseUrl}/create`, { method: 'POST', body: signerForm() }));
      const stats = await call<{ total: Record<string, number> }>(baseUrl, 'GET', '/sandbox/stats');
      assert.equal(stats.body.total.creates, 0);
    });
  });

  it('--lose-response-rate 1 commits the work and then drops the connection', async () => {
    await withSandbox({ loseResponseRate: 1 }, async ({ baseUrl }) => {
      await assert.rejects(fetch(`${baseUrl}/create`, { method: 'POST', body: signerForm() }));
      const stats = await call<{ total: Record<string, number>; requests: Record<string, unknown> }>(
        baseUrl,
        'GET',
        '/sandbox/stats',
      );
      assert.equal(stats.body.total.creates, 1);
      const pk = Object.keys(stats.body.requests)[0]!;
      await assert.rejects(
        fetch(`${baseUrl}/document/${pk}`, {
          method: 'POST',
          body: (() => {
            const f = new FormData();
            f.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF')]), 'x.pdf');
            return f;
          })(),
        }),
      );
    });
  });

  it('draws faults at the asked rate and in the same order for the same seed', async () => {
    const run = (seed: number): Promise<string[]> =>
      withSandbox({ failRate: 0.3, resetRate: 0.1, seed }, async ({ baseUrl }) => {
        const outcomes: string[] = [];
        for (let i = 0; i < 200; i++) outcomes.push(await outcome(baseUrl));
        return outcomes;
      });
    const a = await run(7);
    const b = await run(7);
    const c = await run(8);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    const fails = a.filter((o) => o === '503').length;
    const drops = a.filter((o) => o === 'dropped').length;
    assert.ok(drops >= 8 && drops <= 35, `resets: ${drops} of 200`);
    assert.ok(fails >= 35 && fails <= 75, `503s: ${fails} of 200`);
  });

  it('--latency-ms delays every call and --sign-ms the sign call', async () => {
    await withSandbox({ latencyMs: 250, signMs: 600, extAuthTypes: ['biometric'] }, async ({ baseUrl }) => {
      let t = performance.now();
      await call(baseUrl, 'GET', '/hello');
      assert.ok(performance.now() - t >= 240, 'latency applied');
      const pk = await createRequest(baseUrl);
      await upload(baseUrl, pk, [{ name: 'a.pdf', bytes: await makePdf({}) }]);
      t = performance.now();
      const res = await call(baseUrl, 'POST', `/sign/${pk}`, {
        secret: 'c',
        ext_unlock_type: 'biometric',
        ext_unlock_value: 'v',
      });
      assert.equal(res.status, 200);
      assert.ok(performance.now() - t >= 240 + 590, 'latency and sign time applied');
    });
  });

  const extAuth = { secret: 'customer-code', ext_unlock_type: 'biometric', ext_unlock_value: 'v' };

  it('fail-after-sign commits then answers 500 (certificate, signed files, ISSUED)', async () => {
    const lines: string[] = [];
    await withSandbox({ failAfterSignRate: 1, log: (l) => lines.push(l) }, async ({ baseUrl }) => {
      const pk = await createRequest(baseUrl);
      const [uid] = await upload(baseUrl, pk, [{ name: 'a.pdf', bytes: await makePdf({}) }]);
      const res = await call(baseUrl, 'POST', `/sign/${pk}`, extAuth);
      assert.equal(res.status, 500);
      assert.deepEqual(res.body, { detail: 'Internal Server Error' });
      const request = await call<{ request: { status: string; certificate_set: string[] } }>(
        baseUrl,
        'GET',
        `/request/${pk}`,
      );
      assert.equal(request.body.request.status, 'ISSUED');
      assert.equal(request.body.request.certificate_set.length, 1);
      assert.equal((await download(baseUrl, `/document/${pk}/${uid}?document_type=signed`)).status, 200);
      const again = await call(baseUrl, 'POST', `/sign/${pk}`, extAuth);
      assert.deepEqual([again.status, again.body], [412, { detail: 'Request already in ISSUED status' }]);
      assert.ok(
        lines.some((l) => /fault: 500 after the sign of request \d+ was committed/.test(l)),
        lines.join('\n'),
      );
    });
  });

  it("fail-after-sign answers 500 in the dialect's error shape and leaves refused signs alone", async () => {
    await withSandbox({ failAfterSignRate: 1, dialect: 'legacy' }, async ({ baseUrl }) => {
      const pk = await createRequest(baseUrl);
      await upload(baseUrl, pk, [{ name: 'a.pdf', bytes: await makePdf({}) }]);
      const refused = await call(baseUrl, 'POST', `/sign/${pk}`, { secret: '000000' });
      assert.equal(refused.status, 403, 'a refused sign is not turned into a 500');
      const res = await call(baseUrl, 'POST', `/sign/${pk}`, extAuth);
      assert.deepEqual(
        [res.status, res.body],
        [500, { status: '500 Internal Server Error', details: 'Internal Server Error' }],
      );
    });
  });

  it('draws fail-after-sign from its own seeded stream, so the other faults keep their order', async () => {
    const pdf = await makePdf({});
    const run = (failAfterSignRate: number): Promise<string[]> =>
      withSandbox({ failRate: 0.3, seed: 11, failAfterSignRate }, async ({ baseUrl }) => {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) {
          const created = await call<{ details?: { pk: string } }>(baseUrl, 'POST', '/create', signerForm());
          const pk = created.body.details?.pk ?? '1';
          const form = new FormData();
          form.append('file', new Blob([pdf]), 'a.pdf');
          const uploaded = await call(baseUrl, 'POST', `/document/${pk}`, form);
          const signed = await call(baseUrl, 'POST', `/sign/${pk}`, extAuth);
          statuses.push(created.status, uploaded.status, signed.status);
        }
        return statuses.map(String);
      });
    const without = await run(0);
    const withFault = await run(1);
    const only503 = (statuses: string[]): string[] => statuses.map((s) => (s === '503' ? '503' : '-'));
    assert.deepEqual(only503(withFault), only503(without));
    assert.ok(
      without.includes('503') && withFault.includes('500'),
      `${without.join()} / ${withFault.join()}`,
    );
    assert.ok(!without.includes('500'));
  });

  it('refuses a fail-after-sign rate outside 0..1', async () => {
    await assert.rejects(
      withSandbox({ failAfterSignRate: 1.5 }, async () => {}),
      /failAfterSignRate/,
    );
  });
});
