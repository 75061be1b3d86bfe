// Acceptance scan (issue 16): after a whole OTP job and a whole external-method job run through
// the real sandbox by the CLI, with a token created from an RAO password and PIN, no token uid,
// password, PIN, code or external value is anywhere outside the OS keychain — not in any file of
// the data folder (the database, its WAL and SHM, logs, documents, sealed images), not in what
// the CLI printed. Raw bytes, as UTF-8, UTF-16LE, base64 and base64url.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cliProfile, openDesk } from '../../electron/core/desk';
import { EXTERNAL_AUTH_SERVICE_PREFIX } from '../../electron/core/vault/external-auth';
import { OsKeychain } from '../../electron/core/vault/index';
import { makePdf } from '../fixtures/pdfs';
import { startCli, type CliRun } from '../helpers/cli-process';
import { call, SIGNER } from '../helpers/sandbox';
import { spawnSandbox, type SandboxProcess } from '../helpers/sandbox-process';

const SKIP =
  process.env.ONESHOT_TEST_KEYRING !== undefined
    ? false
    : 'no Secret Service: run through node test/run.mjs (tokens live in the keychain)';

/** Every form a secret could take on disk; short digit strings only where no digit touches them. */
function encodings(secret: string): { form: string; bytes: Buffer; digitsOnly: boolean }[] {
  const utf8 = Buffer.from(secret, 'utf8');
  const digitsOnly = /^\d+$/.test(secret);
  return [
    { form: 'utf8', bytes: utf8, digitsOnly },
    { form: 'utf16le', bytes: Buffer.from(secret, 'utf16le'), digitsOnly: false },
    { form: 'base64', bytes: Buffer.from(utf8.toString('base64').replace(/=+$/, '')), digitsOnly: false },
    { form: 'base64url', bytes: Buffer.from(utf8.toString('base64url')), digitsOnly: false },
  ];
}

const isDigit = (b: number | undefined): boolean => b !== undefined && b >= 0x30 && b <= 0x39;

function count(haystack: Buffer, needle: Buffer, digitsOnly: boolean): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
    // A code inside a longer number (a PDF offset, a timestamp) is not that code.
    if (digitsOnly && (isDigit(haystack[i - 1]) || isDigit(haystack[i + needle.length]))) continue;
    n++;
  }
  return n;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * The database, its WAL and SHM as they are while the CLI still runs, once the job is signed: the
 * WAL then holds every write since the CLI opened it (closing checkpoints and removes it).
 */
async function snapshotWhenSigned(
  run: CliRun,
  data: string,
  tag: string,
): Promise<{ name: string; bytes: Buffer }[]> {
  while (!/: signed\b/.test(run.stderrSoFar()) && run.child.exitCode === null)
    await new Promise((r) => setTimeout(r, 10));
  assert.equal(run.child.exitCode, null, `the ${tag} CLI ended before it was signed: ${run.stderrSoFar()}`);
  const files = readdirSync(data)
    .filter((name) => name.startsWith('oneshot.db'))
    .map((name) => ({ name: `${name} while the ${tag} job runs`, bytes: readFileSync(join(data, name)) }));
  assert.ok(
    files.some((f) => f.name.startsWith('oneshot.db-wal ')),
    'a WAL to look at',
  );
  return files;
}

async function finish(run: CliRun, stdin?: string) {
  if (stdin !== undefined) run.child.stdin!.write(stdin);
  run.child.stdin!.end();
  return run.done;
}

describe('no secret outside the keychain', { skip: SKIP }, () => {
  const work = mkdtempSync(join(tmpdir(), 'no-secrets-'));
  const data = join(work, 'data');
  const captured: { name: string; text: string }[] = [];
  const snapshots: { name: string; bytes: Buffer }[] = [];
  const secrets: Record<string, string> = {
    password: `Pw-${randomBytes(9).toString('base64url')}`,
    pin: '90817263',
    external: `ext-${randomBytes(12).toString('hex')}`,
  };
  const rao = `scan-rao-${randomBytes(4).toString('hex')}`;
  let sandbox: SandboxProcess;
  let env: NodeJS.ProcessEnv;

  before(async () => {
    sandbox = await spawnSandbox(['--port', '0']);
    const { ONESHOT_TOKEN: _t, ONESHOT_EXT_AUTH: _e, ...rest } = process.env;
    env = rest;
    // The RAO's token, created from a password and PIN as the desk does; only the uid is kept.
    const desk = await openDesk({ dataDir: data });
    try {
      const profile = desk.store.profiles.save(cliProfile(sandbox.baseUrl, null));
      await desk.vault.createToken(profile.id, {
        username: rao,
        password: secrets.password,
        pin: secrets.pin,
      });
      secrets.tokenUid = await desk.vault.tokenUid(profile.id, rao);
    } finally {
      await desk.close();
    }
    const signer = join(work, 'signer.json');
    writeFileSync(signer, JSON.stringify(SIGNER));
    mkdirSync(join(work, 'docs'));
    for (const name of ['contract', 'annex'])
      writeFileSync(join(work, 'docs', `${name}.pdf`), await makePdf({ pages: 2, text: `scan ${name}` }));
    const base = (out: string) => [
      'sign',
      '--optimizer',
      sandbox.baseUrl,
      '--rao',
      rao,
      '--signer',
      signer,
      '--out',
      join(work, out),
      '--data',
      data,
      join(work, 'docs'),
    ];

    // A whole OTP job: the code typed on standard input.
    const otpRun = startCli([...base('out-otp'), '--otp-stdin'], { env });
    while (!/Type the code/.test(otpRun.stderrSoFar()) && otpRun.child.exitCode === null)
      await new Promise((r) => setTimeout(r, 50));
    const stats = (
      await call<{ requests: Record<string, unknown> }>(sandbox.baseUrl, 'GET', '/sandbox/stats')
    ).body;
    const pk = Object.keys(stats.requests)
      .map(Number)
      .sort((a, b) => b - a)[0];
    secrets.otp = (await call<{ otp: string }>(sandbox.baseUrl, 'GET', `/sandbox/inbox/${pk}`)).body.otp;
    otpRun.child.stdin!.write(`${secrets.otp}\n`);
    snapshots.push(...(await snapshotWhenSigned(otpRun, data, 'OTP')));
    const otp = await finish(otpRun);
    assert.equal(otp.code, 0, otp.stderr);
    captured.push({ name: 'otp job stdout', text: otp.stdout }, { name: 'otp job stderr', text: otp.stderr });

    // A whole external-method job: the value on standard input.
    const extRun = startCli([...base('out-ext'), '--ext-auth-stdin', '--json'], { env });
    extRun.child.stdin!.write(`biometric:${secrets.external}\n`);
    snapshots.push(...(await snapshotWhenSigned(extRun, data, 'external')));
    const ext = await finish(extRun);
    assert.equal(ext.code, 0, ext.stderr);
    captured.push(
      { name: 'external job stdout', text: ext.stdout },
      { name: 'external job stderr', text: ext.stderr },
    );

    for (const command of ['status', 'audit']) {
      const run = await finish(
        startCli([command, '--data', data, ...(command === 'status' ? ['--json'] : [])], { env }),
      );
      assert.equal(run.code, 0, run.stderr);
      captured.push(
        { name: `${command} stdout`, text: run.stdout },
        { name: `${command} stderr`, text: run.stderr },
      );
    }
  });
  after(async () => sandbox?.kill());

  it('finds none of them in the data folder, the database, its WAL and SHM, logs or the captured output', (t) => {
    assert.equal(Object.keys(secrets).length, 5);
    const files = filesUnder(data);
    assert.ok(files.some((f) => f.endsWith('oneshot.db')));
    const places = [
      ...files.map((path) => ({ name: path.slice(data.length + 1), bytes: readFileSync(path) })),
      ...snapshots,
      ...captured.map((c) => ({ name: c.name, bytes: Buffer.from(c.text, 'utf8') })),
    ];
    const hits: string[] = [];
    for (const [kind, secret] of Object.entries(secrets))
      for (const { form, bytes, digitsOnly } of encodings(secret))
        for (const place of places) {
          const n = count(place.bytes, bytes, digitsOnly);
          if (n > 0) hits.push(`${kind} (${form}) ×${n} in ${place.name}`);
        }
    const scanned = places.reduce((sum, p) => sum + p.bytes.length, 0);
    t.diagnostic(
      `scanned ${files.length} file(s) (${files.map((f) => f.slice(data.length + 1)).join(', ')}), ${snapshots.length} snapshot(s) of the db/WAL/SHM while jobs ran and ${captured.length} captured output(s), ${scanned} bytes, for ${Object.keys(secrets).length} secrets × 4 encodings: ${hits.length} hit(s)`,
    );
    assert.deepEqual(hits, []);
  });

  it('has deleted the external value from the keychain once its job was done', async () => {
    const desk = await openDesk({ dataDir: data });
    try {
      const scope = (desk.store.db.prepare('SELECT id FROM keychain_scope').get() as { id: string }).id;
      assert.deepEqual(await new OsKeychain().list(`${EXTERNAL_AUTH_SERVICE_PREFIX}${scope}`), []);
      assert.ok(desk.store.jobs.list().every((j) => j.state === 'done'));
    } finally {
      await desk.close();
    }
  });
});
