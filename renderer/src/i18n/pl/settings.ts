// Polish words of en/settings.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { settings as english } from '../en/settings';
import type { Strings } from '../shape';

export const settings: Strings<typeof english> = {
  settings: {
    title: 'Ustawienia',
    intro: 'Język i motyw zmieniają się od razu; pozostałe wartości po ich zapisaniu.',
    appearance: 'Język i wygląd',
    language: 'Język',
    theme: 'Motyw',
    themes: { system: 'Zgodnie z systemem', light: 'Jasny', dark: 'Ciemny' },
    signerLanguage: 'Język dla podpisujących z innych krajów',
    signerLanguageHint:
      'Usługa pisze do podpisujących z Hiszpanii po hiszpańsku, a z Polski po polsku; pozostali otrzymują ten język, chyba że operator wybierze inny.',
    signerLanguages: { EN: 'Angielski', ES: 'Hiszpański', PL: 'Polski' },
    output: 'Podpisane pliki',
    outputDir: 'Folder docelowy',
    outputDirHint:
      'Pełna ścieżka folderu, w którym można zapisywać. Folder, który jeszcze nie istnieje, zostanie utworzony przy zapisie pierwszego podpisanego pliku.',
    outputDirPlaceholders:
      'Można użyć {signer} – imię i nazwisko podpisującego, {id} – 4 ostatnie znaki numeru jego dokumentu, {date} – dzień rozpoczęcia zadania, {job} – numer zadania; każde zadanie zachowuje folder, z którym się rozpoczęło.',
    folderPreview: 'Przykład: {{folder}}',
    browse: 'Przeglądaj…',
    browseUnsupported: 'Wybór folderu wymaga aplikacji na komputer: wpisz pełną ścieżkę folderu.',
    folderRefused: 'Tego folderu nie można użyć.',
    nameTemplate: 'Szablon nazwy pliku',
    nameTemplateHint:
      'Symbole: {name} pierwotna nazwa pliku, {signer} podpisujący, {pk} wniosek, {date} data, {n} numer dokumentu. Użyj {name} lub {n}.',
    preview: 'Przykład: {{file}}',
    sampleFile: 'umowa',
    sampleSigner: 'Anna Kowalska',
    queue: 'Kolejka',
    concurrency: 'Zadania wykonywane jednocześnie',
    concurrencyHint: 'Od 1 do 16. Zmiana od razu obowiązuje w działającej kolejce.',
    retention: 'Kopie lokalne',
    newJobs: {
      title: 'Podpis w nowych zadaniach',
      none: 'Nowe zadania zaczynają bez umiejscowienia: podpis jest niewidoczny, dopóki go nie umieścisz.',
      hint: 'Ustaw je w edytorze umiejscowienia opcją „Zaczynaj także nowe zadania z tym umiejscowieniem”. Każde zadanie można nadal umieścić inaczej.',
      clear: 'Zaczynaj nowe zadania bez umiejscowienia',
      firstPage: 'Pierwsza strona',
      lastPage: 'Ostatnia strona',
      pageN: 'Strona {{n}}',
      where:
        '{{page}}, {{corner}}: {{width}} × {{height}} mm, {{x}} mm w poziomie i {{y}} mm w pionie od narożnika.',
      near: 'Obok frazy „{{text}}”, jeśli dokument ją zawiera.',
      corners: {
        'top-left': 'lewy górny róg',
        'top-right': 'prawy górny róg',
        'bottom-left': 'lewy dolny róg',
        'bottom-right': 'prawy dolny róg',
      },
    },
    retentionHint:
      'Starsze kopie są usuwane przy uruchomieniu i co 6 godzin. 0 oznacza przechowywanie bez limitu czasu.',
    originalsDays: 'Dni przechowywania oryginałów zakończonych zadań',
    originalsKept_one: 'Oryginały są usuwane {{count}} dzień po zakończeniu ich ostatniego zadania.',
    originalsKept_few: 'Oryginały są usuwane {{count}} dni po zakończeniu ich ostatniego zadania.',
    originalsKept_many: 'Oryginały są usuwane {{count}} dni po zakończeniu ich ostatniego zadania.',
    originalsKept_other: 'Oryginały są usuwane {{count}} dnia po zakończeniu ich ostatniego zadania.',
    idImageDays: 'Dni przechowywania zdjęć dokumentu tożsamości',
    idImagesKept_one:
      'Zdjęcia dokumentu są usuwane zaraz po utworzeniu wniosku, a najpóźniej po {{count}} dniu.',
    idImagesKept_few:
      'Zdjęcia dokumentu są usuwane zaraz po utworzeniu wniosku, a najpóźniej po {{count}} dniach.',
    idImagesKept_many:
      'Zdjęcia dokumentu są usuwane zaraz po utworzeniu wniosku, a najpóźniej po {{count}} dniach.',
    idImagesKept_other:
      'Zdjęcia dokumentu są usuwane zaraz po utworzeniu wniosku, a najpóźniej po {{count}} dnia.',
    noLimit: 'Przechowywane bez limitu czasu.',
    save: 'Zapisz zmiany',
    saving: 'Zapisywanie…',
    saved: 'Zapisano.',
    notSaved: 'Niektóre wartości nie zostały zapisane: zobacz komunikaty obok nich.',
    problems: {
      language: 'Wybierz jedną z wartości: {{allowed}}.',
      theme: 'Wybierz jedną z wartości: {{allowed}}.',
      signerLanguage: 'Wybierz jedną z wartości: {{allowed}}.',
      wholeNumber: 'Wpisz liczbę całkowitą od {{min}} do {{max}}.',
      templateEmpty: 'Wpisz szablon, na przykład {name}.podpisany.pdf.',
      templateTooLong: 'Szablon ma więcej niż {{max}} znaków.',
      templateSeparator: 'Bez / ani \\: szablon nazywa plik, a nie folder.',
      templateUnsafe: '„{{character}}” nie jest dozwolony w nazwie pliku.',
      templatePlaceholder: '{{placeholder}} nie jest symbolem; użyj {{allowed}}.',
      templateBrace: 'Znak { lub } nie należy do symbolu takiego jak {name}.',
      folderPlaceholder: '{{placeholder}} nie jest symbolem folderu; użyj {{allowed}}.',
      folderBrace: 'Znak { lub } nie należy do symbolu takiego jak {signer}.',
      templateNoName: 'Użyj {name} lub {n}, aby każdy dokument miał własną nazwę.',
      templateLeadingDot: 'Nazwa nie może zaczynać się od kropki: plik byłby ukryty.',
      folderEmpty: 'Wybierz folder na podpisane pliki.',
      folderRelative: 'Wpisz pełną ścieżkę, od katalogu głównego (/…) lub od dysku (C:\\…).',
      folderIsFile: '„{{folder}}” jest plikiem, a nie folderem. Wybierz folder.',
      folderBlockedByFile:
        'Nie można utworzyć „{{folder}}”, ponieważ „{{file}}” jest plikiem. Wybierz inny folder.',
      folderNoRoot: 'Nie można utworzyć „{{folder}}”: jego dysk lub katalog główny nie istnieje.',
      folderNotWritable:
        'One-Shot Desk nie może zapisywać plików w „{{folder}}” ({{cause}}). Wybierz inny folder.',
      folderCannotCreate:
        '„{{folder}}” nie istnieje i nie można go utworzyć: One-Shot Desk nie może zapisywać w „{{parent}}” ({{cause}}).',
      templateUnusable: 'Szablon daje „{{sample}}”, co nie może być nazwą pliku.',
      placement: 'To nie jest reguła umiejscowienia: strona, narożnik i pole w punktach.',
    },
    writeCauses: {
      permission: 'brak uprawnień',
      readOnly: 'tylko do odczytu',
      full: 'dysk jest pełny',
      other: 'system odrzucił plik testowy',
      isFile: 'w miejscu folderu jest plik',
      missing: 'nie istnieje i nie można go utworzyć',
      relative: 'to nie jest pełna ścieżka',
    },
  },
};
