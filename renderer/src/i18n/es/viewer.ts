// Spanish words of en/viewer.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { viewer as english } from '../en/viewer';
import type { Strings } from '../shape';

export const viewer: Strings<typeof english> = {
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
