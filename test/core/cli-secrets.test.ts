// The CLI's secrets stay out of the process list (issue 16, items 4 and 9): the token from the
// environment, a mode-checked file, standard input or the keychain; the external value from the
// environment, a file or standard input. /proc/<pid>/cmdline of the running CLI is read to prove
// it. --token and --ext-auth still work but warn; a malformed --ext-auth never echoes the value.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makePdf } from '../fixtures/pdfs';
import { runCliToEnd, startCli, type CliRun } from '../helpers/cli-process';
import { PRESET_TOKEN_UID, SIGNER } from '../helpers/sandbox';
import { spawnSandbox, type SandboxProcess } from '../helpers/sandbox-process';

const SKIP =
  process.env.ONESHOT_TEST_KEYRING !== undefined
    ? false
    : 'no Secret Service: run through node test/run.mjs (the CLI keeps tokens in the keychain)';
const work = mkdtempSync(join(tmpdir(), 'cli-secrets-'));
const EXT_VALUE = 'bio-cmdline-7f3a9c';
const WARNING = /can be read by every user of this computer/;

/** The environment without any secret of the test runner's own. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { ONESHOT_TOKEN: _t, ONESHOT_EXT_AUTH: _e, ...rest } = process.env;
  return { ...rest, ...extra };
}

/** The running CLI's command line as every local user can read it. */
function cmdline(run: CliRun): string {
  const pid = run.child.pid;
  assert.ok(pid !== undefined);
  return readFileSync(`/proc/${pid}/cmdline`).toString('utf8').split('\0').join(' ');
}

async function finish(run: CliRun, stdin?: string) {
  if (stdin !== undefined) run.child.stdin!.write(stdin);
  run.child.stdin!.end();
  return run.done;
}

describe('CLI secrets', { skip: SKIP }, () => {
  let sandbox: SandboxProcess;
  let signer: string;
  let docs: string;
  before(async () => {
    sandbox = await spawnSandbox(['--port', '0']);
    signer = join(work, 'signer.json');
    writeFileSync(signer, JSON.stringify(SIGNER));
    docs = join(work, 'docs');
    mkdirSync(docs);
    writeFileSync(join(docs, 'a.pdf'), await makePdf({ pages: 1, text: 'cli secrets' }));
  });
  after(async () => sandbox.kill());

  const base = (tag: string): string[] => [
    'sign',
    '--optimizer',
    sandbox.baseUrl,
    '--signer',
    signer,
    '--out',
    join(work, `out-${tag}`),
    '--data',
    join(work, 'data'),
  ];

  it('takes the token from ONESHOT_TOKEN and the value from a 0600 file; neither is in /proc/<pid>/cmdline', async () => {
    const file = join(work, 'ext-auth');
    writeFileSync(file, `biometric:${EXT_VALUE}\n`, { mode: 0o600 });
    const run = startCli([...base('env'), '--ext-auth-file', file, docs], {
      env: env({ ONESHOT_TOKEN: PRESET_TOKEN_UID }),
    });
    const seen = cmdline(run);
    const result = await finish(run);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!seen.includes(PRESET_TOKEN_UID) && !seen.includes(EXT_VALUE), seen);
    assert.doesNotMatch(result.stderr, WARNING);
    assert.ok(existsSync(join(work, 'out-env', 'a.signed.pdf')));
  });

  it('uses the token the keychain remembers (--rao, or the only one) and the value from standard input', async () => {
    const run = startCli([...base('rao'), '--rao', 'sandbox-rao', '--ext-auth-stdin', docs], { env: env() });
    const seen = cmdline(run);
    const result = await finish(run, `biometric:${EXT_VALUE}\n`);
    assert.equal(result.code, 0, result.stderr);
    assert.ok(!seen.includes(PRESET_TOKEN_UID) && !seen.includes(EXT_VALUE), seen);

    const only = await finish(
      startCli([...base('only'), docs], { env: env({ ONESHOT_EXT_AUTH: `biometric:${EXT_VALUE}` }) }),
    );
    assert.equal(only.code, 0, only.stderr);

    const unknown = await finish(
      startCli([...base('x'), '--rao', 'nobody', '--ext-auth-stdin', docs], { env: env() }),
      'biometric:x\n',
    );
    assert.equal(unknown.code, 2);
    assert.match(
      unknown.stderr,
      /--rao nobody: the keychain keeps no token of this RAO .*\(it keeps: sandbox-rao\)/,
    );
  });

  it('still accepts --token and --ext-auth on the command line, with a warning for each', async () => {
    const result = await runCliToEnd([
      ...base('argv'),
      '--token',
      PRESET_TOKEN_UID,
      '--ext-auth',
      `biometric:${EXT_VALUE}`,
      docs,
    ]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /warning: --token on the command line can be read by every user/);
    assert.match(result.stderr, /warning: --ext-auth on the command line can be read by every user/);
  });

  it('refuses a readable secret file, two ways at once and two readers of standard input, never echoing a value', async () => {
    const loose = join(work, 'loose-token');
    writeFileSync(loose, PRESET_TOKEN_UID);
    chmodSync(loose, 0o644);
    const checks: { args: string[]; env?: Record<string, string>; want: RegExp }[] = [
      {
        args: ['--token-file', loose, '--otp-stdin'],
        want: /--token-file .*loose-token: other users of this computer can read this file \(mode 644\); run "chmod 600 /,
      },
      {
        args: ['--token-stdin', '--otp-stdin'],
        want: /--token-stdin and --otp-stdin would both read standard input/,
      },
      {
        args: ['--token-file', loose, '--otp-stdin'],
        env: { ONESHOT_TOKEN: PRESET_TOKEN_UID },
        want: /the token was given 2 ways \(--token-file, ONESHOT_TOKEN\)/,
      },
      {
        args: ['--ext-auth', EXT_VALUE],
        want: /--ext-auth must be TYPE:VALUE.*no colon \(it is not repeated here\)/,
      },
      {
        args: ['--otp-stdin'],
        env: { ONESHOT_EXT_AUTH: `${EXT_VALUE}:` },
        want: /ONESHOT_EXT_AUTH must be TYPE:VALUE.*no VALUE after the colon/,
      },
    ];
    for (const check of checks) {
      const result = await finish(startCli([...base('bad'), ...check.args, docs], { env: env(check.env) }));
      assert.equal(result.code, 2, `${check.args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, check.want);
      assert.ok(!result.stderr.includes(EXT_VALUE), `the value is not echoed: ${result.stderr}`);
      assert.ok(!result.stderr.includes(PRESET_TOKEN_UID), `the token is not echoed: ${result.stderr}`);
    }
  });
});
