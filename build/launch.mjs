// `npm run cli|start:web|sandbox`: runs a bundle from dist/ with plain node, in this very process
// (no second node, no TypeScript compiled at launch).
// Usage: node build/launch.mjs <cli|host|sandbox> [arguments for it...]
// - dist/ never built (a fresh clone before `npm run build`): one line saying so, exit 1.
// - the source changed since the last build (a `git pull`, an edit): bundled again first, saying
//   so in one line (a few seconds; `npm run build` does the same and more). The check is a stat() of
//   each bundled source, a few milliseconds.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ENTRIES, ROOT, staleReason } from './dist-state.mjs';

const name = process.argv[2];
const entry = ENTRIES[name];
if (!entry) {
  process.stderr.write(
    `build/launch.mjs: unknown bundle "${name}" (one of ${Object.keys(ENTRIES).join(', ')})\n`,
  );
  process.exit(2);
}
// The bundle reads its own arguments from process.argv.slice(2), as when run directly.
process.argv.splice(2, 1);

const file = join(ROOT, entry);
if (!existsSync(file)) {
  process.stderr.write(
    `One-Shot Desk is not built yet (${entry} is missing): run \`npm run build\` first.\n`,
  );
  process.exit(1);
}
// test/run.mjs has just bundled dist/ for its run: the tests run that, whatever changes meanwhile.
const stale = process.env.ONESHOT_DIST_FIXED ? null : staleReason();
if (stale !== null) {
  process.stderr.write(`One-Shot Desk: ${stale}: bundling dist/ again first…\n`);
  try {
    const { bundle } = await import('./bundle.mjs');
    await bundle();
  } catch (error) {
    // esbuild has already printed the error with its file and line.
    const first = String(error?.message ?? error).split('\n')[0];
    process.stderr.write(
      `One-Shot Desk could not be bundled (${first}): fix the source or run \`npm run build\` to see why.\n`,
    );
    process.exit(1);
  }
}
await import(pathToFileURL(file).href);
