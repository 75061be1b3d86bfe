// Electron's main process: one instance, one hardened window showing the renderer from app://,
// core (store, vault, queue) behind the contract's bridge, and on a first run the training
// sandbox so a new office can practise without legal effect.
import { join } from 'node:path';
import { app, ipcMain, Menu, Notification, session, type BrowserWindow } from 'electron';
import type { BridgeEvent } from '../shared/contract';
import { isTerminal } from '../shared/job';
import { registerAppScheme, serveRenderer } from './app-protocol';
import { createDispatcher } from './core/bridge/dispatcher';
import { coreOperations } from './core/bridge/operations';
import { openDesk } from './core/desk';
import { guardProcess } from './core/process-guard';
import { desktopPort } from './desktop';
import { applyMachineConfig, chooseUpdateFeed, readMachineConfig } from './core/machine-config';
import { startTrainingIfNeeded } from './training';
import { appWindowFrame, registerBridge } from './ipc';
import { applySessionPolicy, createCameraGate } from './session-policy';
import { startUpdates } from './updates';
import { createMainWindow } from './window';
import { packagedMenuTemplate } from './window-options';

// Privileged schemes must be declared before the app is ready.
registerAppScheme();

// Anything unexpected is recorded in <userData>/logs/desk.log; the window and the queue go on.
guardProcess({
  dataDir: () => (app.isReady() ? app.getPath('userData') : undefined),
  afterFault: 'keepRunning',
});

/** Opened by the bridge's `camera.allow`, which the UI calls from the RAO's "Use camera" click. */
const camera = createCameraGate();

let win: BrowserWindow | undefined;

/** Taskbar progress across the jobs seen since the last batch settled; a notification when all have. */
function trackBatchProgress(): (event: BridgeEvent) => void {
  const batch = new Map<string, { progress: number; settled: boolean; failed: boolean }>();
  return (event) => {
    if (event.type !== 'job' || !win || win.isDestroyed()) return;
    const failed = event.state === 'failed';
    batch.set(event.jobId, { progress: event.progress, settled: isTerminal(event.state) || failed, failed });
    const jobs = [...batch.values()];
    if (!jobs.every((j) => j.settled)) {
      win.setProgressBar(jobs.reduce((sum, j) => sum + (j.settled ? 1 : j.progress), 0) / jobs.length);
      return;
    }
    win.setProgressBar(-1);
    const failures = jobs.filter((j) => j.failed).length;
    batch.clear();
    if (Notification.isSupported())
      new Notification({
        title: 'One-Shot Desk',
        body:
          failures === 0
            ? `${jobs.length} job(s) finished.`
            : `${jobs.length} job(s) finished, ${failures} failed.`,
      }).show();
  };
}

async function start(): Promise<void> {
  await app.whenReady();
  const userData = app.getPath('userData');
  const rendererDir = join(app.getAppPath(), 'dist', 'renderer');
  const preload = join(app.getAppPath(), 'dist', 'preload.cjs');

  applySessionPolicy(session.defaultSession, camera);
  serveRenderer(rendererDir);

  const desk = await openDesk({ dataDir: userData });
  // First run (or an office that only trains): the local sandbox as the 'Training sandbox' profile.
  const machine = readMachineConfig();
  if (!machine.ok) console.error(machine.message);
  else if (machine.config) applyMachineConfig(desk, machine.config);
  const training = await startTrainingIfNeeded(desk, userData);
  const feed = chooseUpdateFeed(machine.ok ? machine.config : null, app.isPackaged);
  if (feed) startUpdates(feed, (message) => console.log(message));
  const dispatcher = createDispatcher(
    coreOperations(desk, {
      version: app.getVersion(),
      training: training.active,
      dataDir: userData,
      desktop: desktopPort(() => win, camera),
    }),
    desk,
  );
  const disposeBridge = registerBridge(
    ipcMain,
    dispatcher,
    appWindowFrame(() => win?.webContents),
    () => win?.webContents,
  );
  const unsubscribeProgress = dispatcher.subscribe(trackBatchProgress());
  desk.runner.start();

  const menu = packagedMenuTemplate(app.isPackaged, process.platform);
  if (menu !== undefined) Menu.setApplicationMenu(menu && Menu.buildFromTemplate(menu));
  win = createMainWindow({ preload, settings: desk.store.settings, isPackaged: app.isPackaged });
  win.on('closed', () => (win = undefined));
  app.on('window-all-closed', () => app.quit());

  let closing = false;
  app.on('before-quit', (event) => {
    if (closing) return;
    closing = true;
    event.preventDefault();
    unsubscribeProgress();
    disposeBridge();
    // Drain the queue and close the store before exiting, then quit for real.
    void Promise.allSettled([desk.close(), training.stop()]).then(() => app.quit());
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  start().catch((error: unknown) => {
    console.error('One-Shot Desk could not start:', error instanceof Error ? error.message : error);
    app.exit(1);
  });
}
