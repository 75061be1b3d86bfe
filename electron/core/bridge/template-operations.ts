// Saved appearance designs: created, renamed, duplicated, removed, one chosen as the default,
// and shared between offices as JSON.
import type { Desk } from '../desk';
import { BridgeFailure } from './errors';
import type { OperationImpl } from './operations';

type TemplateName =
  | 'templates.list'
  | 'templates.save'
  | 'templates.duplicate'
  | 'templates.remove'
  | 'templates.setDefault'
  | 'templates.export'
  | 'templates.import';

export function templateOperations(_desk: Desk): Pick<OperationImpl, TemplateName> {
  const later = (): Promise<never> =>
    Promise.reject(new BridgeFailure('unsupported', 'Templates are being built.'));
  return {
    'templates.list': () => Promise.resolve({ templates: [] }),
    'templates.save': later,
    'templates.duplicate': later,
    'templates.remove': later,
    'templates.setDefault': later,
    'templates.export': later,
    'templates.import': later,
  };
}
