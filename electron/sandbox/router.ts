// A small method + path router for the simulator. Paths are written like `/request/{pk}`; a
// `{name}` segment captures one path segment. Handlers answer with a Reply, never write directly,
// so that fault injection can decide afterwards whether the answer is delivered at all.
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

export type Reply =
  | { kind: 'json'; status: number; body: unknown }
  | { kind: 'bytes'; status: number; contentType: string; body: Buffer; filename?: string }
  | { kind: 'stream'; status: number; contentType: string; body: Readable; size: number; filename?: string };

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

export const json = (body: unknown, status = 200): Reply => ({ kind: 'json', status, body });

export class Router {
  private readonly routes: Route[] = [];

  on(method: string, path: string, handler: Handler): this {
    this.routes.push({ method, segments: splitPath(path), handler });
    return this;
  }

  /** The handler for a path, or why there is none (FastAPI answers 404 or 405). */
  match(method: string, path: string): { handler: Handler; params: Record<string, string> } | 404 | 405 {
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

function splitPath(path: string): string[] {
  // FastAPI serves `/contract/{pk}/` and `/contract/{pk}` alike only when redirect_slashes is on;
  // the simulator is lenient and ignores a trailing slash.
  return path.split('/').filter((s) => s.length > 0);
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i] as string;
    const v = parts[i] as string;
    if (p.startsWith('{') && p.endsWith('}')) {
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
