// The vault against a real Secret Service (the private gnome-keyring that test/run.mjs starts) and
// the sandbox Optimizer over HTTP: tokens round-trip, only the uid is kept and really is in the
// Secret Service, nothing secret reaches the disk in clear, errors never show a uid, password or PIN,
// and without a keychain the app refuses, quickly and clearly, instead of writing a file.
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { after, before, describe, it } from 'node:test';
import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import {
  checkKeychainAvailable,
  INDEX_ACCOUNT,
  KeychainError,
  keychainIdle,
  OsKeychain,
  PROBE_SERVICE,
  TokenMissingError,
  TokenVault,
  TokenVaultError,
  type Keychain,
  type TokenApi,
  type TokenDetails,
} from '../../electron/core/vault/index';
import { endpointOf } from '../../electron/core/vault/session-bus';
import { KEYRING, needsKeyring } from '../helpers/keyring';

const REPO = new URL('../../', import.meta.url).pathname;
const LINUX_STORE = { linux: { store: 'secret-service' as const } };
const requireHere = createRequire(import.meta.url);

const has = (command: string): boolean => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/** A failing Optimizer call, shaped like OptimizerError (a kind, the server's words). */
class ApiCallError extends Error {
  constructor(
    readonly kind: string,
    message: string,
  ) {
    super(message);
  }
}

/** The three token routes over fetch, as OptimizerClient would call them. */
class HttpTokenApi implements TokenApi {
  readonly calls = { createToken: 0, getToken: 0, deleteToken: 0 };
  constructor(private readonly baseUrl: string) {}

  async createToken(input: Parameters<TokenApi['createToken']>[0]): Promise<{ tokenUid: string }> {
    this.calls.createToken++;
    const body = await this.send('POST', '/token', input);
    return { tokenUid: String((body.details as { token_uid: string }).token_uid) };
  }

  async getToken(uid: string): Promise<TokenDetails> {
    this.calls.getToken++;
    const d = (await this.send('GET', `/token/${encodeURIComponent(uid)}`)).details as Record<string, string>;
    const { username = '', password, pin, rao_id: raoId = '', env = '' } = d;
    return { username, hasPassword: password === 'true', hasPin: pin === 'true', raoId, env };
  }

  async deleteToken(uid: string): Promise<void> {
    this.calls.deleteToken++;
    await this.send('DELETE', `/token/${encodeURIComponent(uid)}`);
  }

  private async send(method: string, path: string, json?: unknown): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: json === undefined ? undefined : { 'content-type': 'application/json' },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
    } catch (error) {
      throw new ApiCallError('offline', `cannot reach the Optimizer: ${String(error)}`);
    }
    const body = (await res.json()) as Record<string, unknown>;
    if (res.ok) return body;
    const kind =
      res.status === 404
        ? 'not_found'
        : res.status === 403
          ? 'auth'
          : res.status >= 500
            ? 'server'
            : 'validation';
    // The server's own words, as a real client keeps them: "Token <uid> not found" included.
    const said = typeof body.message === 'string' ? body.message : JSON.stringify(body);
    throw new ApiCallError(kind, `HTTP ${res.status}: ${said}`);
  }
}

/** Everything secret this file hands to the vault or gets from the Optimizer, for the disk check. */
const secrets = { uids: new Set<string>(), passwords: new Set<string>(), pins: new Set<string>() };
const newPassword = (): string => {
  const p = `pw-${randomBytes(12).toString('base64url')}`;
  secrets.passwords.add(p);
  return p;
};
const newPin = (): string => {
  const p = String(randomInt(10_000_000, 99_999_999));
  secrets.pins.add(p);
  return p;
};
const allSecrets = (): string[] => [...secrets.uids, ...secrets.passwords, ...secrets.pins];

function assertShowsNoSecret(error: unknown, values: readonly string[] = allSecrets()): void {
  const e = error as Error;
  const views = [e.message, String(e.stack), inspect(error, { depth: 5 }), JSON.stringify(error)];
  for (const value of values)
    for (const view of views) assert.ok(!view.includes(value), `error shows a secret: ${view}`);
}

/** What the sandbox itself knows: username → uid. */
async function serverTokens(baseUrl: string): Promise<Map<string, string>> {
  const res = await fetch(`${baseUrl}/tokens`);
  const body = (await res.json()) as { detail: Record<string, { username: string }> };
  const map = new Map<string, string>();
  for (const [uid, t] of Object.entries(body.detail)) map.set(t.username, uid);
  return map;
}

/** Reads the secret back without going through the vault: secret-tool, else busctl/gdbus + a fresh process. */
function readBackIndependently(
  service: string,
  account: string,
): { secret: string; items: number | undefined } {
  if (has('secret-tool')) {
    const out = spawnSync('secret-tool', ['lookup', 'service', service, 'username', account], {
      encoding: 'utf8',
    });
    return { secret: out.stdout.trim(), items: out.status === 0 ? 1 : 0 };
  }
  let items: number | undefined;
  if (has('busctl')) {
    const search = spawnSync(
      'busctl',
      [
        '--user',
        'call',
        'org.freedesktop.secrets',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service',
        'SearchItems',
        'a{ss}',
        '2',
        'service',
        service,
        'username',
        account,
      ],
      { encoding: 'utf8' },
    );
    // "aoao 1 "/org/freedesktop/secrets/collection/login/3" 0": unlocked items, then locked ones.
    items = (search.stdout.match(/\/org\/freedesktop\/secrets\/collection\//g) ?? []).length;
  }
  const keyringPath = requireHere.resolve('@napi-rs/keyring');
  const script = `const { Entry } = require(${JSON.stringify(keyringPath)});
process.stdout.write(new Entry(process.argv[1], process.argv[2], ${JSON.stringify(LINUX_STORE)}).getPassword() ?? '');`;
  const out = spawnSync(process.execPath, ['-e', script, service, account], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  return { secret: out.stdout, items };
}

function filesUnder(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const full = join(dir, name);
    let st;
    try {
      st = statSync(full);
    } catch {
      return [];
    }
    if (st.isDirectory()) return filesUnder(full);
    return st.isFile() ? [full] : [];
  });
}

/** Files under `dirs` that contain any of `values`, as UTF-8 or UTF-16LE bytes. */
function filesContaining(dirs: readonly string[], values: readonly string[]): string[] {
  const needles = values.flatMap((v) => [Buffer.from(v, 'utf8'), Buffer.from(v, 'utf16le')]);
  return dirs.flatMap(filesUnder).filter((file) => {
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return false;
    }
    return needles.some((n) => bytes.includes(n));
  });
}

describe('TokenVault against a real Secret Service and the sandbox Optimizer', () => {
  const profileId = `test-${randomUUID().slice(0, 8)}`;
  const service = TokenVault.serviceFor(profileId);
  let sandbox: SandboxHandle;
  let api: HttpTokenApi;
  let vault: TokenVault;
  const keychain = new OsKeychain({ timeoutMs: 10_000 });
  const offline = new HttpTokenApi('http://127.0.0.1:1/oneshot/api/v1');

  before(async () => {
    sandbox = await startSandbox({ log: () => {} });
    api = new HttpTokenApi(sandbox.baseUrl);
    vault = new TokenVault({ keychain, optimizer: api });
  });

  after(async () => {
    await sandbox.stop();
    if (!KEYRING) return;
    for (const s of [service, `${service}-index`, `${service}-race`]) {
      for (const c of await findCredentialsAsync(s))
        await new AsyncEntry(s, c.account, LINUX_STORE).deleteCredential();
    }
  });

  it('checkKeychainAvailable proves the Secret Service works and leaves no test secret behind', async (t) => {
    if (!needsKeyring(t)) return;
    assert.deepEqual(await checkKeychainAvailable({ timeoutMs: 10_000 }), { backend: 'secret-service' });
    // Other test files share this keyring and probe it too (every CLI run does, for a few
    // milliseconds): wait for a moment with no probe at all; one left behind never goes away.
    // A probe deleted between this search finding it and reading it fails the search: search again.
    const probesLeft = (): Promise<unknown[]> =>
      findCredentialsAsync(PROBE_SERVICE).catch((error: unknown) => {
        if (/no such interface/i.test(String(error))) return ['(vanished while searching)'];
        throw error;
      });
    let left = await probesLeft();
    for (let i = 0; i < 100 && left.length > 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      left = await probesLeft();
    }
    assert.deepEqual(left, []);
  });

  it('createToken calls the Optimizer once, answers labels only and keeps only the uid in the Secret Service', async (t) => {
    if (!needsKeyring(t)) return;
    const password = newPassword();
    const pin = newPin();
    const input = { username: 'alice', password, pin, env: 'sandbox' as const };
    const stored = await vault.createToken(profileId, input);
    assert.deepEqual(stored, { username: 'alice', env: 'sandbox' });
    assert.deepEqual(api.calls, { createToken: 1, getToken: 0, deleteToken: 0 });
    assert.deepEqual(
      input,
      { username: 'alice', password, pin, env: 'sandbox' },
      "the caller's object is left alone",
    );

    const uid = (await serverTokens(sandbox.baseUrl)).get('alice');
    assert.ok(uid);
    secrets.uids.add(uid);
    assert.ok(!JSON.stringify(stored).includes(uid));
    const onServer = await api.getToken(uid);
    assert.deepEqual([onServer.hasPassword, onServer.hasPin], [true, true]);

    // In the Secret Service itself, under service oneshot-desk/<profile>, attribute username = RAO.
    const back = readBackIndependently(service, 'alice');
    assert.equal(back.secret, uid);
    if (back.items !== undefined)
      assert.equal(back.items, 1, 'one Secret Service item with these attributes');
    // Only the uid: no other entry of this service holds the password or PIN.
    for (const c of await findCredentialsAsync(service)) {
      assert.ok(!c.password.includes(password) && !c.password.includes(pin));
    }
    assert.equal(await vault.tokenUid(profileId, 'alice'), uid);
  });

  it('tokenUid throws a clear TokenMissingError for an RAO without a token', async (t) => {
    if (!needsKeyring(t)) return;
    const error = await vault.tokenUid(profileId, 'nobody').then(
      () => assert.fail('expected TokenMissingError'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof TokenMissingError);
    assert.equal(error.code, 'token_missing');
    assert.match(error.message, /No token is stored .* “nobody” .*sign in again/);
  });

  it('list gives labels; refresh adds what the Optimizer says, and offline gives status unknown', async (t) => {
    if (!needsKeyring(t)) return;
    await vault.createToken(profileId, {
      username: 'bob',
      password: newPassword(),
      pin: newPin(),
      env: 'prod',
    });
    const bobUid = await vault.tokenUid(profileId, 'bob');
    secrets.uids.add(bobUid);

    assert.deepEqual(await vault.list(profileId), [
      { username: 'alice', status: 'unknown' },
      { username: 'bob', status: 'unknown' },
    ]);
    const refreshed = await vault.list(profileId, { refresh: true });
    assert.deepEqual(
      refreshed.map(({ username, env, hasPassword, hasPin, status }) => ({
        username,
        env,
        hasPassword,
        hasPin,
        status,
      })),
      [
        { username: 'alice', env: 'sandbox', hasPassword: true, hasPin: true, status: 'valid' },
        { username: 'bob', env: 'prod', hasPassword: true, hasPin: true, status: 'valid' },
      ],
    );
    for (const uid of secrets.uids) assert.ok(!JSON.stringify(refreshed).includes(uid));

    const cut = new TokenVault({ keychain, optimizer: offline });
    assert.deepEqual(await cut.list(profileId, { refresh: true }), [
      { username: 'alice', status: 'unknown' },
      { username: 'bob', status: 'unknown' },
    ]);

    // Deleted on the server behind our back: invalid, and still listed so that it can be removed.
    await api.deleteToken(bobUid);
    const afterDelete = await vault.list(profileId, { refresh: true });
    assert.deepEqual(
      afterDelete.map((l) => [l.username, l.status]),
      [
        ['alice', 'valid'],
        ['bob', 'invalid'],
      ],
    );
  });

  it('remove deletes on the Optimizer then in the keychain; a token the Optimizer no longer knows counts as done', async (t) => {
    if (!needsKeyring(t)) return;
    // bob's token was deleted on the server in the previous test.
    assert.equal(await vault.remove(profileId, 'bob'), true);
    await assert.rejects(vault.tokenUid(profileId, 'bob'), TokenMissingError);

    await vault.createToken(profileId, { username: 'erin', password: newPassword(), pin: newPin() });
    const erinUid = await vault.tokenUid(profileId, 'erin');
    secrets.uids.add(erinUid);
    assert.equal(await vault.remove(profileId, 'erin'), true);
    assert.equal((await serverTokens(sandbox.baseUrl)).has('erin'), false, 'deleted on the Optimizer');
    assert.equal(readBackIndependently(service, 'erin').secret, '', 'gone from the Secret Service');
    assert.equal(await vault.remove(profileId, 'erin'), false, 'nothing left to remove');
    assert.deepEqual(
      (await vault.list(profileId)).map((l) => l.username),
      ['alice'],
    );
  });

  it('remove keeps the token when the Optimizer is unreachable (retry later), unless localOnly', async (t) => {
    if (!needsKeyring(t)) return;
    const cut = new TokenVault({ keychain, optimizer: offline });
    const aliceUid = await vault.tokenUid(profileId, 'alice');
    const error = await cut.remove(profileId, 'alice').then(
      () => assert.fail('expected a TokenVaultError'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof TokenVaultError);
    assert.equal(error.code, 'optimizer_failed');
    assert.equal(error.kind, 'offline');
    assert.equal(error.retryable, true);
    assert.match(error.message, /still kept on this computer/);
    assertShowsNoSecret(error);
    assert.equal(await vault.tokenUid(profileId, 'alice'), aliceUid, 'kept for a retry');

    assert.equal(await cut.remove(profileId, 'alice', { localOnly: true }), true);
    await assert.rejects(vault.tokenUid(profileId, 'alice'), TokenMissingError);
    assert.equal(
      (await serverTokens(sandbox.baseUrl)).get('alice'),
      aliceUid,
      'localOnly leaves the server alone',
    );
    await api.deleteToken(aliceUid);
  });

  it('adoptToken keeps a token created elsewhere once its username matches; mismatches and unknown tokens are refused without showing the uid', async (t) => {
    if (!needsKeyring(t)) return;
    const elsewhere = await new HttpTokenApi(sandbox.baseUrl).createToken({
      username: 'carol',
      password: newPassword(),
      pin: newPin(),
      env: 'prod',
    });
    const uid = elsewhere.tokenUid;
    secrets.uids.add(uid);

    const mismatch = await vault.adoptToken(profileId, 'dave', uid).then(
      () => assert.fail('expected a username mismatch'),
      (e: unknown) => e,
    );
    assert.ok(mismatch instanceof TokenVaultError);
    assert.equal(mismatch.code, 'username_mismatch');
    assert.match(mismatch.message, /belongs to the RAO “carol”, not to “dave”/);
    assertShowsNoSecret(mismatch);
    await assert.rejects(vault.tokenUid(profileId, 'dave'), TokenMissingError);

    const unknownUid = randomUUID();
    secrets.uids.add(unknownUid);
    const unknown = await vault.adoptToken(profileId, 'carol', unknownUid).then(
      () => assert.fail('expected an unknown token'),
      (e: unknown) => e,
    );
    assert.ok(unknown instanceof TokenVaultError);
    assert.equal(unknown.code, 'token_unknown');
    assert.equal(unknown.kind, 'not_found');
    assertShowsNoSecret(unknown);

    assert.deepEqual(await vault.adoptToken(profileId, 'carol', ` ${uid} `), {
      username: 'carol',
      env: 'prod',
    });
    assert.equal(await vault.tokenUid(profileId, 'carol'), uid);
    assert.equal(readBackIndependently(service, 'carol').secret, uid);
  });

  it('a token refused by the Optimizer keeps nothing, and the error shows neither password nor PIN even when the server echoes them', async (t) => {
    if (!needsKeyring(t)) return;
    const password = newPassword();
    const pin = newPin();
    // A server (or proxy) that repeats what it was sent in its error: the vault must not pass it on.
    const echoing: TokenApi = {
      createToken: (input) =>
        Promise.reject(
          new ApiCallError(
            'auth',
            `Invalid RAO Credentials for ${input.username}/${input.password}/${input.pin}`,
          ),
        ),
      getToken: (uid) => api.getToken(uid),
      deleteToken: (uid) => api.deleteToken(uid),
    };
    const error = await new TokenVault({ keychain, optimizer: echoing })
      .createToken(profileId, { username: 'frank', password, pin })
      .then(
        () => assert.fail('expected a TokenVaultError'),
        (e: unknown) => e,
      );
    assert.ok(error instanceof TokenVaultError);
    assert.equal(error.kind, 'auth');
    assert.match(error.message, /Could not create the token on the Optimizer/);
    assertShowsNoSecret(error, [password, pin]);

    // The real sandbox refusing a malformed PIN: nothing kept either.
    const badPin = 'x1';
    const refused = await vault.createToken(profileId, { username: 'frank', password, pin: badPin }).then(
      () => assert.fail('expected a refusal'),
      (e: unknown) => e,
    );
    assert.ok(refused instanceof TokenVaultError);
    assertShowsNoSecret(refused, [password, badPin]);
    await assert.rejects(vault.tokenUid(profileId, 'frank'), TokenMissingError);
  });

  it('a token the keychain cannot keep is deleted again on the Optimizer', async (t) => {
    if (!needsKeyring(t)) return;
    // The real keychain, refusing one write (fault injection; reads and deletes go through).
    const refusing: Keychain = {
      get: (s, a) => keychain.get(s, a),
      set: () => Promise.reject(new KeychainError('The keychain could not store a secret.', 'injected')),
      delete: (s, a) => keychain.delete(s, a),
      list: (s) => keychain.list(s),
    };
    const before = api.calls.deleteToken;
    await assert.rejects(
      new TokenVault({ keychain: refusing, optimizer: api }).createToken(profileId, {
        username: 'gina',
        password: newPassword(),
        pin: newPin(),
      }),
      KeychainError,
    );
    assert.equal(api.calls.deleteToken, before + 1);
    assert.equal((await serverTokens(sandbox.baseUrl)).has('gina'), false);
  });

  it('rejects profile ids and usernames it cannot keep apart', async (t) => {
    if (!needsKeyring(t)) return;
    assert.throws(() => TokenVault.serviceFor(''), TokenVaultError);
    assert.throws(() => TokenVault.serviceFor('probe'), TokenVaultError);
    await assert.rejects(vault.tokenUid(profileId, INDEX_ACCOUNT), TokenVaultError);
    await assert.rejects(vault.tokenUid(profileId, '  '), TokenVaultError);
    await assert.rejects(keychain.get(service, INDEX_ACCOUNT), KeychainError);
  });

  it('OsKeychain lists by search and from its index alone, and forgets accounts deleted outside the app', async (t) => {
    if (!needsKeyring(t)) return;
    const s = `${service}-index`;
    const indexOnly = new OsKeychain({ listFromIndexOnly: true, timeoutMs: 10_000 });
    await Promise.all(['u1', 'u2', 'u3', 'u4'].map((a) => keychain.set(s, a, `secret-${a}`)));
    assert.deepEqual(await keychain.list(s), ['u1', 'u2', 'u3', 'u4']);
    assert.deepEqual(await indexOnly.list(s), ['u1', 'u2', 'u3', 'u4']);
    assert.ok(
      (await findCredentialsAsync(s)).some((c) => c.account === INDEX_ACCOUNT),
      'the index is an entry',
    );

    await keychain.set(s, 'u2', 'replaced');
    assert.equal(await keychain.get(s, 'u2'), 'replaced');
    assert.equal(await keychain.delete(s, 'u3'), true);
    assert.equal(await keychain.delete(s, 'u3'), false);
    // Deleted by another program (e.g. the desktop's keyring manager): the index still names it.
    assert.equal(await new AsyncEntry(s, 'u4', LINUX_STORE).deleteCredential(), true);
    assert.deepEqual(await keychain.list(s), ['u1', 'u2']);
    assert.deepEqual(await indexOnly.list(s), ['u1', 'u2']);

    await Promise.all(['u1', 'u2', 'u4'].map((a) => keychain.delete(s, a)));
    assert.deepEqual(await findCredentialsAsync(s), [], 'an empty index is removed too');
  });

  it('keychainIdle waits for every call in flight, also a method that makes several calls in a row', async (t) => {
    if (!needsKeyring(t)) return;
    // A process that exits mid-call makes gnome-keyring 42 abort, and the desk waits before exiting.
    const s = `${service}-idle`;
    const settled: string[] = [];
    const started = [
      keychain.set(s, 'a', 'one').then(() => settled.push('set a')),
      keychain.set(s, 'b', 'two').then(() => settled.push('set b')),
    ];
    await keychainIdle();
    assert.deepEqual(
      settled.sort(),
      ['set a', 'set b'],
      'both writes (each a secret and an index update) answered',
    );
    const listed = keychain.list(s).then((accounts) => settled.push(`list ${accounts.join(',')}`));
    await keychainIdle();
    assert.equal(settled.at(-1), 'list a,b');
    await Promise.all([...started, listed]);
    await Promise.all(['a', 'b'].map((a) => keychain.delete(s, a)));
  });

  it('OsKeychain lists and reads while another program deletes entries under the same service', async (t) => {
    if (!needsKeyring(t)) return;
    // A search finds an item's path and then reads it; an item deleted in between made the Secret
    // Service answer "No such interface … on object", which once read as "no keychain at all".
    const s = `${service}-race`;
    let churning = true;
    let churned = 0;
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        const other = new AsyncEntry(s, `other-${i % 4}`, LINUX_STORE);
        await other.setPassword(`secret-${i}`);
        await other.deleteCredential();
        churned++;
      }
    })();
    try {
      await keychain.set(s, 'kept', 'stays');
      for (let i = 0; i < 60; i++) {
        const listed = await keychain.list(s);
        assert.ok(listed.includes('kept'), `round ${i}: ${listed.join(', ')}`);
        assert.ok(listed.every((a) => a === 'kept' || a.startsWith('other-')));
        assert.equal(await keychain.get(s, 'kept'), 'stays');
      }
    } finally {
      churning = false;
      await churn;
    }
    assert.ok(churned > 20, `entries were created and deleted meanwhile (${churned})`);
    assert.equal(await keychain.delete(s, 'kept'), true);
  });

  it('leaves no uid, password or PIN on disk outside the keyring, nor in clear inside it', (t) => {
    if (!needsKeyring(t)) return;
    assert.ok(secrets.uids.size >= 4 && secrets.passwords.size >= 4 && secrets.pins.size >= 4);
    const home = process.env.HOME ?? '';
    assert.ok(home.includes('oneshot-test-home-'), `HOME is run.mjs's temporary home, not ${home}`);
    const keyrings = filesUnder(join(home, '.local/share/keyrings')).filter((f) => f.endsWith('.keyring'));
    assert.ok(keyrings.length > 0, 'the keyring file is written (and searched below)');
    assert.deepEqual(filesContaining([home], allSecrets()), []);
    // The sandbox is the server: it knows its uids, but never a password or a PIN.
    assert.deepEqual(filesContaining([sandbox.dataDir], [...secrets.passwords, ...secrets.pins]), []);
  });
});

describe('without a keychain', () => {
  const fixture = join(REPO, 'test/core/fixtures/vault-no-keychain.ts');
  const tsx = requireHere.resolve('tsx');
  const secretService = ['linux', 'freebsd', 'openbsd'].includes(process.platform);

  async function runFixture(busAddress: string, timeoutMs: number) {
    const root = mkdtempSync(join(tmpdir(), 'oneshot-nokeychain-'));
    const dirs = { home: join(root, 'home'), cwd: join(root, 'cwd'), tmp: join(root, 'tmp') };
    for (const d of Object.values(dirs)) mkdirSync(d);
    const secret = `fixture-${randomUUID()}`;
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', tsx, fixture], {
      cwd: dirs.cwd,
      env: {
        PATH: process.env.PATH,
        HOME: dirs.home,
        XDG_DATA_HOME: join(dirs.home, '.local/share'),
        XDG_CONFIG_HOME: join(dirs.home, '.config'),
        XDG_CACHE_HOME: join(dirs.home, '.cache'),
        TMPDIR: dirs.tmp,
        DBUS_SESSION_BUS_ADDRESS: busAddress,
        FIXTURE_SECRET: secret,
        FIXTURE_TIMEOUT_MS: String(timeoutMs),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    clearTimeout(killer);
    const elapsedMs = Date.now() - started;
    assert.equal(code, 0, `fixture failed (${code}): ${err}`);
    const result = JSON.parse(out) as Record<
      string,
      { name: string; reason?: string; message: string } | number
    >;
    const leaked = filesContaining(Object.values(dirs), [secret]);
    const homeFiles = filesUnder(dirs.home);
    rmSync(root, { recursive: true, force: true });
    return { result, elapsedMs, leaked, homeFiles };
  }

  it('checkKeychainAvailable refuses within seconds, says what is missing, and no file holds the secret', async (t) => {
    if (!secretService)
      return t.skip('the D-Bus session bus matters only where the keychain is a Secret Service');
    const { result, elapsedMs, leaked, homeFiles } = await runFixture('unix:path=/nonexistent', 5_000);
    assert.ok(elapsedMs < 15_000, `took ${elapsedMs} ms`);
    for (const step of ['check', 'set'] as const) {
      const r = result[step];
      assert.ok(typeof r === 'object', `${step}: ${JSON.stringify(r)}`);
      assert.equal(r.name, 'KeychainUnavailableError');
      assert.equal(r.reason, 'unreachable');
      assert.match(r.message, /No secure keychain \(Secret Service\) is available on this computer/);
      assert.match(r.message, /install and unlock GNOME Keyring or KWallet/);
      assert.match(r.message, /refuses to store RAO tokens in a plain file/);
    }
    assert.ok(Number(result.checkMs) < 3_000, `check took ${JSON.stringify(result.checkMs)} ms`);
    assert.deepEqual(leaked, []);
    assert.deepEqual(homeFiles, [], 'nothing written to HOME');
  });

  it('a session bus that never answers is a timeout, not a frozen app', async (t) => {
    if (!secretService)
      return t.skip('the D-Bus session bus matters only where the keychain is a Secret Service');
    const dir = mkdtempSync(join(tmpdir(), 'oneshot-mutebus-'));
    const socketPath = join(dir, 'bus');
    const server: Server = createServer((socket) => socket.on('data', () => {}));
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const { result, elapsedMs, leaked } = await runFixture(`unix:path=${socketPath},guid=0123`, 1_500);
      const check = result.check;
      assert.ok(typeof check === 'object', JSON.stringify(check));
      assert.equal(check.name, 'KeychainUnavailableError');
      assert.equal(check.reason, 'timeout');
      assert.match(check.message, /did not answer within 2 s/);
      assert.match(check.message, /refuses to store RAO tokens in a plain file/);
      assert.ok(elapsedMs < 15_000, `took ${elapsedMs} ms`);
      assert.deepEqual(leaked, []);
    } finally {
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the D-Bus addresses libdbus accepts', () => {
    assert.deepEqual(endpointOf('unix:path=/run/user/1000/bus'), { path: '/run/user/1000/bus' });
    assert.deepEqual(endpointOf('unix:path=/tmp/my%20bus,guid=abc'), { path: '/tmp/my bus' });
    assert.deepEqual(endpointOf('unix:abstract=/tmp/dbus-x,guid=1'), { path: '\0/tmp/dbus-x' });
    assert.deepEqual(endpointOf('tcp:host=127.0.0.1,port=5555'), { host: '127.0.0.1', port: 5555 });
    assert.equal(endpointOf('autolaunch:'), undefined);
    assert.equal(endpointOf('launchd:env=DBUS_LAUNCHD_SESSION_BUS_SOCKET'), undefined);
  });
});
