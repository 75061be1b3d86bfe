// A keyring of a test file's own, for CLIs that the file kills at any moment. A kill in the middle
// of a Secret Service call makes gnome-keyring 42 abort; on a keyring of its own, restarted when it
// dies, the other test files running alongside on the run's keyring never see it go.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBus, superviseKeyring, type KeyringSupervisor } from '../keyring-daemon.mjs';

export interface PrivateKeyring {
  /** The environment for a child process that should use this keyring. */
  env(): NodeJS.ProcessEnv;
  /** Resolves once a keyring daemon serves the bus (after a crash, once the new one does). */
  ready(): Promise<void>;
  stop(): void;
}

/** Starts a bus and an unlocked keyring in `dir`, restarted and reported (`label: …`) when it dies. */
export async function startPrivateKeyring(dir: string, label: string): Promise<PrivateKeyring> {
  const home = join(dir, 'keyring-home');
  mkdirSync(home, { recursive: true });
  const bus = await startBus(dir);
  const daemon: KeyringSupervisor = superviseKeyring(
    {
      ...process.env,
      HOME: home,
      XDG_DATA_HOME: join(home, '.local/share'),
      DBUS_SESSION_BUS_ADDRESS: bus.address,
    },
    (line) => console.log(`${label}: ${line}`),
  );
  await daemon.start();
  return {
    env: () => ({ ...process.env, DBUS_SESSION_BUS_ADDRESS: bus.address }),
    ready: async () => {
      await daemon.ready();
    },
    stop: () => {
      daemon.stop();
      bus.stop();
    },
  };
}
