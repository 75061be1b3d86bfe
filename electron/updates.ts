// Updates for installed copies: electron-updater against a generic feed (the one built into the
// installer, or the office's own mirror from the machine-wide file). Downloads happen in the
// background and install only when the app quits — after the queue has drained — never mid-signing.
import electronUpdater from 'electron-updater';
import type { UpdateFeed } from './core/machine-config';

export function startUpdates(feed: UpdateFeed, log: (message: string) => void): void {
  const { autoUpdater } = electronUpdater;
  if (feed.url) autoUpdater.setFeedURL({ provider: 'generic', url: feed.url, channel: feed.channel });
  autoUpdater.channel = feed.channel;
  autoUpdater.allowDowngrade = false;
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  // Its own logger prints request headers on some errors; only plain messages go out.
  autoUpdater.logger = null;
  autoUpdater.on('error', (error: Error) => log(`Update check failed: ${error.message}`));
  autoUpdater.on('update-downloaded', (info: { version: string }) =>
    log(`One-Shot Desk ${info.version} is ready and will be installed when the app is closed.`),
  );
  autoUpdater.checkForUpdatesAndNotify().catch((error: unknown) => {
    log(`Update check failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}
