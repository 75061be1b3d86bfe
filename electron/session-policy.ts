// The renderer's session rules: every permission refused except the camera right after the person
// asked for it, no http(s)/ws traffic at all — all network I/O happens in the main process — and
// no download but the desk's own exports.
import type { Session } from 'electron';
import { APP_ORIGIN } from './ipc';

/** How long a click on "use camera" keeps the door open for the request it triggers. */
const CAMERA_GRANT_MS = 10_000;

export interface CameraGate {
  /** Called from an explicit user action: the next camera request (only) within a few seconds is allowed. */
  allowCameraOnce(): void;
  /** Consumes the grant; true at most once per allowCameraOnce(). */
  take(): boolean;
}

export function createCameraGate(now: () => number = Date.now): CameraGate {
  let grantedAt: number | undefined;
  return {
    allowCameraOnce() {
      grantedAt = now();
    },
    take() {
      const open = grantedAt !== undefined && now() - grantedAt <= CAMERA_GRANT_MS;
      grantedAt = undefined;
      return open;
    },
  };
}

const BLOCKED_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/** The only downloads: files the app's own page made (audit and template exports, as blob: URLs). */
export const isDeskExport = (url: string): boolean => url.startsWith(`blob:${APP_ORIGIN}/`);

export function applySessionPolicy(ses: Session, camera: CameraGate): void {
  ses.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const videoOnly =
      'mediaTypes' in details &&
      details.mediaTypes !== undefined &&
      details.mediaTypes.length > 0 &&
      details.mediaTypes.every((type) => type === 'video');
    const fromApp = details.requestingUrl.startsWith(`${APP_ORIGIN}/`);
    callback(permission === 'media' && videoOnly && fromApp && camera.take());
  });
  // Permission *checks* (navigator.permissions, device enumeration) learn nothing either.
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: BLOCKED_URLS }, (_details, callback) => callback({ cancel: true }));
  // An export always asks where to save it, starting from the name the desk chose; nothing else
  // (a link in a PDF, a redirect) is ever downloaded.
  ses.on('will-download', (event, item) => {
    if (!isDeskExport(item.getURL())) return event.preventDefault();
    item.setSaveDialogOptions({ defaultPath: item.getFilename() });
  });
}
