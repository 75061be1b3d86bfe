// How an audit event reads on the screen: its kind in words, and one line out of its data in the
// RAO's language (the common kinds in sentences, anything else as "name: value" pairs with every
// name worded, numbers, sizes and times as the language writes them, long hashes shortened).
import type { TFunction } from 'i18next';
import type { Placement } from '../../../shared/contract-appearance';
import { pageRanges } from '../../../shared/reading';
import { formatBytes, formatClock, formatNumber } from '../i18n/format';
import { describePlacement } from '../settings/describe-placement';

/** The kinds core writes, grouped for the filter; `family` filters a whole group at once. */
export const KIND_GROUPS: readonly { group: string; family?: string; kinds: readonly string[] }[] = [
  {
    group: 'job',
    family: 'job.',
    kinds: [
      'job.created',
      'job.draft_updated',
      'job.appearance_set',
      'job.state',
      'job.paused',
      'job.resumed',
      'job.removed',
      'job.restored',
      'job.copied',
    ],
  },
  {
    group: 'document',
    family: 'document.',
    kinds: [
      'document.placement_set',
      'document.naming',
      'document.saved',
      'document.verification_failed',
      'document.remote_deleted',
      'document.refused',
      'document.dropped',
    ],
  },
  { group: 'upload', family: 'upload.', kinds: ['upload.sending', 'upload.done', 'upload.reconciled'] },
  { group: 'queue', kinds: ['step.retry', 'step.offline', 'sign.recovery', 'sign.accepted'] },
  {
    group: 'review',
    family: 'review.',
    kinds: ['review.signer_view', 'review.read', 'review.read_override', 'review.consent'],
  },
  {
    group: 'idImages',
    kinds: ['id_image.added', 'id_image.removed', 'id_images.purged', 'id_images.purge_failed'],
  },
  { group: 'profile', family: 'profile.', kinds: ['profile.created', 'profile.updated', 'profile.removed'] },
  { group: 'settings', kinds: ['settings.changed'] },
  {
    group: 'template',
    family: 'template.',
    kinds: [
      'template.created',
      'template.updated',
      'template.imported',
      'template.duplicated',
      'template.removed',
      'template.defaultChanged',
    ],
  },
  { group: 'retention', family: 'retention.', kinds: ['retention.applied', 'retention.failed'] },
  { group: 'audit', family: 'audit.', kinds: ['audit.exported', 'audit.keyed'] },
];

const KNOWN = new Set(KIND_GROUPS.flatMap((g) => g.kinds));

/** The kind in words; a kind this screen does not know yet shows as written. */
export const kindLabel = (t: TFunction, kind: string): string =>
  KNOWN.has(kind) ? t(`audit.kinds.${kind}`) : kind;

const SHA256 = /^[0-9a-f]{64}$/i;
const MAX_TEXT = 80;
const MAX_ITEMS = 4;

/** The wording of one event: the reader's t and language. */
interface Words {
  t: TFunction;
  language: string;
}

const isPlacement = (value: unknown): value is Placement =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { rule?: { corner?: unknown } }).rule?.corner === 'string';

function brief(w: Words, value: unknown, depth = 0): string {
  const { t } = w;
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string') {
    if (SHA256.test(value)) return `${value.slice(0, 12)}…`;
    return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT - 1)}…` : value;
  }
  if (typeof value === 'number') return formatNumber(w.language, value, 2);
  if (typeof value === 'boolean') return value ? t('audit.summary.yes') : t('audit.summary.no');
  if (typeof value !== 'object') return '?';
  if (Array.isArray(value)) {
    if (value.length === 0) return '—';
    const shown = value.slice(0, MAX_ITEMS).map((v) => brief(w, v, depth + 1));
    if (value.length > MAX_ITEMS) shown.push(t('audit.summary.more', { count: value.length - MAX_ITEMS }));
    return shown.join(', ');
  }
  if (isPlacement(value)) return describePlacement(t, value, w.language);
  const record = value as Record<string, unknown>;
  if (typeof record.filename === 'string') return brief(w, record.filename);
  if (depth > 1) return '{…}';
  return `(${pairs(w, record, depth + 1).join(', ')})`;
}

/** A value as its key says it is meant: a state, a kind of Optimizer, a size in bytes, days. */
function valueText(w: Words, key: string, value: unknown, depth: number): string {
  if ((key === 'state' || key === 'fromState') && typeof value === 'string') return stateName(w.t, value);
  if (key === 'env' && typeof value === 'string')
    return w.t(`connection.env.${value}`, { defaultValue: value });
  if (key === 'bytesFreed' && typeof value === 'number') return formatBytes(w.language, value);
  if (key === 'error' && typeof value === 'string') return w.t(`errors.${value}`, { defaultValue: value });
  return brief(w, value, depth);
}

/** `position` is a document counted from 0 in core; people count from 1. */
function pairs(w: Words, data: Record<string, unknown>, depth = 0): string[] {
  return Object.entries(data).map(([key, value]) =>
    key === 'position' && typeof value === 'number'
      ? w.t('audit.summary.document', { number: value + 1 })
      : `${keyName(w.t, key)}: ${valueText(w, key, value, depth)}`,
  );
}

const stateName = (t: TFunction, state: unknown): string =>
  typeof state === 'string' ? t(`state.${state}`, { defaultValue: state }) : '?';

/** Each setting by its label on the settings screen. */
const SETTING_LABELS: Readonly<Record<string, string>> = {
  language: 'settings.language',
  outputDir: 'settings.outputDir',
  nameTemplate: 'settings.nameTemplate',
  concurrency: 'settings.concurrency',
  originalsRetentionDays: 'settings.originalsDays',
  idImageRetentionDays: 'settings.idImageDays',
  theme: 'settings.theme',
  signerLanguage: 'settings.signerLanguage',
  defaultPlacement: 'settings.newJobs.title',
};

/**
 * A data key in words: the audit screen's own name for it, the form's label, the guide's, the
 * setting's; as core wrote it only for a key no version of the desk has worded yet.
 */
const keyName = (t: TFunction, key: string): string =>
  t([`audit.values.${key}`, `fields.${key}`, `guide.keys.${key}`, SETTING_LABELS[key] ?? `settings.${key}`], {
    defaultValue: key,
  });

const fieldName = (t: TFunction, field: string): string =>
  field === 'signer' ? t('signer.title') : keyName(t, field);

/** "14 pages on screen (1–14), 10:02:01–10:02:19": the evidence a document was read. */
function pagesSeen({ t, language }: Words, seen: unknown): string | null {
  if (!Array.isArray(seen) || seen.length === 0) return null;
  const pages = seen
    .map((p: unknown) => (p as { page?: unknown }).page)
    .filter((p): p is number => typeof p === 'number');
  const times = seen
    .map((p: unknown) => Date.parse(String((p as { at?: unknown }).at)))
    .filter((ms) => Number.isFinite(ms));
  if (pages.length === 0 || times.length === 0) return null;
  return t('audit.summary.pagesSeen', {
    count: pages.length,
    pages: pageRanges(pages),
    from: formatClock(language, Math.min(...times)),
    to: formatClock(language, Math.max(...times)),
  });
}

/** One readable line for an event's data, in `language` (the language `t` speaks). */
export function summarize(
  t: TFunction,
  kind: string,
  data: Record<string, unknown>,
  language: string,
): string {
  const w: Words = { t, language };
  const { ...rest } = data;
  const lead: string[] = [];
  const take = <T>(key: string): T => {
    const value = rest[key] as T;
    delete rest[key];
    return value;
  };
  switch (kind) {
    case 'job.created': {
      const label = take<unknown>('label');
      const documents = take<unknown>('documents');
      const auth = take<{ method?: string; delivery?: string; type?: string } | undefined>('auth');
      if (typeof label === 'string') lead.push(`“${label}”`);
      lead.push(stateName(t, take('state')));
      if (Array.isArray(documents)) lead.push(t('queue.documents', { count: documents.length }));
      if (auth?.delivery) lead.push(t(`auth.delivery.${auth.delivery}`, { defaultValue: auth.delivery }));
      else if (auth?.type) lead.push(auth.type);
      if (rest.batchId === null) delete rest.batchId;
      break;
    }
    case 'job.state':
      lead.push(`${stateName(t, take('from'))} → ${stateName(t, take('to'))}`);
      break;
    case 'job.draft_updated': {
      const fields = take<unknown>('fields');
      const names = Array.isArray(fields) ? fields.filter((f): f is string => typeof f === 'string') : [];
      if (take('signer') === true) names.push('signer');
      if (rest.documents !== undefined) names.push('documents');
      if (names.length > 0)
        lead.push(t('audit.summary.changed', { fields: names.map((f) => fieldName(t, f)).join(', ') }));
      break;
    }
    case 'review.read':
    case 'review.read_override': {
      const which = take<unknown>('which');
      lead.push(
        which === 'contract'
          ? t('audit.summary.contract')
          : t('audit.summary.document', { number: Number(which) + 1 }),
      );
      const seen = pagesSeen(w, take('seen'));
      if (seen) {
        delete rest.pages;
        lead.push(seen);
      }
      const reason = take<unknown>('reason');
      if (typeof reason === 'string') lead.push(t('audit.summary.overrideReason', { reason }));
      break;
    }
    case 'id_image.added':
    case 'id_image.removed':
      lead.push(t(`idImages.sides.${String(take('side'))}`, { defaultValue: String(data.side) }));
      break;
    case 'audit.exported': {
      const format = String(take('format')).toUpperCase();
      lead.push(t('audit.summary.exported', { count: Number(take('events')), format }));
      const filters = take<unknown>('filters');
      if (Array.isArray(filters) && filters.length > 0) {
        const names = filters.map((f) => t(`audit.filters.${String(f)}`, { defaultValue: String(f) }));
        lead.push(t('audit.summary.filteredBy', { filters: names.join(', ') }));
      }
      break;
    }
    case 'settings.changed': {
      const key = String(take('key'));
      lead.push(t('audit.summary.changed', { fields: keyName(t, key) }));
      break;
    }
    case 'document.saved':
      lead.push(t('audit.summary.savedAs', { path: brief(w, take('path')) }));
      break;
    case 'document.naming':
      lead.push(t('audit.summary.namedAs', { path: brief(w, take('path')) }));
      break;
    case 'document.remote_deleted':
      lead.push(t('audit.summary.remoteDeleted', { uid: brief(w, take('uid')) }));
      break;
    case 'job.copied':
      lead.push(
        t('audit.summary.copiedFrom', { id: brief(w, take('from')), state: stateName(t, take('fromState')) }),
      );
      break;
    case 'step.retry': {
      const inMs = take<unknown>('inMs');
      lead.push(
        t('audit.summary.retry', {
          attempt: brief(w, take('attempt')),
          seconds: formatNumber(language, typeof inMs === 'number' ? inMs / 1000 : NaN),
        }),
      );
      break;
    }
    case 'profile.created':
    case 'profile.updated':
    case 'template.created':
    case 'template.updated':
    case 'template.imported':
    case 'template.duplicated':
    case 'template.removed':
    case 'template.defaultChanged': {
      const name = take<unknown>('name');
      if (typeof name === 'string') lead.push(`“${name}”`);
      const renamedFrom = take<unknown>('renamedFrom');
      if (typeof renamedFrom === 'string') lead.push(t('audit.summary.renamedFrom', { name: renamedFrom }));
      break;
    }
    case 'id_images.purged': {
      const sides = take<unknown>('sides');
      if (Array.isArray(sides))
        lead.push(sides.map((s) => t(`idImages.sides.${String(s)}`, { defaultValue: String(s) })).join(', '));
      break;
    }
  }
  return [...lead, ...pairs(w, rest)].join(' · ') || '—';
}

/** The verdict's reason in the reader's language, when it is one core is known to give. */
export function reasonText(t: TFunction, reason: string): string {
  const missing = /^row (\d+) is missing$/.exec(reason);
  if (missing) return t('audit.verify.reasons.missing', { missing: missing[1] });
  if (reason === 'its content was changed after it was written') return t('audit.verify.reasons.changed');
  if (reason === 'it does not point at the row before it') return t('audit.verify.reasons.unlinked');
  return reason;
}
