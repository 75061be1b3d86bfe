// A small method + path router for the simulator. Paths are written like `/request/{pk}`, without a
// trailing slash, as the Optimizer's FastAPI routes are declared; a `{name}` segment captures one
// non-empty path segment. Handlers answer with a Reply, never write directly, so that fault injection
// can decide afterwards whether the answer is delivered at all.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

export type Reply =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'bytes'; status: number; contentType: string; body: Buffer; filename?: string }
  | { kind: 'stream'; status: number; contentType: string; body: Readable; size: number; filename?: string }
  | { kind: 'redirect'; status: 307; location: string };

export interface RouteContext {
  req: IncomingMessage;
  params: Record<string, string>;
  query: URLSearchParams;
}

export type Handler = (ctx: RouteContext) => Promise<Reply> | Reply;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export type RouteMatch =
  | { handler: Handler; params: Record<string, string> }
  /** Starlette's redirect_slashes: the same path with the trailing slash added or removed exists. */
  | { redirectTo: string }
  | 404
  | 405;

export const json = (body: unknown, status = 200): Reply => ({ kind: 'json', status, body });

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    if (path.endsWith('/')) throw new Error(`declare ${path} without a trailing slash`);
    this.routes.push({ method, segments: splitPath(path), handler });
    return this;
  }

  /** The handler for a path, or what FastAPI does instead: redirect, 404 or 405. */
  match(method: string, path: string): RouteMatch {
    const found = this.find(method, path);
    if (found !== 404) return found;
    // Starlette tries the other slash form only when nothing, whatever the method, matched the path.
    if (path !== '/') {
      const other = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
      if (this.find(method, other) !== 404) return { redirectTo: other };
    }
    return 404;
  }

  private find(method: string, path: string): Exclude<RouteMatch, { redirectTo: string }> {
    const parts = splitPath(path);
    let pathKnown = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      pathKnown = true;
      if (route.method === method) return { handler: route.handler, params };
    }
    return pathKnown ? 405 : 404;
  }
}

/** `/contract/5/` → ["contract", "5", ""]: the empty last segment is what makes it a different path. */
function splitPath(path: string): string[] {
  return path.replace(/^\//, '').split('/');
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const v = parts[i] as string;
    if (p.startsWith('{') && p.endsWith('}')) {
      if (v === '') return null;
      try {
        params[p.slice(1, -1)] = decodeURIComponent(v);
      } catch {
        return null;
      }
    } else if (p !== v) {
      return null;
    }
  }
  return params;
}
