// What the app window is allowed to do, as plain data so it can be checked without Electron: the
// hardened webPreferences, and the menu a packaged build shows. DevTools and the default menu (with
// View ▸ Toggle Developer Tools and Reload) exist only when running from source.
import type { MenuItemConstructorOptions, WebPreferences } from 'electron';

export function windowWebPreferences(options: { preload: string; isPackaged: boolean }): WebPreferences {
  return {
    preload: options.preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    // A packaged desk holds the office's work: nobody at the keyboard should get a console into it.
    devTools: !options.isPackaged,
  };
}

/**
 * The application menu of a packaged build: none on Windows and Linux (the edit shortcuts work
 * without one), and on macOS only the app and Edit menus, without which Cmd+Q and Cmd+C/V stop
 * working. `undefined` keeps Electron's default menu (development).
 */
export function packagedMenuTemplate(
  isPackaged: boolean,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] | null | undefined {
  if (!isPackaged) return undefined;
  if (platform !== 'darwin') return null;
  return [
    {
      role: 'appMenu',
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      role: 'editMenu',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
  ];
}
