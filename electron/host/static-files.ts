// Serves the built renderer from one folder: GET/HEAD only, no way out of the folder, no dotfiles.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { sendError } from './guard';

/** The renderer's file types; the app:// protocol serves the same ones. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  // pdf.js's bundled standard fonts and character maps (the viewer fetches them same-origin).
  '.ttf': 'font/ttf',
  '.pfb': 'application/octet-stream',
  '.bcmap': 'application/octet-stream',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

/**
 * Maps a raw request path to a path relative to the static folder, or undefined when it must
 * not be served. Works on the raw, still-encoded path so that `%2e%2e` and `..` are judged alike
 * after decoding, instead of trusting a URL parser's normalisation.
 */
export function staticRelativePath(rawUrl: string): string | undefined {
  const pathname = rawUrl.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (!decoded.startsWith('/') || decoded.includes('\0')) return undefined;
  // Backslash counts as a separator too: on Windows `..\` would climb out.
  const segments = decoded.split(/[\\/]/).filter((s) => s !== '');
  // Dot-segments (`.`, `..`) and dotfiles (`.env`, `.git`) are all refused by the same rule.
  if (segments.some((s) => s.startsWith('.') || s.includes(':'))) return undefined;
  return segments.length === 0 ? 'index.html' : segments.join('/');
}

export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string | undefined,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    sendError(res, 405, 'method_not_allowed', 'Method not allowed');
    return;
  }
  const relative = staticRelativePath(req.url ?? '/');
  const file =
    staticDir === undefined || relative === undefined ? undefined : await locate(staticDir, relative);
  if (file === undefined) {
    sendError(res, 404, 'not_found', 'Not found');
    return;
  }
  res.statusCode = 200;
  res.setHeader(
    'Content-Type',
    CONTENT_TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
  );
  res.setHeader('Content-Length', file.size);
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(createReadStream(file.path), res);
  } catch {
    // The client went away or the file vanished mid-read; headers are out, so just drop it.
    res.destroy();
  }
}

/** Resolves inside the folder and follows symlinks before the prefix check, so a link cannot lead out. */
async function locate(
  staticDir: string,
  relative: string,
): Promise<{ path: string; size: number } | undefined> {
  try {
    const root = await realpath(resolve(staticDir));
    const candidate = await realpath(resolve(root, relative));
    if (!candidate.startsWith(root + sep)) return undefined;
    const info = await stat(candidate);
    return info.isFile() ? { path: candidate, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}
