// The PDF viewer's strings in every language the desk speaks; merged into the app's i18next
// resources under the `viewer` key. `{{page}}`, `{{total}}` and `{{percent}}` are interpolated.

const en = {
  viewer: {
    loading: 'Loading the document…',
    failed: 'This document could not be opened.',
    passwordProtected: 'This document is protected by a password and cannot be shown.',
    toolbar: 'Document view',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fitWidth: 'Fit width',
    zoomLevel: '{{percent}}%',
    pageOf: 'Page {{page}} of {{total}}',
    page: 'Page {{page}}',
    thumbnails: 'Page thumbnails',
    pages: 'Document pages',
  },
};

type ViewerStrings = { viewer: Record<keyof typeof en.viewer, string> };

const es: ViewerStrings = {
  viewer: {
    loading: 'Cargando el documento…',
    failed: 'No se ha podido abrir este documento.',
    passwordProtected: 'Este documento está protegido con contraseña y no se puede mostrar.',
    toolbar: 'Vista del documento',
    zoomIn: 'Acercar',
    zoomOut: 'Alejar',
    fitWidth: 'Ajustar al ancho',
    zoomLevel: '{{percent}} %',
    pageOf: 'Página {{page}} de {{total}}',
    page: 'Página {{page}}',
    thumbnails: 'Miniaturas de las páginas',
    pages: 'Páginas del documento',
  },
};

const pl: ViewerStrings = {
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

export const viewerStrings: Record<'en' | 'es' | 'pl', ViewerStrings> = { en, es, pl };
