// Where each file may run (STYLE.md item 9), checked on the source text: core, sandbox and shared
// never import electron; the renderer never imports Node modules.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../..', import.meta.url).pathname;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return /\.(c|m)?[jt]sx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every module specifier: static and type imports, re-exports, dynamic import() and require(). */
function importedModules(source: string): string[] {
  const patterns = [
    /\b(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  return patterns.flatMap((re) => [...source.matchAll(re)].map((m) => m[1]!));
}

function offenders(dirs: string[], forbidden: (specifier: string) => boolean): string[] {
  return dirs
    .flatMap((dir) => sourceFiles(join(root, dir)))
    .flatMap((file) =>
      importedModules(readFileSync(file, 'utf8'))
        .filter(forbidden)
        .map((specifier) => `${relative(root, file)} imports ${specifier}`),
    );
}

const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
const NODE_BUILTINS = new Set(
  [
    'fs',
    'path',
    'os',
    'child_process',
    'crypto',
    'http',
    'https',
    'net',
    'url',
    'module',
    'process',
    'buffer',
    'stream',
    'worker_threads',
    'util',
    'events',
    'zlib',
    'tls',
    'dns',
  ].flatMap((m) => [m, `${m}/promises`]),
);
const isNode = (s: string) => s.startsWith('node:') || NODE_BUILTINS.has(s);

describe('runtime boundaries', () => {
  it('the checker sees every kind of import', () => {
    const source = [
      "import { app } from 'electron';",
      "import type { Session } from 'electron';",
      "export { x } from 'electron/main';",
      "import 'electron';",
      "const e = require('electron');",
      "const m = await import('electron');",
      "import {\n  a,\n  b,\n} from 'node:fs';",
    ].join('\n');
    assert.deepEqual(importedModules(source).sort(), [
      'electron',
      'electron',
      'electron',
      'electron',
      'electron',
      'electron/main',
      'node:fs',
    ]);
  });

  it('electron/core, electron/sandbox and shared never import electron', () => {
    const files = ['electron/core', 'electron/sandbox', 'shared'].flatMap((d) => sourceFiles(join(root, d)));
    assert.ok(files.length > 10, 'the source folders were not found');
    assert.deepEqual(offenders(['electron/core', 'electron/sandbox', 'shared'], isElectron), []);
  });

  it('electron/core never imports electron/sandbox (the training sandbox starts from the entry points)', () => {
    const coreFiles = sourceFiles(join(root, 'electron/core'));
    assert.ok(coreFiles.length > 10, 'the core folder was not found');
    const sandboxDir = join(root, 'electron/sandbox');
    const found = coreFiles.flatMap((file) =>
      importedModules(readFileSync(file, 'utf8'))
        .filter((s) => s.startsWith('.'))
        .filter((s) => {
          const target = join(file, '..', s);
          return target === sandboxDir || target.startsWith(`${sandboxDir}/`);
        })
        .map((s) => `${relative(root, file)} imports ${s}`),
    );
    assert.deepEqual(found, []);
    assert.ok(!existsSync(join(root, 'electron/core/training.ts')), 'training.ts is back in core');
  });

  it('renderer/ imports no Node module', () => {
    assert.deepEqual(offenders(['renderer'], isNode), []);
  });

  it('the preload imports nothing from Node but electron', () => {
    const specifiers = importedModules(readFileSync(join(root, 'electron/preload.ts'), 'utf8'));
    assert.deepEqual(specifiers.filter(isNode), []);
  });

  it('the preload bundle carries names, not schemas: no zod, a few kilobytes', async () => {
    const { build } = await import('esbuild');
    const out = await build({
      entryPoints: [join(root, 'electron/preload.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      metafile: true,
    });
    const inputs = Object.keys(out.metafile.inputs);
    assert.deepEqual(
      inputs.filter((i) => i.includes('node_modules')),
      [],
      'the preload pulls in a package',
    );
    assert.ok(!inputs.some((i) => i.endsWith('shared/contract.ts')), 'the preload bundles the schemas');
    const size = out.outputFiles[0]?.contents.byteLength ?? 0;
    assert.ok(size < 16_000, `preload bundle is ${size} bytes`);
  });
});
