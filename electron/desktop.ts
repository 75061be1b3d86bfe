// The desktop shell's part of the bridge: native open dialogs, opening a signed file with the
// system's PDF reader, showing it in its folder, and the camera grant for ID-image capture.
import { dialog, shell, type BrowserWindow } from 'electron';
import type { DesktopPort } from './core/bridge/desktop';
import type { CameraGate } from './session-policy';

export function desktopPort(window: () => BrowserWindow | undefined, camera: CameraGate): DesktopPort {
  const parent = (): BrowserWindow | undefined => {
    const win = window();
    return win && !win.isDestroyed() ? win : undefined;
  };
  const show = (options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue> => {
    const win = parent();
    return win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options);
  };
  return {
    async openPath(path) {
      // shell.openPath answers an error text instead of throwing.
      const problem = await shell.openPath(path);
      if (problem) throw new Error(`The file could not be opened: ${problem}`);
    },
    showInFolder(path) {
      shell.showItemInFolder(path);
      return Promise.resolve();
    },
    async pickDocuments() {
      const picked = await show({
        title: 'Add documents',
        properties: ['openFile', 'multiSelections'],
        filters: [{ name: 'PDF documents', extensions: ['pdf'] }],
      });
      return picked.canceled ? [] : picked.filePaths;
    },
    async pickFolder() {
      const picked = await show({
        title: 'Folder for signed files',
        properties: ['openDirectory', 'createDirectory'],
      });
      return picked.canceled ? null : (picked.filePaths[0] ?? null);
    },
    allowCamera() {
      camera.allowCameraOnce();
    },
  };
}
