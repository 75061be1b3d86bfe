// The words of the ways on and back with a job (cancel with its confirmation, copy as a new draft,
// remove with undo) in every language the desk speaks; merged under `jobActions` (i18n/features.ts).

/** English's shape; Spanish and Polish add the plural forms English lacks (_few, _many). */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> } & {
  [plural: `${string}_${'few' | 'many'}`]: string;
};

const en = {
  jobActions: {
    copyAsDraft: 'Copy as new draft',
    undo: 'Undo',
    removedOne: '“{{label}}” was removed.',
    removed_one: '{{count}} job was removed.',
    removed_other: '{{count}} jobs were removed.',
    retryBlocked: 'Retry is not offered:',
    cancelled: {
      title: 'This job was cancelled',
      remote:
        'Its request was cancelled on the Optimizer and the copies of its documents were deleted there. Nothing was signed.',
      local: 'It was cancelled before anything was sent to the Optimizer. Nothing was signed.',
      again: 'To sign the same documents for the same signer, copy it as a new draft: nothing is retyped.',
    },
    confirmCancel: {
      title: 'Cancel “{{label}}”?',
      titleMany_one: 'Cancel {{count}} selected job?',
      titleMany_other: 'Cancel {{count}} selected jobs?',
      remote:
        'The request is cancelled on the Optimizer and its copies of the documents are deleted there. Nothing is signed.',
      local: 'Nothing has been sent to the Optimizer yet: the job just stops here. Nothing is signed.',
      many: 'Each request is cancelled on the Optimizer and its copies of the documents are deleted there. Nothing is signed.',
      after:
        'The job stays in the list as cancelled, and “Copy as new draft” starts again with the same details. Once the certificate has been issued a job can no longer be cancelled.',
      confirm: 'Yes, cancel',
      keep: 'No, keep it',
    },
  },
};

const es: Strings<typeof en> = {
  jobActions: {
    copyAsDraft: 'Copiar como borrador nuevo',
    undo: 'Deshacer',
    removedOne: 'Se ha quitado «{{label}}».',
    removed_one: 'Se ha quitado {{count}} trabajo.',
    removed_many: 'Se han quitado {{count}} trabajos.',
    removed_other: 'Se han quitado {{count}} trabajos.',
    retryBlocked: 'No se ofrece reintentar:',
    cancelled: {
      title: 'Este trabajo se canceló',
      remote:
        'Su solicitud se canceló en el Optimizer y allí se borraron las copias de sus documentos. No se firmó nada.',
      local: 'Se canceló antes de enviar nada al Optimizer. No se firmó nada.',
      again:
        'Para firmar los mismos documentos con el mismo firmante, cópielo como borrador nuevo: no hay que volver a escribir nada.',
    },
    confirmCancel: {
      title: '¿Cancelar «{{label}}»?',
      titleMany_one: '¿Cancelar {{count}} trabajo seleccionado?',
      titleMany_many: '¿Cancelar {{count}} trabajos seleccionados?',
      titleMany_other: '¿Cancelar {{count}} trabajos seleccionados?',
      remote:
        'La solicitud se cancela en el Optimizer y allí se borran sus copias de los documentos. No se firma nada.',
      local: 'Todavía no se ha enviado nada al Optimizer: el trabajo solo se detiene aquí. No se firma nada.',
      many: 'Cada solicitud se cancela en el Optimizer y allí se borran sus copias de los documentos. No se firma nada.',
      after:
        'El trabajo queda en la lista como cancelado, y «Copiar como borrador nuevo» vuelve a empezar con los mismos datos. Una vez emitido el certificado, un trabajo ya no se puede cancelar.',
      confirm: 'Sí, cancelar',
      keep: 'No, conservarlo',
    },
  },
};

const pl: Strings<typeof en> = {
  jobActions: {
    copyAsDraft: 'Skopiuj jako nowy szkic',
    undo: 'Cofnij',
    removedOne: 'Usunięto „{{label}}”.',
    removed_one: 'Usunięto {{count}} zadanie.',
    removed_few: 'Usunięto {{count}} zadania.',
    removed_many: 'Usunięto {{count}} zadań.',
    removed_other: 'Usunięto {{count}} zadania.',
    retryBlocked: 'Ponowienie nie jest dostępne:',
    cancelled: {
      title: 'To zadanie zostało anulowane',
      remote:
        'Jego wniosek został anulowany w Optimizerze, a kopie dokumentów zostały tam usunięte. Nic nie zostało podpisane.',
      local: 'Zostało anulowane, zanim cokolwiek wysłano do Optimizera. Nic nie zostało podpisane.',
      again:
        'Aby podpisać te same dokumenty przez tego samego podpisującego, skopiuj je jako nowy szkic: niczego nie trzeba wpisywać ponownie.',
    },
    confirmCancel: {
      title: 'Anulować „{{label}}”?',
      titleMany_one: 'Anulować {{count}} zaznaczone zadanie?',
      titleMany_few: 'Anulować {{count}} zaznaczone zadania?',
      titleMany_many: 'Anulować {{count}} zaznaczonych zadań?',
      titleMany_other: 'Anulować {{count}} zaznaczonego zadania?',
      remote:
        'Wniosek zostanie anulowany w Optimizerze, a kopie dokumentów zostaną tam usunięte. Nic nie zostanie podpisane.',
      local:
        'Do Optimizera nic jeszcze nie wysłano: zadanie po prostu zatrzyma się tutaj. Nic nie zostanie podpisane.',
      many: 'Każdy wniosek zostanie anulowany w Optimizerze, a kopie dokumentów zostaną tam usunięte. Nic nie zostanie podpisane.',
      after:
        'Zadanie pozostanie na liście jako anulowane, a „Skopiuj jako nowy szkic” zacznie od nowa z tymi samymi danymi. Po wydaniu certyfikatu zadania nie można już anulować.',
      confirm: 'Tak, anuluj',
      keep: 'Nie, zachowaj',
    },
  },
};

export const jobActionStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
