// Polish words of en/app.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { app as english } from '../en/app';
import type { Strings } from '../shape';

export const app: Strings<typeof english> = {
  app: {
    name: 'One-Shot Desk',
    training: 'Środowisko szkoleniowe (sandbox): nic, co zostanie tu podpisane, nie ma mocy prawnej.',
    version: 'Wersja {{version}}',
  },
  nav: {
    label: 'Nawigacja główna',
    queue: 'Kolejka',
    connection: 'Połączenie',
    templates: 'Szablony',
    audit: 'Dziennik audytu',
    settings: 'Ustawienia',
    language: 'Język',
  },
  languages: { en: 'English', es: 'Español', pl: 'Polski' },
  common: {
    cancel: 'Anuluj',
    close: 'Zamknij',
    dismiss: 'Ukryj',
    loading: 'Wczytywanie…',
    checking: 'Sprawdzanie…',
    unknown: 'nieznane',
  },
  actions: {
    start: 'Rozpocznij',
    pause: 'Wstrzymaj',
    resume: 'Wznów',
    cancel: 'Anuluj',
    retry: 'Ponów',
    remove: 'Usuń',
    sign: 'Podpisz',
  },
  state: {
    draft: 'Do uzupełnienia',
    queued: 'W kolejce',
    creating: 'Tworzenie wniosku',
    created: 'Wniosek utworzony',
    uploading: 'Przesyłanie',
    uploaded: 'Przesłano',
    contract_ready: 'Umowa gotowa',
    awaiting_signer: 'Oczekiwanie na podpisującego',
    ready_to_sign: 'Gotowe do podpisu',
    otp_sent: 'Kod wysłany',
    signing: 'Podpisywanie',
    signed: 'Podpisano',
    downloading: 'Pobieranie',
    saved: 'Zapisano',
    cleaning: 'Porządkowanie',
    done: 'Zakończono',
    failed: 'Niepowodzenie',
    cancelled: 'Anulowano',
    paused: 'wstrzymano',
  },
};
