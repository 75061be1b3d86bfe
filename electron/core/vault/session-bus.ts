// Is the D-Bus session bus there and answering? @napi-rs/keyring connects to it synchronously
// when an entry is constructed, so a bus socket that accepts but never answers would freeze the
// whole event loop (no timer can fire). This asks the bus for its auth mechanisms first, over a
// non-blocking socket with a deadline; only a bus that answers is handed to the library.
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';

export type SessionBusCheck =
  | { state: 'answering'; address: string }
  /** No address we know how to check (unset, autolaunch:, launchd:…): the library decides. */
  | { state: 'unchecked' }
  | { state: 'unreachable'; detail: string }
  | { state: 'silent'; detail: string };

type Endpoint = { path: string } | { host: string; port: number };

export async function checkSessionBus(
  timeoutMs: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SessionBusCheck> {
  const addresses = sessionBusAddresses(env);
  let last: SessionBusCheck = { state: 'unchecked' };
  // libdbus tries the addresses in order and uses the first that connects; so do we.
  for (const address of addresses) {
    const endpoint = endpointOf(address);
    if (endpoint === undefined) return { state: 'unchecked' };
    last = await askForAuthMechanisms(endpoint, address, timeoutMs);
    if (last.state === 'answering') return last;
  }
  return last;
}

function sessionBusAddresses(env: NodeJS.ProcessEnv): string[] {
  const configured = env.DBUS_SESSION_BUS_ADDRESS?.trim();
  if (configured) return configured.split(';').filter((a) => a.trim() !== '');
  // Without the variable, libdbus falls back to $XDG_RUNTIME_DIR/bus where it is built to.
  const runtime = env.XDG_RUNTIME_DIR;
  if (runtime && existsSync(join(runtime, 'bus'))) return [`unix:path=${join(runtime, 'bus')}`];
  return [];
}

/** `unix:path=/run/user/1000/bus,guid=…` → its endpoint; undefined for transports not checked. */
export function endpointOf(address: string): Endpoint | undefined {
  const colon = address.indexOf(':');
  if (colon < 0) return undefined;
  const transport = address.slice(0, colon);
  const keys = new Map<string, string>();
  for (const pair of address.slice(colon + 1).split(',')) {
    const eq = pair.indexOf('=');
    if (eq > 0) keys.set(pair.slice(0, eq), unescapeValue(pair.slice(eq + 1)));
  }
  if (transport === 'unix') {
    const path = keys.get('path');
    if (path !== undefined) return { path };
    const abstract = keys.get('abstract');
    if (abstract !== undefined) return { path: `\0${abstract}` };
    if (keys.get('runtime') === 'yes' && process.env.XDG_RUNTIME_DIR)
      return { path: join(process.env.XDG_RUNTIME_DIR, 'bus') };
    return undefined;
  }
  if (transport === 'tcp') {
    const port = Number(keys.get('port'));
    if (!Number.isInteger(port) || port <= 0) return undefined;
    return { host: keys.get('host') ?? 'localhost', port };
  }
  return undefined;
}

function unescapeValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Opens the socket, sends the nul byte and "AUTH", and waits for the server's first line. */
function askForAuthMechanisms(
  endpoint: Endpoint,
  address: string,
  timeoutMs: number,
): Promise<SessionBusCheck> {
  return new Promise((resolve) => {
    const shown = address.split(',')[0] ?? address;
    const socket: Socket =
      'path' in endpoint ? connect(endpoint.path) : connect(endpoint.port, endpoint.host);
    const finish = (result: SessionBusCheck): void => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () =>
        finish({
          state: 'silent',
          detail: `D-Bus session bus ${shown} did not answer within ${timeoutMs} ms`,
        }),
      timeoutMs,
    );
    let received = '';
    socket.on('connect', () => socket.write(Buffer.from('\0AUTH\r\n', 'latin1')));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (!received.includes('\r\n')) return;
      finish(
        /^(REJECTED|OK|DATA)\b/.test(received)
          ? { state: 'answering', address: shown }
          : { state: 'unreachable', detail: `${shown} answered something other than D-Bus` },
      );
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      finish({
        state: 'unreachable',
        detail: `cannot connect to D-Bus session bus ${shown}: ${error.code ?? error.message}`,
      }),
    );
    socket.on('close', () =>
      finish({ state: 'unreachable', detail: `D-Bus session bus ${shown} closed the connection` }),
    );
  });
}
