// `npm run start:web -- [--port N] [--data DIR] [--no-open]`: One-Shot Desk in a browser, for
// machines without the Electron binary. Serves the built renderer and the bridge contract on
// 127.0.0.1 only, behind a key that is new at every launch; the address printed and opened carries
// a one-time code for it (in the fragment), never the key, so no command line ever shows the key.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createDispatcher } from '../core/bridge/dispatcher';
import { coreOperations } from '../core/bridge/operations';
import { openDesk } from '../core/desk';
import { applyMachineConfig, readMachineConfig } from '../core/machine-config';
import { exitWhenKeychainIdle, guardProcess } from '../core/process-guard';
import { TRAINING_PROFILE_ID } from '../../shared/contract';
import { startHost } from './server';

const REPO_ROOT = new URL('../../', import.meta.url).pathname;

function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'oneshot-desk');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      port: { type: 'string' },
      data: { type: 'string' },
      'no-open': { type: 'boolean' },
      /** Another built renderer (a developer's or a test's own build). */
      renderer: { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(
      'Usage: npm run start:web -- [--port N] [--data DIR] [--no-open] [--renderer DIR]\n',
    );
    return;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be 0..65535, got ${values.port}`);
  const dataDir = resolve(values.data ?? defaultDataDir());
  mkdirSync(dataDir, { recursive: true });
  // Anything unexpected is recorded in <data>/logs/desk.log; the host keeps serving.
  guardProcess({ dataDir: () => dataDir, afterFault: 'keepRunning' });

  const desk = await openDesk({ dataDir });
  // The office's machine-wide file (if any) pre-sets profiles; a bad one is reported, not fatal.
  const machine = readMachineConfig(process.env.ONESHOT_MACHINE_CONFIG);
  if (!machine.ok) process.stderr.write(`${machine.message}\n`);
  else if (machine.config) applyMachineConfig(desk, machine.config);
  // The training sandbox (an HTTP server, a CA, a PDF signer) is loaded only where it may start: on
  // a desk with no Optimizer profile of its own (training.ts decides; this only spares the others
  // from loading it).
  const training = desk.store.profiles.list().some((p) => p.id !== TRAINING_PROFILE_ID)
    ? { active: false, stop: () => Promise.resolve() }
    : await (await import('../training')).startTrainingIfNeeded(desk, dataDir);
  const version = (await import('../../package.json', { with: { type: 'json' } })).default.version;
  const dispatcher = createDispatcher(
    coreOperations(desk, {
      version,
      training: training.active,
      dataDir,
      // The browser page cannot open local files itself; the host, on the same machine, can. With
      // --no-open (tests, headless machines) nothing is launched and the page shows the path.
      desktop: values['no-open']
        ? {}
        : {
            openPath: (path) => Promise.resolve(openWithSystem(path)),
            showInFolder: (path) => Promise.resolve(openWithSystem(dirname(path))),
          },
    }),
    desk,
    (l) => process.stderr.write(`${l}\n`),
  );
  const staticDir = values.renderer ?? join(REPO_ROOT, 'dist', 'renderer');
  const host = await startHost({
    port,
    operations: dispatcher,
    staticDir: existsSync(staticDir) ? staticDir : undefined,
  });
  desk.runner.start();
  // Each address carries its own one-time code: the one printed and the one the browser opens with.
  process.stdout.write(`One-Shot Desk (browser mode): ${host.newLaunchUrl()}\n`);
  if (!existsSync(staticDir))
    process.stderr.write('The renderer is not built yet: run `npm run build` first to see the interface.\n');
  if (training.active)
    process.stderr.write(
      'No Optimizer is configured: the built-in training sandbox is running (no legal value).\n',
    );
  if (!values['no-open']) openWithSystem(host.newLaunchUrl());

  const shutdown = (): void => {
    void host
      .stop()
      .then(() => desk.close())
      .then(() => training.stop())
      .finally(() => exitWhenKeychainIdle(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** Opens a URL, file or folder with the system's handler; a headless machine simply does nothing. */
function openWithSystem(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // No browser opener: the printed address is enough.
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`One-Shot Desk could not start: ${(error as Error).message}\n`);
  exitWhenKeychainIdle(1);
});
