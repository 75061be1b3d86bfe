// Spanish words of en/problems.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { problems as english } from '../en/problems';
import type { Strings } from '../shape';

export const problems: Strings<typeof english> = {
  errors: {
    validation: 'Revise lo siguiente:',
    not_found: 'No se ha encontrado.',
    conflict: 'No es posible en este momento.',
    offline: 'No se puede conectar con el Optimizer.',
    timeout: 'El Optimizer no ha respondido a tiempo.',
    tls: 'El certificado del Optimizer no es de confianza.',
    auth: 'Se ha rechazado el token de operador RAO.',
    otp_wrong: 'Código incorrecto.',
    otp_expired: 'El código ha caducado.',
    otp_cooldown: 'Espere antes de enviar otro código.',
    otp_locked: 'El código está bloqueado.',
    unsupported_media: 'No se admite este tipo de archivo.',
    server: 'El Optimizer ha devuelto un error.',
    unknown_outcome: 'Aún no se conoce el resultado; se comprobará antes de repetir ninguna operación.',
    keychain_unavailable: 'El almacén de credenciales del sistema no está disponible.',
    forbidden: 'No está permitido.',
    unsupported: 'No disponible aquí.',
    internal: 'Se ha producido un error inesperado.',
  },
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
    desktopOnly:
      'Esto necesita la aplicación de escritorio; en el navegador, use el selector de archivos o la ruta indicada.',
    documentNotSigned: '«{{filename}}» aún no se ha firmado ni guardado.',
    signedFileMoved: 'El archivo firmado ya no está en {{path}}: se ha movido o borrado.',
    profileMissing: 'Ese perfil de Optimizer ya no existe.',
    profileNotChosen: 'Elija antes un Optimizer en Conexión.',
    profileInUse: 'Aún hay trabajos que usan este Optimizer: elimínelos antes.',
    trainingProfileBuiltIn: 'El entorno de pruebas para formación viene incluido y no se puede eliminar.',
    codeBeforeConsent:
      'El firmante aún no ha leído y aceptado todos los documentos: no se envía ningún código antes.',
    sandboxPhoneOnly: 'El teléfono de pruebas solo existe en el entorno de pruebas para formación.',
    sandboxAnswered: 'El entorno de pruebas para formación respondió con el estado {{status}}.',
    contractUnreadable: 'No se puede leer el contrato de servicio guardado para este trabajo.',
    pagesBeyond: 'El documento tiene {{total}} página(s): las páginas {{pages}} no existen.',
    uploadUnknown: 'Esa subida ya no se reconoce: añada el archivo de nuevo.',
    uploadOutOfOrder: 'La subida de «{{filename}}» llegó desordenada: añada el archivo de nuevo.',
    uploadTooLarge: '«{{filename}}» ocupa más de {{maxMb}} MB y no se puede firmar.',
    templateImportRefused:
      'No se importó nada: el archivo no es un archivo de plantillas que este equipo pueda leer (problemas encontrados: {{count}}). Elija un archivo exportado desde Plantillas.',
    documentOrderInvalid:
      'El orden de los documentos no coincide con los de este trabajo: vuelva a abrir el trabajo.',
    documentsRefused: 'Algunos documentos no se pueden firmar (archivos rechazados: {{count}}):',
    overRequestLimits: 'Los documentos superan los límites del Optimizer para una solicitud:',
    detailsMissing: 'Faltan datos antes de que el trabajo pueda empezar (por completar: {{count}}):',
    auditDateInvalid: 'No se puede leer una fecha del filtro: elíjala de nuevo.',
  },
};
