// electron-builder's afterPack step: flips the fuses (build/fuses.mjs) in the packaged Electron
// binary before it is signed and wrapped in an installer.
import { flipFuses } from '@electron/fuses';
import { join } from 'node:path';
import { FUSES } from './fuses.mjs';

export default async function afterPack(context) {
  const { electronPlatformName, appOutDir, packager } = context;
  const name = packager.appInfo.productFilename;
  const binary =
    electronPlatformName === 'darwin'
      ? join(appOutDir, `${name}.app`)
      : electronPlatformName === 'win32'
        ? join(appOutDir, `${name}.exe`)
        : join(appOutDir, packager.executableName);
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature: electronPlatformName === 'darwin' });
}
