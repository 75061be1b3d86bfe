// One HTTP call through the simulator: fault injection first, then routing (with FastAPI's
// redirect_slashes), the handler, and the answer written in the dialect's shape.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiError, ValidationError } from './api-error';
import type { SandboxDialect } from './dialect';
import { errorAnswer, errorBody, internalErrorAnswer, routingErrorBody } from './error-answers';
import type { FaultDecision, FaultPlan } from './faults';
import type { Reply, Router } from './router';

export const API_BASE_PATH = '/oneshot/api/v1';

export interface DispatchSettings {
  router: Router;
  faults: FaultPlan;
  latencyMs: number;
  dialect: SandboxDialect;
  tls: boolean;
  log: (line: string) => void;
}

export async function dispatch(
  req: IncomingMessage,
  res: ServerResponse,
  settings: DispatchSettings,
): Promise<void> {
  const { router, faults, latencyMs, dialect, log } = settings;
  const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
  const method = req.method ?? 'GET';
  if (!url.pathname.startsWith(`${API_BASE_PATH}/`) && url.pathname !== API_BASE_PATH) {
    return send(res, { kind: 'json', status: 404, body: routingErrorBody(dialect, 404, 'Not Found') });
  }
  const path = url.pathname.slice(API_BASE_PATH.length) || '/';
  const training = path.startsWith('/sandbox/');
  const fault: FaultDecision = training ? 'none' : faults.next();
  if (latencyMs > 0 && !training) await sleep(latencyMs);
  if (fault === 'reset') {
    log(`[sandbox] fault: connection reset before ${method} ${path}`);
    req.socket.destroy();
    return;
  }
  if (fault === 'fail') {
    log(`[sandbox] fault: 503 before ${method} ${path}`);
    req.resume();
    return send(res, {
      kind: 'json',
      status: 503,
      body: errorBody(dialect, 503, 'Service temporarily unavailable (sandbox fault injection)'),
    });
  }

  let reply: Reply;
  const match = router.match(method, path);
  if (match === 404) reply = { kind: 'json', status: 404, body: routingErrorBody(dialect, 404, 'Not Found') };
  else if (match === 405)
    reply = { kind: 'json', status: 405, body: routingErrorBody(dialect, 405, 'Method Not Allowed') };
  else if ('redirectTo' in match)
    reply = redirect(req, settings.tls, `${API_BASE_PATH}${match.redirectTo}`, url);
  else {
    try {
      reply = await match.handler({ req, params: match.params, query: url.searchParams });
    } catch (error) {
      reply = errorReply(error, dialect, log);
    }
  }
  if (fault === 'lose-response') {
    // The work is done and committed; the client never learns it. This is what recovery must survive.
    log(`[sandbox] fault: response lost after ${method} ${path} (${reply.status})`);
    if (reply.kind === 'stream') reply.body.destroy();
    req.socket.destroy();
    return;
  }
  if (!req.complete) req.resume();
  send(res, reply);
}

/** Starlette builds the Location from the scheme and the Host header the client sent, query kept. */
function redirect(req: IncomingMessage, tls: boolean, pathname: string, url: URL): Reply {
  const host = req.headers.host ?? `${req.socket.localAddress ?? '127.0.0.1'}:${req.socket.localPort ?? 0}`;
  return {
    kind: 'redirect',
    status: 307,
    location: `${tls ? 'https' : 'http'}://${host}${pathname}${url.search}`,
  };
}

function errorReply(error: unknown, dialect: SandboxDialect, log: (line: string) => void): Reply {
  if (error instanceof ValidationError || error instanceof ApiError) {
    return { kind: 'json', ...errorAnswer(dialect, error) };
  }
  log(`[sandbox] internal error: ${(error as Error).stack ?? String(error)}`);
  return { kind: 'json', ...internalErrorAnswer(dialect) };
}

function send(res: ServerResponse, reply: Reply): void {
  if (reply.kind === 'json') {
    const body = Buffer.from(JSON.stringify(reply.body));
    res.writeHead(reply.status, { 'content-type': 'application/json', 'content-length': body.length });
    res.end(body);
    return;
  }
  if (reply.kind === 'redirect') {
    res.writeHead(reply.status, { location: reply.location, 'content-length': 0 });
    res.end();
    return;
  }
  const headers: Record<string, string | number> = { 'content-type': reply.contentType };
  if (reply.filename) headers['content-disposition'] = contentDisposition(reply.filename);
  if (reply.kind === 'bytes') {
    headers['content-length'] = reply.body.length;
    res.writeHead(reply.status, headers);
    res.end(reply.body);
    return;
  }
  headers['content-length'] = reply.size;
  res.writeHead(reply.status, headers);
  reply.body.on('error', () => res.destroy());
  reply.body.pipe(res);
}

/**
 * RFC 6266: an ASCII `filename` for old clients and the exact name in `filename*` (RFC 5987, UTF-8,
 * percent-encoded). A header value outside Latin-1 would make Node throw, and a raw U+202E would
 * let a name display reversed.
 */
export function contentDisposition(filename: string): string {
  const fallback = filename
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\]/gu, '_');
  const exact = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${exact}`;
}
