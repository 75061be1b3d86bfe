// The training clock: absurd moves are refused with FastAPI's 422 and never stored, and a stored
// offset that is not sane (corrupt, or written before the bound) is ignored, so one request can't
// break the sandbox for good.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { MAX_CLOCK_OFFSET_SECONDS } from '../../electron/sandbox/context';
import { call, withSandbox } from '../helpers/sandbox';

interface ClockView {
  now: string;
  offset_seconds: number;
}

describe('sandbox clock', () => {
  it('refuses non-finite, non-integer, negative and too-large moves with 422, and still answers after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-clock-'));
    const absurd: unknown[] = [1e308, -1e308, 'NaN', 1.5, -1, MAX_CLOCK_OFFSET_SECONDS + 1, null];
    await withSandbox({ dataDir }, async ({ baseUrl }) => {
      for (const advance_seconds of absurd) {
        const res = await call<{ detail: { loc: string[]; msg: string }[] }>(
          baseUrl,
          'POST',
          '/sandbox/clock',
          { advance_seconds },
        );
        assert.equal(res.status, 422, `advance_seconds ${String(advance_seconds)}`);
        assert.deepEqual(res.body.detail[0]?.loc, ['body', 'advance_seconds']);
      }
      // 1e400 in the JSON text parses to Infinity.
      const raw = await fetch(`${baseUrl}/sandbox/clock`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"advance_seconds":1e400}',
      });
      assert.equal(raw.status, 422);
      const ok = await call<ClockView>(baseUrl, 'POST', '/sandbox/clock', { advance_seconds: 61 });
      assert.equal(ok.status, 200);
      assert.equal(ok.body.offset_seconds, 61);
      // Many moves add up to at most the bound: the one that would pass it is refused.
      const over = await call(baseUrl, 'POST', '/sandbox/clock', {
        advance_seconds: MAX_CLOCK_OFFSET_SECONDS,
      });
      assert.equal(over.status, 422);
    });
    await withSandbox({ dataDir }, async ({ baseUrl }) => {
      const clock = await call<ClockView>(baseUrl, 'GET', '/sandbox/clock');
      assert.equal(clock.status, 200);
      assert.equal(clock.body.offset_seconds, 61);
      assert.equal((await call(baseUrl, 'GET', '/tokens')).status, 200);
    });
  });

  it('ignores a corrupt stored offset with a logged warning and keeps answering', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sandbox-clock-'));
    await withSandbox({ dataDir }, async () => {});
    for (const stored of ['Infinity', 'NaN', 'garbage', '-5', String(1e300)]) {
      const db = new Database(join(dataDir, 'sandbox.db'));
      db.prepare(
        "INSERT INTO meta (key, value) VALUES ('clock_offset_ms', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
      ).run(stored);
      db.close();
      const lines: string[] = [];
      await withSandbox({ dataDir, log: (line) => lines.push(line) }, async ({ baseUrl }) => {
        const clock = await call<ClockView>(baseUrl, 'GET', '/sandbox/clock');
        assert.equal(clock.status, 200, stored);
        assert.equal(clock.body.offset_seconds, 0);
        assert.equal((await call(baseUrl, 'GET', '/tokens')).status, 200);
        assert.ok(
          lines.some((line) => line.includes('Ignoring the stored clock offset')),
          `no warning for ${stored}: ${lines.join('\n')}`,
        );
      });
    }
  });
});
