// The settings the RAO changes on the settings screen: each value checked by its rule before it is
// stored, and the queue's concurrency applied to the running queue at once.
import type { Desk } from '../desk';
import { problemForBridge } from '../../../shared/settings-rules';
import type { SettingKey } from '../../../shared/contract-appearance';
import type { SettingProblem } from '../../../shared/settings-rules';
import { checkOutputDir, checkSetting, describeProblem, effectiveSettings } from '../settings-rules';
import { BridgeFailure } from './errors';
import { DONE, type Room } from './guards';

type SettingsOperations = Room<'settings.get' | 'settings.set'>;

export function settingsOperations(desk: Pick<Desk, 'store' | 'runner'>): SettingsOperations {
  const { store, runner } = desk;
  // The stored limit (or the machine-wide file's, written before the bridge is built) governs the
  // queue the interface drives from the start.
  runner.setConcurrency(effectiveSettings(store.settings.all()).concurrency as number);
  return {
    'settings.get': () => Promise.resolve({ settings: effectiveSettings(store.settings.all()) }),
    'settings.set': async ({ key, value }) => {
      const verdict = await checkSetting(key, value);
      if (!verdict.ok) throw settingRefusal(key, verdict.problem);
      store.settings.set(key, verdict.value);
      if (key === 'concurrency') runner.setConcurrency(verdict.value as number);
      return DONE;
    },
  };
}

/** A refused value as the bridge answers it: the message, the field, and the problem to word. */
function settingRefusal(key: SettingKey, problem: SettingProblem): BridgeFailure {
  const message = describeProblem(key, problem);
  return new BridgeFailure('validation', message, { [key]: [message] }, problemForBridge(problem));
}

/**
 * A job's output folder, wherever it enters (jobs.create, jobs.update), passes the checks Settings
 * applies and is refused the same way; the normalised path is what gets stored.
 */
export async function acceptedOutputDir(value: string): Promise<string> {
  const verdict = await checkOutputDir(value);
  if (!verdict.ok) throw settingRefusal('outputDir', verdict.problem);
  return verdict.value as string;
}
