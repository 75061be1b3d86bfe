// Spanish words of en/review.ts, typed as it: the same keys, plus the plural forms the language needs.
import type { review as english } from '../en/review';
import type { Strings } from '../shape';

export const review: Strings<typeof english> = {
  review: {
    title: 'Revisión con el firmante',
    contract: 'Contrato de servicio',
    checklist: 'Documentos para leer',
    read: '(leído)',
    notRead: '(aún no leído)',
    howTo: 'Abra cada documento y desplácese hasta el final; se marcará como leído.',
    signerMode: 'Vista del firmante',
    leaveSignerMode: 'Volver al puesto del operador',
    consent: 'El firmante ha leído y acepta',
    readAllFirst: 'El firmante debe leer antes el contrato y todos los documentos.',
  },
  reading: {
    howTo:
      'Gire la pantalla hacia el firmante con «Vista del firmante». Cada documento se marca cuando todas sus páginas han estado en pantalla un momento.',
    onlyInSignerView: 'La lectura solo se mide en la vista del firmante.',
    pagesSeen_one: '{{seen}} de {{count}} página vista',
    pagesSeen_many: '{{seen}} de {{count}} páginas vistas',
    pagesSeen_other: '{{seen}} de {{count}} páginas vistas',
    overridden: '(marcado como leído por el operador)',
    override: 'Marcar como leído sin el visor…',
    overrideTitle: 'Marcar «{{name}}» como leído',
    reason: 'Por qué se considera leído (queda en el registro de auditoría)',
    reasonExample: 'p. ej., el firmante leyó la copia en papel',
    reasonTooShort: 'Escriba el motivo en pocas palabras.',
    record: 'Registrar como leído',
    cancel: 'Cancelar',
  },
};
