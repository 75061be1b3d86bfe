// The process-wide handler (issue 16, item 13): an unhandled rejection and an uncaught exception
// injected into a running browser host are recorded in the data folder's log and the host keeps
// serving; injected into a CLI run that waits for the signer's code, it says so in one line, exits 1,
// and the queue it leaves is consistent (status reads it, the audit log verifies, resume can go on).
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { runCliToEnd } from '../helpers/cli-process';
import { PRESET_TOKEN_UID, SIGNER } from '../helpers/sandbox';
import { REPO_ROOT } from '../helpers/sandbox-process';

const SKIP = process.env.ONESHOT_TEST_KEYRING ? false : 'no Secret Service: run through node test/run.mjs';
const INJECT = new URL('../fixtures/inject-fault.mjs', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'process-guard-'));

interface Child {
  child: ChildProcess;
  stderr(): string;
  stdout(): string;
  exited: Promise<number | null>;
}

function spawnWithFaults(script: string, args: string[]): Child {
  // The bundles test/run.mjs has just built, as `npm run start:web` and `npm run cli` run them.
  const child = spawn(process.execPath, ['--import', INJECT, script, ...args], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stderr: () => err, stdout: () => out, exited };
}

async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function logEntries(dataDir: string): { kind: string; error: string }[] {
  const file = join(dataDir, 'logs', 'desk.log');
  assert.ok(existsSync(file), 'the log exists');
  assert.equal(statSync(file).mode & 0o777, 0o600, 'the log is private');
  return readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { kind: string; error: string });
}

describe('process guard', { skip: SKIP }, () => {
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ log: () => {} });
  });
  after(async () => sandbox.stop());

  it('the browser host records an injected rejection and exception in its log and keeps serving', async () => {
    const dataDir = join(work, 'host');
    const host = spawnWithFaults('dist/host/cli.mjs', ['--port', '0', '--data', dataDir, '--no-open']);
    try {
      await until('the host to listen', () => /browser mode\): (\S+)/.test(host.stdout()));
      const url = /browser mode\): (http:\/\/[^/]+)\//.exec(host.stdout())![1]!;
      host.child.kill('SIGUSR2');
      await until(
        'both faults',
        () => (host.stderr().match(/unexpected error, the desk goes on/g) ?? []).length === 2,
      );
      const entries = logEntries(dataDir);
      assert.deepEqual(entries.map((e) => e.kind).sort(), ['uncaughtException', 'unhandledRejection']);
      assert.ok(entries.some((e) => e.error.includes('injected exception')));
      assert.ok(
        !readFileSync(join(dataDir, 'logs', 'desk.log'), 'utf8').includes(PRESET_TOKEN_UID),
        'uid hidden',
      );
      assert.equal(host.child.exitCode, null, 'still running');
      const res = await fetch(`${url}/`);
      assert.equal(res.status, 200, 'still serving the page');
      await res.body?.cancel();
    } finally {
      host.child.kill('SIGTERM');
      await host.exited;
    }
  });

  it('the CLI says so in one line, exits 1, and leaves a queue that status reads and resume can go on with', async () => {
    const dataDir = join(work, 'cli-data');
    const signer = join(work, 'signer.json');
    writeFileSync(signer, JSON.stringify(SIGNER));
    const pdf = join(work, 'guard.pdf');
    writeFileSync(pdf, await makePdf({ pages: 1, text: 'guard' }));
    const cli = spawnWithFaults('dist/cli.mjs', [
      'sign',
      '--optimizer',
      sandbox.baseUrl,
      '--token',
      PRESET_TOKEN_UID,
      '--signer',
      signer,
      '--out',
      join(work, 'out'),
      '--data',
      dataDir,
      '--otp-stdin',
      pdf,
    ]);
    await until('the code prompt', () => cli.stderr().includes('Type the code'), 60_000);
    cli.child.kill('SIGUSR2');
    assert.equal(await cli.exited, 1, cli.stderr());
    const lines = cli
      .stderr()
      .split('\n')
      .filter((l) => l.includes('unexpected error'));
    assert.equal(lines.length, 1, cli.stderr());
    assert.match(
      lines[0]!,
      /^One-Shot Desk: unexpected error: injected rejection \[id\] \(recorded in .*desk\.log\)\. Unfinished jobs are kept; run `resume` to go on\.$/,
    );
    assert.doesNotMatch(cli.stderr(), /\n\s+at /, 'no stack trace');
    assert.equal(logEntries(dataDir)[0]?.kind, 'unhandledRejection');

    const status = await runCliToEnd(['status', '--data', dataDir, '--json']);
    assert.equal(status.code, 0, status.stderr);
    const jobs = (JSON.parse(status.stdout) as { jobs: { state: string }[] }).jobs;
    assert.equal(jobs.length, 1);
    assert.ok(['awaiting_signer', 'otp_sent'].includes(jobs[0]!.state), jobs[0]!.state);
    const audit = await runCliToEnd(['audit', '--data', dataDir, '--verify']);
    assert.equal(audit.code, 0, audit.stdout + audit.stderr);
  });
});
