// The one catalogue of the interface's words: i18n/<language>/<area>.ts, assembled per language in
// <language>/index.ts. English is the reference; each Spanish and Polish file is typed as the
// English one (shape.ts), and test/renderer/i18n.test.ts checks plural forms, variables and that
// nothing is left in English. Free of the DOM, so Node tests read it as the page does.
import { en } from './en/index';
import { es } from './es/index';
import { pl } from './pl/index';

/** Every word of the interface, one tree per language. */
export const catalogue = { en, es, pl } as const;

/** The catalogue as i18next reads it. */
export const resources = {
  en: { translation: en },
  es: { translation: es },
  pl: { translation: pl },
};
