// Doyensec's electronegativity over electron/: every high or medium finding must be written down
// in build/electronegativity-exceptions.json with its reason, so a new one fails the build.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { REPO_ROOT } from '../helpers/sandbox-process';

it('leaves no high or medium electronegativity finding unexplained', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'eneg-')), 'findings.csv');
  const run = spawnSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js'),
      '--input',
      join(REPO_ROOT, 'electron'),
      // The version is pinned, and this check would ask the network for Electron's release list.
      '--electron-version',
      '45.4.1',
      '--exclude-checks',
      'AvailableSecurityFixesGlobalCheck',
      '--relative',
      '--output',
      out,
    ],
    { cwd: REPO_ROOT, encoding: 'utf8' },
  );
  assert.equal(run.status, 0, run.stderr);
  const rows = readFileSync(out, 'utf8')
    .split('\n')
    .slice(1)
    .filter((l) => l.trim() !== '');
  const findings = rows.map((row) => {
    const [check, severity] = row.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    return { check: check ?? '', severity: severity ?? '' };
  });
  const exceptions = JSON.parse(
    readFileSync(join(REPO_ROOT, 'build/electronegativity-exceptions.json'), 'utf8'),
  ) as Record<string, string>;
  const unexplained = findings.filter(
    (f) => /HIGH|MEDIUM/.test(f.severity) && !(exceptions[f.check] ?? '').trim(),
  );
  assert.deepEqual(unexplained, [], `unexplained findings:\n${rows.join('\n')}`);
  assert.ok(findings.length > 0, 'the scan ran and found the reviewed patterns');
});
