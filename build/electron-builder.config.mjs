// electron-builder configuration: installers for Windows (NSIS and MSI), macOS (dmg) and Linux
// (AppImage and deb), the app in an asar (integrity-checked at run time on macOS and Windows only),
// fuses flipped after packing, and
// updates from a generic feed the office (or its IT) hosts: set ONESHOT_UPDATE_URL when building.
export default {
  appId: 'com.oneshotdesk.app',
  productName: 'One-Shot Desk',
  copyright: 'One-Shot Desk',
  directories: { output: 'release', buildResources: 'build/resources' },
  files: ['dist/**/*', '!dist/**/*.map', 'package.json'],
  asar: true,
  // Native modules cannot load from inside an asar archive.
  asarUnpack: ['**/*.node'],
  npmRebuild: true,
  afterPack: './build/after-pack.mjs',
  publish: [
    { provider: 'generic', url: process.env.ONESHOT_UPDATE_URL ?? 'https://updates.invalid/oneshot-desk' },
  ],
  win: { target: ['nsis', 'msi'] },
  nsis: { oneClick: false, perMachine: true, allowToChangeInstallationDirectory: true },
  msi: { perMachine: true },
  mac: { target: ['dmg'], category: 'public.app-category.business', hardenedRuntime: true },
  linux: { target: ['AppImage', 'deb'], category: 'Office', maintainer: 'One-Shot Desk' },
  deb: { depends: ['libsecret-1-0', 'gnome-keyring | kwalletmanager'] },
};
