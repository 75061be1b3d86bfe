// Spanish words of en/connection.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { connection as english } from '../en/connection';
import type { Strings } from '../shape';

export const connection: Strings<typeof english> = {
  connection: {
    title: 'Conexión',
    profiles: 'Perfiles del Optimizer',
    profileForm: 'Perfil del Optimizer',
    addProfile: 'Añadir un Optimizer',
    edit: 'Editar',
    remove: 'Eliminar',
    name: 'Nombre',
    baseUrl: 'URL base',
    environment: 'Entorno',
    env: { prod: 'Producción', sandbox: 'Pruebas (sandbox)' },
    caFile: 'Certificado de la CA (PEM, para un Optimizer con certificado propio)',
    caLoaded: 'Certificado cargado',
    defaultRa: 'Autoridad de Registro predeterminada',
    defaultCertProfile: 'Perfil de certificado predeterminado',
    saveProfile: 'Guardar perfil',
    status: 'Estado',
    reachable: 'Accesible · versión {{version}} · {{ms}} ms',
    unreachable: 'No accesible: {{message}}',
    chipOnline: '{{name}}: conectado ({{ms}} ms)',
    chipOffline: '{{name}}: sin conexión',
    none: 'No se ha elegido ningún Optimizer',
    trainingName: 'Entorno de pruebas para formación (sin validez legal)',
    tokens: 'Tokens de operador RAO en {{profile}}',
    noTokens:
      'Aún no hay ningún token: cree uno a continuación con el nombre de usuario, la contraseña y el PIN del operador RAO.',
    holdsPassword: 'contraseña guardada',
    holdsPin: 'PIN guardado',
    tokenStatus: { valid: 'válido', invalid: 'rechazado por el Optimizer' },
    deleteToken: 'Eliminar token',
    checkTokens: 'Comprobar los tokens con el Optimizer',
    newToken: 'Nuevo token de operador RAO',
    username: 'Nombre de usuario',
    password: 'Contraseña',
    pin: 'PIN',
    createToken: 'Crear token',
    tokensQuestionTitle: '¿Conservar los tokens de los RAO?',
    tokensQuestion_one:
      'Este perfil guarda tokens de {{count}} RAO. ¿Conservarlos? Se enviarán a la nueva dirección {{baseUrl}}.',
    tokensQuestion_many:
      'Este perfil guarda tokens de {{count}} RAO. ¿Conservarlos? Se enviarán a la nueva dirección {{baseUrl}}.',
    tokensQuestion_other:
      'Este perfil guarda tokens de {{count}} RAO. ¿Conservarlos? Se enviarán a la nueva dirección {{baseUrl}}.',
    tokensForgetHint:
      'Olvidar los quita de este equipo; después los RAO crean tokens nuevos para este Optimizer.',
    keepTokens: 'Conservar',
    forgetTokens: 'Olvidar',
  },
  link: {
    checking: '{{name}}: comprobando…',
    kind: { training: 'Formación', sandbox: 'Pruebas', prod: 'Producción' },
    kindLabel: 'Tipo de Optimizer',
    otpOffline:
      'No se puede contactar con el Optimizer: el código se podrá enviar cuando vuelva a responder.',
  },
};
