// The words of the live connection status (header, Connection screen, actions that need the
// Optimizer) in every language the desk speaks; merged under `link` (i18n/features.ts).

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

const en = {
  link: {
    checking: '{{name}}: checking…',
    kind: { training: 'Training', sandbox: 'Sandbox', prod: 'Production' },
    kindLabel: 'Kind of Optimizer',
    otpOffline: 'The Optimizer cannot be reached: the code can be sent once it answers again.',
  },
};

const es: Strings<typeof en> = {
  link: {
    checking: '{{name}}: comprobando…',
    kind: { training: 'Formación', sandbox: 'Pruebas', prod: 'Producción' },
    kindLabel: 'Tipo de Optimizer',
    otpOffline:
      'No se puede contactar con el Optimizer: el código se podrá enviar cuando vuelva a responder.',
  },
};

const pl: Strings<typeof en> = {
  link: {
    checking: '{{name}}: sprawdzanie…',
    kind: { training: 'Szkolenie', sandbox: 'Testy', prod: 'Produkcja' },
    kindLabel: 'Rodzaj Optimizera',
    otpOffline: 'Nie można połączyć się z Optimizerem: kod będzie można wysłać, gdy znów odpowie.',
  },
};

export const linkStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
