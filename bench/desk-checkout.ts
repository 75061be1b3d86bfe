// The desk under measurement: any checkout (this one, or `--desk DIR` for a "before" figure), its
// processes started exactly as its package.json scripts say (`npm run cli`, `npm run sandbox`,
// `npm run start:web`), so that a checkout that bundles its entry points is measured bundled.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';

export interface DeskCheckout {
  dir: string;
  /** For the report: where it is and the commit it is at. */
  label: string;
}

export function deskCheckout(dir: string): DeskCheckout {
  const abs = resolve(dir);
  const head = spawnSync('git', ['-C', abs, 'log', '-1', '--format=%h %s'], { encoding: 'utf8' });
  const dirty = spawnSync('git', ['-C', abs, 'status', '--porcelain', '--untracked-files=no'], {
    encoding: 'utf8',
  });
  const commit = head.status === 0 ? head.stdout.trim().slice(0, 60) : 'not a git checkout';
  const changes = dirty.status === 0 && dirty.stdout.trim() ? ' + uncommitted changes' : '';
  return { dir: abs, label: `${abs} at ${commit}${changes}` };
}

export interface ScriptRun {
  child: ChildProcess;
  /** ms since the spawn, when the child exited; the exit code and what it printed. */
  done: Promise<{ code: number | null; ms: number; stdout: string; stderr: string }>;
  /** Resolves with the first stdout line matching `pattern` and the ms since the spawn. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<{ line: string; ms: number }>;
  stderr(): string;
  /** Signals the whole process group (npm passes no signal on to the script's children). */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** `npm run <script> -- ...args` in the checkout, in a process group of its own. */
export function runScript(
  desk: DeskCheckout,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ScriptRun {
  const started = performance.now();
  const child = spawn('npm', ['run', '--silent', script, '--', ...args], {
    cwd: desk.dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
    env,
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; ms: number; stdout: string; stderr: string }>((res) =>
    child.once('exit', (code) => {
      const ms = performance.now() - started;
      setImmediate(() => res({ code, ms, stdout, stderr }));
    }),
  );
  const lines = createInterface({ input: child.stdout });
  return {
    child,
    done,
    stderr: () => stderr,
    waitForLine(pattern, timeoutMs = 60_000) {
      return new Promise((res, rej) => {
        const timer = setTimeout(
          () => rej(new Error(`npm run ${script}: no line ${pattern} in ${timeoutMs} ms: ${stderr}`)),
          timeoutMs,
        );
        lines.on('line', (line) => {
          if (!pattern.test(line)) return;
          clearTimeout(timer);
          res({ line, ms: performance.now() - started });
        });
        void done.then(({ code }) => {
          clearTimeout(timer);
          rej(new Error(`npm run ${script} exited (${code}) before printing ${pattern}: ${stderr}`));
        });
      });
    },
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
      try {
        process.kill(-child.pid, signal);
      } catch {
        child.kill(signal);
      }
      const killer = setTimeout(() => {
        try {
          if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
        } catch {
          // gone already
        }
      }, 10_000);
      await done;
      clearTimeout(killer);
    },
  };
}

/** The pids of `root` and every process below it, from /proc. */
function processTree(root: number): number[] {
  const parents = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // The command name may hold spaces and parentheses: the parent pid follows the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), pid]);
    } catch {
      // exited while we looked
    }
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    tree.push(pid);
    queue.push(...(parents.get(pid) ?? []));
  }
  return tree;
}

function peakOf(pid: number): { kb: number; command: string } | undefined {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN);
    return Number.isFinite(kb) ? { kb, command: cmdline.join(' ') } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The desk's own process is a node process running the desk's code: not npm, not the shell npm
 * runs the script in, not tsx's esbuild service (a Go binary that transpiles for it).
 */
const isDeskProcess = (command: string): boolean => {
  const argv0 = command.split(' ')[0] ?? '';
  return /(^|\/)node$/.test(argv0) && !/npm-cli\.js|\/bin\/npm(\s|$)/.test(command);
};

export interface PeakRss {
  /** Highest VmHWM of any one desk process (node, running the desk's code) under the script, in MiB. */
  mb(): number;
  /** Highest VmHWM of any other process under it (tsx's esbuild service, npm), in MiB. */
  othersMb(): number;
  command(): string;
  stop(): void;
}

/**
 * Polls the peak resident set (VmHWM, which only grows) of every process under `root` every
 * `everyMs`: the highest node process is the desk's own, whichever wrapper (npm, tsx) sits above it.
 */
export function watchPeakRss(root: number, everyMs = 50): PeakRss {
  const peaks = new Map<number, { kb: number; command: string }>();
  const poll = (): void => {
    for (const pid of processTree(root)) {
      const peak = peakOf(pid);
      if (peak && peak.kb > (peaks.get(pid)?.kb ?? 0)) peaks.set(pid, peak);
    }
  };
  poll();
  const timer = setInterval(poll, everyMs);
  const top = (desk: boolean): { kb: number; command: string } =>
    [...peaks.values()]
      .filter((p) => isDeskProcess(p.command) === desk)
      .reduce((a, b) => (b.kb > a.kb ? b : a), { kb: 0, command: '' });
  return {
    mb: () => top(true).kb / 1024,
    othersMb: () => top(false).kb / 1024,
    command: () => top(true).command,
    stop: () => {
      poll();
      clearInterval(timer);
    },
  };
}
