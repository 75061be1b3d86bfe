// P1: a batch of real-world-like PDFs for several signers with external authentication, against the
// desk's sandbox with 100 ms added to every call: the naive client, the floor client and the desk's
// CLI with default settings, one after the other on the same sandbox and the same files.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PRESET_TOKEN_UID } from '../test/helpers/sandbox';
import type { BenchContext } from './context';
import { corpusDigest, writeCorpus } from './corpus';
import { runScript } from './desk-checkout';
import {
  APPEARANCE,
  EXT_AUTH_TYPE,
  floorClient,
  naiveClient,
  signerOf,
  type BenchJob,
} from './reference-clients';
import type { Part } from './report';

export const LATENCY_MS = 100;
export const SANDBOX_LINE = /^One-Shot sandbox listening on (\S+)$/;

export async function measureThroughput(ctx: BenchContext): Promise<Part> {
  const size = ctx.quick
    ? { files: 20, signers: 4, totalBytes: 1_300_000, maxPages: 20 }
    : { files: 100, signers: 10, totalBytes: 6_500_000, maxPages: 50 };
  const dir = join(ctx.work, 'p1');
  ctx.say(`P1: writing ${size.files} PDFs`);
  const corpus = await writeCorpus(join(dir, 'pdfs'), size);
  const jobs: BenchJob[] = corpus.jobs.map((documents, signer) => ({ signer, documents }));
  const setup =
    `${size.files} PDFs (${(corpus.bytes / 1e6).toFixed(1)} MB, ${corpus.pages} pages, digest ${corpusDigest(corpus)}) ` +
    `for ${size.signers} signers, external authentication, sandbox --latency-ms ${LATENCY_MS}`;

  const sandbox = runScript(ctx.desk, 'sandbox', [
    '--port',
    '0',
    '--latency-ms',
    String(LATENCY_MS),
    '--data',
    join(dir, 'sandbox'),
  ]);
  try {
    const base = SANDBOX_LINE.exec((await sandbox.waitForLine(SANDBOX_LINE)).line)![1]!;
    const timed = async (label: string, run: (out: string) => Promise<void>): Promise<number> => {
      const out = join(dir, `out-${label}`);
      mkdirSync(out, { recursive: true });
      ctx.say(`P1: ${label}`);
      const started = performance.now();
      await run(out);
      const seconds = (performance.now() - started) / 1000;
      const saved = readdirSync(out).length;
      if (saved !== size.files) throw new Error(`${label} saved ${saved} of ${size.files} signed files`);
      return seconds;
    };
    const naive = await timed('naive', (out) => naiveClient(base, jobs, out));
    const floor = await timed('floor', (out) => floorClient(base, jobs, out));
    const desk = await timed('desk', (out) => deskBatch(ctx, base, jobs, join(dir, 'desk'), out));
    return {
      title: 'P1 batch throughput',
      setup,
      figures: [
        { name: 'naive client', value: naive, unit: 's', reference: 30.5 },
        { name: 'floor client', value: floor, unit: 's', reference: 3.1 },
        { name: 'desk CLI (defaults)', value: desk, unit: 's', reference: 11.9 },
        { name: 'desk / floor', value: desk / floor, unit: '×', reference: 3.9, target: 1.5 },
        { name: 'naive / desk', value: naive / desk, unit: '×', reference: 2.6 },
      ],
    };
  } finally {
    await sandbox.stop();
  }
}

/** `npm run cli -- batch` with default settings; the time includes the CLI's start. */
async function deskBatch(
  ctx: BenchContext,
  base: string,
  jobs: BenchJob[],
  dir: string,
  out: string,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const manifest = join(dir, 'batch.json');
  writeFileSync(
    manifest,
    JSON.stringify(
      jobs.map((job) => ({
        signer: signerOf(job.signer),
        documents: job.documents,
        ext_auth: { type: EXT_AUTH_TYPE, value: `bench-${job.signer}` },
        appearance: APPEARANCE,
      })),
    ),
  );
  const run = runScript(
    ctx.desk,
    'cli',
    [
      'batch',
      '--optimizer',
      base,
      '--manifest',
      manifest,
      '--out',
      out,
      '--data',
      join(dir, 'data'),
      '--json',
    ],
    { ...ctx.env, ONESHOT_TOKEN: PRESET_TOKEN_UID },
  );
  const result = await run.done;
  writeFileSync(join(dir, 'cli-stderr.txt'), result.stderr);
  if (result.code !== 0) throw new Error(`the CLI exited with ${result.code}: ${result.stderr.slice(-2000)}`);
}
