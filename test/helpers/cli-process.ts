// Runs the One-Shot Desk CLI in a child process, as a person or a script would.
import { spawn, type ChildProcess } from 'node:child_process';
import { REPO_ROOT } from './sandbox-process';

export interface CliRun {
  child: ChildProcess;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  stderrSoFar(): string;
}

export function startCli(args: string[], options: { env?: NodeJS.ProcessEnv } = {}): CliRun {
  // The bundle test/run.mjs has just built from the current source, as `npm run cli` runs it.
  const child = spawn(process.execPath, ['dist/cli.mjs', ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
    ...(options.env ? { env: options.env } : {}),
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) =>
    child.once('exit', (code, signal) => {
      // Let the pipes drain before reporting.
      setImmediate(() => resolve({ code, signal, stdout, stderr }));
    }),
  );
  return { child, done, stderrSoFar: () => stderr };
}

export async function runCliToEnd(
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const run = startCli(args, options);
  run.child.stdin!.end();
  return run.done;
}
