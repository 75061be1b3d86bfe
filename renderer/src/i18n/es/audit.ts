// Spanish words of en/audit.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { audit as english } from '../en/audit';
import type { Strings } from '../shape';

export const audit: Strings<typeof english> = {
  audit: {
    title: 'Registro de auditoría',
    intro:
      'Cada cambio hecho por el puesto, en el orden en que ocurrió. Cada entrada va encadenada a la anterior, así que «Verificar cadena» descubre una entrada modificada o eliminada.',
    filters: {
      label: 'Filtrar eventos',
      jobId: 'ID del trabajo',
      signer: 'Firmante',
      signerHint: 'Parte del nombre o del número del documento de identidad',
      kind: 'Evento',
      anyKind: 'Todos los eventos',
      family: 'Cualquier evento de «{{group}}»',
      from: 'Desde',
      to: 'Hasta',
      apply: 'Mostrar eventos',
      clear: 'Quitar filtros',
    },
    groups: {
      job: 'Trabajos',
      document: 'Documentos firmados',
      upload: 'Subidas',
      queue: 'Cola',
      review: 'Revisión con el firmante',
      idImages: 'Imágenes del documento de identidad',
      profile: 'Perfiles del Optimizer',
      settings: 'Ajustes',
      template: 'Plantillas',
      retention: 'Copias locales',
      audit: 'Registro de auditoría',
    },
    kinds: {
      job: {
        created: 'Trabajo creado',
        draft_updated: 'Datos modificados',
        appearance_set: 'Aspecto de la firma fijado',
        state: 'Cambio de estado',
        paused: 'En pausa',
        resumed: 'Reanudado',
        removed: 'Trabajo eliminado',
        restored: 'Trabajo eliminado recuperado',
        copied: 'Trabajo copiado como nuevo borrador',
      },
      document: {
        placement_set: 'Posición de la firma fijada',
        naming: 'Nombre de archivo elegido',
        saved: 'Archivo firmado guardado',
        verification_failed: 'El archivo firmado no se pudo verificar',
        remote_deleted: 'Eliminado del Optimizer',
        refused: 'Rechazado por el Optimizer',
        dropped: 'Quitado del trabajo',
      },
      upload: {
        sending: 'Subiendo documentos',
        done: 'Documentos subidos',
        reconciled: 'Subidas comprobadas de nuevo',
      },
      step: { retry: 'Paso que se reintentará', offline: 'Optimizer no disponible' },
      sign: {
        recovery: 'Firma comprobada de nuevo tras una interrupción',
        accepted: 'Firma aceptada; el Optimizer firma en segundo plano',
      },
      review: {
        read: 'Leído por el firmante',
        consent: 'Aceptado por el firmante',
        signer_view: 'Revisión girada hacia el firmante',
        read_override: 'Marcado como leído por el operador',
      },
      id_image: { added: 'Imagen del documento añadida', removed: 'Imagen del documento quitada' },
      id_images: {
        purged: 'Imágenes del documento borradas',
        purge_failed: 'No se pudieron borrar las imágenes del documento',
      },
      profile: {
        created: 'Perfil del Optimizer añadido',
        updated: 'Perfil del Optimizer modificado',
        removed: 'Perfil del Optimizer eliminado',
      },
      settings: { changed: 'Ajuste modificado' },
      template: {
        created: 'Plantilla creada',
        updated: 'Plantilla modificada',
        imported: 'Plantilla importada',
        duplicated: 'Plantilla duplicada',
        removed: 'Plantilla eliminada',
        defaultChanged: 'Plantilla predeterminada cambiada',
      },
      retention: {
        applied: 'Copias locales antiguas eliminadas',
        failed: 'No se pudieron eliminar las copias locales antiguas',
      },
      audit: {
        exported: 'Registro de auditoría exportado',
        keyed: 'Registro de auditoría sellado desde aquí con la clave del llavero',
      },
    },
    columns: {
      seq: 'N.º',
      at: 'Cuándo',
      kind: 'Evento',
      job: 'Trabajo',
      signer: 'Firmante',
      details: 'Detalles',
    },
    table: 'Eventos, los más recientes primero',
    onlyJob: 'Mostrar solo el trabajo {{id}}',
    shown: 'Se muestran {{shown}} de {{total}} eventos, los más recientes primero.',
    none: 'Ningún evento coincide con estos filtros.',
    loadOlder: 'Cargar eventos anteriores',
    loading: 'Cargando…',
    summary: {
      document: 'documento {{number}}',
      contract: 'contrato de servicio',
      changed: 'Modificado: {{fields}}',
      more: 'y {{count}} más',
      exported_one: '{{count}} evento en {{format}}',
      exported_many: '{{count}} eventos en {{format}}',
      exported_other: '{{count}} eventos en {{format}}',
      filteredBy: 'filtrado por {{filters}}',
      pagesSeen_one: '{{count}} página en pantalla ({{pages}}), {{from}}–{{to}}',
      pagesSeen_many: '{{count}} páginas en pantalla ({{pages}}), {{from}}–{{to}}',
      pagesSeen_other: '{{count}} páginas en pantalla ({{pages}}), {{from}}–{{to}}',
      overrideReason: 'no leído en pantalla; motivo del operador: «{{reason}}»',
    },
    verify: {
      button: 'Verificar cadena',
      running: 'Comprobando cada entrada…',
      intact_one: '{{count}} evento, cadena intacta.',
      intact_many: '{{count}} eventos, cadena intacta.',
      intact_other: '{{count}} eventos, cadena intacta.',
      broken: 'La cadena está rota en el evento {{seq}}: {{reason}}.',
      unsealed: 'Comprobado solo con hashes simples: este registro no tiene clave en el llavero.',
      results: {
        truncated:
          'Se eliminaron eventos del final del registro: quedan {{count}}, pero el registro firmado del llavero cuenta {{expected}}. Deje este equipo como está y avise a su responsable de seguridad.',
        emptied:
          'Se borraron todos los eventos del registro, pero el registro firmado del llavero cuenta {{expected}}. Deje este equipo como está y avise a su responsable de seguridad.',
        forged:
          'El evento {{seq}} no lo escribió este puesto: su sello no coincide con la clave del llavero. Deje este equipo como está y avise a su responsable de seguridad.',
        recomputed:
          'El evento {{seq}} se modificó y se recalcularon todos los posteriores para ocultarlo: sus sellos no coinciden con la clave del llavero. Deje este equipo como está y avise a su responsable de seguridad.',
        keyMissing:
          'No se puede comprobar el registro: el llavero ya no guarda su clave (servicio «oneshot-desk/audit»). Restaure el llavero desde una copia de seguridad y vuelva a comprobarlo.',
        headMissing:
          'Todos los eventos son correctos, pero el llavero perdió el registro firmado de la longitud del registro, así que no se verían eventos eliminados al final. Restaure el llavero desde una copia de seguridad y vuelva a comprobarlo.',
      },
      reasons: {
        changed: 'su contenido se modificó después de escribirse',
        missing: 'falta el evento {{missing}}',
        unlinked: 'no apunta al evento anterior',
      },
    },
    export: {
      csv: 'Exportar CSV',
      json: 'Exportar JSON',
      done: 'Guardado {{filename}}.',
    },
  },
};
