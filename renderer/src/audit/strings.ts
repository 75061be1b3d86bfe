// The audit screen's strings in every language the desk speaks; merged into the app's i18next
// resources under the `audit` key (see i18n/features.ts).

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

const en = {
  audit: {
    title: 'TITLE_audit',
  },
};

const es: Strings<typeof en> = {
  audit: {
    title: 'TITULO_audit',
  },
};

const pl: Strings<typeof en> = {
  audit: {
    title: 'TYTUL_audit',
  },
};

export const auditStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
