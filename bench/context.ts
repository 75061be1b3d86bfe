// What every part of the bench is given: the desk checkout under measurement, the size of the run,
// a scratch folder, and the environment of the bench's own keyring (the desk refuses to run
// without a keychain; the bench never touches the user's).
import type { DeskCheckout } from './desk-checkout';

export interface BenchContext {
  desk: DeskCheckout;
  quick: boolean;
  /** A scratch folder of this run; each part makes its own subfolder. */
  work: string;
  /** process.env plus the private keyring's bus, for the desk's processes. */
  env: NodeJS.ProcessEnv;
  /** Progress for the person waiting, on stderr. */
  say(line: string): void;
}
