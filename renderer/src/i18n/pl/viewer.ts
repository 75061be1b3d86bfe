// Polish words of en/viewer.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { viewer as english } from '../en/viewer';
import type { Strings } from '../shape';

export const viewer: Strings<typeof english> = {
  viewer: {
    loading: 'Wczytywanie dokumentu…',
    failed: 'Nie udało się otworzyć tego dokumentu.',
    passwordProtected: 'Ten dokument jest chroniony hasłem i nie można go wyświetlić.',
    toolbar: 'Widok dokumentu',
    zoomIn: 'Powiększ',
    zoomOut: 'Pomniejsz',
    fitWidth: 'Dopasuj do szerokości',
    zoomLevel: '{{percent}}%',
    pageOf: 'Strona {{page}} z {{total}}',
    page: 'Strona {{page}}',
    thumbnails: 'Miniatury stron',
    pages: 'Strony dokumentu',
  },
};
