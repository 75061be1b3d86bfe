// The browser host over real sockets: the key, Host and Origin checks on /api/, the event
// WebSocket, static files without escape, and that the key never comes back in a response.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { startHost } from '../../electron/host/server';
import type { HostHandle, HostOperations } from '../../electron/host/server';

type HostEvent = { type: string; [k: string]: unknown };

interface FakeOperations extends HostOperations {
  calls: { operation: string; args: unknown }[];
  listeners: Set<(event: HostEvent) => void>;
  publish(event: HostEvent): void;
}

function fakeOperations(): FakeOperations {
  const calls: { operation: string; args: unknown }[] = [];
  const listeners = new Set<(event: HostEvent) => void>();
  return {
    calls,
    listeners,
    has: (operation) => operation === 'jobs.list' || operation === 'explode',
    call(operation, args) {
      calls.push({ operation, args });
      if (operation === 'explode') return Promise.reject(new Error('boom at /secret/path'));
      return Promise.resolve({ ok: true, value: { echoed: args } });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    publish(event) {
      for (const listener of listeners) listener(event);
    },
  };
}

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Every answer the host gave during the run, to check afterwards that none carries the key. */
const answers: Answer[] = [];

function send(
  port: number,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: options.method ?? 'GET',
        path: options.path,
        // An explicit Host header replaces the one Node would derive from host:port.
        headers: { Host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const answer = {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          };
          answers.push(answer);
          resolve(answer);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function post(host: HostHandle, operation: string, body: string, headers: Record<string, string> = {}) {
  return send(host.port, {
    method: 'POST',
    path: `/api/${operation}`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.key}`, ...headers },
    body,
  });
}

/** Opens the event socket; resolves to the open socket or to the HTTP status that refused it. */
function connect(url: string, origin?: string, host?: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, {
      ...(origin === undefined ? {} : { origin }),
      ...(host === undefined ? {} : { headers: { Host: host } }),
    });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => {
      answers.push({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.once('error', reject);
  });
}

function nextMessage(ws: WebSocket): Promise<unknown> {
  return new Promise((resolve) => ws.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()))));
}

describe('browser host', () => {
  let ops: FakeOperations;
  let host: HostHandle;
  let root: string;

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'host-'));
    const www = join(root, 'www');
    mkdirSync(www);
    writeFileSync(join(www, 'index.html'), '<!doctype html><title>desk</title>');
    writeFileSync(join(www, 'app.js'), 'console.log(1);');
    writeFileSync(join(www, '.env'), 'DOTFILE_SECRET');
    writeFileSync(join(root, 'outside.txt'), 'OUTSIDE_SECRET');
    ops = fakeOperations();
    host = await startHost({ port: 0, staticDir: www, operations: ops });
  });

  after(async () => {
    await host.stop();
  });

  it('binds 127.0.0.1 with a 32-byte base64url key; launch URLs carry a new one-time code, never the key', () => {
    assert.equal(host.url, `http://127.0.0.1:${host.port}`);
    assert.match(host.key, /^[A-Za-z0-9_-]{43}$/);
    const [a, b] = [host.newLaunchUrl(), host.newLaunchUrl()];
    assert.match(a, new RegExp(`^${host.url}/#code=[A-Za-z0-9_-]{43}$`));
    assert.notEqual(a, b);
    assert.ok(!a.includes(host.key));
  });

  describe('operations', () => {
    it('answers the operation value unchanged when the key is right', async () => {
      const answer = await post(host, 'jobs.list', '{"limit":5}');
      assert.equal(answer.status, 200);
      assert.match(String(answer.headers['content-type']), /^application\/json/);
      assert.deepEqual(JSON.parse(answer.body), { ok: true, value: { echoed: { limit: 5 } } });
      assert.deepEqual(ops.calls.at(-1), { operation: 'jobs.list', args: { limit: 5 } });
    });

    it('answers 401 without a key or with a wrong one, and never calls the operation', async () => {
      const before = ops.calls.length;
      const none = await post(host, 'jobs.list', '{}', { Authorization: '' });
      const wrong = await post(host, 'jobs.list', '{}', { Authorization: `Bearer ${host.key.slice(1)}x` });
      const basic = await post(host, 'jobs.list', '{}', { Authorization: `Basic ${host.key}` });
      assert.deepEqual([none.status, wrong.status, basic.status], [401, 401, 401]);
      assert.equal(ops.calls.length, before);
    });

    it('answers 403 to a foreign Host header, even with the right key (DNS rebinding)', async () => {
      const before = ops.calls.length;
      const evil = await post(host, 'jobs.list', '{}', { Host: `evil.example:${host.port}` });
      const otherPort = await post(host, 'jobs.list', '{}', { Host: `127.0.0.1:${host.port + 1}` });
      const page = await send(host.port, { path: '/', headers: { Host: `evil.example:${host.port}` } });
      assert.deepEqual([evil.status, otherPort.status, page.status], [403, 403, 403]);
      assert.equal(ops.calls.length, before);
      assert.equal((await post(host, 'jobs.list', '{}', { Host: `localhost:${host.port}` })).status, 200);
    });

    it('answers 403 to a POST from a foreign Origin and accepts its own origin', async () => {
      const before = ops.calls.length;
      const evil = await post(host, 'jobs.list', '{}', { Origin: 'https://evil.example' });
      const nullOrigin = await post(host, 'jobs.list', '{}', { Origin: 'null' });
      assert.deepEqual([evil.status, nullOrigin.status], [403, 403]);
      assert.equal(ops.calls.length, before);
      assert.equal((await post(host, 'jobs.list', '{}', { Origin: host.url })).status, 200);
      assert.equal(
        (await post(host, 'jobs.list', '{}', { Origin: `http://localhost:${host.port}` })).status,
        200,
      );
    });

    it('answers 415 to a POST that is not application/json (simple-request CSRF)', async () => {
      const before = ops.calls.length;
      const plain = await post(host, 'jobs.list', '{}', { 'Content-Type': 'text/plain' });
      const form = await post(host, 'jobs.list', 'a=1', {
        'Content-Type': 'application/x-www-form-urlencoded',
      });
      assert.deepEqual([plain.status, form.status], [415, 415]);
      assert.equal(ops.calls.length, before);
      const charset = await post(host, 'jobs.list', '{}', {
        'Content-Type': 'application/json; charset=utf-8',
      });
      assert.equal(charset.status, 200);
    });

    it('answers 404 to an unknown operation, 400 to a body that is not JSON, 405 to GET', async () => {
      assert.equal((await post(host, 'vault.dump', '{}')).status, 404);
      assert.equal((await post(host, 'constructor', '{}')).status, 404);
      assert.equal((await post(host, 'jobs.list', '{not json')).status, 400);
      const get = await send(host.port, {
        path: '/api/jobs.list',
        headers: { Authorization: `Bearer ${host.key}` },
      });
      assert.equal(get.status, 405);
    });

    it('answers 413 to a body declared larger than 10 MB without reading it', async () => {
      const answer = await post(host, 'jobs.list', '', { 'Content-Length': String(10 * 1024 * 1024 + 1) });
      assert.equal(answer.status, 413);
    });

    it('answers 500 with a fixed message and no stack when the operation throws', async () => {
      const answer = await post(host, 'explode', 'null');
      assert.equal(answer.status, 500);
      assert.deepEqual(JSON.parse(answer.body), {
        ok: false,
        error: { code: 'internal', message: 'Internal error' },
      });
      assert.doesNotMatch(answer.body, /boom|secret|at /);
    });

    it('sends no CORS headers and the security headers on API answers', async () => {
      const answer = await post(host, 'jobs.list', '{}', { Origin: host.url });
      assert.equal(
        Object.keys(answer.headers).some((name) => name.startsWith('access-control-')),
        false,
      );
      assert.equal(answer.headers['x-content-type-options'], 'nosniff');
      assert.equal(answer.headers['cache-control'], 'no-store');
    });
  });

  describe('events', () => {
    const eventsUrl = () => `ws://127.0.0.1:${host.port}/api/events?key=${host.key}`;

    it('delivers events published after connecting to our own page holding the key', async () => {
      const ws = await connect(eventsUrl(), host.url);
      assert.ok(ws instanceof WebSocket);
      const message = nextMessage(ws);
      ops.publish({ type: 'job.progress', jobId: 'j1', progress: 0.5 });
      assert.deepEqual(await message, { type: 'job.progress', jobId: 'j1', progress: 0.5 });
      ws.close();
    });

    it('refuses a wrong or missing key with 401', async () => {
      const wrong = `ws://127.0.0.1:${host.port}/api/events?key=nope`;
      assert.equal(await connect(wrong, host.url), 401);
      assert.equal(await connect(`ws://127.0.0.1:${host.port}/api/events`, host.url), 401);
    });

    it('refuses a foreign Origin, a missing Origin and a foreign Host with 403', async () => {
      assert.equal(await connect(eventsUrl(), 'https://evil.example'), 403);
      assert.equal(await connect(eventsUrl()), 403);
      assert.equal(await connect(eventsUrl(), host.url, `evil.example:${host.port}`), 403);
    });

    it('unsubscribes when the client closes', async () => {
      const before = ops.listeners.size;
      const ws = await connect(eventsUrl(), host.url);
      assert.ok(ws instanceof WebSocket);
      assert.equal(ops.listeners.size, before + 1);
      const closed = new Promise((resolve) => ws.once('close', resolve));
      ws.close();
      await closed;
      // The server sees the close frame a moment after the client's close event at the latest.
      for (let i = 0; i < 50 && ops.listeners.size !== before; i++)
        await new Promise((r) => setTimeout(r, 10));
      assert.equal(ops.listeners.size, before);
    });
  });

  describe('static files', () => {
    it('serves index.html for / with the CSP and hardening headers, and no key', async () => {
      const answer = await send(host.port, { path: '/' });
      assert.equal(answer.status, 200);
      assert.match(answer.body, /<title>desk<\/title>/);
      assert.match(String(answer.headers['content-type']), /^text\/html/);
      assert.match(
        String(answer.headers['content-security-policy']),
        /^default-src 'none'; script-src 'self'/,
      );
      assert.equal(answer.headers['x-content-type-options'], 'nosniff');
      assert.equal(answer.headers['referrer-policy'], 'no-referrer');
      assert.equal(answer.headers['cross-origin-opener-policy'], 'same-origin');
      assert.equal(answer.headers['cache-control'], 'no-store');
    });

    it('serves scripts as JavaScript and HEAD without a body', async () => {
      const script = await send(host.port, { path: '/app.js?v=1' });
      assert.equal(script.status, 200);
      assert.match(String(script.headers['content-type']), /^text\/javascript/);
      const head = await send(host.port, { method: 'HEAD', path: '/app.js' });
      assert.equal(head.status, 200);
      assert.equal(head.body, '');
      assert.equal(head.headers['content-length'], String('console.log(1);'.length));
    });

    it('never leaves the folder nor serves dotfiles', async () => {
      const paths = [
        '/../../etc/passwd',
        '/%2e%2e/%2e%2e/etc/passwd',
        '/../outside.txt',
        '/%2e%2e/outside.txt',
        '/..%2foutside.txt',
        '/..%5coutside.txt',
        '/.env',
        '/%2eenv',
        '/%00',
      ];
      for (const path of paths) {
        const answer = await send(host.port, { path });
        assert.notEqual(answer.status, 200, path);
        assert.doesNotMatch(answer.body, /root:|OUTSIDE_SECRET|DOTFILE_SECRET/, path);
      }
    });

    it('answers 404 to a missing file', async () => {
      assert.equal((await send(host.port, { path: '/missing.js' })).status, 404);
    });
  });

  it('never sends the key back in any header or body', () => {
    assert.ok(answers.length > 20);
    for (const answer of answers) {
      assert.equal(JSON.stringify(answer.headers).includes(host.key), false);
      assert.equal(answer.body.includes(host.key), false);
    }
  });
});

describe('browser host shutdown', () => {
  it('stop() closes open WebSockets and the listening socket', async () => {
    const ops = fakeOperations();
    const host = await startHost({ operations: ops });
    const ws = await connect(`ws://127.0.0.1:${host.port}/api/events?key=${host.key}`, host.url);
    assert.ok(ws instanceof WebSocket);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    await host.stop();
    await closed;
    assert.equal(ops.listeners.size, 0);
    await assert.rejects(send(host.port, { path: '/' }));
  });

  it('without a static folder serves only the API', async () => {
    const host = await startHost({ operations: fakeOperations(), csp: "default-src 'none'" });
    try {
      const page = await send(host.port, { path: '/' });
      assert.equal(page.status, 404);
      assert.equal(page.headers['content-security-policy'], "default-src 'none'");
    } finally {
      await host.stop();
    }
  });
});
