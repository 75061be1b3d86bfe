// Polish words of en/connection.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { connection as english } from '../en/connection';
import type { Strings } from '../shape';

export const connection: Strings<typeof english> = {
  connection: {
    title: 'Połączenie',
    profiles: 'Profile serwerów Optimizer',
    profileForm: 'Profil serwera Optimizer',
    addProfile: 'Dodaj serwer Optimizer',
    edit: 'Edytuj',
    remove: 'Usuń',
    name: 'Nazwa',
    baseUrl: 'Bazowy adres URL',
    environment: 'Środowisko',
    env: { prod: 'Produkcyjne', sandbox: 'Testowe (sandbox)' },
    caFile: 'Certyfikat CA (PEM, dla serwera Optimizer z własnym certyfikatem)',
    caLoaded: 'Certyfikat wczytany',
    defaultRa: 'Domyślny Punkt Rejestracji',
    defaultCertProfile: 'Domyślny profil certyfikatu',
    saveProfile: 'Zapisz profil',
    status: 'Stan',
    reachable: 'Dostępny · wersja {{version}} · {{ms}} ms',
    unreachable: 'Niedostępny: {{message}}',
    chipOnline: '{{name}}: połączono ({{ms}} ms)',
    chipOffline: '{{name}}: brak połączenia',
    none: 'Nie wybrano serwera Optimizer',
    trainingName: 'Środowisko szkoleniowe (bez mocy prawnej)',
    tokens: 'Tokeny operatorów RAO w profilu {{profile}}',
    noTokens: 'Brak tokenów: utwórz token poniżej, podając nazwę użytkownika, hasło i PIN operatora RAO.',
    holdsPassword: 'hasło zapisane',
    holdsPin: 'PIN zapisany',
    tokenStatus: { valid: 'ważny', invalid: 'odrzucony przez serwer Optimizer' },
    deleteToken: 'Usuń token',
    checkTokens: 'Sprawdź tokeny na serwerze Optimizer',
    newToken: 'Nowy token operatora RAO',
    username: 'Nazwa użytkownika',
    password: 'Hasło',
    pin: 'PIN',
    createToken: 'Utwórz token',
    tokensQuestionTitle: 'Zachować tokeny RAO?',
    tokensQuestion_one:
      'Ten profil przechowuje tokeny {{count}} RAO. Zachować je? Zostaną wysłane pod nowy adres {{baseUrl}}.',
    tokensQuestion_few:
      'Ten profil przechowuje tokeny {{count}} RAO. Zachować je? Zostaną wysłane pod nowy adres {{baseUrl}}.',
    tokensQuestion_many:
      'Ten profil przechowuje tokeny {{count}} RAO. Zachować je? Zostaną wysłane pod nowy adres {{baseUrl}}.',
    tokensQuestion_other:
      'Ten profil przechowuje tokeny {{count}} RAO. Zachować je? Zostaną wysłane pod nowy adres {{baseUrl}}.',
    tokensForgetHint: 'Zapomnij usuwa je z tego komputera; potem RAO tworzą nowe tokeny dla tego Optimizera.',
    keepTokens: 'Zachowaj',
    forgetTokens: 'Zapomnij',
  },
  link: {
    checking: '{{name}}: sprawdzanie…',
    kind: { training: 'Szkolenie', sandbox: 'Testy', prod: 'Produkcja' },
    kindLabel: 'Rodzaj Optimizera',
    otpOffline: 'Nie można połączyć się z Optimizerem: kod będzie można wysłać, gdy znów odpowie.',
  },
};
