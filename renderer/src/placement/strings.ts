// The placement screen's strings in every language the desk speaks; merged into the app's i18next
// resources under the `placement` key (see i18n/features.ts).

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

const en = {
  placement: {
    title: 'TITLE_placement',
  },
};

const es: Strings<typeof en> = {
  placement: {
    title: 'TITULO_placement',
  },
};

const pl: Strings<typeof en> = {
  placement: {
    title: 'TYTUL_placement',
  },
};

export const placementStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
