// P2: peak resident memory (VmHWM, polled from /proc) of the desk's CLI and of the sandbox while one
// job of four big PDFs is signed with external authentication, downloaded, verified and saved.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeBigPdf } from '../test/helpers/big-pdf';
import { PRESET_TOKEN_UID } from '../test/helpers/sandbox';
import type { BenchContext } from './context';
import { runScript, watchPeakRss, type PeakRss } from './desk-checkout';
import { SANDBOX_LINE } from './p1-throughput';
import { APPEARANCE, EXT_AUTH_TYPE, signerOf } from './reference-clients';
import type { Part } from './report';

const MIB = 1024 * 1024;
const others = (peak: PeakRss): string =>
  `not counted: npm and tsx's esbuild service, up to ${peak.othersMb().toFixed(0)} MB`;

export async function measureMemory(ctx: BenchContext): Promise<Part> {
  const fileMb = ctx.quick ? 8 : 190;
  const files = 4;
  const pages = 8;
  const dir = join(ctx.work, 'p2');
  mkdirSync(join(dir, 'pdfs'), { recursive: true });
  ctx.say(`P2: writing ${files} PDFs of ${fileMb} MB`);
  const paths: string[] = [];
  for (let i = 0; i < files; i++) {
    const path = join(dir, 'pdfs', `big-${i + 1}.pdf`);
    await writeBigPdf(path, { bytes: fileMb * MIB, pages });
    paths.push(path);
  }
  const signer = join(dir, 'signer.json');
  writeFileSync(signer, JSON.stringify(signerOf(0)));
  const appearance = join(dir, 'appearance.json');
  writeFileSync(appearance, JSON.stringify(APPEARANCE));

  const sandbox = runScript(ctx.desk, 'sandbox', ['--port', '0', '--data', join(dir, 'sandbox')]);
  const sandboxPeak = watchPeakRss(sandbox.child.pid!);
  try {
    const base = SANDBOX_LINE.exec((await sandbox.waitForLine(SANDBOX_LINE)).line)![1]!;
    ctx.say('P2: signing one job');
    const cli = runScript(
      ctx.desk,
      'cli',
      [
        'sign',
        '--optimizer',
        base,
        '--signer',
        signer,
        '--appearance',
        appearance,
        '--out',
        join(dir, 'out'),
        '--data',
        join(dir, 'data'),
        '--json',
        ...paths,
      ],
      { ...ctx.env, ONESHOT_TOKEN: PRESET_TOKEN_UID, ONESHOT_EXT_AUTH: `${EXT_AUTH_TYPE}:bench-big` },
    );
    const cliPeak = watchPeakRss(cli.child.pid!);
    const result = await cli.done;
    cliPeak.stop();
    sandboxPeak.stop();
    if (result.code !== 0)
      throw new Error(`the CLI exited with ${result.code}: ${result.stderr.slice(-2000)}`);
    return {
      title: 'P2 peak memory',
      setup: `one job of ${files} PDFs × ${fileMb} MiB (${pages} pages each), external authentication, sign → save → verify`,
      figures: [
        {
          name: 'desk CLI process',
          value: cliPeak.mb(),
          unit: 'MB',
          target: 150,
          ...(ctx.quick ? {} : { reference: 498 }),
          note: `${(result.ms / 1000).toFixed(1)} s for the job; ${others(cliPeak)}`,
        },
        {
          name: 'sandbox process',
          value: sandboxPeak.mb(),
          unit: 'MB',
          target: 300,
          ...(ctx.quick ? {} : { reference: 879 }),
          note: others(sandboxPeak),
        },
      ],
    };
  } finally {
    sandboxPeak.stop();
    await sandbox.stop();
  }
}
