// The interface's languages are complete: every English key exists in Spanish and Polish with
// each plural form the language needs (by the platform's CLDR rules), the same {{variables}}, and
// no string left in English apart from names that do not translate.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { catalogue } from '../../renderer/src/i18n/catalogue';

type Tree = { readonly [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;
const variables = (text: string): string[] =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();
/** Strings that are the same in every language: names, acronyms, units, the language names themselves. */
const SAME_EVERYWHERE =
  /^(One-Shot Desk|SMS|WhatsApp|PIN|SHA-256|Format|no|dd|mm|pt|English|Español|Polski|\+\d+|.*\{\{\w+\}\}%?|[−+]|\d+%)$/;

describe('interface languages', () => {
  const reference = leaves(catalogue.en);
  for (const [name, language, strings] of [
    ['Spanish', 'es', catalogue.es as Tree],
    ['Polish', 'pl', catalogue.pl as Tree],
  ] as const) {
    it(`${name} has every key, every plural form and the same variables`, () => {
      const translated = leaves(strings);
      const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const missing: string[] = [];
      for (const [key, text] of reference) {
        const plural = PLURAL.exec(key);
        const wanted = plural ? forms.map((f) => key.replace(PLURAL, `_${f}`)) : [key];
        for (const k of wanted) {
          const value = translated.get(k);
          if (value === undefined) missing.push(k);
          else assert.deepEqual(variables(value), variables(text), `${language} ${k} has other variables`);
        }
      }
      assert.deepEqual(missing, []);
      const extra = [...translated.keys()].filter(
        (k) => !reference.has(k.replace(PLURAL, '_other')) && !reference.has(k),
      );
      assert.deepEqual(extra, [], `${name} has keys English does not`);
    });

    it(`${name} leaves nothing in English`, () => {
      const translated = leaves(strings);
      const untranslated = [...reference]
        .filter(([key, text]) => translated.get(key) === text && !SAME_EVERYWHERE.test(text))
        .map(([key]) => key);
      assert.deepEqual(untranslated, []);
    });
  }
});
