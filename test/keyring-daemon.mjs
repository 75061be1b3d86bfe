// A private D-Bus session bus with an unlocked gnome-keyring-daemon in it, kept running.
//
// gnome-keyring 42 aborts (SIGTRAP after "gkd_secret_service_get_pkcs11_session: assertion
// 'client' failed") when a client process dies in the middle of a Secret Service call, which the
// CLI crash trials do on purpose. So:
// - the bus has no activation directories: a daemon that dies is never silently replaced by an
//   activated one whose login keyring is locked (every keychain call would then wait on an unlock
//   prompt no one can answer);
// - the daemon runs in the foreground as our child: if it exits, we say when and how, and start it
//   again with the same password, which unlocks the same login keyring (its items are on disk).
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEYRING_PASSWORD = 'test-keyring';

// A session bus like Debian's session.conf, without <standard_session_servicedirs/>.
const BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
  <limit name="max_incoming_bytes">1000000000</limit>
  <limit name="max_outgoing_bytes">1000000000</limit>
  <limit name="max_message_size">1000000000</limit>
  <limit name="max_completed_connections">100000</limit>
  <limit name="max_connections_per_user">100000</limit>
</busconfig>
`;

/** Writes the bus configuration into `dir` and returns its path (for dbus-run-session/dbus-daemon). */
export function writeBusConfig(dir) {
  const path = join(dir, 'session-bus.conf');
  writeFileSync(path, BUS_CONFIG);
  return path;
}

/**
 * Starts a dbus-daemon with our configuration; resolves with its address and a stop function.
 * @param {string} dir a private folder for the configuration
 */
export function startBus(dir) {
  const config = writeBusConfig(dir);
  return new Promise((resolve, reject) => {
    const bus = spawn('dbus-daemon', [`--config-file=${config}`, '--nofork', '--print-address=1'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    bus.once('error', reject);
    bus.stderr.resume();
    bus.stdout.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve({ address: line.trim(), stop: () => bus.kill('SIGTERM') });
    });
    bus.once('exit', (code) => reject(new Error(`dbus-daemon exited (${code}) before giving its address`)));
  });
}

/**
 * Keeps an unlocked gnome-keyring-daemon running on the bus `env` names.
 * @param {NodeJS.ProcessEnv} env DBUS_SESSION_BUS_ADDRESS, HOME and XDG_DATA_HOME of the keyring
 * @param {(line: string) => void} say where to report a daemon that exited
 */
export function superviseKeyring(env, say) {
  let daemon;
  let running;
  let stopping = false;
  let starts = 0;
  const start = () => {
    running = new Promise((resolve, reject) => {
      starts += 1;
      const child = spawn('gnome-keyring-daemon', ['--foreground', '--unlock', '--components=secrets'], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env,
      });
      daemon = child;
      let out = '';
      let err = '';
      let ready = false;
      child.stdout.on('data', (chunk) => {
        out += chunk;
        // In the foreground the daemon prints its environment once it serves the bus.
        if (!ready && out.includes('GNOME_KEYRING_CONTROL=')) {
          ready = true;
          resolve();
        }
      });
      child.stderr.on('data', (chunk) => (err = (err + chunk).slice(-2000)));
      child.once('error', reject);
      child.once('exit', (code, signal) => {
        if (!ready)
          return reject(new Error(`gnome-keyring-daemon did not start (${signal ?? code}): ${err}`));
        if (stopping) return;
        say(
          `gnome-keyring-daemon (pid ${child.pid}) exited with ${signal ?? `status ${code}`}; ` +
            `starting it again. Its last words: ${err.trim() || '(none)'}`,
        );
        start().catch((e) => say(String(e)));
      });
      child.stdin.end(`${KEYRING_PASSWORD}\n`);
    });
    return running;
  };
  return {
    start,
    /** Resolves once a daemon serves the bus (after a restart, once the new one does). */
    ready: () => running,
    /** Stops the daemon; answers how many times it had to be started. */
    stop() {
      stopping = true;
      daemon?.kill('SIGTERM');
      return starts;
    },
  };
}
