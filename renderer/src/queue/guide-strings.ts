// The words that lead the RAO: the first-run checklist, what Start still needs (named, each with
// its field), and what the live region says after each action, in every language the desk speaks;
// merged under `guide` (i18n/features.ts).

/** English's shape; Spanish and Polish add the plural forms English lacks (_few, _many). */
type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> } & {
  [plural: `${string}_${'few' | 'many'}`]: string;
};

const en = {
  guide: {
    checklist: {
      title: 'Before the first signature',
      intro: 'Three steps and the desk is ready to sign.',
      done: 'done',
      todo: 'to do',
      reachable: 'The Optimizer answers',
      reachableDone: '{{name}} answered (version {{version}}).',
      reachableChecking: 'Checking {{name}}…',
      reachableTodo: 'No answer from the Optimizer yet: open Connection to check or choose it.',
      reachableNone: 'No Optimizer is set up yet: open Connection to add one.',
      openConnection: 'Open Connection',
      token: 'Your RAO token is in the keychain',
      tokenDone: 'Token for {{username}} kept in the keychain.',
      tokenTodo: 'Create it once with your RAO username, password and PIN.',
      createToken: 'Create the token',
      documents: 'The customer’s documents are in the queue',
      documentsDone: 'Documents are in the queue.',
      documentsTodo: 'Add the PDFs to sign, or drop them on the area above.',
      addDocuments: 'Choose the PDFs…',
    },
    missing: {
      title_one: 'Start needs {{count}} more detail:',
      title_other: 'Start needs {{count}} more details:',
      go: 'Go to {{field}}',
      documents: 'Add at least one PDF.',
      outputDir: 'Type or choose the folder for the signed files.',
      raoUsername: 'Choose the RAO token that signs this job (create one under Connection first).',
      auth: 'Type the external method and its value.',
      other: 'Check this detail.',
    },
    pin: {
      format: 'The PIN is 4 to 8 digits (you typed {{count}}): type it again.',
      required: 'Type the PIN.',
    },
    required: 'Type the {{field}}.',
    announce: {
      draftReady: 'Documents added: type the signer’s details, starting with the given name.',
      jobsAdded_one: '{{count}} job added to the queue.',
      jobsAdded_other: '{{count}} jobs added to the queue.',
      missing: 'Start needs {{count}} more details. First: {{field}}.',
      codeSent: 'Code sent. Type the code the signer received.',
      signed: 'Signed. The signed documents are listed.',
      tokenCreated: 'Token for {{username}} created and chosen.',
    },
  },
};

const es: Strings<typeof en> = {
  guide: {
    checklist: {
      title: 'Antes de la primera firma',
      intro: 'Tres pasos y el puesto está listo para firmar.',
      done: 'hecho',
      todo: 'pendiente',
      reachable: 'El Optimizer responde',
      reachableDone: '{{name}} ha respondido (versión {{version}}).',
      reachableChecking: 'Comprobando {{name}}…',
      reachableTodo: 'El Optimizer aún no ha respondido: abra Conexión para comprobarlo o elegirlo.',
      reachableNone: 'Aún no hay ningún Optimizer configurado: abra Conexión para añadir uno.',
      openConnection: 'Abrir Conexión',
      token: 'Su token de RAO está en el llavero',
      tokenDone: 'Token de {{username}} guardado en el llavero.',
      tokenTodo: 'Créelo una vez con su usuario de RAO, contraseña y PIN.',
      createToken: 'Crear el token',
      documents: 'Los documentos del cliente están en la cola',
      documentsDone: 'Hay documentos en la cola.',
      documentsTodo: 'Añada los PDF que se van a firmar o suéltelos en la zona de arriba.',
      addDocuments: 'Elegir los PDF…',
    },
    missing: {
      title_one: 'Para iniciar falta {{count}} dato:',
      title_many: 'Para iniciar faltan {{count}} datos:',
      title_other: 'Para iniciar faltan {{count}} datos:',
      go: 'Ir a {{field}}',
      documents: 'Añada al menos un PDF.',
      outputDir: 'Escriba o elija la carpeta de los archivos firmados.',
      raoUsername: 'Elija el token de RAO que firma este trabajo (créelo antes en Conexión).',
      auth: 'Escriba el método externo y su valor.',
      other: 'Revise este dato.',
    },
    pin: {
      format: 'El PIN tiene de 4 a 8 cifras (ha escrito {{count}}): escríbalo de nuevo.',
      required: 'Escriba el PIN.',
    },
    required: 'Escriba: {{field}}.',
    announce: {
      draftReady: 'Documentos añadidos: escriba los datos del firmante, empezando por el nombre.',
      jobsAdded_one: '{{count}} trabajo añadido a la cola.',
      jobsAdded_many: '{{count}} trabajos añadidos a la cola.',
      jobsAdded_other: '{{count}} trabajos añadidos a la cola.',
      missing: 'Para iniciar faltan {{count}} datos. El primero: {{field}}.',
      codeSent: 'Código enviado. Escriba el código que ha recibido el firmante.',
      signed: 'Firmado. Se muestran los documentos firmados.',
      tokenCreated: 'Token de {{username}} creado y elegido.',
    },
  },
};

const pl: Strings<typeof en> = {
  guide: {
    checklist: {
      title: 'Przed pierwszym podpisem',
      intro: 'Trzy kroki i stanowisko jest gotowe do podpisywania.',
      done: 'zrobione',
      todo: 'do zrobienia',
      reachable: 'Optimizer odpowiada',
      reachableDone: '{{name}} odpowiedział (wersja {{version}}).',
      reachableChecking: 'Sprawdzanie: {{name}}…',
      reachableTodo: 'Optimizer jeszcze nie odpowiedział: otwórz Połączenie, aby go sprawdzić lub wybrać.',
      reachableNone: 'Nie skonfigurowano jeszcze żadnego Optimizera: otwórz Połączenie, aby go dodać.',
      openConnection: 'Otwórz Połączenie',
      token: 'Twój token RAO jest w pęku kluczy',
      tokenDone: 'Token użytkownika {{username}} zapisany w pęku kluczy.',
      tokenTodo: 'Utwórz go raz, podając nazwę użytkownika RAO, hasło i PIN.',
      createToken: 'Utwórz token',
      documents: 'Dokumenty klienta są w kolejce',
      documentsDone: 'Dokumenty są w kolejce.',
      documentsTodo: 'Dodaj pliki PDF do podpisania lub upuść je w polu powyżej.',
      addDocuments: 'Wybierz pliki PDF…',
    },
    missing: {
      title_one: 'Do rozpoczęcia brakuje {{count}} danej:',
      title_few: 'Do rozpoczęcia brakuje {{count}} danych:',
      title_many: 'Do rozpoczęcia brakuje {{count}} danych:',
      title_other: 'Do rozpoczęcia brakuje {{count}} danych:',
      go: 'Przejdź do pola: {{field}}',
      documents: 'Dodaj co najmniej jeden plik PDF.',
      outputDir: 'Wpisz lub wybierz folder na podpisane pliki.',
      raoUsername: 'Wybierz token RAO, który podpisze to zlecenie (najpierw utwórz go w Połączeniu).',
      auth: 'Wpisz zewnętrzną metodę i jej wartość.',
      other: 'Sprawdź tę daną.',
    },
    pin: {
      format: 'PIN ma od 4 do 8 cyfr (wpisano {{count}}): wpisz go ponownie.',
      required: 'Wpisz PIN.',
    },
    required: 'Wpisz: {{field}}.',
    announce: {
      draftReady: 'Dodano dokumenty: wpisz dane podpisującego, zaczynając od imienia.',
      jobsAdded_one: 'Dodano {{count}} zlecenie do kolejki.',
      jobsAdded_few: 'Dodano {{count}} zlecenia do kolejki.',
      jobsAdded_many: 'Dodano {{count}} zleceń do kolejki.',
      jobsAdded_other: 'Dodano {{count}} zlecenia do kolejki.',
      missing: 'Do rozpoczęcia brakuje danych: {{count}}. Pierwsza: {{field}}.',
      codeSent: 'Kod wysłany. Wpisz kod, który otrzymał podpisujący.',
      signed: 'Podpisano. Poniżej są podpisane dokumenty.',
      tokenCreated: 'Utworzono i wybrano token użytkownika {{username}}.',
    },
  },
};

export const guideStrings = { en, es, pl };
