// Bundles the Node-side entry points with esbuild into dist/, so they run with plain `node` and
// inside Electron: the sandbox CLI, Electron's main process (ESM) and the preload (CommonJS, as
// sandboxed preloads must be). Native modules and electron stay external.
import { build } from 'esbuild';

// electron-updater picks its platform updater with lazy require()s: it stays a runtime dependency.
const external = ['better-sqlite3', '@napi-rs/keyring', 'electron', 'electron-updater'];
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external,
  logLevel: 'warning',
};
// Some bundled CommonJS dependencies call require(); give ESM output a real one.
const esmBanner = {
  js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
};

await build({
  ...common,
  format: 'esm',
  banner: esmBanner,
  entryPoints: { 'sandbox/cli': 'electron/sandbox/cli.ts', main: 'electron/main.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
});
await build({
  ...common,
  format: 'cjs',
  entryPoints: { preload: 'electron/preload.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
});
console.log('built dist/sandbox/cli.mjs, dist/main.mjs, dist/preload.cjs');
