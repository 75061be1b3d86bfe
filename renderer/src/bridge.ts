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

const NEEDS_ADDRESS = 'This page needs the address printed by npm run start:web.';

/**
 * The browser host's key, kept for reloads of this tab. The address the host opens carries a
 * one-time code (so the key is on no command line), exchanged here once; `#key=` is still taken
 * as is (the fragment never reaches a server). Either leaves the address bar at once.
 */
async function hostKey(): Promise<{ key: string; refusal?: string }> {
  const hash = window.location.hash;
  const code = /code=([A-Za-z0-9_-]+)/.exec(hash)?.[1];
  const given = /key=([A-Za-z0-9_-]+)/.exec(hash)?.[1];
  if (code || given) history.replaceState(null, '', window.location.pathname);
  if (given) {
    sessionStorage.setItem(KEY_STORAGE, given);
    return { key: given };
  }
  const stored = sessionStorage.getItem(KEY_STORAGE) ?? '';
  if (!code) return { key: stored };
  const res = await fetch('/launch', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  const answer = (await res.json().catch(() => null)) as Result<{ key: string }> | null;
  if (res.ok && answer?.ok) {
    sessionStorage.setItem(KEY_STORAGE, answer.value.key);
    return { key: answer.value.key };
  }
  return { key: stored, refusal: answer && !answer.ok ? answer.error.message : NEEDS_ADDRESS };
}

function hostBridge(): Bridge {
  const ready = hostKey().catch(() => ({ key: '', refusal: NEEDS_ADDRESS }));
  return {
    call(name, args) {
      return ready.then(({ key, refusal }) =>
        fetch(`/api/${name}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
          body: JSON.stringify(args ?? {}),
        }).then(async (res) => {
          if (res.status === 401) {
            const problem = { code: refusal ? 'launchCodeRefused' : 'hostAddressNeeded', values: {} };
            return { ok: false, error: { code: 'forbidden', message: refusal ?? NEEDS_ADDRESS, problem } };
          }
          return (await res.json()) as Result<unknown>;
        }),
      ) as never;
    },
    subscribe(listener) {
      let socket: WebSocket | undefined;
      let closed = false;
      let retry: number | undefined;
      const connect = (): void => {
        void ready.then(({ key }) => {
          if (closed) return;
          const ws = new WebSocket(`ws://${window.location.host}/api/events?key=${encodeURIComponent(key)}`);
          ws.onmessage = (message) => listener(JSON.parse(String(message.data)) as BridgeEvent);
          ws.onclose = () => {
            if (!closed) retry = window.setTimeout(connect, 2000);
          };
          socket = ws;
        });
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
