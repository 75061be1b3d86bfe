// Audit events read as sentences in the RAO's language: every kind core writes, with the data it
// writes, is worded with its values named — never a raw data key ("key: language", "path:",
// "uid:"), never true/false, never an object i18next could not word.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import i18next from 'i18next';
import { resources } from '../../renderer/src/i18n/catalogue';
import { KIND_GROUPS, summarize } from '../../renderer/src/audit/summary';

const HASH = 'a'.repeat(64);
const RULE = { page: 'last', corner: 'bottom-right', x: 36, y: 36, width: 180, height: 60 };
/** Each kind with data as core writes it (electron/core: store, queue, vault, bridge, retention). */
const SAMPLES: Record<string, Record<string, unknown>> = {
  'job.created': {
    label: 'Contrato',
    state: 'draft',
    documents: ['a.pdf'],
    auth: { delivery: 'sms' },
    batchId: null,
  },
  'job.draft_updated': { fields: ['email', 'communication_language'], signer: true },
  'job.appearance_set': {
    placement: { rule: RULE, anchor: { text: 'Firma:', dx: 0, dy: -40 } },
    templateId: 'tpl-1',
  },
  'job.state': { from: 'creating', to: 'created', pk: 822001 },
  'job.paused': {},
  'job.resumed': {},
  'job.removed': { undoable: true },
  'job.restored': { state: 'failed' },
  'job.copied': { from: 'job-1', fromState: 'failed' },
  'document.placement_set': { position: 0, placement: { rule: { ...RULE, page: 'first' } } },
  'document.naming': { path: '/home/rao/Firmados/contrato.pdf' },
  'document.saved': { path: '/home/rao/Firmados/contrato.pdf', sha256: HASH, signer: 'MARÍA NÚÑEZ' },
  'document.verification_failed': { position: 1, problems: ['digest'] },
  'document.remote_deleted': { uid: 'doc-123' },
  'document.refused': { filename: 'scan.pdf', status: 415, said: 'Unsupported media' },
  'document.dropped': { position: 2, filename: 'b.pdf', sha256: HASH },
  'upload.sending': { positions: [0, 1] },
  'upload.done': { documents: [{ position: 0, uid: 'doc-1' }] },
  'upload.reconciled': { found: 2, resend: [1], strays: ['doc-9'] },
  'step.retry': { state: 'uploading', attempt: 2, inMs: 5000, error: 'offline', message: 'ECONNREFUSED' },
  'step.offline': { state: 'uploading', message: 'ECONNREFUSED' },
  'sign.recovery': { outcome: 'not_signed', status: null, by: 'request_status', action: 'sign_again' },
  'sign.accepted': { async: true },
  'review.signer_view': {},
  'review.read': { which: 'contract', pages: 2, seen: [{ page: 1, at: '2026-11-22T10:02:01Z' }] },
  'review.read_override': { which: 0, reason: 'Leído en papel' },
  'review.consent': { items: 3 },
  'id_image.added': { side: 'document_front' },
  'id_image.removed': { side: 'document_rear' },
  'id_images.purged': { reason: 'signed', sides: ['document_front', 'document_rear'] },
  'id_images.purge_failed': { reason: 'signed', message: 'EACCES' },
  'profile.created': { id: 'p-1', name: 'Oficina', baseUrl: 'https://10.0.0.2:8080', env: 'prod' },
  'profile.updated': { id: 'p-1', name: 'Oficina', baseUrl: 'https://10.0.0.2:8080', env: 'sandbox' },
  'profile.removed': { id: 'p-1' },
  'settings.changed': { key: 'language' },
  'template.created': { id: 't-1', name: 'Estándar' },
  'template.updated': { id: 't-1', name: 'Nueva', renamedFrom: 'Estándar' },
  'template.imported': { id: 't-2', name: 'Importada' },
  'template.duplicated': { id: 't-3', name: 'Estándar (copia)' },
  'template.removed': { id: 't-3', name: 'Estándar (copia)' },
  'template.defaultChanged': { id: 't-1', name: 'Nueva' },
  'retention.applied': {
    originalsRemoved: 3,
    bytesFreed: 1_572_864,
    idImageJobsPurged: 1,
    originalsRetentionDays: 30,
    idImageRetentionDays: 7,
  },
  'retention.failed': { error: 'EACCES' },
  'audit.exported': { format: 'csv', events: 12, filters: ['signer'] },
  'audit.keyed': { plainRows: 10, plainLastHash: HASH, plainChain: 'intact' },
};

async function inLanguage(lng: 'en' | 'es' | 'pl') {
  const i18n = i18next.createInstance();
  await i18n.init({ lng, resources, interpolation: { escapeValue: false } });
  return i18n;
}

describe('audit event wording', () => {
  it('has a sample for every kind the screen lists', () => {
    const kinds = KIND_GROUPS.flatMap((g) => g.kinds);
    assert.deepEqual(
      kinds.filter((k) => !(k in SAMPLES)),
      [],
    );
  });

  for (const lng of ['en', 'es', 'pl'] as const) {
    it(`names every value in ${lng}, never a raw key`, async () => {
      const { t } = await inLanguage(lng);
      const raw: string[] = [];
      for (const [kind, data] of Object.entries(SAMPLES)) {
        const line = summarize(t, kind, structuredClone(data), lng);
        // A name starts the line or follows a separator; "HTTP status:" is a worded name.
        const keys = Object.keys(data).filter((k) => new RegExp(`(^|· |\\(|, )${k}:`).test(line));
        if (keys.length > 0) raw.push(`${kind}: ${line}`);
        else if (/\b(true|false|undefined|returned an object)\b/.test(line)) raw.push(`${kind}: ${line}`);
      }
      assert.deepEqual(raw, []);
    });
  }

  it('writes a placement in millimetres with the language’s decimal mark', async () => {
    const es = await inLanguage('es');
    const line = summarize(es.t, 'job.appearance_set', { placement: { rule: RULE } }, 'es');
    assert.match(line, /63,5 × 21,2 mm/);
  });

  it('words a changed setting by its name, in the language', async () => {
    const es = await inLanguage('es');
    const pl = await inLanguage('pl');
    assert.match(summarize(es.t, 'settings.changed', { key: 'language' }, 'es'), /Idioma/);
    assert.match(summarize(pl.t, 'settings.changed', { key: 'outputDir' }, 'pl'), /folder/i);
  });
});
