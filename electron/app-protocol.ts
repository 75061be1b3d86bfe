// The app:// scheme: the renderer is served by app-files.ts through Electron's protocol handler,
// so the window never loads file:// or anything remote.
import { protocol } from 'electron';
import { APP_SCHEME, rendererResponse } from './app-files';

export { APP_HOST, APP_SCHEME, APP_START_URL } from './app-files';

/** Must run before `app` is ready: a standard, secure scheme gets an origin and fetch(). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(request.url, rendererDir));
}
