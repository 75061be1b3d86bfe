// Polish words of en/problems.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { problems as english } from '../en/problems';
import type { Strings } from '../shape';

export const problems: Strings<typeof english> = {
  errors: {
    validation: 'Sprawdź:',
    not_found: 'Nie znaleziono.',
    conflict: 'W tej chwili nie jest to możliwe.',
    offline: 'Brak połączenia z serwerem Optimizer.',
    timeout: 'Serwer Optimizer nie odpowiedział w wyznaczonym czasie.',
    tls: 'Certyfikat serwera Optimizer nie jest zaufany.',
    auth: 'Token operatora RAO został odrzucony.',
    otp_wrong: 'Nieprawidłowy kod.',
    otp_expired: 'Kod wygasł.',
    otp_cooldown: 'Odczekaj chwilę przed wysłaniem kolejnego kodu.',
    otp_locked: 'Kod jest zablokowany.',
    unsupported_media: 'Ten typ pliku nie jest akceptowany.',
    server: 'Serwer Optimizer zgłosił błąd.',
    unknown_outcome:
      'Wynik nie jest jeszcze znany; zostanie sprawdzony, zanim jakakolwiek operacja zostanie powtórzona.',
    keychain_unavailable: 'Systemowy magazyn poświadczeń jest niedostępny.',
    forbidden: 'Brak uprawnień.',
    unsupported: 'Funkcja niedostępna w tym miejscu.',
    internal: 'Wystąpił nieoczekiwany błąd.',
  },
  problems: {
    jobMissing: 'To zadanie już nie istnieje.',
    jobStarted: '„{{label}}” zostało już rozpoczęte: nie można już zmienić miejsca jego pieczęci.',
    documentMissing: '„{{label}}” nie ma dokumentu {{number}}.',
    pageOutOfRange: '„{{filename}}” ma stron: {{pages}}; wybierz stronę od 1 do {{pages}}.',
    copyGone: 'Lokalna kopia „{{filename}}” nie jest już przechowywana (zob. Ustawienia, kopie lokalne).',
    templateMissing: 'Ten szablon już nie istnieje; wybierz inny.',
    templateNameTaken: 'Inny szablon nazywa się już „{{name}}”.',
    nothingToExport: 'Wybierz co najmniej jeden szablon do eksportu.',
    jobCancelled:
      '„{{label}}” zostało anulowane: jego wniosek już nie istnieje w Optimizerze. Użyj „Skopiuj jako nowy szkic”, aby ponownie podpisać te same dokumenty.',
    jobDone: '„{{label}}” jest już zakończone.',
    startNotDraft: '„{{label}}” zostało już rozpoczęte.',
    retryDraft: '„{{label}}” nie zostało jeszcze rozpoczęte: naciśnij Rozpocznij.',
    retryNotStopped: '„{{label}}” się nie zatrzymało: nie ma czego ponawiać.',
    retryRefusedDocument:
      'Ponowienie „{{label}}” zakończy się tak samo: Optimizer odrzucił „{{filename}}”. Usuń ten dokument i kontynuuj z pozostałymi albo skopiuj zadanie jako nowy szkic.',
    retrySignerRefused:
      'Ponowienie „{{label}}” zakończy się tak samo: Optimizer odrzucił dane podpisującego. Skopiuj zadanie jako nowy szkic i popraw je.',
    cancelDraft: '„{{label}}” nie zostało wysłane do Optimizera: zamiast tego je usuń.',
    cancelTooLate:
      '„{{label}}” nie można już anulować: certyfikat został wydany, więc zadanie można tylko dokończyć.',
    notRunning: 'Kolejka nie pracuje teraz nad „{{label}}”: nie ma czego wstrzymać ani wznowić.',
    copyNotAllowed:
      'Jako nowy szkic można skopiować tylko zadanie anulowane albo zatrzymane przed podpisaniem („{{label}}”).',
    removeRunning: '„{{label}}” jest wciąż w toku: anuluj je przed usunięciem.',
    undoExpired: 'Za późno na cofnięcie: usuniętych zadań już nie ma.',
    hostAddressNeeded: 'Ta strona wymaga adresu wypisanego przez npm run start:web.',
    launchCodeRefused:
      'Ten adres został już użyty lub wygasł (każdy działa raz, przez minutę): użyj karty, którą otworzył, albo uruchom ponownie npm run start:web, aby dostać nowy.',
    readBeforeSignerView:
      'Czytanie liczy się tylko w widoku dla podpisującego: najpierw otwórz „Widok dla podpisującego”.',
    pagesNotSeen: 'Nie wszystkie strony były już na ekranie. Brakuje: {{pages}}.',
    consentBeforeRead:
      'Podpisujący musi najpierw przeczytać każdą stronę umowy o świadczenie usług i każdego dokumentu.',
    contractMissing: 'Umowa o świadczenie usług nie została jeszcze pobrana.',
    reviewItemMissing: 'Ten dokument nie należy do tego zadania.',
    outputFolderUnwritable:
      'Nie można zapisać w folderze „{{folder}}”: {{cause}}. Podpisane kopie pozostają w Optimizerze: umożliw zapis w folderze i naciśnij Ponów.',
    profileTokensAtNewAddress:
      'Ten profil przechowuje tokeny {{count}} RAO. Wybierz Zachowaj, a zostaną wysłane pod nowy adres {{baseUrl}}, albo Zapomnij, a zostaną usunięte z tego komputera.',
    desktopOnly:
      'To wymaga aplikacji na komputer; w przeglądarce użyj okna wyboru plików lub podanej ścieżki.',
    documentNotSigned: '„{{filename}}” nie został jeszcze podpisany ani zapisany.',
    signedFileMoved: 'Podpisanego pliku nie ma już w {{path}}: został przeniesiony lub usunięty.',
    profileMissing: 'Ten profil Optimizera już nie istnieje.',
    profileNotChosen: 'Najpierw wybierz Optimizer w sekcji Połączenie.',
    profileInUse: 'Zadania nadal używają tego Optimizera: najpierw je usuń.',
    trainingProfileBuiltIn: 'Środowisko szkoleniowe jest wbudowane i nie można go usunąć.',
    codeBeforeConsent:
      'Podpisujący nie przeczytał jeszcze i nie zaakceptował wszystkich dokumentów: kod nie zostanie wysłany wcześniej.',
    sandboxPhoneOnly: 'Telefon testowy istnieje tylko w środowisku szkoleniowym.',
    sandboxAnswered: 'Środowisko szkoleniowe odpowiedziało kodem {{status}}.',
    contractUnreadable: 'Nie można odczytać umowy o świadczenie usług zapisanej dla tego zadania.',
    pagesBeyond: 'Dokument ma {{total}} str.: strony {{pages}} nie istnieją.',
    uploadUnknown: 'To przesyłanie nie jest już znane: dodaj plik ponownie.',
    uploadOutOfOrder: 'Przesyłanie „{{filename}}” dotarło w złej kolejności: dodaj plik ponownie.',
    uploadTooLarge: '„{{filename}}” ma ponad {{maxMb}} MB i nie można go podpisać.',
    templateImportRefused:
      'Nic nie zaimportowano: plik nie jest plikiem szablonów, który ten program potrafi odczytać (znalezione problemy: {{count}}). Wybierz plik wyeksportowany z Szablonów.',
    documentOrderInvalid:
      'Kolejność dokumentów nie zgadza się z dokumentami tego zadania: otwórz zadanie ponownie.',
    documentsRefused: 'Niektórych dokumentów nie można podpisać (odrzucone pliki: {{count}}):',
    overRequestLimits: 'Dokumenty przekraczają limity Optimizera dla jednego żądania:',
    detailsMissing: 'Brakuje danych, zanim zadanie będzie mogło się rozpocząć (do uzupełnienia: {{count}}):',
    auditDateInvalid: 'Nie można odczytać daty w filtrze: wybierz ją ponownie.',
    cannotDropDocument: 'Tego dokumentu nie można teraz usunąć z zadania.',
    dropTooLate:
      'Dokumenty można usuwać z „{{label}}” tylko przed rozpoczęciem przeglądu przez podpisującego: zamiast tego skopiuj zadanie jako nowy szkic.',
    dropWhileRunning: '„{{label}}” wykonuje właśnie krok: najpierw je wstrzymaj, potem usuń dokument.',
    dropOnlyDocument: 'To jedyny dokument „{{label}}”: zamiast tego anuluj zadanie.',
    otpNotNow: 'Kod dla „{{label}}” można wysłać tylko wtedy, gdy podpisujący jest przy stanowisku.',
    otpNotUsed: '„{{label}}” używa zewnętrznej metody uwierzytelniania, a nie kodu.',
    otpFormat: 'Kod to cyfry, które otrzymał podpisujący, bez liter.',
    otpNotExpected: 'Dla „{{label}}” nie oczekuje się teraz kodu: najpierw wyślij kod podpisującemu.',
    signedCopyUnverified:
      'Podpisana kopia „{{filename}}” nie przeszła weryfikacji i nie została zapisana. Stanowisko pobierze ją ponownie.',
    externalValueMissing:
      'Wartości uwierzytelniania zewnętrznego tego zadania nie ma już w magazynie haseł: skopiuj zadanie jako nowy szkic i wpisz wartość ponownie.',
    idImageRefused: 'Zdjęcie dokumentu musi być plikiem JPEG lub PNG o rozmiarze najwyżej 10 MB.',
    idImageLost:
      'Zapieczętowanego zdjęcia dokumentu z tego zadania nie da się już odczytać: dodaj je ponownie.',
    idImageKeyForeign:
      'Klucza do zdjęć dokumentów w magazynie haseł nie zapisał One-Shot Desk: zapieczętowanych zdjęć nie da się odczytać.',
    tokenMissing:
      'Ten komputer nie przechowuje tokenu operatora RAO „{{rao}}”: zaloguj się ponownie w zakładce Połączenie.',
    raoUsernameMissing: 'Wpisz nazwę użytkownika operatora RAO.',
    keychainUnavailable:
      'Systemowego magazynu haseł nie można teraz użyć: odblokuj go lub uruchom i spróbuj ponownie.',
    fieldInvalid: '{{field}}: {{rule}}',
    fieldTooLong: '{{field}}: za długie, najwyżej {{max}} znaków.',
    optimizerOffline: '{{step}}: brak połączenia z Optimizerem. Sprawdź sieć i adres w zakładce Połączenie.',
    optimizerTimeout: '{{step}}: Optimizer nie odpowiedział na czas. Spróbuj ponownie za chwilę.',
    optimizerTls:
      '{{step}}: certyfikat Optimizera nie jest tym zaufanym dla tego profilu. Sprawdź adres i certyfikat w zakładce Połączenie.',
    optimizerAuth:
      '{{step}}: Optimizer odrzucił dane logowania lub token operatora RAO. Zaloguj się ponownie w zakładce Połączenie.',
    optimizerRefused: '{{step}}: Optimizer odrzucił wysłane dane.',
    optimizerNotFound: '{{step}}: Optimizer nie zna żądanego wniosku, dokumentu ani tokenu.',
    optimizerConflict: '{{step}}: wniosek nie jest w stanie, który pozwala na ten krok.',
    optimizerUnsupportedMedia: '{{step}}: Optimizer nie przyjmuje tego typu pliku.',
    optimizerFailed: '{{step}}: Optimizer miał własny problem.',
    optimizerUnknownOutcome:
      '{{step}}: odpowiedź zaginęła, więc nie wiadomo, czy Optimizer to wykonał. Stanowisko sprawdzi to, zanim cokolwiek powtórzy.',
    otpWrong: 'Kod jest nieprawidłowy.',
    otpExpired: 'Kod nie jest już ważny: poproś o nowy.',
    otpCooldown: 'O nowy kod można poprosić minutę po poprzednim.',
    otpLocked: 'Kod został zablokowany po zbyt wielu błędnych próbach: poproś o nowy.',
  },
  problemParts: {
    optional: {
      status: ' Status HTTP: {{status}}.',
      serverWords: ' Optimizer odpowiedział: „{{serverWords}}”',
      attemptsLeft: ' Pozostałe próby: {{attemptsLeft}}.',
    },
    steps: {
      hello: 'Sprawdzanie Optimizera',
      version: 'Odczyt wersji Optimizera',
      listTokens: 'Pobieranie listy tokenów operatorów RAO',
      createToken: 'Tworzenie tokenu operatora RAO',
      getToken: 'Odczyt tokenu operatora RAO',
      deleteToken: 'Usuwanie tokenu operatora RAO',
      createRequest: 'Tworzenie wniosku',
      getRequest: 'Odczyt stanu wniosku',
      cancelRequest: 'Anulowanie wniosku',
      uploadDocuments: 'Wysyłanie dokumentów',
      listDocuments: 'Pobieranie listy dokumentów wniosku',
      downloadContract: 'Pobieranie umowy o świadczenie usług',
      sendOtp: 'Wysyłanie kodu',
      sign: 'Podpisywanie',
      downloadDocument: 'Pobieranie podpisanego dokumentu',
      deleteDocument: 'Usuwanie dokumentu z Optimizera',
      deleteDocuments: 'Usuwanie dokumentów wniosku z Optimizera',
    },
    fields: {
      given_name: 'Imię',
      surname_1: 'Pierwsze nazwisko',
      surname_2: 'Drugie nazwisko',
      id_document_type: 'Rodzaj dokumentu tożsamości',
      id_document_country: 'Kraj dokumentu tożsamości',
      serial_number: 'Numer dokumentu tożsamości',
      email: 'Adres e-mail',
      mobile_phone_number: 'Telefon komórkowy',
      registration_authority: 'Urząd rejestracji',
      profile: 'Profil certyfikatu',
      communication_language: 'Język komunikacji',
      residence: 'Kraj zamieszkania',
      residence_city: 'Miasto zamieszkania',
      residence_postal_code: 'Kod pocztowy',
      residence_address: 'Adres',
      special_conditions: 'Warunki szczególne',
      documents: 'Dokumenty',
      outputDir: 'Folder na podpisane pliki',
      raoUsername: 'Token operatora RAO',
      auth: 'Uwierzytelnianie',
    },
    rules: {
      required: 'Uzupełnij to pole.',
      notText: 'Wpisz to jako tekst.',
      tooLong: 'Za długie: skróć je.',
      format: 'Zapis nie jest taki, jakiego oczekuje usługa: sprawdź go.',
      notAllowed: 'Wybierz jedną z proponowanych opcji.',
      phonePrefix: 'Wpisz numer z prefiksem międzynarodowym, np. +48 600 123 456.',
      email: 'Wpisz pełny adres e-mail, np. imie@przyklad.pl.',
      country: 'Wybierz kraj, który wydał dokument tożsamości.',
      noToken: 'Ten operator RAO nie ma tokenu w tym Optimizerze: najpierw utwórz go w zakładce Połączenie.',
      notDeclared:
        'Nie zadeklarowano, że ten Optimizer przyjmuje tę metodę: wybierz inną albo zadeklaruj ją w zakładce Połączenie.',
    },
  },
};
