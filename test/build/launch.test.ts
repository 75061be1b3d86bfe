// `npm run cli|start:web|sandbox` go through build/launch.mjs: a dist/ never built is one line
// saying what to run, a source newer than the build is noticed, and the bundle gets its own
// arguments. Each case runs the real launcher copied into a folder of its own (its ROOT).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/sandbox-process';

const work = mkdtempSync(join(tmpdir(), 'launch-'));
after(() => rmSync(work, { recursive: true, force: true }));

function checkout(name: string): string {
  const root = join(work, name);
  mkdirSync(join(root, 'build'), { recursive: true });
  const anHourAgo = new Date(Date.now() - 3_600_000);
  for (const file of ['launch.mjs', 'dist-state.mjs']) {
    copyFileSync(join(REPO_ROOT, 'build', file), join(root, 'build', file));
    // Older than any build stamp below: the launcher's own files count as sources too.
    utimesSync(join(root, 'build', file), anHourAgo, anHourAgo);
  }
  return root;
}

const launch = (root: string, ...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'build/launch.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, ONESHOT_DIST_FIXED: '' },
  });

describe('build/launch.mjs', () => {
  it('says in one line to run npm run build when dist/ was never built, for each script', () => {
    const root = checkout('never-built');
    for (const [name, file] of [
      ['cli', 'dist/cli.mjs'],
      ['host', 'dist/host/cli.mjs'],
      ['sandbox', 'dist/sandbox/cli.mjs'],
    ]) {
      const run = launch(root, name!, 'status');
      assert.equal(run.status, 1);
      assert.equal(
        run.stderr,
        `One-Shot Desk is not built yet (${file} is missing): run \`npm run build\` first.\n`,
      );
      assert.equal(run.stdout, '');
    }
  });

  it('runs an up-to-date bundle with its own arguments, and notices a changed or removed source', async () => {
    const root = checkout('built');
    mkdirSync(join(root, 'dist/host'), { recursive: true });
    mkdirSync(join(root, 'dist/sandbox'), { recursive: true });
    const bundle = 'process.stdout.write(JSON.stringify(process.argv.slice(2)));\n';
    for (const file of ['dist/cli.mjs', 'dist/host/cli.mjs', 'dist/sandbox/cli.mjs'])
      writeFileSync(join(root, file), bundle);
    writeFileSync(join(root, 'source.ts'), 'export {};\n');
    const builtAt = Date.now();
    utimesSync(join(root, 'source.ts'), new Date(builtAt - 60_000), new Date(builtAt - 60_000));
    writeFileSync(join(root, 'dist/bundle-stamp.json'), JSON.stringify({ builtAt, inputs: ['source.ts'] }));

    const run = launch(root, 'cli', 'status', '--data', 'x');
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout), ['status', '--data', 'x']);
    assert.equal(run.stderr, '');

    const state = (await import(pathToFileURL(join(root, 'build/dist-state.mjs')).href)) as {
      staleReason(): string | null;
    };
    assert.equal(state.staleReason(), null);
    utimesSync(join(root, 'source.ts'), new Date(builtAt + 60_000), new Date(builtAt + 60_000));
    assert.equal(state.staleReason(), 'source.ts changed since the last build');
    rmSync(join(root, 'source.ts'));
    assert.equal(state.staleReason(), 'source.ts was removed since the last build');
  });
});
