// What app:// answers: the built renderer from one folder under app://oneshot/, with the app's CSP
// on every response. Kept apart from the protocol registration so it runs (and is tested) without
// Electron.
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, sep } from 'node:path';
import { DEFAULT_CSP } from './host/guard';
import { CONTENT_TYPES, staticRelativePath } from './host/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'oneshot';
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

const SECURITY_HEADERS = {
  'content-security-policy': DEFAULT_CSP,
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

function refuse(status: number): Response {
  return new Response(null, { status, headers: SECURITY_HEADERS });
}

/**
 * Answers one app:// request from `rendererDir`, or a bodiless 4xx for anything else.
 * The raw path goes through the host's checks (no `..`, no dotfiles, no encoded tricks), and the
 * real path must still lie inside the folder so a symlink cannot lead out of it.
 */
export async function rendererResponse(requestUrl: string, rendererDir: string): Promise<Response> {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return refuse(400);
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return refuse(404);
  // `new URL` already resolved plain `..`; the raw text after the host is what is judged.
  const rawPath = requestUrl.slice(`${APP_SCHEME}://${APP_HOST}`.length) || '/';
  const relative = staticRelativePath(rawPath);
  if (relative === undefined) return refuse(404);
  const type = CONTENT_TYPES[extname(relative).toLowerCase()];
  if (type === undefined) return refuse(404);
  try {
    const root = await realpath(rendererDir);
    const file = await realpath(join(root, relative));
    if (!file.startsWith(root + sep)) return refuse(404);
    const body = await readFile(file);
    return new Response(body, { status: 200, headers: { ...SECURITY_HEADERS, 'content-type': type } });
  } catch {
    return refuse(404);
  }
}
