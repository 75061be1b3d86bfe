// The settings the RAO changes on the settings screen: each value checked by its rule before it is
// stored, and the queue's concurrency applied to the running queue at once.
import type { Desk } from '../desk';
import { problemForBridge } from '../../../shared/settings-rules';
import { checkSetting, describeProblem, effectiveSettings } from '../settings-rules';
import { BridgeFailure } from './errors';
import type { OperationImpl } from './operations';

type SettingsOperations = Pick<OperationImpl, 'settings.get' | 'settings.set'>;

const DONE = { done: true } as const;

export function settingsOperations(desk: Pick<Desk, 'store' | 'runner'>): SettingsOperations {
  const { store, runner } = desk;
  // The stored limit (or the machine-wide file's, written before the bridge is built) governs the
  // queue the interface drives from the start.
  runner.setConcurrency(effectiveSettings(store.settings.all()).concurrency as number);
  return {
    'settings.get': () => Promise.resolve({ settings: effectiveSettings(store.settings.all()) }),
    'settings.set': async ({ key, value }) => {
      const verdict = await checkSetting(key, value);
      if (!verdict.ok) {
        const message = describeProblem(key, verdict.problem);
        throw new BridgeFailure(
          'validation',
          message,
          { [key]: [message] },
          problemForBridge(verdict.problem),
        );
      }
      store.settings.set(key, verdict.value);
      if (key === 'concurrency') runner.setConcurrency(verdict.value as number);
      return DONE;
    },
  };
}
