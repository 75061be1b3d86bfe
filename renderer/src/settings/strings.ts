// The settings screen's strings in every language the desk speaks; merged into the app's i18next
// resources under the `settings` key (see i18n/features.ts).

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

const en = {
  settings: {
    title: 'TITLE_settings',
  },
};

const es: Strings<typeof en> = {
  settings: {
    title: 'TITULO_settings',
  },
};

const pl: Strings<typeof en> = {
  settings: {
    title: 'TYTUL_settings',
  },
};

export const settingsStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
