// The preload's bridge: exactly the contract's operations plus subscribe and getPathForFile, each
// on the one invoke channel, events filtered by name and unsubscribable. 'electron' is replaced by
// a stub module (the binary is not installed, and the bridge must not depend on it anyway).
import { strict as assert } from 'node:assert';
import { register } from 'node:module';
import { before, describe, it } from 'node:test';
import { EVENT_NAMES, OPERATION_NAMES, type EventName } from '../../shared/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/ipc-channels';
import type { buildBridge as BuildBridge, DroppedFile, RendererIpc } from '../../electron/preload';

const ELECTRON_STUB = `
export const contextBridge = { exposeInMainWorld: (key, api) => { globalThis.__oneshotExposed = { key, api }; } };
export const ipcRenderer = { invoke: async () => undefined, on() {}, removeListener() {} };
export const webUtils = { getPathForFile: () => '' };
`;
const HOOKS = `
export async function resolve(specifier, context, next) {
  if (specifier === 'electron')
    return { url: 'data:text/javascript,' + encodeURIComponent(${JSON.stringify(ELECTRON_STUB)}), shortCircuit: true };
  return next(specifier, context);
}`;

type Listener = (event: unknown, ...args: unknown[]) => void;

function standInIpc() {
  const invoked: unknown[][] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: RendererIpc = {
    invoke: (channel, ...args) => {
      invoked.push([channel, ...args]);
      return Promise.resolve({ ok: true, value: { echoed: args[0] } });
    },
    on: (channel, listener) => {
      if (!listeners.has(channel)) listeners.set(channel, new Set());
      listeners.get(channel)!.add(listener);
    },
    removeListener: (channel, listener) => void listeners.get(channel)?.delete(listener),
  };
  const emit = (payload: unknown) => {
    for (const l of listeners.get(EVENT_CHANNEL) ?? []) l({ sender: 'ipc-renderer-event' }, payload);
  };
  return { ipc, invoked, listeners, emit };
}

const files = { getPathForFile: (file: DroppedFile) => `/dropped/${file.name}` };

describe('preload bridge', () => {
  let buildBridge: typeof BuildBridge;

  before(async () => {
    register(`data:text/javascript,${encodeURIComponent(HOOKS)}`);
    ({ buildBridge } = await import('../../electron/preload'));
  });

  it('exposes exactly the contract operations plus subscribe and getPathForFile', () => {
    const bridge = buildBridge(standInIpc().ipc, files);
    assert.deepEqual(Object.keys(bridge).sort(), [...OPERATION_NAMES, 'getPathForFile', 'subscribe'].sort());
    for (const key of Object.keys(bridge))
      assert.equal(typeof (bridge as unknown as Record<string, unknown>)[key], 'function');
  });

  it('exposes the bridge as window.oneshot when loaded as the preload', () => {
    const exposed = (globalThis as { __oneshotExposed?: { key: string; api: object } }).__oneshotExposed;
    assert.equal(exposed?.key, 'oneshot');
    assert.deepEqual(
      Object.keys(exposed.api).sort(),
      [...OPERATION_NAMES, 'getPathForFile', 'subscribe'].sort(),
    );
  });

  it('invokes each operation on the invoke channel with its name and arguments', async () => {
    const { ipc, invoked } = standInIpc();
    const bridge = buildBridge(ipc, files);
    const call = bridge as unknown as Record<string, (args: unknown) => Promise<unknown>>;
    for (const name of OPERATION_NAMES) {
      const args = { marker: name };
      const result = await call[name]!(args);
      assert.deepEqual(result, { ok: true, value: { echoed: name } });
      assert.deepEqual(invoked.at(-1), [INVOKE_CHANNEL, name, args]);
    }
    assert.equal(invoked.length, OPERATION_NAMES.length);
    await bridge['jobs.get']({ jobId: 'j1' });
    assert.deepEqual(invoked.at(-1), [INVOKE_CHANNEL, 'jobs.get', { jobId: 'j1' }]);
  });

  it('delivers only the subscribed event, without the IPC event object', () => {
    const { ipc, emit } = standInIpc();
    const bridge = buildBridge(ipc, files);
    const seen: unknown[][] = [];
    bridge.subscribe('job', (...args: unknown[]) => seen.push(args));
    emit({ type: 'queue', counts: {} });
    emit({ type: 'job', jobId: 'j1', state: 'queued', progress: 0 });
    emit('not an event');
    assert.deepEqual(seen, [[{ type: 'job', jobId: 'j1', state: 'queued', progress: 0 }]]);
  });

  it('refuses an unknown event name and adds no listener', () => {
    const { ipc, listeners } = standInIpc();
    const bridge = buildBridge(ipc, files);
    assert.throws(() => bridge.subscribe('secrets' as EventName, () => {}), TypeError);
    assert.equal(listeners.get(EVENT_CHANNEL)?.size ?? 0, 0);
    for (const name of EVENT_NAMES) bridge.subscribe(name, () => {});
    assert.equal(listeners.get(EVENT_CHANNEL)?.size, EVENT_NAMES.length);
  });

  it('unsubscribe removes the listener and stops delivery', () => {
    const { ipc, listeners, emit } = standInIpc();
    const bridge = buildBridge(ipc, files);
    let count = 0;
    const unsubscribe = bridge.subscribe('queue', () => count++);
    emit({ type: 'queue', counts: {} });
    unsubscribe();
    unsubscribe();
    emit({ type: 'queue', counts: {} });
    assert.equal(count, 1);
    assert.equal(listeners.get(EVENT_CHANNEL)?.size, 0);
  });

  it('getPathForFile asks webUtils for the dropped file', () => {
    const bridge = buildBridge(standInIpc().ipc, files);
    assert.equal(bridge.getPathForFile({ name: 'contract.pdf', size: 10 }), '/dropped/contract.pdf');
  });
});
