// Core's refusals that carry a problem code (BridgeError.problem), worded in each language the desk
// speaks; ErrorNotice shows these instead of core's English message. Merged under `problems`.

/** The same keys as English. */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

const en = {
  problems: {
    jobMissing: 'That job no longer exists.',
    jobStarted: '“{{label}}” has already started: where its stamps go can no longer change.',
    documentMissing: '“{{label}}” has no document {{number}}.',
    pageOutOfRange: '“{{filename}}” has {{pages}} page(s): choose a page from 1 to {{pages}}.',
    copyGone: 'The local copy of “{{filename}}” is no longer kept (see Settings, local copies).',
    templateMissing: 'That template no longer exists; choose another one.',
    templateNameTaken: 'Another template is already called “{{name}}”.',
    nothingToExport: 'Choose at least one template to export.',
  },
};

const es: Strings<typeof en> = {
  problems: {
    jobMissing: 'Ese trabajo ya no existe.',
    jobStarted: '«{{label}}» ya ha empezado: ya no se puede cambiar dónde van sus sellos.',
    documentMissing: '«{{label}}» no tiene documento {{number}}.',
    pageOutOfRange: '«{{filename}}» tiene {{pages}} página(s): elija una página de 1 a {{pages}}.',
    copyGone: 'La copia local de «{{filename}}» ya no se conserva (vea Ajustes, copias locales).',
    templateMissing: 'Esa plantilla ya no existe; elija otra.',
    templateNameTaken: 'Ya hay otra plantilla llamada «{{name}}».',
    nothingToExport: 'Elija al menos una plantilla para exportar.',
  },
};

const pl: Strings<typeof en> = {
  problems: {
    jobMissing: 'To zadanie już nie istnieje.',
    jobStarted: '„{{label}}” zostało już rozpoczęte: nie można już zmienić miejsca jego pieczęci.',
    documentMissing: '„{{label}}” nie ma dokumentu {{number}}.',
    pageOutOfRange: '„{{filename}}” ma stron: {{pages}}; wybierz stronę od 1 do {{pages}}.',
    copyGone: 'Lokalna kopia „{{filename}}” nie jest już przechowywana (zob. Ustawienia, kopie lokalne).',
    templateMissing: 'Ten szablon już nie istnieje; wybierz inny.',
    templateNameTaken: 'Inny szablon nazywa się już „{{name}}”.',
    nothingToExport: 'Wybierz co najmniej jeden szablon do eksportu.',
  },
};

export const problemStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
