// The templates screen's strings in every language the desk speaks; merged into the app's i18next
// resources under the `templates` key (see i18n/features.ts).

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

const en = {
  templates: {
    title: 'TITLE_templates',
  },
};

const es: Strings<typeof en> = {
  templates: {
    title: 'TITULO_templates',
  },
};

const pl: Strings<typeof en> = {
  templates: {
    title: 'TYTUL_templates',
  },
};

export const templatesStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
