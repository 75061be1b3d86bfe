// Every visible string goes through i18next, from one catalogue (catalogue.ts): this starts it in
// the page, in the RAO's language.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources } from './catalogue';

export { catalogue, resources } from './catalogue';

export const LANGUAGES = ['en', 'es', 'pl'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

export function initI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => (document.documentElement.lang = lng));
  return i18next;
}
