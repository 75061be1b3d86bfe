// Data on disk is the RAO's alone whatever the umask: a whole job through the CLI, run under
// umask 022 against the sandbox, leaves every file in the data folder 0600 and every folder 0700
// (the database, its WAL and SHM, the stored originals); files left 0644 by an older version are
// fixed at the next open; ID images sealed under umask 022 are 0600 in 0700 folders. The output
// folder is the RAO's own and keeps the modes the RAO's umask gives it.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { attachAuditSeal } from '../../electron/core/store/audit-seal';
import { openStore } from '../../electron/core/store/index';
import { IdImageStore, OsKeychain } from '../../electron/core/vault/index';
import { makePdf } from '../fixtures/pdfs';
import { PRESET_TOKEN_UID, SIGNER } from '../helpers/sandbox';
import { REPO_ROOT, spawnSandbox, type SandboxProcess } from '../helpers/sandbox-process';

const SKIP =
  process.env.ONESHOT_TEST_KEYRING !== undefined
    ? false
    : 'no Secret Service: run through node test/run.mjs (the CLI keeps tokens in the keychain)';
const work = mkdtempSync(join(tmpdir(), 'data-modes-'));

/** Every path under `root` (itself included) with its permission bits. */
function walk(root: string): { path: string; dir: boolean; mode: number }[] {
  const found = [{ path: root, dir: true, mode: statSync(root).mode & 0o777 }];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) found.push(...walk(path));
    else found.push({ path, dir: false, mode: statSync(path).mode & 0o777 });
  }
  return found;
}

function assertPrivate(root: string): void {
  const wrong = walk(root)
    .filter((e) => e.mode !== (e.dir ? 0o700 : 0o600))
    .map((e) => `${e.path.slice(root.length) || '.'} ${e.mode.toString(8)}`);
  assert.deepEqual(wrong, [], 'every folder 0700, every file 0600');
}

/** The CLI under umask 022, as a shell started from a desktop session would run it. */
function cliUnderUmask022(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('sh', ['-c', `umask 022; exec '${process.execPath}' dist/cli.mjs ${quoted}`], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) =>
    child.once('exit', (code) => setImmediate(() => resolve({ code, stderr }))),
  );
}

describe('data folder modes', { skip: SKIP }, () => {
  let sandbox: SandboxProcess;
  before(async () => {
    sandbox = await spawnSandbox(['--port', '0', '--data', join(work, 'sandbox')]);
  });
  after(async () => sandbox.kill());

  it('a whole job under umask 022 leaves every file 0600 and every folder 0700; old 0644 files are fixed at the next open', async () => {
    const doc = join(work, 'contract.pdf');
    writeFileSync(doc, await makePdf({ pages: 1, text: 'modes' }));
    const signer = join(work, 'signer.json');
    writeFileSync(signer, JSON.stringify(SIGNER));
    // A folder the CLI creates, with a parent it creates too.
    const data = join(work, 'office', 'data');
    const out = join(work, 'out');
    const run = await cliUnderUmask022([
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
      data,
      '--ext-auth',
      'biometric:modes',
      doc,
    ]);
    assert.equal(run.code, 0, run.stderr);
    const files = walk(data).filter((e) => !e.dir);
    assert.ok(files.some((e) => e.path.endsWith('oneshot.db')));
    assert.ok(
      files.some((e) => /documents\/[0-9a-f]{64}\.pdf$/.test(e.path)),
      'the original is kept',
    );
    assertPrivate(join(work, 'office'));
    // The RAO's own output folder keeps the RAO's umask (022 here): not ours to narrow.
    assert.equal(statSync(out).mode & 0o777, 0o755);

    // As an older version left them: world-readable.
    for (const e of walk(data)) chmodSync(e.path, e.dir ? 0o755 : 0o644);
    const status = await cliUnderUmask022(['status', '--data', data]);
    assert.equal(status.code, 0, status.stderr);
    const database = walk(data).filter((e) => e.dir || /oneshot\.db/.test(e.path));
    assert.ok(database.length >= 4, 'folders and the database');
    assert.deepEqual(
      database.filter((e) => e.mode !== (e.dir ? 0o700 : 0o600)),
      [],
      'the data folder, its folders and the database files are private again',
    );
  });

  it('ID images and stored originals written under umask 022 are 0600 in 0700 folders', async () => {
    const previous = process.umask(0o022);
    try {
      const data = join(work, 'in-process');
      const store = openStore(data);
      await attachAuditSeal(store.db, new OsKeychain());
      const pdf = join(work, 'in-process.pdf');
      writeFileSync(pdf, await makePdf({ pages: 1, text: 'in process' }));
      await store.documents.import(pdf);
      const images = new IdImageStore({ dir: join(data, 'id-images'), keychain: new OsKeychain() });
      const png = Buffer.from(
        'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
        'base64',
      );
      await images.put('modes-job', 'document_front', png, 'image/png');
      store.settings.set('language', 'pl');
      const names = walk(data).map((e) => e.path.slice(data.length));
      for (const expected of [
        '/oneshot.db-wal',
        '/oneshot.db-shm',
        '/id-images/modes-job/document_front.bin',
      ])
        assert.ok(names.includes(expected), `${expected} in ${names.join(' ')}`);
      assertPrivate(data);
      await images.purge('modes-job');
      store.close();
    } finally {
      process.umask(previous);
    }
  });
});
