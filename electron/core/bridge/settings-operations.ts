// The settings the RAO changes on the settings screen.
import type { Desk } from '../desk';
import type { OperationImpl } from './operations';

type SettingsOperations = Pick<OperationImpl, 'settings.get' | 'settings.set'>;

const DONE = { done: true } as const;

export function settingsOperations(desk: Desk): SettingsOperations {
  const { store } = desk;
  return {
    'settings.get': () => Promise.resolve({ settings: store.settings.all() }),
    'settings.set': ({ key, value }) => {
      store.settings.set(key, value);
      return Promise.resolve(DONE);
    },
  };
}
