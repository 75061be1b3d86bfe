// Bundles the Node-side entry points with esbuild into dist/, so they run with plain `node`
// (and, later, inside Electron's main process). Native modules stay external.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  external: ['better-sqlite3', 'electron'],
  // Some bundled CommonJS dependencies call require(); give ESM output a real one.
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: { 'sandbox/cli': 'electron/sandbox/cli.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
});
console.log('built dist/sandbox/cli.mjs');
