// What dist/ holds and whether it still matches the source, without loading esbuild: the launcher
// (build/launch.mjs) asks at every start, so this stays a few stat() calls (about 250 files).
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('..', import.meta.url).pathname;
/** Written last by build/bundle.mjs: when the build started and every file it read. */
export const STAMP = join(ROOT, 'dist', 'bundle-stamp.json');

/** The bundles people run, by script name (package.json runs them through build/launch.mjs). */
export const ENTRIES = {
  cli: 'dist/cli.mjs',
  host: 'dist/host/cli.mjs',
  sandbox: 'dist/sandbox/cli.mjs',
};

/**
 * Files whose change makes a bundle stale besides the bundled sources: dependencies are read from
 * node_modules, which `npm ci` rewrites along with its own lock (node_modules/.package-lock.json);
 * a `git pull` that changes dependencies changes package-lock.json.
 */
export const ALSO_WATCHED = [
  'package.json',
  'package-lock.json',
  'node_modules/.package-lock.json',
  'build/bundle.mjs',
  'build/dist-state.mjs',
];

/**
 * Why dist/ no longer matches the source (naming the first changed file, relative to the
 * repository), or null when it does. A file changed after the build started, or gone, makes it stale: a `git pull`
 * or `git checkout` gives every file it writes a new modification time.
 */
export function staleReason() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return 'dist/ has not been bundled yet';
  }
  for (const file of stamp.inputs) {
    const mtimeMs = mtime(file);
    // A bundled source that is gone is a change too.
    if (mtimeMs === null) return `${file} was removed since the last build`;
    if (mtimeMs > stamp.builtAt) return `${file} changed since the last build`;
  }
  for (const file of ALSO_WATCHED) {
    const mtimeMs = mtime(file);
    if (mtimeMs !== null && mtimeMs > stamp.builtAt) return `${file} changed since the last build`;
  }
  for (const file of Object.values(ENTRIES)) if (mtime(file) === null) return `${file} is missing`;
  return null;
}

function mtime(file) {
  try {
    return statSync(join(ROOT, file)).mtimeMs;
  } catch {
    return null;
  }
}
