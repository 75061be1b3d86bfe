// Polish words of en/audit.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { audit as english } from '../en/audit';
import type { Strings } from '../shape';

export const audit: Strings<typeof english> = {
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
