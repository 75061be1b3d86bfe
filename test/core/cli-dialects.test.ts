// The headless CLI against the sandbox started as `npm run sandbox -- --port 0
// --fail-after-sign-rate 0.3 --dialect <d>`, once per answer dialect the sandbox can speak: an OTP
// job typed on stdin and an external-authentication batch of 3 signers × 10 PDFs finish with every
// output judged by pdfsig and qpdf, one certificate per request and nothing left on the sandbox;
// then a batch is SIGKILLed after each step it reports (and while the sandbox is signing), and
// `resume` finishes every job exactly once.
// One sandbox per dialect serves all three parts: its fault dice are seeded, and a fresh process per
// part would only add start-up time.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SANDBOX_DIALECTS, type SandboxDialect } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { startCli, type CliRun } from '../helpers/cli-process';
import { nssDbTrusting, pdfsig, qpdfCheck } from '../helpers/pdf-judges';
import { call, PRESET_TOKEN_UID, SIGNER } from '../helpers/sandbox';
import { spawnSandbox, type SandboxProcess } from '../helpers/sandbox-process';
import { startPrivateKeyring, type PrivateKeyring } from '../helpers/private-keyring';

const SKIP =
  process.env.ONESHOT_TEST_KEYRING === undefined
    ? 'no Secret Service: run through node test/run.mjs (the CLI keeps tokens in the keychain)'
    : false;

/**
 * The after-sign fault draws one die per committed sign, so the k-th signature of a sandbox's life
 * meets the k-th draw. These seeds make draw 1 (the OTP job) a 500, at least one of draws 2–4 (the
 * batch) a 500, and a few of the kill trials' draws too, so every part really rides out the fault.
 */
const SEEDS: Record<SandboxDialect, number> = {
  fastapi: 4,
  'fastapi-v2': 17,
  legacy: 21,
  'status-message': 39,
  'otp-reasons': 47,
};

/**
 * When a crash trial kills the batch: right after the CLI reports a step (`job i/n: <state>`), or,
 * for `sign call`, as soon as the sandbox has counted a sign call of the batch — the CLI never
 * reports `signing` (it is written and left within one step), and a kill while the sandbox is
 * signing is the moment a crash could turn into a second signature.
 */
const KILL_AFTER = ['created', 'uploaded', 'sign call', 'signed', 'saved'] as const;

const work = mkdtempSync(join(tmpdir(), 'cli-dialects-'));

type Counters = Record<string, number>;
interface Stats {
  total: Counters;
  requests: Record<string, Counters>;
}
interface Summary {
  jobs: number;
  done: number;
  failed: number;
  documents: number;
}
interface StatusJob {
  state: string;
  requestPk: string | null;
  documents: { output: string | null; verified: boolean }[];
}

const stats = async (base: string): Promise<Stats> => (await call<Stats>(base, 'GET', '/sandbox/stats')).body;
interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Every CLI process started here, so one left running by a failed or timed-out test is ended. */
const launched = new Set<CliRun>();

/**
 * The crash trials kill the CLI at any moment, also in the middle of a Secret Service call, which
 * makes gnome-keyring 42 abort: the CLIs here talk to a keyring of their own.
 */
let keyring: PrivateKeyring | undefined;

/** Starts a CLI on the private keyring, once a keyring daemon serves it. */
async function launch(args: string[]): Promise<CliRun> {
  await keyring?.ready();
  const run = startCli(args, keyring ? { env: keyring.env() } : {});
  launched.add(run);
  void run.done.then(() => launched.delete(run));
  return run;
}

/** Runs a CLI command to its end with nothing on standard input. */
async function cli(args: string[]): Promise<Finished> {
  const run = await launch(args);
  run.child.stdin!.end();
  return run.done;
}

/** The JSON line a command ends with; a command that printed none fails the test with its output. */
function lastJson<T>(run: Finished): T {
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new assert.AssertionError({
      message: `no JSON line (exit ${run.code}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`,
    });
  }
}

async function writeDocs(dir: string, count: number, tag: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const paths: string[] = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `${tag}-${i}.pdf`);
    // One page: the criterion is about the exchange, and smaller files keep five dialects fast.
    writeFileSync(path, await makePdf({ pages: 1, text: `${tag} ${i}` }));
    paths.push(path);
  }
  return paths;
}

/** A batch manifest: signer s gets documents s<s>-<i>.pdf and is named Signer<s>. */
async function manifest(dir: string, signers: number, docs: number): Promise<string> {
  const jobs = [];
  for (let s = 0; s < signers; s++) {
    jobs.push({
      signer: { ...SIGNER, given_name: `Signer${s}`, serial_number: `0000000${s}T` },
      documents: await writeDocs(join(dir, `s${s}`), docs, `s${s}`),
      ext_auth: { type: 'biometric', value: `bio-${s}` },
      appearance: { appearance: { position: '40,40,240,100', page: 0 } },
    });
  }
  const path = join(dir, 'batch.json');
  writeFileSync(path, JSON.stringify(jobs));
  return path;
}

/** Every file in `out` is a signed PDF that pdfsig finds valid and trusted and qpdf finds sound. */
function judgeOutputs(out: string, nss: string, expected: number, context: string): void {
  const files = readdirSync(out).filter((f) => !f.startsWith('.'));
  assert.equal(
    files.length,
    expected,
    `${context}: ${expected} signed files, no copies: ${files.join(', ')}`,
  );
  for (const f of files) {
    assert.match(f, /^[^ ]+\.signed\.pdf$/, `${context}: ${f} is a first copy, not a " (2)"`);
    const { signatures, output } = pdfsig(join(out, f), nss);
    assert.equal(signatures.length, 1, `${context}: one signature in ${f}\n${output}`);
    const [sig] = signatures;
    assert.ok(sig?.valid && sig.trusted && sig.wholeDocument, `${context}: ${f}\n${output}`);
    // Each document carries its own signer's name: no request's certificate signed another's files.
    const owner = /^s(\d+)-/.exec(f);
    const name = owner ? `Signer${owner[1]} ` : `${SIGNER.given_name} `;
    assert.ok(sig.signerName?.startsWith(name), `${context}: ${f} signed by ${name}\n${output}`);
    const qpdf = qpdfCheck(join(out, f));
    assert.ok(qpdf.ok, `${context}: qpdf --check ${f}\n${qpdf.output}`);
  }
}

/**
 * The sandbox's word on the jobs' requests: each signed with one certificate, each document uploaded
 * once, and nothing stored any more. Any other request this run left with activity must be an
 * orphan of a create whose answer died with the CLI: no documents, no sign call.
 */
function judgeRequests(
  before: Stats,
  now: Stats,
  jobPks: string[],
  docsPerJob: number,
  context: () => string,
): void {
  for (const pk of jobPks) {
    const r = now.requests[pk];
    assert.ok(r, `${context()}: request ${pk} is known to the sandbox`);
    const seen = JSON.stringify(r);
    assert.equal(r.certificates, 1, `${context()}: one certificate for request ${pk} ${seen}`);
    assert.equal(r.sign_successes, 1, `${context()}: one signature for request ${pk} ${seen}`);
    assert.equal(r.documents, docsPerJob, `${context()}: each document uploaded once to ${pk} ${seen}`);
    assert.equal(r.duplicate_documents, 0, `${context()}: no duplicate upload to ${pk} ${seen}`);
    assert.equal(r.stored_documents, 0, `${context()}: nothing left on the sandbox for ${pk} ${seen}`);
  }
  for (const [pk, r] of Object.entries(now.requests)) {
    if (pk in before.requests || jobPks.includes(pk)) continue;
    assert.ok(
      (r.documents ?? 0) === 0 && (r.sign_calls ?? 0) === 0 && (r.stored_documents ?? 0) === 0,
      `${context()}: request ${pk} belongs to no job yet has documents or sign calls ${JSON.stringify(r)}`,
    );
  }
}

const tail = (text: string, lines = 40): string => text.trim().split('\n').slice(-lines).join('\n');

// One dialect after another, and within a dialect one part after another: each part judges the
// sandbox's counters as the part before left them, and the judges (pdfsig, qpdf) run synchronously,
// so a dialect running alongside would hold up the moment another one's kill should land.
describe('CLI against every sandbox dialect with 30% of committed signs answered 500', { skip: SKIP }, () => {
  before(async () => {
    keyring = await startPrivateKeyring(work, 'cli-dialects');
  });
  after(() => {
    for (const run of launched) run.child.kill('SIGKILL');
    keyring?.stop();
    // Failure messages carry the CLI's and the sandbox's words; the files are not needed afterwards.
    rmSync(work, { recursive: true, force: true });
  });
  for (const dialect of SANDBOX_DIALECTS) {
    describe(`dialect ${dialect}`, () => {
      const dir = join(work, dialect);
      let sandbox: SandboxProcess;
      let nss: string;
      /** The CLI's and the sandbox's last words, for a failure message. */
      const logs = (cliStderr: string) => (): string =>
        `\n--- CLI stderr ---\n${tail(cliStderr)}\n--- sandbox log ---\n${tail(sandbox.stderr())}`;

      before(async () => {
        sandbox = await spawnSandbox(
          [
            '--port',
            '0',
            '--data',
            join(dir, 'sandbox'),
            '--dialect',
            dialect,
            '--fail-after-sign-rate',
            '0.3',
            '--seed',
            String(SEEDS[dialect]),
          ],
          true,
        );
        assert.match(sandbox.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\//, sandbox.firstLine);
        const spoken = await call<{ dialect: string }>(sandbox.baseUrl, 'GET', '/sandbox/dialect');
        assert.equal(spoken.body.dialect, dialect);
        nss = nssDbTrusting(await fetch(`${sandbox.baseUrl}/sandbox/ca.pem`).then((r) => r.text()));
      });
      after(async () => {
        await sandbox.kill();
      });

      // Timeouts several times a loaded machine's run: a CLI that hangs fails its test, not the suite.
      it(
        'signs an OTP job with the code typed on stdin through a 500 after the sign: 2 verified files, one certificate, nothing left',
        { timeout: 120_000 },
        async () => {
          const docs = await writeDocs(join(dir, 'otp-docs'), 2, 'otp');
          const signer = join(dir, 'signer.json');
          writeFileSync(signer, JSON.stringify(SIGNER));
          const out = join(dir, 'otp-out');
          const startStats = await stats(sandbox.baseUrl);
          const run = await launch([
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
            join(dir, 'otp-data'),
            '--otp-stdin',
            '--json',
            ...docs,
          ]);
          const deadline = Date.now() + 60_000;
          while (!/Type the code/.test(run.stderrSoFar()) && run.child.exitCode === null) {
            assert.ok(Date.now() < deadline, `no code prompt within 60 s${logs(run.stderrSoFar())()}`);
            await new Promise((r) => setTimeout(r, 50));
          }
          assert.equal(
            run.child.exitCode,
            null,
            `the CLI ended before asking for the code${logs(run.stderrSoFar())()}`,
          );
          const now = await stats(sandbox.baseUrl);
          const sent = Object.keys(now.requests).filter(
            (pk) => !(pk in startStats.requests) && (now.requests[pk]?.otp_sends ?? 0) > 0,
          );
          assert.equal(sent.length, 1, `one request got a code ${JSON.stringify(now.requests)}`);
          const pk = sent[0]!;
          const otp = (await call<{ otp: string }>(sandbox.baseUrl, 'GET', `/sandbox/inbox/${pk}`)).body.otp;
          // Standard input ends after one code: a CLI that asked for a second would stop, not hang.
          run.child.stdin!.end(`${otp}\n`);
          const result = await run.done;
          const context = logs(result.stderr);
          assert.equal(result.code, 0, `exit status${context()}`);
          assert.deepEqual(
            lastJson<Summary>(result),
            { jobs: 1, done: 1, failed: 0, documents: 2 },
            context(),
          );
          assert.ok(!result.stderr.includes(otp), 'the code is not echoed');
          judgeOutputs(out, nss, 2, `${dialect} OTP job`);
          judgeRequests(
            startStats,
            await stats(sandbox.baseUrl),
            [pk],
            2,
            () => `${dialect} OTP job${context()}`,
          );
          assert.match(
            sandbox.stderr(),
            new RegExp(`fault: 500 after the sign of request ${pk} was committed`),
            'the seed makes the OTP job meet the fault',
          );
        },
      );

      it(
        'signs an external-authentication batch of 3 signers × 10 PDFs: 30 verified files, one certificate per request, nothing left',
        { timeout: 240_000 },
        async () => {
          const batchDir = join(dir, 'batch');
          const data = join(batchDir, 'data');
          const out = join(batchDir, 'out');
          const m = await manifest(batchDir, 3, 10);
          const startStats = await stats(sandbox.baseUrl);
          const result = await cli([
            'batch',
            '--optimizer',
            sandbox.baseUrl,
            '--token',
            PRESET_TOKEN_UID,
            '--manifest',
            m,
            '--out',
            out,
            '--data',
            data,
            '--json',
          ]);
          const context = logs(result.stderr);
          assert.equal(result.code, 0, `exit status${context()}`);
          assert.deepEqual(
            lastJson<Summary>(result),
            { jobs: 3, done: 3, failed: 0, documents: 30 },
            context(),
          );
          judgeOutputs(out, nss, 30, `${dialect} batch`);
          const status = lastJson<{ jobs: StatusJob[] }>(await cli(['status', '--data', data, '--json']));
          const pks = status.jobs.map((j) => j.requestPk ?? 'none');
          assert.equal(new Set(pks).size, 3, `three requests ${pks.join(', ')}`);
          judgeRequests(
            startStats,
            await stats(sandbox.baseUrl),
            pks,
            10,
            () => `${dialect} batch${context()}`,
          );
          assert.ok(
            pks.some((pk) => sandbox.stderr().includes(`fault: 500 after the sign of request ${pk} was`)),
            `the seed makes the batch meet the fault${context()}`,
          );
        },
      );

      it(
        'finishes a batch SIGKILLed after created, after uploaded, during the sign call, after signed and after saved: resume does every job exactly once, one certificate per request, nothing left',
        { timeout: 480_000 },
        async () => {
          const outcomes: string[] = [];
          let faults = 0;
          for (const moment of KILL_AFTER) {
            // A busy machine can let the batch finish before the kill lands; that run is judged like
            // the others and the trial is repeated, so every moment sees a real kill.
            for (let attempt = 1; ; attempt++) {
              const outcome = await crashTrial(moment, `${moment.replace(' ', '-')}-${attempt}`);
              outcomes.push(outcome.line);
              faults += outcome.faults;
              if (outcome.killed) break;
              assert.ok(attempt < 3, `${dialect}: the batch never was still running after ${moment}`);
            }
          }
          console.log(`${dialect} crash trials: ${outcomes.join('; ')}`);
          assert.ok(faults > 0, 'the seed makes some crash trials meet the fault too');
        },
      );

      /** One batch of 2 signers × 3 PDFs, killed at `moment`, resumed to the end and judged. */
      async function crashTrial(
        moment: (typeof KILL_AFTER)[number],
        name: string,
      ): Promise<{ killed: boolean; faults: number; line: string }> {
        const trialDir = join(dir, `kill-${name}`);
        const data = join(trialDir, 'data');
        const out = join(trialDir, 'out');
        const m = await manifest(trialDir, 2, 3);
        const started = performance.now();
        const startStats = await stats(sandbox.baseUrl);
        const newRequests = async (): Promise<Counters[]> =>
          Object.entries((await stats(sandbox.baseUrl)).requests)
            .filter(([pk]) => !(pk in startStats.requests))
            .map(([, r]) => r);
        const run = await launch([
          'batch',
          '--optimizer',
          sandbox.baseUrl,
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
          '--json',
        ]);
        run.child.stdin!.end();
        const reached = async (): Promise<boolean> =>
          moment === 'sign call'
            ? (await newRequests()).some((r) => (r.sign_calls ?? 0) > 0)
            : new RegExp(`: ${moment}\\b`).test(run.stderrSoFar());
        let atKill = '';
        while (run.child.exitCode === null && run.child.signalCode === null) {
          if (await reached()) {
            run.child.kill('SIGKILL');
            const lastReported = run.stderrSoFar().trim().split('\n').at(-1) ?? '';
            const committed = (await newRequests()).filter((r) => (r.sign_successes ?? 0) > 0).length;
            atKill = ` (last reported "${lastReported}", ${committed} sign(s) committed)`;
            break;
          }
          await new Promise((r) => setTimeout(r, 5));
        }
        const first = await run.done;
        const killed = first.signal === 'SIGKILL';
        // A keyring daemon that the kill brought down exits within moments; resume waits for the new one.
        if (killed) await new Promise((r) => setTimeout(r, 300));
        const resumed = await cli(['resume', '--data', data, '--json']);
        const context = logs(`${first.stderr}--- resume ---\n${resumed.stderr}`);
        const trial = `${dialect}, killed ${moment === 'sign call' ? 'during the sign call' : `after ${moment}`}`;
        assert.equal(resumed.code, 0, `${trial}: resume exit status${context()}`);
        const summary = lastJson<Summary>(resumed);
        assert.equal(summary.failed, 0, `${trial}${context()}`);
        assert.equal(summary.done, summary.jobs, `${trial}${context()}`);
        const status = lastJson<{ jobs: StatusJob[] }>(await cli(['status', '--data', data, '--json']));
        assert.deepEqual(
          status.jobs.map((j) => [j.state, j.documents.every((d) => d.verified)]),
          [
            ['done', true],
            ['done', true],
          ],
          `${trial}: both jobs done, every document verified${context()}`,
        );
        judgeOutputs(out, nss, 6, trial);
        const pks = status.jobs.map((j) => j.requestPk ?? 'none');
        assert.equal(new Set(pks).size, 2, `${trial}: two requests ${pks.join(', ')}`);
        judgeRequests(startStats, await stats(sandbox.baseUrl), pks, 3, () => `${trial}${context()}`);
        const faults = pks.filter((pk) =>
          sandbox.stderr().includes(`fault: 500 after the sign of request ${pk} was`),
        ).length;
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const how = killed ? `killed${atKill}` : `ran to the end (exit ${first.code})`;
        return { killed, faults, line: `${moment}: ${how}, ${faults} fault(s), ${seconds} s` };
      }
    });
  }
});
