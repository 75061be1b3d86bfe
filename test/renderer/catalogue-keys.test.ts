// No raw key on screen: every key the renderer asks i18next for exists in the English catalogue
// (Spanish and Polish are typed as English, so they have it too). A key missing from the
// catalogue shows as the key itself ("placement.props.rule") in every language.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { AUDIT_RESULTS } from '../../shared/audit-results';
import { CORNERS } from '../../shared/appearance';
import { SIGNATURE_LEVELS, STAMP_NOTES, STAMP_SOURCES } from '../../shared/contract-appearance';
import { ERROR_CODES } from '../../shared/contract-errors';
import { ID_IMAGE_SIDES } from '../../shared/contract-schemas';
import { JOB_STATES } from '../../shared/job';
import { catalogue } from '../../renderer/src/i18n/catalogue';

const root = new URL('../../renderer/src/', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'i18n' ? [] : sources(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

type Tree = { readonly [key: string]: string | Tree };
function keysOf(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'string' ? [path] : keysOf(value, path);
  });
}

const english = new Set(keysOf(catalogue.en));
/** i18next finds `key` itself, or its plural forms when called with a count. */
const exists = (key: string): boolean =>
  english.has(key) || english.has(`${key}_one`) || english.has(`${key}_other`);

/** `t('a.b')`, `t("a.b")`, `` t(`a.b`) `` and `` t(`a.${x}`) `` (its fixed start), also as `i18n.t(…)`. */
const CALL = /\bt\(\s*(?:'([^'\n]+)'|"([^"\n]+)"|`([^`\n]*)`)/g;

function calls(): { file: string; key: string; prefix: boolean }[] {
  return sources(root).flatMap((path) =>
    [...readFileSync(path, 'utf8').matchAll(CALL)].map((m) => {
      const literal = m[1] ?? m[2] ?? m[3] ?? '';
      const cut = literal.indexOf('${');
      return {
        file: relative(root, path),
        key: cut < 0 ? literal : literal.slice(0, cut),
        prefix: cut >= 0,
      };
    }),
  );
}

describe('catalogue keys', () => {
  const used = calls();

  it('finds the keys the renderer uses', () => {
    assert.ok(used.filter((u) => !u.prefix).length > 300, `only ${used.length} t() calls found`);
    assert.ok(used.some((u) => u.prefix));
  });

  it('has every literal key the renderer asks for', () => {
    const missing = used.filter((u) => !u.prefix && !exists(u.key)).map((u) => `${u.file}: ${u.key}`);
    assert.deepEqual(missing, []);
  });

  it('has keys under the fixed start of every built key', () => {
    const all = [...english];
    const missing = used
      .filter((u) => u.prefix && u.key !== '' && !all.some((k) => k.startsWith(u.key)))
      .map((u) => `${u.file}: ${u.key}…`);
    assert.deepEqual(missing, []);
  });

  it('words every value of the codes the renderer builds keys from', () => {
    const wanted = [
      ...JOB_STATES.map((s) => `state.${s}`),
      ...ERROR_CODES.map((c) => `errors.${c}`),
      ...STAMP_SOURCES.map((s) => `placement.where_${s}`),
      ...STAMP_NOTES.map((n) => `placement.notes.${n}`),
      ...CORNERS.map((c) => `settings.newJobs.corners.${c}`),
      ...SIGNATURE_LEVELS.map((l) => `templates.levels.${l}`),
      ...ID_IMAGE_SIDES.map((s) => `idImages.sides.${s}`),
      // An intact log needs no alert, and a broken chain has its own sentence (audit.verify.broken).
      ...AUDIT_RESULTS.filter((r) => r !== 'intact' && r !== 'broken').map(
        (r) => `audit.verify.results.${r}`,
      ),
    ];
    assert.deepEqual(
      wanted.filter((key) => !exists(key)),
      [],
    );
  });

  it('gives every area its own top-level keys, so assembling a language overwrites none', () => {
    for (const language of ['en', 'es', 'pl'] as const) {
      const dir = new URL(`../../renderer/src/i18n/${language}/`, import.meta.url).pathname;
      const tops = readdirSync(dir)
        .filter((name) => name !== 'index.ts')
        .flatMap((name) =>
          [...readFileSync(join(dir, name), 'utf8').matchAll(/^ {2}(\w+): /gm)].map((m) => m[1]),
        );
      assert.equal(new Set(tops).size, tops.length, `${language}: a top-level key in two areas`);
      assert.deepEqual(new Set(tops), new Set(Object.keys(catalogue[language])));
    }
  });
});
