// Electron's side of the bridge: one ipcMain handler that refuses any sender but the app window's
// main frame on app://oneshot, checks the operation name and hands the arguments to the dispatcher
// (which parses them with the contract's schema); the dispatcher's events go to the window.
import type { WebContents, WebFrameMain } from 'electron';
import { isOperationName, type BridgeEvent, type Result } from '../shared/contract';
import type { BridgeDispatcher } from './core/bridge/dispatcher';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './ipc-channels';

export const APP_ORIGIN = 'app://oneshot';

/** The parts of ipcMain the registrar uses; generic in the frame so a test can stand in for it. */
export interface InvokeRegistrar<F> {
  handle(
    channel: string,
    listener: (event: { readonly senderFrame: F | null }, ...args: unknown[]) => unknown,
  ): void;
  removeHandler(channel: string): void;
}

/** Where events go: the app window's webContents while it exists. */
export interface EventSink {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the One-Shot Desk window.' },
};

/**
 * The sender check for the real window: the frame must be that window's main frame (not an iframe,
 * not another window) and must be showing our own origin. Looked up on each call because the
 * window can be re-created.
 */
export function appWindowFrame(window: () => WebContents | undefined): (frame: WebFrameMain) => boolean {
  return (frame) => {
    const contents = window();
    return (
      contents !== undefined &&
      !contents.isDestroyed() &&
      frame === contents.mainFrame &&
      frame.url.startsWith(`${APP_ORIGIN}/`)
    );
  };
}

export function registerBridge<F>(
  ipcMain: InvokeRegistrar<F>,
  dispatcher: BridgeDispatcher,
  isTrustedSender: (frame: F) => boolean,
  eventSink: () => EventSink | undefined = () => undefined,
): () => void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, operation, args): Promise<Result<unknown>> => {
    // senderFrame is null once the frame navigated away or was destroyed: nobody to trust.
    const frame = event.senderFrame;
    if (frame === null || !isTrustedSender(frame)) return FORBIDDEN;
    if (!isOperationName(operation))
      return { ok: false, error: { code: 'not_found', message: 'Unknown operation.' } };
    try {
      return await dispatcher.call(operation, args);
    } catch {
      // The dispatcher answers Results itself; this only guards the boundary against a stack leaking.
      return { ok: false, error: { code: 'internal', message: 'Something went wrong in One-Shot Desk.' } };
    }
  });
  const unsubscribe = dispatcher.subscribe((event: BridgeEvent) => {
    const sink = eventSink();
    if (sink && !sink.isDestroyed()) sink.send(EVENT_CHANNEL, event);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(INVOKE_CHANNEL);
  };
}
