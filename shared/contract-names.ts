// The names of the contract's operations and events, without their schemas. The preload needs only
// the names to build `window.oneshot`; importing them from here keeps zod (and every schema) out of
// the preload bundle. contract.ts checks at compile time that these lists and its schemas agree
// exactly, so the names cannot drift from the contract.

export const OPERATION_NAMES = [
  'app.info',
  'profiles.list',
  'profiles.save',
  'profiles.remove',
  'profiles.setActive',
  'profiles.status',
  'tokens.list',
  'tokens.create',
  'tokens.setActive',
  'tokens.remove',
  'documents.stage',
  'documents.inspect',
  'jobs.list',
  'jobs.get',
  'jobs.create',
  'jobs.draft',
  'jobs.details',
  'jobs.update',
  'jobs.setIdImage',
  'jobs.actions',
  'jobs.start',
  'jobs.pause',
  'jobs.resume',
  'jobs.cancel',
  'jobs.retry',
  'jobs.dropDocument',
  'jobs.copyAsDraft',
  'jobs.remove',
  'jobs.undoRemove',
  'review.file',
  'review.state',
  'review.signerView',
  'review.markRead',
  'review.override',
  'review.consent',
  'otp.send',
  'otp.submit',
  'training.inbox',
  'results.verify',
  'results.file',
  'files.open',
  'files.reveal',
  'dialogs.pickDocuments',
  'dialogs.pickFolder',
  'camera.allow',
  'appearance.apply',
  'appearance.placeDocument',
  'appearance.findText',
  'appearance.pageContent',
  'appearance.useFreeSpace',
  'templates.list',
  'templates.save',
  'templates.duplicate',
  'templates.remove',
  'templates.setDefault',
  'templates.export',
  'templates.import',
  'audit.list',
  'audit.verify',
  'audit.export',
  'settings.get',
  'settings.set',
] as const;

export const EVENT_NAMES = ['job', 'document', 'connectivity', 'attention', 'queue'] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];
export type EventName = (typeof EVENT_NAMES)[number];

export const isOperationName = (value: unknown): value is OperationName =>
  typeof value === 'string' && (OPERATION_NAMES as readonly string[]).includes(value);

export const isEventName = (value: unknown): value is EventName =>
  typeof value === 'string' && (EVENT_NAMES as readonly string[]).includes(value);
