// The audit screen's strings in every language the desk speaks; merged into the app's i18next
// resources under the `audit` key (see i18n/features.ts).

/** The same keys as English; plural keys may add the forms a language needs (_few, _many). */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> } & {
  [plural: `${string}_${'few' | 'many'}`]: string;
};

const en = {
  audit: {
    title: 'Audit log',
    intro:
      'Every change the desk has made, in the order it happened. Each entry is chained to the one before, so an edited or removed entry is found by “Verify chain”.',
    filters: {
      label: 'Filter events',
      jobId: 'Job ID',
      signer: 'Signer',
      signerHint: 'Part of the name or of the ID document number',
      kind: 'Event',
      anyKind: 'All events',
      family: 'Every “{{group}}” event',
      from: 'From',
      to: 'To',
      apply: 'Show events',
      clear: 'Clear filters',
    },
    groups: {
      job: 'Jobs',
      document: 'Signed documents',
      upload: 'Uploads',
      queue: 'Queue',
      review: 'Review with the signer',
      idImages: 'ID images',
      profile: 'Optimizer profiles',
      settings: 'Settings',
      template: 'Templates',
      retention: 'Local copies',
      audit: 'Audit log',
    },
    kinds: {
      job: {
        created: 'Job created',
        draft_updated: 'Details changed',
        appearance_set: 'Signature appearance set',
        state: 'State changed',
        paused: 'Paused',
        resumed: 'Resumed',
        removed: 'Job removed',
        restored: 'Removed job brought back',
        copied: 'Job copied as a new draft',
      },
      document: {
        placement_set: 'Signature position set',
        naming: 'File name chosen',
        saved: 'Signed file saved',
        verification_failed: 'Signed file did not verify',
        remote_deleted: 'Removed from the Optimizer',
        refused: 'Refused by the Optimizer',
        dropped: 'Taken out of the job',
      },
      upload: {
        sending: 'Uploading documents',
        done: 'Documents uploaded',
        reconciled: 'Uploads checked again',
      },
      step: { retry: 'Step to be retried', offline: 'Optimizer not reachable' },
      sign: {
        recovery: 'Signing checked again after an interruption',
        accepted: 'Signing accepted; the Optimizer signs in the background',
      },
      review: {
        read: 'Read by the signer',
        consent: 'Accepted by the signer',
        signer_view: 'Review turned to the signer',
        read_override: 'Marked read by the RAO',
      },
      id_image: { added: 'ID image added', removed: 'ID image removed' },
      id_images: { purged: 'ID images deleted', purge_failed: 'ID images could not be deleted' },
      profile: {
        created: 'Optimizer profile added',
        updated: 'Optimizer profile changed',
        removed: 'Optimizer profile removed',
      },
      settings: { changed: 'Setting changed' },
      template: {
        created: 'Template created',
        updated: 'Template changed',
        imported: 'Template imported',
        duplicated: 'Template duplicated',
        removed: 'Template removed',
        defaultChanged: 'Default template changed',
      },
      retention: { applied: 'Old local copies removed', failed: 'Old local copies could not be removed' },
      audit: {
        exported: 'Audit log exported',
        keyed: 'Audit log sealed with the keychain’s key from here on',
      },
    },
    columns: {
      seq: 'No.',
      at: 'When',
      kind: 'Event',
      job: 'Job',
      signer: 'Signer',
      details: 'Details',
    },
    table: 'Events, newest first',
    onlyJob: 'Show only job {{id}}',
    shown: 'Showing {{shown}} of {{total}} events, newest first.',
    none: 'No event matches these filters.',
    loadOlder: 'Load older events',
    loading: 'Loading…',
    summary: {
      document: 'document {{number}}',
      contract: 'service contract',
      changed: 'Changed: {{fields}}',
      more: 'and {{count}} more',
      exported_one: '{{count}} event as {{format}}',
      exported_other: '{{count}} events as {{format}}',
      filteredBy: 'filtered by {{filters}}',
      pagesSeen_one: '{{count}} page on screen ({{pages}}), {{from}}–{{to}}',
      pagesSeen_other: '{{count}} pages on screen ({{pages}}), {{from}}–{{to}}',
      overrideReason: 'not read on screen; the RAO’s reason: “{{reason}}”',
    },
    verify: {
      button: 'Verify chain',
      running: 'Checking every entry…',
      intact_one: '{{count}} event, chain intact.',
      intact_other: '{{count}} events, chain intact.',
      broken: 'The chain is broken at event {{seq}}: {{reason}}.',
      unsealed: 'Checked with plain hashes only: this log has no key in the keychain.',
      results: {
        truncated:
          'Events were removed from the end of the log: {{count}} are left, but the keychain’s signed record counts {{expected}}. Keep this computer as it is and tell your security officer.',
        emptied:
          'Every event was deleted from the log, but the keychain’s signed record counts {{expected}}. Keep this computer as it is and tell your security officer.',
        forged:
          'Event {{seq}} was not written by this desk: its seal does not match the keychain’s key. Keep this computer as it is and tell your security officer.',
        recomputed:
          'Event {{seq}} was changed and every later event rehashed to hide it: their seals do not match the keychain’s key. Keep this computer as it is and tell your security officer.',
        keyMissing:
          'The log cannot be checked: the keychain no longer holds its key (service “oneshot-desk/audit”). Restore the keychain from a backup, then check again.',
        headMissing:
          'Every event checks, but the keychain lost the signed record of how long the log was, so removed events at the end could not be seen. Restore the keychain from a backup, then check again.',
      },
      reasons: {
        changed: 'its content was changed after it was written',
        missing: 'event {{missing}} is missing',
        unlinked: 'it does not point at the event before it',
      },
    },
    export: {
      csv: 'Export CSV',
      json: 'Export JSON',
      done: 'Saved {{filename}}.',
    },
  },
};

const es: Strings<typeof en> = {
  audit: {
    title: 'Registro de auditoría',
    intro:
      'Cada cambio hecho por el puesto, en el orden en que ocurrió. Cada entrada va encadenada a la anterior, así que «Verificar cadena» descubre una entrada modificada o eliminada.',
    filters: {
      label: 'Filtrar eventos',
      jobId: 'ID del trabajo',
      signer: 'Firmante',
      signerHint: 'Parte del nombre o del número del documento de identidad',
      kind: 'Evento',
      anyKind: 'Todos los eventos',
      family: 'Cualquier evento de «{{group}}»',
      from: 'Desde',
      to: 'Hasta',
      apply: 'Mostrar eventos',
      clear: 'Quitar filtros',
    },
    groups: {
      job: 'Trabajos',
      document: 'Documentos firmados',
      upload: 'Subidas',
      queue: 'Cola',
      review: 'Revisión con el firmante',
      idImages: 'Imágenes del documento de identidad',
      profile: 'Perfiles del Optimizer',
      settings: 'Ajustes',
      template: 'Plantillas',
      retention: 'Copias locales',
      audit: 'Registro de auditoría',
    },
    kinds: {
      job: {
        created: 'Trabajo creado',
        draft_updated: 'Datos modificados',
        appearance_set: 'Aspecto de la firma fijado',
        state: 'Cambio de estado',
        paused: 'En pausa',
        resumed: 'Reanudado',
        removed: 'Trabajo eliminado',
        restored: 'Trabajo eliminado recuperado',
        copied: 'Trabajo copiado como nuevo borrador',
      },
      document: {
        placement_set: 'Posición de la firma fijada',
        naming: 'Nombre de archivo elegido',
        saved: 'Archivo firmado guardado',
        verification_failed: 'El archivo firmado no se pudo verificar',
        remote_deleted: 'Eliminado del Optimizer',
        refused: 'Rechazado por el Optimizer',
        dropped: 'Quitado del trabajo',
      },
      upload: {
        sending: 'Subiendo documentos',
        done: 'Documentos subidos',
        reconciled: 'Subidas comprobadas de nuevo',
      },
      step: { retry: 'Paso que se reintentará', offline: 'Optimizer no disponible' },
      sign: {
        recovery: 'Firma comprobada de nuevo tras una interrupción',
        accepted: 'Firma aceptada; el Optimizer firma en segundo plano',
      },
      review: {
        read: 'Leído por el firmante',
        consent: 'Aceptado por el firmante',
        signer_view: 'Revisión girada hacia el firmante',
        read_override: 'Marcado como leído por el operador',
      },
      id_image: { added: 'Imagen del documento añadida', removed: 'Imagen del documento quitada' },
      id_images: {
        purged: 'Imágenes del documento borradas',
        purge_failed: 'No se pudieron borrar las imágenes del documento',
      },
      profile: {
        created: 'Perfil del Optimizer añadido',
        updated: 'Perfil del Optimizer modificado',
        removed: 'Perfil del Optimizer eliminado',
      },
      settings: { changed: 'Ajuste modificado' },
      template: {
        created: 'Plantilla creada',
        updated: 'Plantilla modificada',
        imported: 'Plantilla importada',
        duplicated: 'Plantilla duplicada',
        removed: 'Plantilla eliminada',
        defaultChanged: 'Plantilla predeterminada cambiada',
      },
      retention: {
        applied: 'Copias locales antiguas eliminadas',
        failed: 'No se pudieron eliminar las copias locales antiguas',
      },
      audit: {
        exported: 'Registro de auditoría exportado',
        keyed: 'Registro de auditoría sellado desde aquí con la clave del llavero',
      },
    },
    columns: {
      seq: 'N.º',
      at: 'Cuándo',
      kind: 'Evento',
      job: 'Trabajo',
      signer: 'Firmante',
      details: 'Detalles',
    },
    table: 'Eventos, los más recientes primero',
    onlyJob: 'Mostrar solo el trabajo {{id}}',
    shown: 'Se muestran {{shown}} de {{total}} eventos, los más recientes primero.',
    none: 'Ningún evento coincide con estos filtros.',
    loadOlder: 'Cargar eventos anteriores',
    loading: 'Cargando…',
    summary: {
      document: 'documento {{number}}',
      contract: 'contrato de servicio',
      changed: 'Modificado: {{fields}}',
      more: 'y {{count}} más',
      exported_one: '{{count}} evento en {{format}}',
      exported_many: '{{count}} eventos en {{format}}',
      exported_other: '{{count}} eventos en {{format}}',
      filteredBy: 'filtrado por {{filters}}',
      pagesSeen_one: '{{count}} página en pantalla ({{pages}}), {{from}}–{{to}}',
      pagesSeen_many: '{{count}} páginas en pantalla ({{pages}}), {{from}}–{{to}}',
      pagesSeen_other: '{{count}} páginas en pantalla ({{pages}}), {{from}}–{{to}}',
      overrideReason: 'no leído en pantalla; motivo del operador: «{{reason}}»',
    },
    verify: {
      button: 'Verificar cadena',
      running: 'Comprobando cada entrada…',
      intact_one: '{{count}} evento, cadena intacta.',
      intact_many: '{{count}} eventos, cadena intacta.',
      intact_other: '{{count}} eventos, cadena intacta.',
      broken: 'La cadena está rota en el evento {{seq}}: {{reason}}.',
      unsealed: 'Comprobado solo con hashes simples: este registro no tiene clave en el llavero.',
      results: {
        truncated:
          'Se eliminaron eventos del final del registro: quedan {{count}}, pero el registro firmado del llavero cuenta {{expected}}. Deje este equipo como está y avise a su responsable de seguridad.',
        emptied:
          'Se borraron todos los eventos del registro, pero el registro firmado del llavero cuenta {{expected}}. Deje este equipo como está y avise a su responsable de seguridad.',
        forged:
          'El evento {{seq}} no lo escribió este puesto: su sello no coincide con la clave del llavero. Deje este equipo como está y avise a su responsable de seguridad.',
        recomputed:
          'El evento {{seq}} se modificó y se recalcularon todos los posteriores para ocultarlo: sus sellos no coinciden con la clave del llavero. Deje este equipo como está y avise a su responsable de seguridad.',
        keyMissing:
          'No se puede comprobar el registro: el llavero ya no guarda su clave (servicio «oneshot-desk/audit»). Restaure el llavero desde una copia de seguridad y vuelva a comprobarlo.',
        headMissing:
          'Todos los eventos son correctos, pero el llavero perdió el registro firmado de la longitud del registro, así que no se verían eventos eliminados al final. Restaure el llavero desde una copia de seguridad y vuelva a comprobarlo.',
      },
      reasons: {
        changed: 'su contenido se modificó después de escribirse',
        missing: 'falta el evento {{missing}}',
        unlinked: 'no apunta al evento anterior',
      },
    },
    export: {
      csv: 'Exportar CSV',
      json: 'Exportar JSON',
      done: 'Guardado {{filename}}.',
    },
  },
};

const pl: Strings<typeof en> = {
  audit: {
    title: 'Dziennik audytu',
    intro:
      'Każda zmiana wprowadzona przez stanowisko, w kolejności, w jakiej nastąpiła. Każdy wpis jest powiązany z poprzednim, więc „Sprawdź łańcuch” wykryje wpis zmieniony lub usunięty.',
    filters: {
      label: 'Filtruj zdarzenia',
      jobId: 'ID zadania',
      signer: 'Podpisujący',
      signerHint: 'Część imienia i nazwiska lub numeru dokumentu tożsamości',
      kind: 'Zdarzenie',
      anyKind: 'Wszystkie zdarzenia',
      family: 'Każde zdarzenie z grupy „{{group}}”',
      from: 'Od',
      to: 'Do',
      apply: 'Pokaż zdarzenia',
      clear: 'Wyczyść filtry',
    },
    groups: {
      job: 'Zadania',
      document: 'Podpisane dokumenty',
      upload: 'Przesyłanie',
      queue: 'Kolejka',
      review: 'Przegląd z podpisującym',
      idImages: 'Zdjęcia dokumentu tożsamości',
      profile: 'Profile Optimizera',
      settings: 'Ustawienia',
      template: 'Szablony',
      retention: 'Kopie lokalne',
      audit: 'Dziennik audytu',
    },
    kinds: {
      job: {
        created: 'Utworzono zadanie',
        draft_updated: 'Zmieniono dane',
        appearance_set: 'Ustawiono wygląd podpisu',
        state: 'Zmiana stanu',
        paused: 'Wstrzymano',
        resumed: 'Wznowiono',
        removed: 'Usunięto zadanie',
        restored: 'Przywrócono usunięte zadanie',
        copied: 'Zadanie skopiowano jako nowy szkic',
      },
      document: {
        placement_set: 'Ustawiono położenie podpisu',
        naming: 'Wybrano nazwę pliku',
        saved: 'Zapisano podpisany plik',
        verification_failed: 'Podpisany plik nie przeszedł weryfikacji',
        remote_deleted: 'Usunięto z Optimizera',
        refused: 'Odrzucony przez Optimizer',
        dropped: 'Usunięty z zadania',
      },
      upload: {
        sending: 'Przesyłanie dokumentów',
        done: 'Przesłano dokumenty',
        reconciled: 'Ponownie sprawdzono przesłane pliki',
      },
      step: { retry: 'Krok zostanie powtórzony', offline: 'Optimizer nieosiągalny' },
      sign: {
        recovery: 'Podpisywanie sprawdzone ponownie po przerwie',
        accepted: 'Podpisywanie przyjęte; Optimizer podpisuje w tle',
      },
      review: {
        read: 'Przeczytane przez podpisującego',
        consent: 'Zaakceptowane przez podpisującego',
        signer_view: 'Przegląd odwrócony do podpisującego',
        read_override: 'Oznaczone jako przeczytane przez operatora',
      },
      id_image: { added: 'Dodano zdjęcie dokumentu', removed: 'Usunięto zdjęcie dokumentu' },
      id_images: {
        purged: 'Skasowano zdjęcia dokumentu',
        purge_failed: 'Nie udało się skasować zdjęć dokumentu',
      },
      profile: {
        created: 'Dodano profil Optimizera',
        updated: 'Zmieniono profil Optimizera',
        removed: 'Usunięto profil Optimizera',
      },
      settings: { changed: 'Zmieniono ustawienie' },
      template: {
        created: 'Utworzono szablon',
        updated: 'Zmieniono szablon',
        imported: 'Zaimportowano szablon',
        duplicated: 'Powielono szablon',
        removed: 'Usunięto szablon',
        defaultChanged: 'Zmieniono szablon domyślny',
      },
      retention: {
        applied: 'Usunięto stare kopie lokalne',
        failed: 'Nie udało się usunąć starych kopii lokalnych',
      },
      audit: {
        exported: 'Wyeksportowano dziennik audytu',
        keyed: 'Od tego miejsca dziennik audytu jest pieczętowany kluczem z pęku kluczy',
      },
    },
    columns: {
      seq: 'Nr',
      at: 'Kiedy',
      kind: 'Zdarzenie',
      job: 'Zadanie',
      signer: 'Podpisujący',
      details: 'Szczegóły',
    },
    table: 'Zdarzenia, najnowsze najpierw',
    onlyJob: 'Pokaż tylko zadanie {{id}}',
    shown: 'Wyświetlono {{shown}} z {{total}} zdarzeń, najnowsze najpierw.',
    none: 'Żadne zdarzenie nie pasuje do tych filtrów.',
    loadOlder: 'Wczytaj starsze zdarzenia',
    loading: 'Wczytywanie…',
    summary: {
      document: 'dokument {{number}}',
      contract: 'umowa o świadczenie usług',
      changed: 'Zmieniono: {{fields}}',
      more: 'i {{count}} więcej',
      exported_one: '{{count}} zdarzenie jako {{format}}',
      exported_few: '{{count}} zdarzenia jako {{format}}',
      exported_many: '{{count}} zdarzeń jako {{format}}',
      exported_other: '{{count}} zdarzenia jako {{format}}',
      filteredBy: 'filtr: {{filters}}',
      pagesSeen_one: '{{count}} strona na ekranie ({{pages}}), {{from}}–{{to}}',
      pagesSeen_few: '{{count}} strony na ekranie ({{pages}}), {{from}}–{{to}}',
      pagesSeen_many: '{{count}} stron na ekranie ({{pages}}), {{from}}–{{to}}',
      pagesSeen_other: '{{count}} strony na ekranie ({{pages}}), {{from}}–{{to}}',
      overrideReason: 'nie przeczytane na ekranie; powód podany przez operatora: „{{reason}}”',
    },
    verify: {
      button: 'Sprawdź łańcuch',
      running: 'Sprawdzanie każdego wpisu…',
      intact_one: '{{count}} zdarzenie, łańcuch nienaruszony.',
      intact_few: '{{count}} zdarzenia, łańcuch nienaruszony.',
      intact_many: '{{count}} zdarzeń, łańcuch nienaruszony.',
      intact_other: '{{count}} zdarzenia, łańcuch nienaruszony.',
      broken: 'Łańcuch jest przerwany przy zdarzeniu {{seq}}: {{reason}}.',
      unsealed: 'Sprawdzono tylko zwykłymi skrótami: ten dziennik nie ma klucza w pęku kluczy.',
      results: {
        truncated:
          'Z końca dziennika usunięto zdarzenia: zostało ich {{count}}, a podpisany zapis w pęku kluczy liczy {{expected}}. Zostaw ten komputer bez zmian i powiadom osobę odpowiedzialną za bezpieczeństwo.',
        emptied:
          'Usunięto wszystkie zdarzenia z dziennika, a podpisany zapis w pęku kluczy liczy {{expected}}. Zostaw ten komputer bez zmian i powiadom osobę odpowiedzialną za bezpieczeństwo.',
        forged:
          'Zdarzenia {{seq}} nie zapisało to stanowisko: jego pieczęć nie zgadza się z kluczem z pęku kluczy. Zostaw ten komputer bez zmian i powiadom osobę odpowiedzialną za bezpieczeństwo.',
        recomputed:
          'Zdarzenie {{seq}} zmieniono, a wszystkie późniejsze przeliczono, aby to ukryć: ich pieczęcie nie zgadzają się z kluczem z pęku kluczy. Zostaw ten komputer bez zmian i powiadom osobę odpowiedzialną za bezpieczeństwo.',
        keyMissing:
          'Nie można sprawdzić dziennika: pęk kluczy nie przechowuje już jego klucza (usługa „oneshot-desk/audit”). Przywróć pęk kluczy z kopii zapasowej i sprawdź ponownie.',
        headMissing:
          'Wszystkie zdarzenia są poprawne, ale pęk kluczy utracił podpisany zapis długości dziennika, więc usunięte zdarzenia na końcu nie byłyby widoczne. Przywróć pęk kluczy z kopii zapasowej i sprawdź ponownie.',
      },
      reasons: {
        changed: 'jego treść zmieniono po zapisaniu',
        missing: 'brakuje zdarzenia {{missing}}',
        unlinked: 'nie wskazuje na poprzednie zdarzenie',
      },
    },
    export: {
      csv: 'Eksportuj CSV',
      json: 'Eksportuj JSON',
      done: 'Zapisano {{filename}}.',
    },
  },
};

export const auditStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
