// Runs every test file under test/ with node's own test runner, TypeScript through tsx.
// Node 20's `--test` does not expand globs itself, so the files are listed here.
//
// The keychain tests need a real Secret Service. When none is running and dbus-run-session and
// gnome-keyring-daemon are installed, this script re-runs itself inside a private D-Bus session
// with a temporary HOME, so no developer keychain is ever touched, and keeps an unlocked
// gnome-keyring-daemon running there for the whole run:
// - the bus has no activation directories, so a daemon that dies is never silently replaced by
//   an activated one whose login keyring is locked (every keychain call would then wait on an
//   unlock prompt no one can answer);
// - the daemon runs in the foreground as this script's child: if it exits, the run says when and
//   how, and starts it again with the same password, which unlocks the same login keyring.
// Every test has a deadline and the whole run has one, so a hang fails with the names of the
// files still running instead of stalling CI.
// Usage: node test/run.mjs [substring filter...]
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawn, spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);
const KEYRING_PASSWORD = 'test-keyring';
/**
 * One test (or hook) that takes longer than this has hung. Node applies it to each file as a whole
 * too, and cli-dialects, the longest file, takes about 3 minutes on a quiet 2-core machine.
 */
const TEST_TIMEOUT_MS = 20 * 60_000;
/** The whole run, inside CI's 90 minutes with room for the install, lint and build before it. */
const RUN_TIMEOUT_MS = 70 * 60_000;

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
const stamp = () => new Date().toISOString().slice(11, 19);
const say = (line) => process.stderr.write(`test/run.mjs ${stamp()}: ${line}\n`);

// A session bus like Debian's session.conf, without <standard_session_servicedirs/>.
const BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <limit name="max_incoming_bytes">1000000000</limit>
  <limit name="max_outgoing_bytes">1000000000</limit>
  <limit name="max_message_size">1000000000</limit>
  <limit name="max_completed_connections">100000</limit>
  <limit name="max_connections_per_user">100000</limit>
</busconfig>
`;

if (!process.env.ONESHOT_TEST_KEYRING && has('dbus-run-session') && has('gnome-keyring-daemon')) {
  const home = mkdtempSync(join(tmpdir(), 'oneshot-test-home-'));
  const busConfig = join(home, 'session-bus.conf');
  writeFileSync(busConfig, BUS_CONFIG);
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

/** Starts an unlocked gnome-keyring-daemon and keeps one running until stop(). */
function superviseKeyring() {
  let daemon;
  let stopping = false;
  let starts = 0;
  const start = () =>
    new Promise((resolve, reject) => {
      starts += 1;
      const child = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      daemon = child;
      let out = '';
      let err = '';
      let ready = false;
      child.stdout.on('data', (chunk) => {
        out += chunk;
        // In the foreground the daemon prints its environment once it serves the bus.
        if (!ready && out.includes('GNOME_KEYRING_CONTROL=')) {
          ready = true;
          resolve();
        }
      });
      child.stderr.on('data', (chunk) => (err = (err + chunk).slice(-2000)));
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (!ready)
          return reject(new Error(`gnome-keyring-daemon did not start (${signal ?? code}): ${err}`));
        if (stopping) return;
        say(
          `gnome-keyring-daemon (pid ${child.pid}) exited with ${signal ?? `status ${code}`}; ` +
            `starting it again. Its last words: ${err.trim() || '(none)'}`,
        );
        start().catch((e) => say(String(e)));
      });
      child.stdin.end(`${KEYRING_PASSWORD}\n`);
    });
  return {
    start,
    stop() {
      stopping = true;
      daemon?.kill('SIGTERM');
      return starts;
    },
  };
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

const keyring = process.env.ONESHOT_TEST_KEYRING_SUPERVISE ? superviseKeyring() : undefined;
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
