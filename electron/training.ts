// First run without an Optimizer: the built-in sandbox starts on loopback and becomes the profile
// "Training sandbox", so a new office can practise the whole flow. Everything it signs says SANDBOX
// and has no legal value. It lives beside the entry points (Electron main, browser host), not in
// core: core never loads the sandbox (eslint.config.js forbids electron/core importing it).
import { join } from 'node:path';
import { startSandbox, type SandboxHandle } from './sandbox/index';
import { TRAINING_PROFILE_ID } from '../shared/contract';
import type { Desk } from './core/desk';

export { TRAINING_PROFILE_ID } from '../shared/contract';
export const TRAINING_PROFILE_NAME = 'Training sandbox (no legal value)';

export interface Training {
  /** True when the training sandbox is running for this session. */
  active: boolean;
  stop(): Promise<void>;
}

/**
 * Starts the training sandbox when no profile other than the training one exists (first run, or an
 * office that only trains), and points the training profile at it. Its state is kept under the
 * data folder, so practice jobs survive a restart like real ones.
 */
export async function startTrainingIfNeeded(
  desk: Desk,
  dataDir: string,
  log: (line: string) => void = () => {},
): Promise<Training> {
  const others = desk.store.profiles.list().filter((p) => p.id !== TRAINING_PROFILE_ID);
  if (others.length > 0) return { active: false, stop: () => Promise.resolve() };
  const sandbox: SandboxHandle = await startSandbox({
    dataDir: join(dataDir, 'training-sandbox'),
    port: 0,
    log,
  });
  desk.store.profiles.save({
    id: TRAINING_PROFILE_ID,
    name: TRAINING_PROFILE_NAME,
    baseUrl: sandbox.baseUrl,
    env: 'sandbox',
    caPem: null,
    pinSha256: null,
    defaultRegistrationAuthority: '3',
    defaultProfile: 'PFnubeAFCiudadano',
  });
  if (desk.store.settings.get('activeProfileId') === undefined)
    desk.store.settings.set('activeProfileId', TRAINING_PROFILE_ID);
  return { active: true, stop: () => sandbox.stop() };
}
