// Spanish words of en/app.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { app as english } from '../en/app';
import type { Strings } from '../shape';

export const app: Strings<typeof english> = {
  app: {
    name: 'One-Shot Desk',
    training:
      'Entorno de pruebas (sandbox) para formación: nada de lo que se firme aquí tiene validez legal.',
    version: 'Versión {{version}}',
  },
  nav: {
    label: 'Principal',
    queue: 'Cola',
    connection: 'Conexión',
    templates: 'Plantillas',
    audit: 'Registro de auditoría',
    settings: 'Ajustes',
    language: 'Idioma',
  },
  languages: { en: 'English', es: 'Español', pl: 'Polski' },
  common: {
    cancel: 'Cancelar',
    close: 'Cerrar',
    dismiss: 'Descartar',
    loading: 'Cargando…',
    checking: 'Comprobando…',
    unknown: 'desconocido',
    dayLetters: { day: 'dd', month: 'mm', year: 'aaaa' },
    dayInvalid: 'Escriba la fecha como {{pattern}}, por ejemplo {{example}}.',
    numberInvalid: 'Escriba un número, por ejemplo {{example}}.',
  },
  actions: {
    start: 'Iniciar',
    pause: 'Pausar',
    resume: 'Reanudar',
    cancel: 'Cancelar',
    retry: 'Reintentar',
    remove: 'Quitar',
    sign: 'Firmar',
  },
  state: {
    draft: 'Faltan datos',
    queued: 'En cola',
    creating: 'Creando la solicitud',
    created: 'Solicitud creada',
    uploading: 'Subiendo',
    uploaded: 'Subido',
    contract_ready: 'Contrato listo',
    awaiting_signer: 'Esperando al firmante',
    ready_to_sign: 'Listo para firmar',
    otp_sent: 'Código enviado',
    signing: 'Firmando',
    signed: 'Firmado',
    downloading: 'Descargando',
    saved: 'Guardado',
    cleaning: 'Limpiando',
    done: 'Completado',
    failed: 'Con error',
    cancelled: 'Cancelado',
    paused: 'en pausa',
  },
};
