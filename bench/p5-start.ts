// P5: from start to ready, as the person at the desk waits for it: `npm run start:web` until it
// prints its address, `npm run cli -- status` until it exits. Median of three starts, each with a
// fresh data folder (the OS file cache stays warm: without root it cannot be dropped).
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchContext } from './context';
import { runScript } from './desk-checkout';
import { median, type Part } from './report';

export const WEB_LINE =
  /^One-Shot Desk \(browser mode\): (http:\/\/127\.0\.0\.1:\d+)\/#code=([A-Za-z0-9_-]+)$/;

export async function measureStart(ctx: BenchContext): Promise<Part> {
  const runs = ctx.quick ? 1 : 3;
  const web: number[] = [];
  const cli: number[] = [];
  for (let i = 0; i < runs; i++) {
    ctx.say(`P5: start ${i + 1} of ${runs}`);
    const data = mkdtempSync(join(ctx.work, 'p5-web-'));
    const host = runScript(ctx.desk, 'start:web', ['--port', '0', '--data', data, '--no-open'], ctx.env);
    try {
      web.push((await host.waitForLine(WEB_LINE)).ms);
    } finally {
      await host.stop();
    }
    const status = runScript(
      ctx.desk,
      'cli',
      ['status', '--data', mkdtempSync(join(ctx.work, 'p5-cli-'))],
      ctx.env,
    );
    const result = await status.done;
    if (result.code !== 0)
      throw new Error(`cli status exited with ${result.code}: ${result.stderr.slice(-1000)}`);
    cli.push(result.ms);
  }
  const each = (values: number[]): string => `runs ${values.map((v) => v.toFixed(0)).join(', ')} ms`;
  return {
    title: 'P5 start to ready',
    setup: `median of ${runs} start${runs > 1 ? 's' : ''} through npm run, each with a fresh data folder`,
    figures: [
      {
        name: 'start:web prints its URL',
        value: median(web),
        unit: 'ms',
        reference: 2500,
        target: 1000,
        note: each(web),
      },
      { name: 'cli status exits', value: median(cli), unit: 'ms', target: 400, note: each(cli) },
    ],
  };
}
