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
    jobCancelled:
      '“{{label}}” was cancelled: its request no longer exists on the Optimizer. Use “Copy as new draft” to sign the same documents again.',
    jobDone: '“{{label}}” is already done.',
    startNotDraft: '“{{label}}” has already been started.',
    retryDraft: '“{{label}}” has not been started yet: press Start.',
    retryNotStopped: '“{{label}}” has not stopped: there is nothing to retry.',
    retryRefusedDocument:
      'Retrying “{{label}}” would fail the same way: the Optimizer refused “{{filename}}”. Remove that document and go on with the others, or copy the job as a new draft.',
    retrySignerRefused:
      'Retrying “{{label}}” would fail the same way: the Optimizer refused the signer’s details. Copy the job as a new draft and correct them.',
    cancelDraft: '“{{label}}” has not been sent to the Optimizer: remove it instead.',
    cancelTooLate:
      '“{{label}}” can no longer be cancelled: the certificate has been issued, so the job can only be finished.',
    notRunning: '“{{label}}” is not being worked on by the queue now: there is nothing to pause or resume.',
    copyNotAllowed:
      'Only a cancelled job, or one that stopped before it was signed, can be copied as a new draft (“{{label}}”).',
    removeRunning: '“{{label}}” is still in progress: cancel it before removing it.',
    undoExpired: 'It is too late to undo: the removed jobs are gone.',
    hostAddressNeeded: 'This page needs the address printed by npm run start:web.',
    launchCodeRefused:
      'This address has already been used or has expired (each one works once, within a minute): use the tab it opened, or start npm run start:web again for a new one.',
    readBeforeSignerView: 'Reading counts only in the signer view: open “Signer view” for the signer first.',
    pagesNotSeen: 'Not every page has been on screen yet. Still to show: {{pages}}.',
    consentBeforeRead: 'The signer must read every page of the service contract and of each document first.',
    contractMissing: 'The service contract has not been fetched yet.',
    reviewItemMissing: 'That document is not part of this job.',
    outputFolderUnwritable:
      'The folder “{{folder}}” can’t be written: {{cause}}. The signed copies stay on the Optimizer: make the folder writable, then press Retry.',
    profileTokensAtNewAddress:
      'This profile holds tokens for {{count}} RAO(s). Choose Keep, and they will be sent to the new address {{baseUrl}}, or Forget, and they are removed from this computer.',
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
    jobCancelled:
      '«{{label}}» se canceló: su solicitud ya no existe en el Optimizer. Use «Copiar como borrador nuevo» para volver a firmar los mismos documentos.',
    jobDone: '«{{label}}» ya está terminado.',
    startNotDraft: '«{{label}}» ya se ha iniciado.',
    retryDraft: '«{{label}}» todavía no se ha iniciado: pulse Iniciar.',
    retryNotStopped: '«{{label}}» no se ha detenido: no hay nada que reintentar.',
    retryRefusedDocument:
      'Reintentar «{{label}}» fallaría igual: el Optimizer rechazó «{{filename}}». Quite ese documento y siga con los demás, o copie el trabajo como borrador nuevo.',
    retrySignerRefused:
      'Reintentar «{{label}}» fallaría igual: el Optimizer rechazó los datos del firmante. Copie el trabajo como borrador nuevo y corríjalos.',
    cancelDraft: '«{{label}}» no se ha enviado al Optimizer: quítelo en su lugar.',
    cancelTooLate:
      '«{{label}}» ya no se puede cancelar: el certificado ya se emitió, así que el trabajo solo puede terminarse.',
    notRunning: 'La cola no está trabajando ahora en «{{label}}»: no hay nada que pausar ni reanudar.',
    copyNotAllowed:
      'Solo un trabajo cancelado, o uno que se detuvo antes de firmarse, puede copiarse como borrador nuevo («{{label}}»).',
    removeRunning: '«{{label}}» sigue en curso: cancélelo antes de quitarlo.',
    undoExpired: 'Ya es tarde para deshacer: los trabajos quitados ya no están.',
    hostAddressNeeded: 'Esta página necesita la dirección que muestra npm run start:web.',
    launchCodeRefused:
      'Esta dirección ya se ha usado o ha caducado (cada una sirve una vez, durante un minuto): use la pestaña que abrió, o vuelva a iniciar npm run start:web para obtener otra.',
    readBeforeSignerView: 'La lectura solo cuenta en la vista del firmante: abra antes «Vista del firmante».',
    pagesNotSeen: 'Aún no han estado en pantalla todas las páginas. Faltan: {{pages}}.',
    consentBeforeRead:
      'El firmante debe leer antes todas las páginas del contrato de servicio y de cada documento.',
    contractMissing: 'Aún no se ha descargado el contrato de servicio.',
    reviewItemMissing: 'Ese documento no forma parte de este trabajo.',
    outputFolderUnwritable:
      'No se puede escribir en la carpeta «{{folder}}»: {{cause}}. Las copias firmadas siguen en el Optimizer: haga que se pueda escribir en la carpeta y pulse Reintentar.',
    profileTokensAtNewAddress:
      'Este perfil guarda tokens de {{count}} RAO. Elija Conservar, y se enviarán a la nueva dirección {{baseUrl}}, u Olvidar, y se quitan de este equipo.',
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
  },
};

export const problemStrings: Record<'en' | 'es' | 'pl', Strings<typeof en>> = { en, es, pl };
