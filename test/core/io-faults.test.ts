// I/O faults never crash (issue 16, item 2): a signed file that cannot be written leaves the job
// failed and retryable at `downloading` with "The folder … can't be written: …", the signed copies
// kept on the Optimizer, and the job completes once the folder is fixed; every way an output folder
// enters (jobs.create, jobs.update, the CLI's --out) gets the checks Settings applies.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk } from '../../electron/core/desk';
import type { JobRecord } from '../../electron/core/store/index';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { runCliToEnd } from '../helpers/cli-process';
import { queueHarness, type Harness } from '../helpers/queue-harness';
import { call, SIGNER } from '../helpers/sandbox';

const KEYCHAIN = process.env.ONESHOT_TEST_KEYRING
  ? false
  : 'no Secret Service: run through node test/run.mjs';
const work = mkdtempSync(join(tmpdir(), 'io-faults-'));
const asRoot = process.getuid?.() === 0;

let sandbox: SandboxHandle;
const uncaught: unknown[] = [];
const onUncaught = (error: unknown): void => void uncaught.push(error);
before(async () => {
  process.on('uncaughtException', onUncaught);
  sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'] });
});
after(async () => {
  process.off('uncaughtException', onUncaught);
  await sandbox.stop();
});

type Stats = { total: Record<string, number> };
const stats = async (): Promise<Stats> => (await call<Stats>(sandbox.baseUrl, 'GET', '/sandbox/stats')).body;

/** Drives an OTP job through the signer's part: code sent, typed from the sandbox's inbox. */
async function signWithCode(h: Harness, job: JobRecord): Promise<void> {
  const waiting = await h.waitFor(job.id, ['awaiting_signer']);
  await h.runner.sendOtp(job.id);
  const inbox = await call<{ otp: string }>(sandbox.baseUrl, 'GET', `/sandbox/inbox/${waiting.requestPk}`);
  h.runner.submitOtp(job.id, inbox.body.otp);
}

/** A job whose output folder is `outputDir` (set as if it had been fine when the job was made). */
async function jobSavingTo(h: Harness, outputDir: string): Promise<JobRecord> {
  const job = await h.addJob({ documents: 1, auth: { method: 'otp', delivery: 'sms' } });
  h.store.db.prepare('UPDATE jobs SET output_dir = ? WHERE id = ?').run(outputDir, job.id);
  return job;
}

async function signedCopyOnOptimizer(job: JobRecord): Promise<number> {
  const doc = job.documents[0];
  const res = await fetch(
    `${sandbox.baseUrl}/document/${job.requestPk}/${doc?.remoteUid}?document_type=signed`,
  );
  await res.body?.cancel();
  return res.status;
}

describe('io faults: a signed file that cannot be written', () => {
  it('stops the job, failed and retryable at downloading, for each kind of unwritable folder, and keeps the signed copy on the Optimizer', async () => {
    const h = await queueHarness(sandbox.baseUrl, { concurrency: 8 });
    try {
      const blockedByFile = join(work, 'blocked', 'Signed');
      const cases: { folder: string; cause: string; skip?: boolean }[] = [
        { folder: '/proc/self', cause: 'other' },
        { folder: '/proc/self/signed', cause: 'other' },
        // sysfs refuses new files even to root.
        { folder: '/sys/kernel', cause: 'permission' },
        { folder: blockedByFile, cause: 'isFile' },
        { folder: 'relative/folder', cause: 'relative' },
      ];
      mkdirSync(join(work, 'blocked'), { recursive: true });
      writeFileSync(blockedByFile, 'a file where the folder should be');
      const readOnly = join(work, 'read-only');
      mkdirSync(readOnly);
      chmodSync(readOnly, 0o555);
      // Root writes in a 0555 folder anyway; the sysfs case above covers a refusal root gets too.
      if (!asRoot) cases.push({ folder: readOnly, cause: 'permission' });

      const jobs = await Promise.all(cases.map((c) => jobSavingTo(h, c.folder)));
      h.runner.start();
      await Promise.all(jobs.map((job) => signWithCode(h, job)));
      for (const [i, job] of jobs.entries()) {
        const { folder, cause } = cases[i]!;
        const failed = await h.waitFor(job.id, ['failed', 'done']);
        assert.equal(failed.state, 'failed', folder);
        assert.equal(failed.failedStep, 'downloading', folder);
        assert.equal(failed.error?.kind, 'output_folder', folder);
        assert.equal(failed.error?.retryable, true, folder);
        assert.ok(
          failed.error?.message.startsWith(`The folder “${folder}” can't be written: `),
          failed.error?.message,
        );
        assert.deepEqual(failed.error?.problem, {
          code: 'outputFolderUnwritable',
          values: { folder, cause },
        });
        assert.equal(await signedCopyOnOptimizer(failed), 200, `${folder}: signed copy kept`);
        assert.equal(failed.documents[0]?.remoteDeleted, false);
      }
      assert.deepEqual(uncaught, [], 'nothing escaped as an uncaught exception');
    } finally {
      chmodSync(join(work, 'read-only'), 0o755);
      await h.close();
    }
  });

  it('completes the job once the folder is fixed and the job retried; a removed folder is made again', async () => {
    const h = await queueHarness(sandbox.baseUrl);
    try {
      const fixable = join(work, 'fixable', 'Signed');
      mkdirSync(join(work, 'fixable'));
      writeFileSync(fixable, 'in the way');
      const removed = join(work, 'removed', 'Signed');
      mkdirSync(removed, { recursive: true });
      const [stuck, gone] = [await jobSavingTo(h, fixable), await jobSavingTo(h, removed)];
      rmSync(removed, { recursive: true });
      h.runner.start();
      await Promise.all([signWithCode(h, stuck), signWithCode(h, gone)]);
      assert.equal((await h.waitFor(stuck.id, ['failed', 'done'])).state, 'failed');
      const made = await h.waitFor(gone.id, ['failed', 'done']);
      assert.equal(made.state, 'done', made.error?.message);
      assert.ok(
        made.documents[0]?.outputPath?.startsWith(removed) && existsSync(made.documents[0].outputPath),
      );

      rmSync(fixable);
      h.runner.retry(stuck.id);
      const done = await h.waitFor(stuck.id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error?.message);
      assert.ok(existsSync(done.documents[0]?.outputPath ?? ''));
      assert.equal(done.documents[0]?.remoteDeleted, true);
      assert.deepEqual(uncaught, []);
    } finally {
      await h.close();
    }
  });
});

describe('io faults: names in any script travel end to end', () => {
  it('uploads, downloads and saves a document named with Polish letters, an emoji and U+202E; the saved name is safe and keeps the letters and emoji', async () => {
    const h = await queueHarness(sandbox.baseUrl);
    try {
      const job = await h.addJob({ documents: 1, auth: { method: 'otp', delivery: 'sms' } });
      const name = 'Umowa zażółć 🧾 invoice\u202Efdp.exe.pdf';
      h.store.db.prepare('UPDATE job_documents SET filename = ? WHERE job_id = ?').run(name, job.id);
      h.runner.start();
      await signWithCode(h, job);
      const done = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error?.message);
      const listed = await call<{ detail: Record<string, { filename: string }> }>(
        sandbox.baseUrl,
        'GET',
        `/documents/${done.requestPk}`,
      );
      assert.equal(Object.keys(listed.body.detail ?? {}).length, 0, 'the copies were deleted after saving');
      assert.equal(
        done.documents[0]?.outputPath,
        join(h.outDir, 'Umowa zażółć 🧾 invoice_fdp.exe.signed.pdf'),
      );
      assert.ok(existsSync(done.documents[0]?.outputPath ?? ''));
      assert.deepEqual(uncaught, []);
    } finally {
      await h.close();
    }
  });
});

describe('io faults: every way an output folder enters is checked', { skip: KEYCHAIN }, () => {
  it('jobs.create and jobs.update refuse a relative, file or unwritable folder with the settings problem; a good one is stored normalised', async () => {
    const dataDir = join(work, 'bridge-data');
    const desk = await openDesk({ dataDir });
    try {
      const bridge = createDispatcher(coreOperations(desk, { version: '0', training: false, dataDir }), desk);
      const saved = await bridge.call('profiles.save', {
        id: 'io-faults',
        name: 'IO faults',
        baseUrl: sandbox.baseUrl,
        env: 'sandbox',
        caPem: null,
        pinSha256: null,
        defaultRegistrationAuthority: null,
        defaultProfile: null,
      });
      assert.ok(saved.ok, JSON.stringify(saved));
      const pdf = join(work, 'bridge.pdf');
      writeFileSync(pdf, await makePdf({ pages: 1, text: 'bridge' }));
      const base = {
        profileId: 'io-faults',
        raoUsername: 'io-faults-rao',
        signer: SIGNER,
        auth: { method: 'otp' as const, delivery: 'sms' as const },
        paths: [pdf],
        start: false,
      };
      const refusals: [string, string][] = [
        ['Signed', 'folderRelative'],
        ['/proc/self', 'folderNotWritable'],
        [`${pdf}/Signed`, 'folderBlockedByFile'],
      ];
      for (const [outputDir, code] of refusals) {
        const refused = await bridge.call('jobs.create', { ...base, outputDir });
        assert.ok(!refused.ok, outputDir);
        assert.equal(refused.error.code, 'validation');
        assert.equal(refused.error.problem?.code, code, refused.error.message);
        assert.ok(refused.error.fields?.outputDir, 'the field is named');
      }
      assert.equal(desk.store.jobs.list().length, 0, 'nothing was created');

      const created = await bridge.call('jobs.create', { ...base, outputDir: `${work}/a/../good` });
      assert.ok(created.ok, JSON.stringify(created));
      const jobId = (created.value as { id: string }).id;
      assert.equal(desk.store.jobs.get(jobId).outputDir, join(work, 'good'));
      const update = await bridge.call('jobs.update', { jobId, outputDir: 'relative' });
      assert.ok(!update.ok && update.error.problem?.code === 'folderRelative');
      assert.equal(desk.store.jobs.get(jobId).outputDir, join(work, 'good'), 'the draft keeps its folder');
      // The folder sent back unchanged with other edits is not checked again.
      const same = await bridge.call('jobs.update', {
        jobId,
        outputDir: join(work, 'good'),
        asyncMode: true,
      });
      assert.ok(same.ok, JSON.stringify(same));
    } finally {
      await desk.close();
    }
  });

  it('the CLI refuses an --out folder it cannot write in with exit 2, before anything is sent', async () => {
    const signer = join(work, 'signer.json');
    writeFileSync(signer, JSON.stringify(SIGNER));
    const pdf = join(work, 'cli.pdf');
    writeFileSync(pdf, await makePdf({ pages: 1, text: 'cli' }));
    const before = (await stats()).total.creates ?? 0;
    for (const out of ['/proc/self', '/sys/kernel/signed', pdf]) {
      const run = await runCliToEnd([
        'sign',
        '--optimizer',
        sandbox.baseUrl,
        '--token',
        '3bf8d8eb-d96c-41ea-83ad-d78a7016c7da',
        '--signer',
        signer,
        '--out',
        out,
        '--data',
        join(work, 'cli-data'),
        '--ext-auth',
        'biometric:io-faults',
        pdf,
      ]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`^One-Shot Desk: --out ${out}: `, 'm'), run.stderr);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    }
    assert.equal((await stats()).total.creates ?? 0, before, 'no request was created');
  });
});

/** A folder even root may not list (needs CAP_SYS_ADMIN), or undefined where this one can be listed. */
function unlistableFolder(): string | undefined {
  try {
    readdirSync('/proc/1/map_files');
    return undefined;
  } catch {
    return '/proc/1/map_files';
  }
}

describe('io faults: a dropped folder that cannot be read', { skip: KEYCHAIN }, () => {
  it('documents.inspect answers for the readable files and names each unreadable folder for its entry', async (t) => {
    const drop = join(work, 'drop');
    mkdirSync(join(drop, 'sub'), { recursive: true });
    writeFileSync(join(drop, 'a.pdf'), await makePdf({ pages: 1, text: 'a' }));
    writeFileSync(join(drop, 'sub', 'b.pdf'), await makePdf({ pages: 2, text: 'b' }));
    const locked = join(drop, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'c.pdf'), await makePdf({ pages: 1, text: 'c' }));
    chmodSync(locked, 0o000);
    const unlistable = unlistableFolder();
    if (asRoot)
      t.diagnostic('running as root: a 0000 sub-folder stays readable, so /proc/1/map_files stands in');
    const dataDir = join(work, 'inspect-data');
    const desk = await openDesk({ dataDir });
    try {
      const bridge = createDispatcher(coreOperations(desk, { version: '0', training: false, dataDir }), desk);
      const paths = unlistable ? [drop, unlistable] : [drop];
      const answer = await bridge.call('documents.inspect', { paths });
      assert.ok(answer.ok, JSON.stringify(answer));
      const files = (
        answer.value as { files: { path: string; ok: boolean; reason?: string; message?: string }[] }
      ).files;
      const byPath = new Map(files.map((f) => [f.path, f]));
      assert.equal(byPath.get(join(drop, 'a.pdf'))?.ok, true);
      assert.equal(byPath.get(join(drop, 'sub', 'b.pdf'))?.ok, true);
      const unreadable = files.filter((f) => f.reason === 'folder_unreadable').map((f) => f.path);
      const expected = [...(asRoot ? [] : [locked]), ...(unlistable ? [unlistable] : [])];
      assert.deepEqual(unreadable.sort(), expected.sort());
      if (expected.length === 0) t.skip('no folder here can be made unreadable to this user');
      for (const f of files.filter((x) => x.reason === 'folder_unreadable'))
        assert.match(
          f.message ?? '',
          /^The folder “.+” can't be read \(E[A-Z]+\); the PDFs in it were left out\.$/,
        );
    } finally {
      chmodSync(locked, 0o755);
      await desk.close();
    }
  });

  it(
    'the CLI names a folder it cannot read and exits 2',
    { skip: unlistableFolder() === undefined },
    async () => {
      const signer = join(work, 'signer.json');
      writeFileSync(signer, JSON.stringify(SIGNER));
      const run = await runCliToEnd([
        'sign',
        '--optimizer',
        sandbox.baseUrl,
        '--token',
        '3bf8d8eb-d96c-41ea-83ad-d78a7016c7da',
        '--signer',
        signer,
        '--out',
        join(work, 'cli-out'),
        '--data',
        join(work, 'cli-data'),
        '--ext-auth',
        'biometric:io-faults',
        '/proc/1/map_files',
      ]);
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, /\/proc\/1\/map_files: the folder cannot be read \(EACCES\)/);
    },
  );
});
