// Runs every test file under test/ with node's own test runner, TypeScript through tsx.
// Node 20's `--test` does not expand globs itself, so the files are listed here.
//
// The CLI, the browser host and the sandbox run in the tests as people run them: bundled in dist/.
// So first this bundles them again if any source changed since the last build (a few seconds; a
// few milliseconds when nothing changed), and `node test/run.mjs x` always tests the current
// source. ONESHOT_DIST_FIXED tells build/launch.mjs (`npm run sandbox` in a test) to run that
// bundle as it is, even if someone edits a file during the run.
//
// The keychain tests need a real Secret Service. When none is running and dbus-run-session and
// gnome-keyring-daemon are installed, this script re-runs itself inside a private D-Bus session
// with a temporary HOME, so no developer keychain is ever touched, and keeps an unlocked
// gnome-keyring-daemon running there for the whole run (keyring-daemon.mjs says why and how).
// Every test has a deadline and the whole run has one, so a hang fails with the names of the
// files still running instead of stalling CI.
// Usage: node test/run.mjs [substring filter...]
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { superviseKeyring, writeBusConfig } from './keyring-daemon.mjs';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
/**
 * One test (or hook) that takes longer than this has hung. Node applies it to each file as a whole
 * too, and cli-dialects, the longest file, takes about 3 minutes on a quiet 2-core machine.
 */
const TEST_TIMEOUT_MS = 20 * 60_000;
/** The whole run, inside CI's 90 minutes with room for the install, lint and build before it. */
const RUN_TIMEOUT_MS = 70 * 60_000;

if (!process.env.ONESHOT_DIST_FIXED) {
  const bundled = spawnSync(process.execPath, [join(root, 'build/bundle.mjs'), '--if-stale'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (bundled.status !== 0) {
    console.error('The source could not be bundled (see above): the tests would run an old dist/.');
    process.exit(1);
  }
  process.env.ONESHOT_DIST_FIXED = '1';
}

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const stamp = () => new Date().toISOString().slice(11, 19);
const say = (line) => process.stderr.write(`test/run.mjs ${stamp()}: ${line}\n`);

if (!process.env.ONESHOT_TEST_KEYRING && has('dbus-run-session') && has('gnome-keyring-daemon')) {
  const home = mkdtempSync(join(tmpdir(), 'oneshot-test-home-'));
  const busConfig = writeBusConfig(home);
  const result = spawnSync(
    'dbus-run-session',
    [`--config-file=${busConfig}`, '--', process.execPath, ...process.argv.slice(1)],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: join(home, '.local/share'),
        ONESHOT_TEST_KEYRING: 'gnome-keyring',
        ONESHOT_TEST_KEYRING_SUPERVISE: '1',
      },
    },
  );
  rmSync(home, { recursive: true, force: true });
  process.exit(result.status ?? 1);
}
if (!process.env.ONESHOT_TEST_KEYRING) {
  console.warn('No dbus-run-session/gnome-keyring-daemon: keychain tests will report themselves as skipped.');
}

function collect(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'fixtures' || name === 'e2e' ? [] : collect(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

const files = collect(join(root, 'test'))
  .map((f) => relative(root, f))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort();
if (files.length === 0) {
  console.error('No test files matched.');
  process.exit(1);
}

const keyring = process.env.ONESHOT_TEST_KEYRING_SUPERVISE ? superviseKeyring(process.env, say) : undefined;
if (keyring) await keyring.start();

const runner = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-concurrency=2',
    `--test-timeout=${TEST_TIMEOUT_MS}`,
    ...files,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, ONESHOT_TEST_KEYRING_SUPERVISE: '' } },
);
const watchdog = setTimeout(() => {
  say(`the tests ran past ${RUN_TIMEOUT_MS / 60_000} minutes: stopping them (a hang).`);
  runner.kill('SIGTERM');
  setTimeout(() => runner.kill('SIGKILL'), 10_000).unref();
}, RUN_TIMEOUT_MS);
const [code, signal] = await new Promise((resolve) => runner.once('exit', (c, s) => resolve([c, s])));
clearTimeout(watchdog);
if (keyring) {
  const starts = keyring.stop();
  if (starts > 1) say(`the keyring daemon had to be started ${starts} times (see above).`);
}
process.exit(code ?? (signal ? 1 : 0));
