// The headless CLI end to end, in child processes against the sandbox: an OTP job typed on stdin,
// bad input refused without disturbing anything, a batch through injected faults, and seeded
// SIGKILL crashes followed by `resume` — every job done exactly once.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { seededRandom } from '../../electron/sandbox/faults';
import { makePdf } from '../fixtures/pdfs';
import * as cliProcess from '../helpers/cli-process';
import { nssDbTrusting, pdfsig } from '../helpers/pdf-judges';
import { call, PRESET_TOKEN_UID, SIGNER } from '../helpers/sandbox';
import { spawnSandbox, type SandboxProcess } from '../helpers/sandbox-process';
import { startPrivateKeyring, type PrivateKeyring } from '../helpers/private-keyring';

const keychain = process.env.ONESHOT_TEST_KEYRING !== undefined;
/** Where a crash trial kills the CLI: after it reports one of these states (or during start-up). */
const MOMENTS = [
  'start-up',
  'created',
  'uploaded',
  'ready_to_sign',
  'ready_to_sign',
  'signed',
  'saved',
] as const;
const SKIP = keychain
  ? false
  : 'no Secret Service: run through node test/run.mjs (the CLI keeps tokens in the keychain)';
const work = mkdtempSync(join(tmpdir(), 'cli-'));

/**
 * The SIGKILL trials can land in the middle of a Secret Service call, which makes gnome-keyring 42
 * abort: the CLIs here talk to a keyring of their own (see private-keyring.ts).
 */
let keyring: PrivateKeyring | undefined;
const startCli = (args: string[]): cliProcess.CliRun =>
  cliProcess.startCli(args, keyring ? { env: keyring.env() } : {});
async function runCliToEnd(args: string[]): ReturnType<typeof cliProcess.runCliToEnd> {
  for (let attempt = 1; ; attempt++) {
    await keyring?.ready();
    const result = await cliProcess.runCliToEnd(args, keyring ? { env: keyring.env() } : {});
    // The private daemon can go down a moment after a kill, under the next run: that run is made
    // again once a new daemon serves the bus (what a person would do), and the trial still checks
    // that every job is done exactly once.
    if (keyring && attempt < 3 && result.code !== 0 && /No secure keychain/.test(result.stderr)) {
      console.log(`cli: ${args[0]} found no keychain while the daemon restarted; running it again`);
      await new Promise((r) => setTimeout(r, 1_000));
      continue;
    }
    return result;
  }
}

async function writeDocs(dir: string, count: number, tag: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const p = join(dir, `${tag}-${i}.pdf`);
    writeFileSync(p, await makePdf({ pages: 1 + (i % 2), text: `${tag} ${i}` }));
    paths.push(p);
  }
  return paths;
}

async function manifest(dir: string, signers: number, docs: number): Promise<string> {
  const jobs = [];
  for (let s = 0; s < signers; s++) {
    const paths = await writeDocs(join(dir, `s${s}`), docs, `s${s}`);
    jobs.push({
      signer: { ...SIGNER, given_name: `Signer${s}`, serial_number: `0000000${s}T` },
      documents: paths,
      ext_auth: { type: 'biometric', value: `bio-${s}` },
      appearance: { appearance: { position: '40,40,240,100', page: 0 } },
    });
  }
  const path = join(dir, 'batch.json');
  writeFileSync(path, JSON.stringify(jobs));
  return path;
}

type Stats = { total: Record<string, number>; requests: Record<string, Record<string, number>> };
const stats = async (base: string): Promise<Stats> => (await call<Stats>(base, 'GET', '/sandbox/stats')).body;

describe('CLI', { skip: SKIP }, () => {
  let sandbox: SandboxProcess;
  let nss: string;
  before(async () => {
    keyring = await startPrivateKeyring(work, 'cli');
    sandbox = await spawnSandbox(['--port', '0', '--data', join(work, 'sandbox')]);
    const ca = await fetch(`${sandbox.baseUrl}/sandbox/ca.pem`).then((r) => r.text());
    nss = nssDbTrusting(ca);
  });
  after(async () => {
    keyring?.stop();
    await sandbox.kill();
  });

  it('signs an OTP job with the code typed on standard input', async () => {
    const docs = await writeDocs(join(work, 'otp-docs'), 2, 'otp');
    const signer = join(work, 'signer.json');
    writeFileSync(signer, JSON.stringify(SIGNER));
    const out = join(work, 'otp-out');
    const run = startCli([
      'sign',
      '--optimizer',
      sandbox.baseUrl,
      '--token',
      PRESET_TOKEN_UID,
      '--signer',
      signer,
      '--out',
      out,
      '--data',
      join(work, 'otp-data'),
      '--otp-stdin',
      '--json',
      ...docs,
    ]);
    while (!/Type the code/.test(run.stderrSoFar())) {
      if (run.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const pk = Object.keys((await stats(sandbox.baseUrl)).requests)
      .map(Number)
      .sort((a, b) => b - a)[0];
    const otp = (await call<{ otp: string }>(sandbox.baseUrl, 'GET', `/sandbox/inbox/${pk}`)).body.otp;
    run.child.stdin!.write(`${otp}\n`);
    const result = await run.done;
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout.trim().split('\n').at(-1)!), {
      jobs: 1,
      done: 1,
      failed: 0,
      documents: 2,
    });
    assert.ok(!result.stderr.includes(otp), 'the code is not echoed');
    for (const f of readdirSync(out)) assert.ok(pdfsig(join(out, f), nss).signatures[0]?.valid);
  });

  it('refuses bad input with exit status 2, naming the file or field, and disturbs nothing', async () => {
    const data = join(work, 'bad-data');
    const good = await writeDocs(join(work, 'bad-docs'), 1, 'good');
    const signer = join(work, 'signer-ok.json');
    writeFileSync(signer, JSON.stringify(SIGNER));
    const base = [
      'sign',
      '--optimizer',
      sandbox.baseUrl,
      '--token',
      PRESET_TOKEN_UID,
      '--out',
      join(work, 'bad-out'),
      '--data',
      data,
      '--ext-auth',
      'biometric:b',
    ];
    const first = await runCliToEnd([...base, '--signer', signer, ...good]);
    assert.equal(first.code, 0, first.stderr);

    const missing = await runCliToEnd([...base, '--signer', signer, join(work, 'nope.pdf')]);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /nope\.pdf: no such file/);

    const text = join(work, 'notes.pdf');
    writeFileSync(text, 'just some text');
    const notPdf = await runCliToEnd([...base, '--signer', signer, text]);
    assert.equal(notPdf.code, 2);
    assert.match(notPdf.stderr, /notes\.pdf/);

    const badSigner = join(work, 'signer-bad.json');
    writeFileSync(badSigner, JSON.stringify({ ...SIGNER, mobile_phone_number: '600123456' }));
    const badField = await runCliToEnd([...base, '--signer', badSigner, ...good]);
    assert.equal(badField.code, 2);
    assert.match(badField.stderr, /signer-bad\.json: mobile_phone_number needs the international prefix/);

    const status = await runCliToEnd(['status', '--data', data, '--json']);
    const parsed = JSON.parse(status.stdout) as { jobs: { state: string }[] };
    assert.deepEqual(
      parsed.jobs.map((j) => j.state),
      ['done'],
      'the earlier job is intact and no job was added',
    );
  });

  it('finishes a batch through 503s, resets and lost answers: one signature per request, no duplicate upload', async () => {
    const faulty = await spawnSandbox([
      '--port',
      '0',
      '--data',
      join(work, 'faulty'),
      '--fail-rate',
      '0.2',
      '--reset-rate',
      '0.05',
      '--lose-response-rate',
      '0.1',
      '--seed',
      '7',
    ]);
    try {
      const m = await manifest(join(work, 'faults'), 3, 10);
      const out = join(work, 'faults-out');
      const result = await runCliToEnd([
        'batch',
        '--optimizer',
        faulty.baseUrl,
        '--token',
        PRESET_TOKEN_UID,
        '--manifest',
        m,
        '--out',
        out,
        '--data',
        join(work, 'faults-data'),
        '--json',
      ]);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout.trim().split('\n').at(-1)!), {
        jobs: 3,
        done: 3,
        failed: 0,
        documents: 30,
      });
      const s = await stats(faulty.baseUrl);
      const signed = Object.values(s.requests).filter((r) => (r.sign_successes ?? 0) > 0);
      assert.equal(signed.length, 3);
      assert.ok(
        signed.every((r) => r.sign_successes === 1 && r.documents === 10 && r.duplicate_documents === 0),
        JSON.stringify(s.requests),
      );
      assert.equal(s.total.duplicate_documents, 0);
      assert.equal(readdirSync(out).length, 30);
      for (const f of readdirSync(out)) assert.ok(pdfsig(join(out, f), nss).signatures[0]?.valid, f);
      assert.ok(/fault/.test(faulty.stderr()), 'faults were injected');
    } finally {
      await faulty.kill();
    }
  });

  it('survives SIGKILL at 20 seeded moments: resume finishes every job exactly once and the audit chain holds', async () => {
    const random = seededRandom(2026);
    const slow = await spawnSandbox([
      '--port',
      '0',
      '--data',
      join(work, 'crash-sandbox'),
      '--latency-ms',
      '15',
      '--sign-ms',
      '150',
    ]);
    const figures: string[] = [];
    try {
      // Uninterrupted runs first: the first warms the caches (a fresh clone compiles on first use),
      // the second is the control, and its length spreads the kills over a whole run.
      let started = 0;
      for (const name of ['crash-warm-up', 'crash-control']) {
        const control = join(work, name);
        const m = await manifest(control, 2, 3);
        started = performance.now();
        const whole = await runCliToEnd([
          'batch',
          '--optimizer',
          slow.baseUrl,
          '--token',
          PRESET_TOKEN_UID,
          '--manifest',
          m,
          '--out',
          join(control, 'out'),
          '--data',
          join(control, 'data'),
          '--jobs',
          '2',
        ]);
        assert.equal(whole.code, 0, whole.stderr);
      }
      const runMs = performance.now() - started;
      for (let trial = 0; trial < 20; trial++) {
        const dir = join(work, `crash-${trial}`);
        const m = await manifest(dir, 2, 3);
        const data = join(dir, 'data');
        const out = join(dir, 'out');
        const before = await stats(slow.baseUrl);
        const run = startCli([
          'batch',
          '--optimizer',
          slow.baseUrl,
          '--token',
          PRESET_TOKEN_UID,
          '--manifest',
          m,
          '--out',
          out,
          '--data',
          data,
          '--jobs',
          '2',
        ]);
        run.child.stdin!.end();
        // The moment: a seeded point of the run (the state the CLI has just reported, plus a seeded
        // delay of up to 400 ms), so kills land in every step whatever the machine's speed; a few
        // land during start-up, before anything is queued.
        const target = MOMENTS[Math.floor(random() * MOMENTS.length)]!;
        const delay = Math.round(random() * (target === 'start-up' ? runMs * 0.3 : 400));
        const killAfter = `${target}+${delay}ms`;
        const reached =
          target === 'start-up'
            ? Promise.resolve()
            : new Promise<void>((resolve) => {
                const poll = setInterval(() => {
                  if (new RegExp(`: ${target}\\b`).test(run.stderrSoFar()) || run.child.exitCode !== null) {
                    clearInterval(poll);
                    resolve();
                  }
                }, 5);
              });
        let timer: NodeJS.Timeout | undefined;
        void reached.then(() => (timer = setTimeout(() => run.child.kill('SIGKILL'), delay)));
        const first = await run.done;
        clearTimeout(timer);
        // A keyring daemon that the kill brought down exits within moments; the next CLI waits for the new one.
        if (first.signal === 'SIGKILL') await new Promise((r) => setTimeout(r, 300));
        // Killed before the batch was queued (it is queued whole or not at all): the RAO runs it again.
        const queued = JSON.parse((await runCliToEnd(['status', '--data', data, '--json'])).stdout) as {
          jobs: { state: string }[];
        };
        assert.ok(
          queued.jobs.length === 0 || queued.jobs.length === 2,
          `trial ${trial}: a batch is queued whole or not at all`,
        );
        if (queued.jobs.length === 0) {
          const again = await runCliToEnd([
            'batch',
            '--optimizer',
            slow.baseUrl,
            '--token',
            PRESET_TOKEN_UID,
            '--manifest',
            m,
            '--out',
            out,
            '--data',
            data,
            '--jobs',
            '2',
          ]);
          assert.equal(again.code, 0, again.stderr);
        }
        const resumed = await runCliToEnd(['resume', '--data', data, '--json']);
        assert.equal(resumed.code, 0, `trial ${trial} (kill after ${killAfter} ms): ${resumed.stderr}`);
        const status = JSON.parse((await runCliToEnd(['status', '--data', data, '--json'])).stdout) as {
          jobs: { state: string; requestPk: string }[];
        };
        assert.deepEqual(
          status.jobs.map((j) => j.state),
          ['done', 'done'],
          `trial ${trial}`,
        );
        const after = await stats(slow.baseUrl);
        for (const job of status.jobs) {
          const r = after.requests[job.requestPk]!;
          assert.equal(r.sign_successes, 1, `trial ${trial}: one signature for request ${job.requestPk}`);
          assert.equal(r.documents, 3, `trial ${trial}: each document uploaded once to ${job.requestPk}`);
          assert.equal(r.duplicate_documents, 0);
        }
        const newRequests = Object.keys(after.requests).filter((pk) => !(pk in before.requests));
        assert.ok(newRequests.every((pk) => (after.requests[pk]!.sign_successes ?? 0) <= 1));
        assert.equal(
          readdirSync(out).filter((f) => f.endsWith('.pdf') && !f.startsWith('.')).length,
          6,
          `trial ${trial}: six signed files, no copies`,
        );
        const audit = await runCliToEnd(['audit', '--data', data, '--verify']);
        assert.equal(audit.code, 0, audit.stdout);
        const at = queued.jobs.map((j) => j.state).join('+') || 'nothing queued';
        figures.push(`${killAfter} ${first.signal ?? `exit ${first.code}`} [${at}]`);
      }
    } finally {
      await slow.kill();
    }
    console.log(`crash trials (kill time, outcome, job states left behind): ${figures.join(', ')}`);
    assert.ok(figures.length === 20);
    assert.ok(
      figures.filter((f) => f.includes('SIGKILL')).length >= 15,
      'most trials were really killed mid-run',
    );
  });
});
