// Every visible string goes through i18next. English is the reference; Spanish and Polish are
// complete translations of it (test/browser checks that no English is left on the main screens).
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { featureStrings } from './features';
import { es } from './es';
import { pl } from './pl';

export const LANGUAGES = ['en', 'es', 'pl'] as const;
export type Language = (typeof LANGUAGES)[number];

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

export function initI18n(language: Language): typeof i18next {
  void i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'en',
    resources: {
      en: { translation: { ...en, ...featureStrings('en') } },
      es: { translation: { ...es, ...featureStrings('es') } },
      pl: { translation: { ...pl, ...featureStrings('pl') } },
    },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  i18next.on('languageChanged', (lng) => (document.documentElement.lang = lng));
  return i18next;
}
