// The event stream over WebSocket at /api/events: admits only our own page holding the key,
// forwards every app event as one JSON text message, and keeps idle connections honest with pings.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { hostAllowed, keyMatches, originAllowed } from './guard';
import type { HostIdentity } from './guard';

export type HostEvent = { type: string; [k: string]: unknown };
export type SubscribeEvents = (listener: (event: HostEvent) => void) => () => void;

const PING_INTERVAL_MS = 30_000;
// The page never needs to send more than a close frame; anything large is not our client.
const MAX_INBOUND_BYTES = 4 * 1024;
// A client that stops reading would otherwise make us buffer every event forever.
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

const REFUSALS: Readonly<Record<number, { reason: string; code: string }>> = {
  401: { reason: 'Unauthorized', code: 'unauthorized' },
  403: { reason: 'Forbidden', code: 'forbidden' },
  404: { reason: 'Not Found', code: 'not_found' },
};

export interface EventChannel {
  /** Handles an HTTP upgrade request; refuses anything that is not a valid events connection. */
  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function createEventChannel(options: {
  identity: HostIdentity;
  key: string;
  subscribe: SubscribeEvents;
}): EventChannel {
  const { identity, key, subscribe } = options;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_INBOUND_BYTES,
    perMessageDeflate: false,
  });
  const alive = new WeakMap<WebSocket, boolean>();

  const heartbeat = setInterval(() => {
    for (const client of wss.clients) {
      if (alive.get(client) === false) {
        client.terminate();
        continue;
      }
      alive.set(client, false);
      client.ping();
    }
  }, PING_INTERVAL_MS);
  heartbeat.unref();

  function admit(client: WebSocket): void {
    alive.set(client, true);
    client.on('pong', () => alive.set(client, true));
    client.on('error', () => client.terminate());
    const unsubscribe = subscribe((event) => {
      if (client.readyState !== client.OPEN) return;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
        client.terminate();
        return;
      }
      let text: string;
      try {
        text = JSON.stringify(event);
      } catch {
        return; // An event that cannot be serialised is dropped rather than breaking the stream.
      }
      client.send(text);
    });
    client.once('close', unsubscribe);
  }

  return {
    upgrade(req, socket, head) {
      const status = refusal(req, identity, key);
      if (status !== undefined) {
        refuse(socket, status);
        return;
      }
      wss.handleUpgrade(req, socket, head, admit);
    },
    close() {
      clearInterval(heartbeat);
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
  };
}

/** The HTTP status that refuses this upgrade, or undefined when it may proceed. */
function refusal(req: IncomingMessage, identity: HostIdentity, key: string): number | undefined {
  if (!hostAllowed(identity, req.headers)) return 403;
  const url = new URL(req.url ?? '/', 'http://host.invalid');
  if (url.pathname !== '/api/events') return 404;
  // Browsers always send Origin on a WebSocket handshake and do not apply the same-origin policy
  // to it, so a missing Origin is a non-browser client and a foreign one is a hijacking attempt.
  const origin = req.headers.origin;
  if (origin === undefined || !originAllowed(identity, origin)) return 403;
  if (!keyMatches(key, url.searchParams.get('key') ?? undefined)) return 401;
  return undefined;
}

function refuse(socket: Duplex, status: number): void {
  const { reason, code } = REFUSALS[status] ?? { reason: 'Forbidden', code: 'forbidden' };
  const body = JSON.stringify({ ok: false, error: { code, message: reason } });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\n` +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      '\r\n' +
      body,
  );
}
