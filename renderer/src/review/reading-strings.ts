// The words of measured reading in the review (how far each document has been read, the RAO's
// override with its reason), in every language the desk speaks; merged under the `reading` key.

/** The same keys as English; plural keys may add the forms a language needs (_few, _many). */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> } & {
  [plural: `${string}_${'few' | 'many'}`]: string;
};

const en = {
  reading: {
    howTo:
      'Turn the screen to the signer with “Signer view”. A document is ticked once every page has been on screen there for a moment.',
    onlyInSignerView: 'Reading is measured only in the signer view.',
    pagesSeen_one: '{{seen}} of {{count}} page seen',
    pagesSeen_other: '{{seen}} of {{count}} pages seen',
    overridden: '(marked read by the RAO)',
    override: 'Mark as read without the viewer…',
    overrideTitle: 'Mark “{{name}}” as read',
    reason: 'Why it counts as read (recorded in the audit log)',
    reasonExample: 'e.g. the signer read the paper copy',
    reasonTooShort: 'Write the reason in a few words.',
    record: 'Record as read',
    cancel: 'Cancel',
  },
};

const es: Strings<typeof en> = {
  reading: {
    howTo:
      'Gire la pantalla hacia el firmante con «Vista del firmante». Cada documento se marca cuando todas sus páginas han estado en pantalla un momento.',
    onlyInSignerView: 'La lectura solo se mide en la vista del firmante.',
    pagesSeen_one: '{{seen}} de {{count}} página vista',
    pagesSeen_many: '{{seen}} de {{count}} páginas vistas',
    pagesSeen_other: '{{seen}} de {{count}} páginas vistas',
    overridden: '(marcado como leído por el operador)',
    override: 'Marcar como leído sin el visor…',
    overrideTitle: 'Marcar «{{name}}» como leído',
    reason: 'Por qué se considera leído (queda en el registro de auditoría)',
    reasonExample: 'p. ej., el firmante leyó la copia en papel',
    reasonTooShort: 'Escriba el motivo en pocas palabras.',
    record: 'Registrar como leído',
    cancel: 'Cancelar',
  },
};

const pl: Strings<typeof en> = {
  reading: {
    howTo:
      'Odwróć ekran do podpisującego przyciskiem „Widok dla podpisującego”. Dokument zostaje odhaczony, gdy każda jego strona była tam przez chwilę na ekranie.',
    onlyInSignerView: 'Czytanie jest mierzone tylko w widoku dla podpisującego.',
    pagesSeen_one: 'Obejrzano {{seen}} z {{count}} strony',
    pagesSeen_few: 'Obejrzano {{seen}} z {{count}} stron',
    pagesSeen_many: 'Obejrzano {{seen}} z {{count}} stron',
    pagesSeen_other: 'Obejrzano {{seen}} z {{count}} strony',
    overridden: '(oznaczone jako przeczytane przez operatora)',
    override: 'Oznacz jako przeczytane bez przeglądarki…',
    overrideTitle: 'Oznacz „{{name}}” jako przeczytane',
    reason: 'Dlaczego uznać za przeczytane (zapisywane w dzienniku audytu)',
    reasonExample: 'np. podpisujący przeczytał wersję papierową',
    reasonTooShort: 'Wpisz powód w kilku słowach.',
    record: 'Zapisz jako przeczytane',
    cancel: 'Anuluj',
  },
};

export const readingStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
