// A tiny HTTP server that answers exactly what a test prepares: the envelope shapes and error bodies
// the published descriptions show, which no single dialect of the sandbox answers all at once.
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeAnswer = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export async function fakeOptimizer(
  answer: FakeAnswer,
): Promise<{ baseUrl: string; origin: string; sockets: () => number; close(): Promise<void> }> {
  let sockets = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => answer(req, res, Buffer.concat(chunks).toString('latin1')));
  });
  server.on('connection', () => sockets++);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v1/`,
    origin: `http://127.0.0.1:${port}`,
    sockets: () => sockets,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function reply(res: ServerResponse, status: number, body: unknown, type = 'application/json'): void {
  const bytes = Buffer.from(
    typeof body === 'string' && type !== 'application/json' ? body : JSON.stringify(body),
  );
  res.writeHead(status, { 'content-type': type, 'content-length': bytes.length });
  res.end(bytes);
}

/** A fake whose answers are taken, one per call, from a list the test fills. */
export async function scriptedOptimizer(): Promise<{
  baseUrl: string;
  origin: string;
  answers: FakeAnswer[];
  seen: { method: string; url: string; body: string }[];
  close(): Promise<void>;
}> {
  const answers: FakeAnswer[] = [];
  const seen: { method: string; url: string; body: string }[] = [];
  const fake = await fakeOptimizer((req, res, body) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', body });
    const next = answers.shift();
    if (next) next(req, res, body);
    else reply(res, 500, { detail: 'no answer prepared' });
  });
  return { ...fake, answers, seen };
}
