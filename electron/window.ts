// The single app window: hardened webPreferences, no navigation, no new windows (https links go to
// the system browser), and its size and place remembered between launches.
import { BrowserWindow, screen, shell, type Rectangle } from 'electron';
import { APP_START_URL } from './app-protocol';
import { windowWebPreferences } from './window-options';

export interface WindowBoundsStore {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}

const BOUNDS_KEY = 'windowBounds';
const DEFAULT_SIZE = { width: 1280, height: 820 };

/** Stored bounds are used only if they are sane numbers and still overlap a connected display. */
function savedBounds(settings: WindowBoundsStore): Rectangle | undefined {
  const value = settings.get(BOUNDS_KEY);
  if (typeof value !== 'object' || value === null) return undefined;
  const { x, y, width, height } = value as Record<string, unknown>;
  if (![x, y, width, height].every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  const bounds = { x, y, width, height } as Rectangle;
  if (bounds.width < 400 || bounds.height < 300) return undefined;
  const visible = screen.getAllDisplays().some(({ workArea: a }) => {
    return (
      bounds.x < a.x + a.width &&
      bounds.x + bounds.width > a.x &&
      bounds.y < a.y + a.height &&
      bounds.y + bounds.height > a.y
    );
  });
  return visible ? bounds : undefined;
}

/** Only https pages leave the app, and only to the system browser. */
export function openExternalLink(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return;
  }
  if (parsed.protocol === 'https:') void shell.openExternal(parsed.href);
}

export function createMainWindow(options: {
  preload: string;
  settings: WindowBoundsStore;
  /** A packaged build: no DevTools. */
  isPackaged: boolean;
}): BrowserWindow {
  const win = new BrowserWindow({
    ...DEFAULT_SIZE,
    ...savedBounds(options.settings),
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'One-Shot Desk',
    webPreferences: {
      ...windowWebPreferences(options),
      // electronegativity reads only this literal, so the two settings it checks are spelt out here too.
      contextIsolation: true,
      sandbox: true,
    },
  });
  win.once('ready-to-show', () => win.show());
  // The renderer is a single page: any navigation is a bug or an attack.
  win.webContents.on('will-navigate', (event) => event.preventDefault());
  win.webContents.on('will-redirect', (event) => event.preventDefault());
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternalLink(url);
    return { action: 'deny' };
  });
  win.on('close', () => options.settings.set(BOUNDS_KEY, win.getNormalBounds()));
  void win.loadURL(APP_START_URL);
  return win;
}
