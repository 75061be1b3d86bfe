// Spanish words of en/settings.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { settings as english } from '../en/settings';
import type { Strings } from '../shape';

export const settings: Strings<typeof english> = {
  settings: {
    title: 'Ajustes',
    intro: 'El idioma y el tema cambian al instante; los demás valores, al guardarlos.',
    appearance: 'Idioma y aspecto',
    language: 'Idioma',
    theme: 'Tema',
    themes: { system: 'Seguir al sistema', light: 'Claro', dark: 'Oscuro' },
    signerLanguage: 'Idioma para firmantes de otros países',
    signerLanguageHint:
      'El servicio escribe en español a los firmantes españoles y en polaco a los polacos; los demás reciben este idioma salvo que el operador elija otro.',
    signerLanguages: { EN: 'Inglés', ES: 'Español', PL: 'Polaco' },
    output: 'Archivos firmados',
    outputDir: 'Carpeta de salida',
    outputDirHint:
      'La ruta completa de una carpeta en la que pueda escribir. Si aún no existe, se crea al guardar el primer archivo firmado.',
    outputDirPlaceholders:
      'Puede usar {signer} el nombre del firmante, {id} los 4 últimos caracteres de su número de documento, {date} el día en que empieza el trabajo y {job} el número del trabajo: cada trabajo conserva la carpeta con la que empezó.',
    folderPreview: 'Ejemplo: {{folder}}',
    browse: 'Examinar…',
    browseUnsupported:
      'Para elegir una carpeta hace falta la aplicación de escritorio: escriba la ruta completa de la carpeta.',
    folderRefused: 'No se puede usar esta carpeta.',
    nameTemplate: 'Plantilla del nombre de archivo',
    nameTemplateHint:
      'Marcadores: {name} el nombre original, {signer} el firmante, {pk} la solicitud, {date} la fecha, {n} el número del documento. Incluya {name} o {n}.',
    preview: 'Ejemplo: {{file}}',
    sampleFile: 'contrato',
    sampleSigner: 'Ana García',
    queue: 'Cola',
    concurrency: 'Trabajos a la vez',
    concurrencyHint: 'De 1 a 16. El cambio se aplica al instante a la cola en marcha.',
    retention: 'Copias locales',
    newJobs: {
      title: 'Firma en los trabajos nuevos',
      none: 'Los trabajos nuevos empiezan sin ubicación: su firma es invisible hasta que la coloque.',
      hint: 'Se fija en el editor de ubicación con «Empezar también los trabajos nuevos con esta ubicación». Cada trabajo puede colocarse de otro modo.',
      clear: 'Empezar los trabajos nuevos sin ubicación',
      firstPage: 'Primera página',
      lastPage: 'Última página',
      pageN: 'Página {{n}}',
      where:
        '{{page}}, {{corner}}: {{width}} × {{height}} mm, a {{x}} mm en horizontal y {{y}} mm en vertical de la esquina.',
      near: 'Junto a la frase «{{text}}» donde el documento la tenga.',
      corners: {
        'top-left': 'arriba a la izquierda',
        'top-right': 'arriba a la derecha',
        'bottom-left': 'abajo a la izquierda',
        'bottom-right': 'abajo a la derecha',
      },
    },
    retentionHint:
      'Las copias más antiguas se eliminan al iniciar y cada 6 horas. Con 0 se conservan sin límite de tiempo.',
    originalsDays: 'Días que se conservan los originales de trabajos terminados',
    originalsKept_one: 'Los originales se eliminan {{count}} día después de terminar su último trabajo.',
    originalsKept_many: 'Los originales se eliminan {{count}} días después de terminar su último trabajo.',
    originalsKept_other: 'Los originales se eliminan {{count}} días después de terminar su último trabajo.',
    idImageDays: 'Días que se conservan las imágenes del documento de identidad',
    idImagesKept_one:
      'Las imágenes del documento se eliminan en cuanto se crea la solicitud y, como muy tarde, pasado {{count}} día.',
    idImagesKept_many:
      'Las imágenes del documento se eliminan en cuanto se crea la solicitud y, como muy tarde, pasados {{count}} días.',
    idImagesKept_other:
      'Las imágenes del documento se eliminan en cuanto se crea la solicitud y, como muy tarde, pasados {{count}} días.',
    noLimit: 'Se conservan sin límite de tiempo.',
    save: 'Guardar cambios',
    saving: 'Guardando…',
    saved: 'Guardado.',
    notSaved: 'Algunos valores no se han guardado: vea los mensajes junto a ellos.',
    problems: {
      language: 'Elija uno de: {{allowed}}.',
      theme: 'Elija uno de: {{allowed}}.',
      signerLanguage: 'Elija uno de: {{allowed}}.',
      wholeNumber: 'Escriba un número entero de {{min}} a {{max}}.',
      templateEmpty: 'Escriba una plantilla, por ejemplo {name}.firmado.pdf.',
      templateTooLong: 'La plantilla tiene más de {{max}} caracteres.',
      templateSeparator: 'Sin / ni \\: la plantilla da nombre a un archivo, no a una carpeta.',
      templateUnsafe: '«{{character}}» no se admite en un nombre de archivo.',
      templatePlaceholder: '{{placeholder}} no es un marcador; use {{allowed}}.',
      templateBrace: 'Hay una { o } que no forma parte de un marcador como {name}.',
      folderPlaceholder: '{{placeholder}} no es un marcador de carpeta; use {{allowed}}.',
      folderBrace: 'Hay una { o } que no forma parte de un marcador como {signer}.',
      templateNoName: 'Incluya {name} o {n}, para que cada documento tenga su propio nombre.',
      templateLeadingDot: 'El nombre no puede empezar por un punto: el archivo quedaría oculto.',
      folderEmpty: 'Elija la carpeta de los archivos firmados.',
      folderRelative: 'Escriba una ruta completa, desde la raíz (/…) o desde una unidad (C:\\…).',
      folderIsFile: '«{{folder}}» es un archivo, no una carpeta. Elija una carpeta.',
      folderBlockedByFile:
        'No se puede crear «{{folder}}» porque «{{file}}» es un archivo. Elija otra carpeta.',
      folderNoRoot: 'No se puede crear «{{folder}}»: su unidad o raíz no existe.',
      folderNotWritable:
        'One-Shot Desk no puede guardar archivos en «{{folder}}» ({{cause}}). Elija otra carpeta.',
      folderCannotCreate:
        '«{{folder}}» no existe y no se puede crear: One-Shot Desk no puede escribir en «{{parent}}» ({{cause}}).',
      templateUnusable: 'La plantilla da «{{sample}}», que no puede ser un nombre de archivo.',
      placement: 'Esto no es una regla de ubicación: una página, una esquina y un recuadro en puntos.',
    },
    writeCauses: {
      permission: 'permiso denegado',
      readOnly: 'solo lectura',
      full: 'el disco está lleno',
      other: 'el sistema rechazó un archivo de prueba',
      isFile: 'hay un archivo donde debería estar la carpeta',
      missing: 'no existe y no se puede crear',
      relative: 'no es una ruta completa',
    },
  },
};
