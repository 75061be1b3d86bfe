// Where each document's stamp goes: a rule for a job or a batch, anchor text, a box drawn by hand.
import type { Desk } from '../desk';
import { BridgeFailure } from './errors';
import type { OperationImpl } from './operations';

type AppearanceName = 'appearance.apply' | 'appearance.placeDocument' | 'appearance.findText';

export function appearanceOperations(_desk: Desk): Pick<OperationImpl, AppearanceName> {
  const later = (): Promise<never> =>
    Promise.reject(new BridgeFailure('unsupported', 'Placement is being built.'));
  return {
    'appearance.apply': later,
    'appearance.placeDocument': later,
    'appearance.findText': later,
  };
}
