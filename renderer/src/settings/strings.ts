// The settings screen's strings in every language the desk speaks; merged into the app's i18next
// resources under the `settings` key (see i18n/features.ts). Placeholders of file-name templates
// ({name}, {n}…) are written with single braces and are not i18next variables ({{…}}).

/** English's shape; Spanish and Polish add the plural forms English lacks (_few, _many). */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> } & {
  [plural: `${string}_${'few' | 'many'}`]: string;
};

const en = {
  settings: {
    title: 'Settings',
    intro: 'The language and the theme change at once; the other values when you save them.',
    appearance: 'Language and appearance',
    language: 'Language',
    theme: 'Theme',
    themes: { system: 'Follow the system', light: 'Light', dark: 'Dark' },
    signerLanguage: 'Language for signers from other countries',
    signerLanguageHint:
      'The service writes to Spanish signers in Spanish and to Polish signers in Polish; other signers get this language unless the RAO chooses one.',
    signerLanguages: { EN: 'English', ES: 'Spanish', PL: 'Polish' },
    output: 'Signed files',
    outputDir: 'Output folder',
    outputDirHint:
      'The full path of a folder you can write in. A folder that does not exist yet is created with the first signed file.',
    outputDirPlaceholders:
      'It may use {signer} the signer’s name, {id} the last 4 characters of the signer’s ID number, {date} the day the job starts and {job} the job’s number: each job keeps the folder it started with.',
    folderPreview: 'Example: {{folder}}',
    browse: 'Browse…',
    browseUnsupported: 'Choosing a folder needs the desktop app: type the folder’s full path.',
    folderRefused: 'This folder cannot be used.',
    nameTemplate: 'File-name template',
    nameTemplateHint:
      'Placeholders: {name} the original file name, {signer} the signer, {pk} the request, {date} the date, {n} the document’s number. Include {name} or {n}.',
    preview: 'Example: {{file}}',
    sampleFile: 'contract',
    sampleSigner: 'Jane Doe',
    queue: 'Queue',
    concurrency: 'Jobs run at the same time',
    concurrencyHint: 'From 1 to 16. A change applies to the running queue at once.',
    retention: 'Local copies',
    newJobs: {
      title: 'Signature on new jobs',
      none: 'New jobs start without a placement: their signature is invisible until you place it.',
      hint: 'Set it in the placement editor with “Also start new jobs with this placement”. Each job can still be placed otherwise.',
      clear: 'Start new jobs without a placement',
      firstPage: 'First page',
      lastPage: 'Last page',
      pageN: 'Page {{n}}',
      where:
        '{{page}}, {{corner}}: {{width}} × {{height}} mm, {{x}} mm across and {{y}} mm in from the corner.',
      near: 'Beside the phrase “{{text}}” where a document has it.',
      corners: {
        'top-left': 'top left',
        'top-right': 'top right',
        'bottom-left': 'bottom left',
        'bottom-right': 'bottom right',
      },
    },
    retentionHint:
      'Older copies are removed when the desk starts and every 6 hours. 0 keeps them without a time limit.',
    originalsDays: 'Days to keep the originals of finished jobs',
    originalsKept_one: 'Originals are removed {{count}} day after their last job finished.',
    originalsKept_other: 'Originals are removed {{count}} days after their last job finished.',
    idImageDays: 'Days to keep ID images',
    idImagesKept_one:
      'ID images are removed as soon as the request is created, and at the latest after {{count}} day.',
    idImagesKept_other:
      'ID images are removed as soon as the request is created, and at the latest after {{count}} days.',
    noLimit: 'Kept without a time limit.',
    save: 'Save changes',
    saving: 'Saving…',
    saved: 'Saved.',
    notSaved: 'Some values were not saved: see the messages beside them.',
    problems: {
      language: 'Choose one of: {{allowed}}.',
      theme: 'Choose one of: {{allowed}}.',
      signerLanguage: 'Choose one of: {{allowed}}.',
      wholeNumber: 'Enter a whole number from {{min}} to {{max}}.',
      templateEmpty: 'Enter a template, for example {name}.signed.pdf.',
      templateTooLong: 'The template is longer than {{max}} characters.',
      templateSeparator: 'No / or \\ here: the template names a file, not a folder.',
      templateUnsafe: '“{{character}}” is not allowed in a file name.',
      templatePlaceholder: '{{placeholder}} is not a placeholder; use {{allowed}}.',
      templateBrace: 'A { or } here does not belong to a placeholder such as {name}.',
      folderPlaceholder: '{{placeholder}} is not a placeholder for a folder; use {{allowed}}.',
      folderBrace: 'A { or } here does not belong to a placeholder such as {signer}.',
      templateNoName: 'Include {name} or {n}, so that each document gets a name of its own.',
      templateLeadingDot: 'The name may not start with a dot: the file would be hidden.',
      folderEmpty: 'Choose the folder for the signed files.',
      folderRelative: 'Enter a full path, starting at the root (/…) or at a drive (C:\\…).',
      folderIsFile: '“{{folder}}” is a file, not a folder. Choose a folder.',
      folderBlockedByFile: '“{{folder}}” cannot be made because “{{file}}” is a file. Choose another folder.',
      folderNoRoot: '“{{folder}}” cannot be made: its drive or root does not exist.',
      folderNotWritable:
        'One-Shot Desk may not save files in “{{folder}}” ({{cause}}). Choose another folder.',
      folderCannotCreate:
        '“{{folder}}” does not exist and cannot be made: One-Shot Desk may not write in “{{parent}}” ({{cause}}).',
      templateUnusable: 'The template gives “{{sample}}”, which cannot be a file name.',
      placement: 'This is not a placement rule: a page, a corner and a box in points.',
    },
    writeCauses: {
      permission: 'permission denied',
      readOnly: 'read-only',
      full: 'the disk is full',
      other: 'the system refused a test file',
      isFile: 'a file stands where the folder should be',
      missing: 'it does not exist and cannot be made',
      relative: 'it is not a full path',
    },
  },
};

const es: Strings<typeof en> = {
  settings: {
    title: 'Ajustes',
    intro: 'El idioma y el tema cambian al instante; los demás valores, al guardarlos.',
    appearance: 'Idioma y aspecto',
    language: 'Idioma',
    theme: 'Tema',
    themes: { system: 'Seguir al sistema', light: 'Claro', dark: 'Oscuro' },
    signerLanguage: 'Idioma para firmantes de otros países',
    signerLanguageHint:
      'El servicio escribe en español a los firmantes españoles y en polaco a los polacos; los demás reciben este idioma salvo que el operador elija otro.',
    signerLanguages: { EN: 'Inglés', ES: 'Español', PL: 'Polaco' },
    output: 'Archivos firmados',
    outputDir: 'Carpeta de salida',
    outputDirHint:
      'La ruta completa de una carpeta en la que pueda escribir. Si aún no existe, se crea al guardar el primer archivo firmado.',
    outputDirPlaceholders:
      'Puede usar {signer} el nombre del firmante, {id} los 4 últimos caracteres de su número de documento, {date} el día en que empieza el trabajo y {job} el número del trabajo: cada trabajo conserva la carpeta con la que empezó.',
    folderPreview: 'Ejemplo: {{folder}}',
    browse: 'Examinar…',
    browseUnsupported:
      'Para elegir una carpeta hace falta la aplicación de escritorio: escriba la ruta completa de la carpeta.',
    folderRefused: 'No se puede usar esta carpeta.',
    nameTemplate: 'Plantilla del nombre de archivo',
    nameTemplateHint:
      'Marcadores: {name} el nombre original, {signer} el firmante, {pk} la solicitud, {date} la fecha, {n} el número del documento. Incluya {name} o {n}.',
    preview: 'Ejemplo: {{file}}',
    sampleFile: 'contrato',
    sampleSigner: 'Ana García',
    queue: 'Cola',
    concurrency: 'Trabajos a la vez',
    concurrencyHint: 'De 1 a 16. El cambio se aplica al instante a la cola en marcha.',
    retention: 'Copias locales',
    newJobs: {
      title: 'Firma en los trabajos nuevos',
      none: 'Los trabajos nuevos empiezan sin ubicación: su firma es invisible hasta que la coloque.',
      hint: 'Se fija en el editor de ubicación con «Empezar también los trabajos nuevos con esta ubicación». Cada trabajo puede colocarse de otro modo.',
      clear: 'Empezar los trabajos nuevos sin ubicación',
      firstPage: 'Primera página',
      lastPage: 'Última página',
      pageN: 'Página {{n}}',
      where:
        '{{page}}, {{corner}}: {{width}} × {{height}} mm, a {{x}} mm en horizontal y {{y}} mm en vertical de la esquina.',
      near: 'Junto a la frase «{{text}}» donde el documento la tenga.',
      corners: {
        'top-left': 'arriba a la izquierda',
        'top-right': 'arriba a la derecha',
        'bottom-left': 'abajo a la izquierda',
        'bottom-right': 'abajo a la derecha',
      },
    },
    retentionHint:
      'Las copias más antiguas se eliminan al iniciar y cada 6 horas. Con 0 se conservan sin límite de tiempo.',
    originalsDays: 'Días que se conservan los originales de trabajos terminados',
    originalsKept_one: 'Los originales se eliminan {{count}} día después de terminar su último trabajo.',
    originalsKept_many: 'Los originales se eliminan {{count}} días después de terminar su último trabajo.',
    originalsKept_other: 'Los originales se eliminan {{count}} días después de terminar su último trabajo.',
    idImageDays: 'Días que se conservan las imágenes del documento de identidad',
    idImagesKept_one:
      'Las imágenes del documento se eliminan en cuanto se crea la solicitud y, como muy tarde, pasado {{count}} día.',
    idImagesKept_many:
      'Las imágenes del documento se eliminan en cuanto se crea la solicitud y, como muy tarde, pasados {{count}} días.',
    idImagesKept_other:
      'Las imágenes del documento se eliminan en cuanto se crea la solicitud y, como muy tarde, pasados {{count}} días.',
    noLimit: 'Se conservan sin límite de tiempo.',
    save: 'Guardar cambios',
    saving: 'Guardando…',
    saved: 'Guardado.',
    notSaved: 'Algunos valores no se han guardado: vea los mensajes junto a ellos.',
    problems: {
      language: 'Elija uno de: {{allowed}}.',
      theme: 'Elija uno de: {{allowed}}.',
      signerLanguage: 'Elija uno de: {{allowed}}.',
      wholeNumber: 'Escriba un número entero de {{min}} a {{max}}.',
      templateEmpty: 'Escriba una plantilla, por ejemplo {name}.firmado.pdf.',
      templateTooLong: 'La plantilla tiene más de {{max}} caracteres.',
      templateSeparator: 'Sin / ni \\: la plantilla da nombre a un archivo, no a una carpeta.',
      templateUnsafe: '«{{character}}» no se admite en un nombre de archivo.',
      templatePlaceholder: '{{placeholder}} no es un marcador; use {{allowed}}.',
      templateBrace: 'Hay una { o } que no forma parte de un marcador como {name}.',
      folderPlaceholder: '{{placeholder}} no es un marcador de carpeta; use {{allowed}}.',
      folderBrace: 'Hay una { o } que no forma parte de un marcador como {signer}.',
      templateNoName: 'Incluya {name} o {n}, para que cada documento tenga su propio nombre.',
      templateLeadingDot: 'El nombre no puede empezar por un punto: el archivo quedaría oculto.',
      folderEmpty: 'Elija la carpeta de los archivos firmados.',
      folderRelative: 'Escriba una ruta completa, desde la raíz (/…) o desde una unidad (C:\\…).',
      folderIsFile: '«{{folder}}» es un archivo, no una carpeta. Elija una carpeta.',
      folderBlockedByFile:
        'No se puede crear «{{folder}}» porque «{{file}}» es un archivo. Elija otra carpeta.',
      folderNoRoot: 'No se puede crear «{{folder}}»: su unidad o raíz no existe.',
      folderNotWritable:
        'One-Shot Desk no puede guardar archivos en «{{folder}}» ({{cause}}). Elija otra carpeta.',
      folderCannotCreate:
        '«{{folder}}» no existe y no se puede crear: One-Shot Desk no puede escribir en «{{parent}}» ({{cause}}).',
      templateUnusable: 'La plantilla da «{{sample}}», que no puede ser un nombre de archivo.',
      placement: 'Esto no es una regla de ubicación: una página, una esquina y un recuadro en puntos.',
    },
    writeCauses: {
      permission: 'permiso denegado',
      readOnly: 'solo lectura',
      full: 'el disco está lleno',
      other: 'el sistema rechazó un archivo de prueba',
      isFile: 'hay un archivo donde debería estar la carpeta',
      missing: 'no existe y no se puede crear',
      relative: 'no es una ruta completa',
    },
  },
};

const pl: Strings<typeof en> = {
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

export const settingsStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
