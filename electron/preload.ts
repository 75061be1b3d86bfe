// The page's whole view of the main process: `window.oneshot`, one function per contract
// operation plus `subscribe` and `getPathForFile`, built from shared/contract.ts so it cannot drift.
// No generic invoke, no ipcRenderer and no process object ever reach the page.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
// Types only from the contract (erased at build); the names come from the schema-free list.
import type { BridgeEvent, BridgeOperations } from '../shared/contract';
import { isEventName, OPERATION_NAMES, type EventName, type OperationName } from '../shared/contract-names';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

/** A dropped file as far as we need it; tsconfig has no DOM lib, and Electron only wants the object. */
export interface DroppedFile {
  readonly name: string;
  readonly size: number;
}

export type BridgeEventOf<E extends EventName> = Extract<BridgeEvent, { type: E }>;

/**
 * Flat keys named exactly like the contract (`oneshot['jobs.list'](args)`): the type is the
 * contract's own `BridgeOperations` with no re-mapping, the same names the host transport and the
 * CLI use, and the key set can be compared one-to-one with OPERATION_NAMES.
 */
export type OneShotBridge = BridgeOperations & {
  subscribe<E extends EventName>(event: E, handler: (payload: BridgeEventOf<E>) => void): () => void;
  getPathForFile(file: DroppedFile): string;
};

type RendererListener = (event: unknown, ...args: unknown[]) => void;

/** The parts of ipcRenderer the bridge uses; a stand-in in tests. */
export interface RendererIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: RendererListener): void;
  removeListener(channel: string, listener: RendererListener): void;
}

export interface FilePaths {
  getPathForFile(file: DroppedFile): string;
}

function isBridgeEvent(value: unknown): value is BridgeEvent {
  return typeof value === 'object' && value !== null && isEventName((value as { type?: unknown }).type);
}

export function buildBridge(ipc: RendererIpc, files: FilePaths): OneShotBridge {
  const operations: Partial<Record<OperationName, (args: unknown) => Promise<unknown>>> = {};
  for (const name of OPERATION_NAMES) {
    // Main answers a Result for every call (the registrar never throws), so the cast is the contract's.
    operations[name] = (args: unknown) => ipc.invoke(INVOKE_CHANNEL, name, args);
  }
  const bridge = {
    ...(operations as BridgeOperations),
    subscribe<E extends EventName>(event: E, handler: (payload: BridgeEventOf<E>) => void): () => void {
      if (!isEventName(event)) throw new TypeError(`Unknown event "${String(event)}".`);
      if (typeof handler !== 'function') throw new TypeError('subscribe needs a handler function.');
      // The IpcRendererEvent (sender, ports) stays here: the page only ever sees the payload.
      const listener: RendererListener = (_event, payload) => {
        if (isBridgeEvent(payload) && payload.type === event) handler(payload as BridgeEventOf<E>);
      };
      ipc.on(EVENT_CHANNEL, listener);
      let subscribed = true;
      return () => {
        if (!subscribed) return;
        subscribed = false;
        ipc.removeListener(EVENT_CHANNEL, listener);
      };
    },
    getPathForFile(file: DroppedFile): string {
      return files.getPathForFile(file);
    },
  };
  return bridge;
}

contextBridge.exposeInMainWorld('oneshot', buildBridge(ipcRenderer, webUtils));
