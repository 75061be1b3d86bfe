// The one catalogue of the interface's words: i18n/<language>/<area>.ts, each language's areas
// named in <language>/index.ts and merged here (no two areas share a top-level key). English is the
// reference; each Spanish and Polish file is typed as the English one (shape.ts), and
// test/renderer/i18n.test.ts checks plural forms, variables and that nothing is left in English. Free of the DOM, so Node tests read it as the page does.
import * as enAreas from './en/index';
import * as esAreas from './es/index';
import * as plAreas from './pl/index';

type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** One tree of a language's words from its areas. */
function merged<A extends Record<string, object>>(areas: A): Intersection<A[keyof A]> {
  return Object.assign({}, ...Object.values(areas)) as Intersection<A[keyof A]>;
}

const en = merged(enAreas);
const es = merged(esAreas);
const pl = merged(plAreas);

/** Every word of the interface, one tree per language. */
export const catalogue = { en, es, pl } as const;

/** The catalogue as i18next reads it. */
export const resources = {
  en: { translation: en },
  es: { translation: es },
  pl: { translation: pl },
};
