// The renderer's only way out: `window.oneshot` in Electron (built by the preload), or the
// browser host's loopback transport elsewhere — the same contract and the same schemas.
import {
  EVENT_NAMES,
  OPERATION_NAMES,
  type BridgeEvent,
  type BridgeOperations,
  type OperationName,
  type Result,
} from '../../shared/contract';
// The Electron bridge's type comes from the preload that builds it: one definition, no drift.
import type { OneShotBridge } from '../../electron/preload';

export interface Bridge {
  call<N extends OperationName>(
    name: N,
    args: Parameters<BridgeOperations[N]>[0],
  ): ReturnType<BridgeOperations[N]>;
  subscribe(listener: (event: BridgeEvent) => void): () => void;
}

declare global {
  interface Window {
    oneshot?: OneShotBridge;
  }
}

const KEY_STORAGE = 'oneshot-host-key';

/** The browser host's key arrives in the URL fragment (never sent to a server); keep it for reloads. */
function hostKey(): string {
  const match = /key=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(KEY_STORAGE, match[1]);
    history.replaceState(null, '', window.location.pathname);
    return match[1];
  }
  return sessionStorage.getItem(KEY_STORAGE) ?? '';
}

function hostBridge(): Bridge {
  const key = hostKey();
  return {
    call(name, args) {
      return fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
        body: JSON.stringify(args ?? {}),
      }).then(async (res) => {
        if (res.status === 401) {
          return {
            ok: false,
            error: {
              code: 'forbidden',
              message: 'This page needs the address printed by npm run start:web.',
            },
          };
        }
        return (await res.json()) as Result<unknown>;
      }) as never;
    },
    subscribe(listener) {
      let socket: WebSocket | undefined;
      let closed = false;
      let retry: number | undefined;
      const connect = (): void => {
        socket = new WebSocket(`ws://${window.location.host}/api/events?key=${encodeURIComponent(key)}`);
        socket.onmessage = (message) => listener(JSON.parse(String(message.data)) as BridgeEvent);
        socket.onclose = () => {
          if (!closed) retry = window.setTimeout(connect, 2000);
        };
      };
      connect();
      return () => {
        closed = true;
        window.clearTimeout(retry);
        socket?.close();
      };
    },
  };
}

function electronBridge(api: OneShotBridge): Bridge {
  return {
    call(name, args) {
      // TypeScript cannot correlate a generic name with its member's signature; the contract does.
      const operation = api[name] as unknown as (a: unknown) => ReturnType<BridgeOperations[typeof name]>;
      return operation(args);
    },
    subscribe(listener) {
      const offs = EVENT_NAMES.map((e) => api.subscribe(e, (payload) => listener(payload as BridgeEvent)));
      return () => offs.forEach((off) => off());
    },
  };
}

export const bridge: Bridge = window.oneshot ? electronBridge(window.oneshot) : hostBridge();
export const knownOperations = OPERATION_NAMES;

/** Paths of dropped files, when the page runs inside Electron (browser mode has bytes only). */
export const pathForFile: ((file: File) => string) | null = window.oneshot
  ? (file) => window.oneshot?.getPathForFile(file) ?? ''
  : null;
