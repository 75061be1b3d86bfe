// `npm run bench [-- --desk DIR] [--only P1,P5]`: issue 15's figures P1–P5 side by side, each beside
// its reference and its target, then the placement figures. The desk's processes (CLI, sandbox,
// browser host) come from DIR (or BENCH_DESK_DIR), default this checkout, so one bench measures
// a "before" checkout and the current one alike. BENCH_QUICK=1: small sizes, one run (~1 minute).
// It measures; the tests check behaviour.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startPrivateKeyring } from '../test/helpers/private-keyring';
import { REPO_ROOT } from '../test/helpers/sandbox-process';
import type { BenchContext } from './context';
import { deskCheckout } from './desk-checkout';
import { measureThroughput } from './p1-throughput';
import { measureStart } from './p5-start';
import { measureMemory } from './p2-memory';
import { measureViewer } from './p3-viewer';
import { measureQueue } from './p4-queue';
import { formatPart, type Part } from './report';

const PARTS: Record<string, (ctx: BenchContext) => Promise<Part>> = {
  P1: measureThroughput,
  P2: measureMemory,
  P3: measureViewer,
  P4: measureQueue,
  P5: measureStart,
};

function placementFigures(quick: boolean): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/placement.bench.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...(quick ? { BENCH_DOCUMENTS: process.env.BENCH_DOCUMENTS ?? '40' } : {}) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) =>
      resolve(code === 0 ? out.trimEnd() : `placement bench failed (${code}): ${out}`),
    );
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { desk: { type: 'string' }, only: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run bench -- [--desk DIR] [--only P1,P2,P3,P4,P5,placement]\n' +
        '  --desk DIR   measure the CLI, sandbox and browser host of another checkout (or BENCH_DESK_DIR)\n' +
        '  BENCH_QUICK=1 small sizes and one run; BENCH_KEEP=1 keeps the scratch folder (files, logs)\n',
    );
    return;
  }
  const quick = process.env.BENCH_QUICK === '1';
  const desk = deskCheckout(values.desk ?? process.env.BENCH_DESK_DIR ?? REPO_ROOT);
  const only = values.only?.split(',').map((s) => s.trim().toUpperCase());
  const work = mkdtempSync(join(tmpdir(), 'oneshot-bench-'));
  const say = (line: string): void =>
    void process.stderr.write(`bench ${new Date().toISOString().slice(11, 19)}: ${line}\n`);
  mkdirSync(join(work, 'keyring'));
  const keyring = await startPrivateKeyring(join(work, 'keyring'), 'bench keyring');
  // P4 opens the desk's store in this process, and the store keeps its audit key in the keychain.
  process.env.DBUS_SESSION_BUS_ADDRESS = keyring.env().DBUS_SESSION_BUS_ADDRESS;
  const started = Date.now();
  const out: string[] = [
    `One-Shot Desk bench${quick ? ' (BENCH_QUICK: small sizes, one run)' : ''}`,
    `desk measured: ${desk.label}`,
    `bench: ${deskCheckout(REPO_ROOT).label}`,
    `machine: ${cpus().length} cores, node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at the start`,
    'ref = issue 15, measured on this machine before the work on performance; SHORT = target not met',
    '',
  ];
  try {
    for (const [name, measure] of Object.entries(PARTS)) {
      if (only && !only.includes(name)) continue;
      let part: Part;
      try {
        part = await measure({ desk, quick, work, env: keyring.env(), say });
      } catch (error) {
        part = { title: name, setup: '', figures: [], error: (error as Error).message.slice(0, 2000) };
      }
      out.push(formatPart(part), '');
      say(`${name} done (load average ${loadavg()[0]!.toFixed(1)})`);
    }
    if (!only || only.includes('PLACEMENT')) out.push(await placementFigures(quick), '');
    out.push(`bench took ${((Date.now() - started) / 1000).toFixed(0)} s`);
    process.stdout.write(`${out.join('\n')}\n`);
  } finally {
    keyring.stop();
    if (process.env.BENCH_KEEP === '1') say(`scratch folder kept: ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();
