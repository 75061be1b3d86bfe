// The bench's instruments, checked in seconds (the bench itself measures, for minutes): the P1
// corpus is the same bytes every time and varied in structure, the naive and floor clients sign
// and save every document on a real sandbox, the peak-memory watcher sees a process's peak, and a
// figure is judged against its target.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { corpusDigest, writeCorpus, type Corpus } from '../../bench/corpus';
import { watchPeakRss } from '../../bench/desk-checkout';
import { floorClient, naiveClient } from '../../bench/reference-clients';
import { verdict } from '../../bench/report';
import { qpdfCheck } from '../helpers/pdf-judges';
import { withSandbox } from '../helpers/sandbox';

/** One file of each structure, for two signers. */
const SMALL = { files: 5, signers: 2, totalBytes: 120_000, maxPages: 3 };
const count = (bytes: Buffer, text: string): number => bytes.toString('latin1').split(text).length - 1;

describe('bench instruments', () => {
  const work = mkdtempSync(join(tmpdir(), 'bench-test-'));
  let corpus: Corpus;

  it('writes the same corpus twice, every file sound, with xref streams, a linearized file and an update', async () => {
    corpus = await writeCorpus(join(work, 'a'), SMALL);
    const again = await writeCorpus(join(work, 'b'), SMALL);
    assert.equal(corpusDigest(corpus), corpusDigest(again));
    assert.deepEqual(
      corpus.jobs.map((j) => j.length),
      [3, 2],
    );
    const files = corpus.jobs.flat().map((p) => readFileSync(p));
    for (const path of corpus.jobs.flat()) {
      const check = qpdfCheck(path);
      assert.ok(check.ok, `${path}: ${check.output}`);
    }
    assert.ok(
      files.some((f) => count(f, '/Type /XRef') > 0 && count(f, '\nxref') === 0),
      'an xref stream',
    );
    assert.ok(
      files.some((f) => count(f, '/Linearized') > 0),
      'a linearized file',
    );
    assert.ok(
      files.some((f) => count(f, '%%EOF') === 2 && count(f, '/Prev') > 0),
      'an incremental update',
    );
    assert.ok(corpus.bytes > 60_000 && corpus.bytes < 240_000, `${corpus.bytes} bytes`);
  });

  it('signs and saves every document with the naive and the floor client', async () => {
    await withSandbox({}, async (sandbox) => {
      const jobs = corpus.jobs.map((documents, signer) => ({ signer, documents }));
      for (const [name, client] of [
        ['naive', naiveClient],
        ['floor', floorClient],
      ] as const) {
        const out = mkdtempSync(join(work, `${name}-`));
        await client(sandbox.baseUrl, jobs, out);
        const saved = readdirSync(out);
        assert.equal(saved.length, SMALL.files, name);
        for (const f of saved)
          assert.ok(count(readFileSync(join(out, f)), '/ByteRange') > 0, `${name}: ${f}`);
      }
    });
  });

  it('sees the peak resident memory of a process under the one started', async () => {
    const child = spawn(process.execPath, [
      '-e',
      'const b = Buffer.alloc(160 * 1024 * 1024, 1); setTimeout(() => b.length, 400);',
    ]);
    const peak = watchPeakRss(child.pid!, 20);
    await new Promise((resolve) => child.once('exit', resolve));
    peak.stop();
    assert.ok(peak.mb() > 150 && peak.mb() < 400, `${peak.mb()} MB`);
  });

  it('judges a figure against its target', () => {
    assert.equal(verdict({ name: 'x', value: 1.2, unit: '×', target: 1.5 }), 'meets');
    assert.equal(verdict({ name: 'x', value: 3.9, unit: '×', target: 1.5 }), 'SHORT');
    assert.equal(verdict({ name: 'x', value: undefined, unit: 'ms', target: 300 }), 'not measured');
    assert.equal(verdict({ name: 'x', value: 12, unit: 's' }), '');
  });
});
