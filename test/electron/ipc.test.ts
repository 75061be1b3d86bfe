// The IPC registrar: only the app window's main frame on app://oneshot reaches the dispatcher;
// anything else gets `forbidden`. Events go out on the event channel, and dispose undoes it all.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { BridgeEvent, Result } from '../../shared/contract';
import type { BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from '../../electron/ipc-channels';
import { registerBridge, type InvokeRegistrar } from '../../electron/ipc';

interface Frame {
  url: string;
}
type Handler = (event: { readonly senderFrame: Frame | null }, ...args: unknown[]) => unknown;

function setup() {
  const mainFrame: Frame = { url: 'app://oneshot/index.html' };
  const handlers = new Map<string, Handler>();
  const ipcMain: InvokeRegistrar<Frame> = {
    handle: (channel, listener) => {
      assert.ok(!handlers.has(channel), `second handler for ${channel}`);
      handlers.set(channel, listener);
    },
    removeHandler: (channel) => void handlers.delete(channel),
  };
  const calls: [string, unknown][] = [];
  let emit: ((event: BridgeEvent) => void) | undefined;
  const dispatcher: BridgeDispatcher = {
    has: () => true,
    call: (operation, args) => {
      calls.push([operation, args]);
      return Promise.resolve({ ok: true, value: { ran: operation } });
    },
    subscribe: (listener) => {
      emit = listener;
      return () => (emit = undefined);
    },
  };
  const sent: unknown[][] = [];
  const sink = { send: (...args: unknown[]) => void sent.push(args), isDestroyed: () => false };
  const isTrusted = (frame: Frame) => frame === mainFrame && frame.url.startsWith('app://oneshot/');
  const dispose = registerBridge(ipcMain, dispatcher, isTrusted, () => sink);
  const invoke = async (senderFrame: Frame | null, ...args: unknown[]) => {
    const handler = handlers.get(INVOKE_CHANNEL);
    assert.ok(handler, 'no invoke handler registered');
    return (await handler({ senderFrame }, ...args)) as Result<unknown>;
  };
  return { mainFrame, handlers, calls, sent, invoke, dispose, emit: (e: BridgeEvent) => emit?.(e) };
}

describe('registerBridge', () => {
  it('registers one handler, on the invoke channel', () => {
    const { handlers } = setup();
    assert.deepEqual([...handlers.keys()], [INVOKE_CHANNEL]);
  });

  it("passes a trusted sender's call to the dispatcher", async () => {
    const { mainFrame, calls, invoke } = setup();
    const result = await invoke(mainFrame, 'jobs.get', { jobId: 'j1' });
    assert.deepEqual(result, { ok: true, value: { ran: 'jobs.get' } });
    assert.deepEqual(calls, [['jobs.get', { jobId: 'j1' }]]);
  });

  it('refuses another frame of the same origin without calling the dispatcher', async () => {
    const { calls, invoke } = setup();
    const result = await invoke({ url: 'app://oneshot/index.html' }, 'jobs.list', {});
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.error.code, 'forbidden');
    assert.equal(calls.length, 0);
  });

  it('refuses the main frame once it shows another origin', async () => {
    const { mainFrame, calls, invoke } = setup();
    for (const url of ['https://evil.example/', 'app://oneshotx/index.html', 'file:///tmp/index.html']) {
      mainFrame.url = url;
      const result = await invoke(mainFrame, 'app.info', {});
      assert.equal(!result.ok && result.error.code, 'forbidden', url);
    }
    assert.equal(calls.length, 0);
  });

  it('refuses a sender whose frame is gone', async () => {
    const { calls, invoke } = setup();
    const result = await invoke(null, 'app.info', {});
    assert.equal(!result.ok && result.error.code, 'forbidden');
    assert.equal(calls.length, 0);
  });

  it('answers an unknown operation itself, without calling the dispatcher', async () => {
    const { mainFrame, calls, invoke } = setup();
    for (const name of ['jobs.drop', 'constructor', '__proto__', 42, undefined]) {
      const result = await invoke(mainFrame, name, {});
      assert.equal(!result.ok && result.error.code, 'not_found');
    }
    assert.equal(calls.length, 0);
  });

  it('sends dispatcher events to the window on the event channel', () => {
    const { sent, emit } = setup();
    const event: BridgeEvent = { type: 'queue', counts: { queued: 1 } };
    emit(event);
    assert.deepEqual(sent, [[EVENT_CHANNEL, event]]);
  });

  it('dispose removes the handler and stops events', () => {
    const { handlers, sent, emit, dispose } = setup();
    dispose();
    assert.equal(handlers.size, 0);
    emit({ type: 'queue', counts: {} });
    assert.equal(sent.length, 0);
  });
});
