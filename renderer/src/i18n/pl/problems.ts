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
  },
};
