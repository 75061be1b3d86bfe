// Runs the sandbox CLI in a child process (as `npm run sandbox` does) and waits for its first line.
// The bundle in dist/ is the one test/run.mjs has just built from the current source.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export const REPO_ROOT = new URL('../../', import.meta.url).pathname;

export interface SandboxProcess {
  child: ChildProcess;
  firstLine: string;
  baseUrl: string;
  stderr: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function spawnSandbox(args: string[], viaNpm = false): Promise<SandboxProcess> {
  // A process group of its own: npm does not pass signals on to the script's children, so the whole
  // group is signalled (as a terminal's Ctrl-C does).
  const child = viaNpm
    ? spawn('npm', ['run', 'sandbox', '--', ...args], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      })
    : spawn(process.execPath, ['dist/sandbox/cli.mjs', ...args], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const lines = createInterface({ input: child.stdout });
  const firstLine = await Promise.race([
    new Promise<string>((resolve) => lines.once('line', resolve)),
    exited.then((code) => {
      throw new Error(`sandbox exited with ${code} before printing: ${err}`);
    }),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no first line after 30 s: ${err}`)), 30_000).unref(),
    ),
  ]);
  const match = /^One-Shot sandbox listening on (\S+)$/.exec(firstLine);
  return {
    child,
    firstLine,
    baseUrl: match?.[1] ?? '',
    stderr: () => err,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          child.kill(signal);
        }
      }
      return exited;
    },
  };
}

export async function runCli(
  args: string[],
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['dist/sandbox/cli.mjs', ...args], {
    cwd: REPO_ROOT,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, stdout, stderr };
}
