// Runs every test file under test/ with node's own test runner, TypeScript through tsx.
// Node 20's `--test` does not expand globs itself, so the files are listed here.
// The keychain tests need a real Secret Service: when none is running and dbus-run-session and
// gnome-keyring-daemon are installed, this script re-runs itself inside a private D-Bus session
// with an unlocked keyring and a temporary HOME, so no developer keychain is ever touched.
// Usage: node test/run.mjs [substring filter...]
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2);

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

if (!process.env.ONESHOT_TEST_KEYRING && has('dbus-run-session') && has('gnome-keyring-daemon')) {
  const home = mkdtempSync(join(tmpdir(), 'oneshot-test-home-'));
  const script =
    'printf "test-keyring\\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "$@"';
  const result = spawnSync(
    'dbus-run-session',
    ['--', 'sh', '-c', script, 'sh', process.execPath, ...process.argv.slice(1)],
    {
      cwd: root,
      stdio: 'inherit',
      env: {
        ...process.env,
        HOME: home,
        XDG_DATA_HOME: join(home, '.local/share'),
        ONESHOT_TEST_KEYRING: 'gnome-keyring',
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
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
