// The desk in browser mode for P3 and P4: `npm run start:web` of the checkout under measurement,
// its printed one-time code exchanged for the key (as the page does), and the address to open.
import type { BenchContext } from './context';
import { runScript, type ScriptRun } from './desk-checkout';
import { WEB_LINE } from './p5-start';

export interface DeskWeb {
  url: string;
  run: ScriptRun;
  stop(): Promise<void>;
}

export async function startDeskWeb(ctx: BenchContext, dataDir: string): Promise<DeskWeb> {
  const run = runScript(ctx.desk, 'start:web', ['--port', '0', '--data', dataDir, '--no-open'], ctx.env);
  try {
    const printed = WEB_LINE.exec((await run.waitForLine(WEB_LINE)).line)!;
    const answer = (await (
      await fetch(`${printed[1]}/launch`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: printed[2] }),
      })
    ).json()) as { ok: boolean; value?: { key: string } };
    if (!answer.ok || !answer.value)
      throw new Error(`the printed code was refused: ${JSON.stringify(answer)}`);
    return { url: `${printed[1]}/#key=${answer.value.key}`, run, stop: () => run.stop() };
  } catch (error) {
    await run.stop();
    throw error;
  }
}
