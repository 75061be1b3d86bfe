// Bundles the Node-side entry points with esbuild into dist/, so they run with plain `node` (no
// TypeScript compiled at launch) and inside Electron: the CLI, the browser host and the sandbox CLI
// (ESM, split so that what a command does not need stays in chunks it never loads), Electron's main
// process (ESM) and the preload (CommonJS, as sandboxed preloads must be). Native modules and
// electron stay external.
//
// Usage: node build/bundle.mjs [--if-stale]
//   --if-stale  do nothing when dist/ matches the source (test/run.mjs, build/launch.mjs)
//
// Processes may be running from dist/ while it is rebuilt (tests, a desk left open): every file is
// written beside its place and renamed over it, and chunks are named by their content and kept for
// a day after the last build that used them, so a running process never loads half a file or
// misses a chunk it imports late.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENTRIES, ROOT, STAMP, staleReason } from './dist-state.mjs';

const DIST = join(ROOT, 'dist');
const CHUNKS = join(DIST, 'chunks');
/** A chunk no current entry imports is removed this long after it was last written. */
const CHUNK_KEEP_MS = 24 * 60 * 60_000;

// electron-updater picks its platform updater with lazy require()s: it stays a runtime dependency.
const external = ['better-sqlite3', '@napi-rs/keyring', 'electron', 'electron-updater'];
const common = {
  absWorkingDir: ROOT,
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
  metafile: true,
  write: false,
  outdir: DIST,
};
// Some bundled CommonJS dependencies call require(); give ESM output a real one.
const esmBanner = {
  js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
};
const entryName = (file) => file.replace(/^dist\//, '').replace(/\.mjs$/, '');

/** Builds every bundle; resolves with the seconds it took. */
export async function bundle() {
  const { build, stop } = await import('esbuild');
  const started = Date.now();
  const results = await Promise.all([
    build({
      ...common,
      format: 'esm',
      banner: esmBanner,
      splitting: true,
      entryPoints: {
        [entryName(ENTRIES.cli)]: 'electron/core/cli/main.ts',
        [entryName(ENTRIES.host)]: 'electron/host/cli.ts',
        [entryName(ENTRIES.sandbox)]: 'electron/sandbox/cli.ts',
      },
      chunkNames: 'chunks/[name]-[hash]',
      outExtension: { '.js': '.mjs' },
    }),
    build({
      ...common,
      format: 'esm',
      banner: esmBanner,
      entryPoints: { main: 'electron/main.ts' },
      outExtension: { '.js': '.mjs' },
    }),
    build({
      ...common,
      format: 'cjs',
      entryPoints: { preload: 'electron/preload.ts' },
      outExtension: { '.js': '.cjs' },
    }),
  ]);
  // esbuild's service process ends now, not when ours does: left running, it printed a Go
  // "all goroutines are asleep" dump into a test run once this process had exited.
  await stop();
  const written = new Set();
  for (const file of results.flatMap((r) => r.outputFiles)) {
    mkdirSync(dirname(file.path), { recursive: true });
    const temporary = `${file.path}.${process.pid}.tmp`;
    writeFileSync(temporary, file.contents);
    renameSync(temporary, file.path);
    written.add(file.path);
  }
  removeOldChunks(written);
  const inputs = new Set(
    results.flatMap((r) => Object.keys(r.metafile.inputs)).filter((f) => !f.startsWith('node_modules/')),
  );
  const stamp = { builtAt: started, inputs: [...inputs].sort() };
  writeFileSync(`${STAMP}.${process.pid}.tmp`, JSON.stringify(stamp));
  renameSync(`${STAMP}.${process.pid}.tmp`, STAMP);
  return (Date.now() - started) / 1000;
}

function removeOldChunks(written) {
  let names = [];
  try {
    names = readdirSync(CHUNKS);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    const path = join(CHUNKS, name);
    if (written.has(path)) continue;
    try {
      if (now - statSync(path).mtimeMs > CHUNK_KEEP_MS) rmSync(path, { force: true });
    } catch {
      // Another build removed it first.
    }
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ifStale = process.argv.includes('--if-stale');
  const reason = ifStale ? staleReason() : 'asked';
  if (reason === null) {
    console.log('dist/ is up to date with the source: nothing to bundle.');
  } else {
    const seconds = await bundle();
    const because = ifStale ? ` (${reason})` : '';
    const built = [...Object.values(ENTRIES), 'dist/main.mjs', 'dist/preload.cjs'];
    console.log(`built ${built.join(', ')} in ${seconds.toFixed(1)} s${because}`);
  }
}
