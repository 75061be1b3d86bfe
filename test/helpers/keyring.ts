// Tests that need the real OS keychain run only under `node test/run.mjs`, which starts a
// Secret Service (gnome-keyring on a private D-Bus) and says so through ONESHOT_TEST_KEYRING.
import type { TestContext } from 'node:test';

export const KEYRING = process.env.ONESHOT_TEST_KEYRING;
export const NO_KEYRING_REASON = 'no Secret Service: run through node test/run.mjs';

/** True when the keychain is there; otherwise the test is skipped, saying why. */
export function needsKeyring(t: TestContext): boolean {
  if (KEYRING) return true;
  t.skip('no Secret Service: run through node test/run.mjs');
  return false;
}
