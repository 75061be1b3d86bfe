// The bridge's layout, checked on the source: its rooms import one another without a circle
// (guards.ts at the bottom, operations.ts at the top), no file of electron/core loads the
// sandbox, and each guard's refusal is written in one place only.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = new URL('../..', import.meta.url).pathname;
const bridgeDir = join(root, 'electron/core/bridge');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Every module a source names: imports (type-only too), re-exports, import() and require(). */
function specifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** The file a relative specifier names, as TypeScript would find it; null for a package. */
function resolveFrom(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  const base = join(dirname(file), specifier);
  const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
    (candidate) => existsSync(candidate) && statSync(candidate).isFile(),
  );
  return found ?? base;
}

/** The first circle found in a graph, as the files walked round it, or null. */
function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | null {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (node: string): string[] | null => {
    const at = path.indexOf(node);
    if (at >= 0) return [...path.slice(at), node];
    if (done.has(node)) return null;
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(node);
    return null;
  };
  for (const node of graph.keys()) {
    const cycle = visit(node);
    if (cycle) return cycle;
  }
  return null;
}

/** Each bridge file and the bridge files it imports. */
function bridgeGraph(): Map<string, string[]> {
  const files = sourceFiles(bridgeDir);
  return new Map(
    files.map((file) => [
      relative(bridgeDir, file),
      specifiers(readFileSync(file, 'utf8'))
        .map((s) => resolveFrom(file, s))
        .filter((target): target is string => target !== null && files.includes(target))
        .map((target) => relative(bridgeDir, target)),
    ]),
  );
}

describe('the bridge in rooms', () => {
  it('the checker sees every kind of import and finds a circle', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from './b';",
      "export { c } from './c';",
      "export type { D } from './d';",
      "const e = await import('./e');",
      "import {\n  f,\n  g,\n} from '../f';",
    ].join('\n');
    assert.deepEqual(specifiers(source).sort(), ['../f', './a', './b', './c', './d', './e']);
    const circle = new Map([
      ['operations.ts', ['jobs.ts']],
      ['jobs.ts', ['guards.ts']],
      ['guards.ts', ['operations.ts']],
    ]);
    assert.deepEqual(findCycle(circle), ['operations.ts', 'jobs.ts', 'guards.ts', 'operations.ts']);
    assert.equal(findCycle(new Map([...circle, ['guards.ts', []]])), null);
  });

  it('has a room for each part of the contract and one guards.ts, with no import circle', () => {
    const graph = bridgeGraph();
    for (const room of [
      'jobs',
      'review',
      'otp',
      'results',
      'files',
      'connection',
      'appearance',
      'templates',
      'audit',
      'settings',
      'guards',
      'operations',
    ])
      assert.ok(graph.has(`${room}.ts`), `electron/core/bridge/${room}.ts is missing`);
    assert.equal(findCycle(graph), null, `import circle: ${findCycle(graph)?.join(' → ')}`);
    // The rooms stand on guards.ts; operations.ts assembles them and nothing in the bridge imports it.
    assert.deepEqual(
      [...graph].filter(([, targets]) => targets.includes('operations.ts')).map(([file]) => file),
      [],
    );
    assert.ok(
      (graph.get('guards.ts') ?? []).every((target) => ['errors.ts', 'desktop.ts'].includes(target)),
      `guards.ts imports ${graph.get('guards.ts')?.join(', ')}`,
    );
  });

  it('no file of electron/core imports electron/sandbox', () => {
    const sandboxDir = join(root, 'electron/sandbox');
    const coreFiles = sourceFiles(join(root, 'electron/core'));
    assert.ok(coreFiles.length > 50, 'the core folder was not found');
    const found = coreFiles.flatMap((file) =>
      specifiers(readFileSync(file, 'utf8'))
        .filter((s) => {
          const target = resolveFrom(file, s);
          return target !== null && (target === sandboxDir || target.startsWith(`${sandboxDir}/`));
        })
        .map((s) => `${relative(root, file)} imports ${s}`),
    );
    assert.deepEqual(found, []);
  });

  it('raises no BridgeFailure without a problem the interface can word', () => {
    const bare = sourceFiles(bridgeDir)
      .filter((file) => !file.endsWith('/errors.ts'))
      .flatMap((file) => {
        const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
        const found: string[] = [];
        const visit = (node: ts.Node): void => {
          // new BridgeFailure(code, message, fields, problem): without the fourth, the screen shows English.
          if (
            ts.isNewExpression(node) &&
            node.expression.getText(source) === 'BridgeFailure' &&
            (node.arguments?.length ?? 0) < 4
          )
            found.push(
              `${relative(bridgeDir, file)}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`,
            );
          ts.forEachChild(node, visit);
        };
        visit(source);
        return found;
      });
    assert.deepEqual(bare, []);
  });

  it('writes each guard’s refusal once, in guards.ts', () => {
    const files = sourceFiles(bridgeDir);
    for (const words of ['That job no longer exists.', 'has already started', 'template no longer exists']) {
      const holders = files
        .filter((file) => readFileSync(file, 'utf8').includes(words))
        .map((file) => relative(bridgeDir, file));
      assert.deepEqual(holders, ['guards.ts'], `“${words}” is written in ${holders.join(', ')}`);
    }
  });
});
