// Electron fuses flipped into the packaged binary, each with its reason. Shared by the after-pack
// step and the tests, so the list that ships is the list that is checked.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

export const FUSES = {
  version: FuseVersion.V1,
  // The binary must never run as a plain Node.js (ELECTRON_RUN_AS_NODE) with the office's keychain access.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS could inject code into the main process that holds the RAO tokens.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let anyone on the workstation attach a debugger to the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // A modified app.asar (e.g. a patched signer) must not load. Electron enforces this on macOS and
  // Windows only; on Linux there is no runtime check and the package's signature is all there is.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only the packaged app.asar may be loaded, never a loose folder beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Cookies and local storage are encrypted with an OS-protected key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // The renderer is served from app://, so file:// needs none of its historical privileges.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};
