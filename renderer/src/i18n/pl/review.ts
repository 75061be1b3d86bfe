// Polish words of en/review.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { review as english } from '../en/review';
import type { Strings } from '../shape';

export const review: Strings<typeof english> = {
  review: {
    title: 'Przegląd z podpisującym',
    contract: 'Umowa o świadczenie usług',
    checklist: 'Dokumenty do przeczytania',
    read: '(przeczytano)',
    notRead: '(jeszcze nie przeczytano)',
    howTo: 'Otwórz każdy dokument i przewiń go do końca; po przeczytaniu zostanie oznaczony.',
    signerMode: 'Widok dla podpisującego',
    leaveSignerMode: 'Powrót do stanowiska operatora',
    consent: 'Podpisujący potwierdza zapoznanie się z dokumentami i ich akceptację',
    readAllFirst: 'Podpisujący musi najpierw przeczytać umowę i wszystkie dokumenty.',
  },
  reading: {
    howTo:
      'Odwróć ekran do podpisującego przyciskiem „Widok dla podpisującego”. Dokument zostaje odhaczony, gdy każda jego strona była tam przez chwilę na ekranie.',
    onlyInSignerView: 'Czytanie jest mierzone tylko w widoku dla podpisującego.',
    pagesSeen_one: 'Obejrzano {{seen}} z {{count}} strony',
    pagesSeen_few: 'Obejrzano {{seen}} z {{count}} stron',
    pagesSeen_many: 'Obejrzano {{seen}} z {{count}} stron',
    pagesSeen_other: 'Obejrzano {{seen}} z {{count}} strony',
    overridden: '(oznaczone jako przeczytane przez operatora)',
    override: 'Oznacz jako przeczytane bez przeglądarki…',
    overrideTitle: 'Oznacz „{{name}}” jako przeczytane',
    reason: 'Dlaczego uznać za przeczytane (zapisywane w dzienniku audytu)',
    reasonExample: 'np. podpisujący przeczytał wersję papierową',
    reasonTooShort: 'Wpisz powód w kilku słowach.',
    record: 'Zapisz jako przeczytane',
    cancel: 'Anuluj',
  },
};
