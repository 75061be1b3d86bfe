// Browser mode keeps its key off every command line (issue 16, item 4): the address printed and
// the one the browser opener gets carry a one-time code, valid once and for a short while, that
// the page exchanges for the key. A fake xdg-open on PATH records the opener's argv.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startHost, type HostHandle, type HostOperations } from '../../electron/host/server';
import { launchChromium, SKIP_WITHOUT_KEYRING } from '../helpers/desk-browser';
import { REPO_ROOT } from '../helpers/sandbox-process';

const operations: HostOperations = {
  has: (name) => name === 'app.info',
  call: () => Promise.resolve({ ok: true, value: { version: 'test' } }),
  subscribe: () => () => undefined,
};

async function exchange(base: string, code: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}/launch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ code }),
  });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: { key: string } } };
}

const codeOf = (launchUrl: string): string => /#code=([A-Za-z0-9_-]+)$/.exec(launchUrl)?.[1] ?? '';

describe('launch codes', () => {
  let host: HostHandle;
  before(async () => {
    host = await startHost({ operations, launchCodeTtlMs: 1_500 });
  });
  after(() => host.stop());

  it('gives the key once for a code; a second use, a late code and a made-up one are refused', async () => {
    const code = codeOf(host.newLaunchUrl());
    const first = await exchange(host.url, code);
    assert.equal(first.status, 200);
    assert.equal(first.body.value?.key, host.key);
    const again = await exchange(host.url, code);
    assert.equal(again.status, 401);
    assert.ok(!JSON.stringify(again.body).includes(host.key));

    const late = codeOf(host.newLaunchUrl());
    await new Promise((r) => setTimeout(r, 1_600));
    assert.equal((await exchange(host.url, late)).status, 401);
    assert.equal((await exchange(host.url, 'made-up')).status, 401);
  });

  it('keeps the Host and Origin checks and wants JSON', async () => {
    const code = codeOf(host.newLaunchUrl());
    assert.equal((await exchange(host.url, code, { Origin: 'http://evil.example' })).status, 403);
    const form = await fetch(`${host.url}/launch`, {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain' },
      body: JSON.stringify({ code }),
    });
    assert.equal(form.status, 415);
    // Refused before it was looked at, the code still works for the page.
    assert.equal((await exchange(host.url, code)).status, 200);
  });
});

describe('browser mode launch', { skip: SKIP_WITHOUT_KEYRING }, () => {
  const work = mkdtempSync(join(tmpdir(), 'launch-code-'));
  const bin = join(work, 'bin');
  const argvFile = join(work, 'opener-argv');
  let child: ReturnType<typeof spawn> | undefined;
  let browser: Browser | undefined;
  let printed = '';
  let base = '';

  before(async () => {
    mkdirSync(bin);
    // Records every argument it was given, one per line, then does nothing.
    writeFileSync(
      join(bin, 'xdg-open'),
      `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a" >> '${argvFile}'; done\n`,
    );
    chmodSync(join(bin, 'xdg-open'), 0o755);
    const renderer = process.env.DESK_RENDERER_DIR ?? join(REPO_ROOT, 'dist/renderer');
    child = spawn(
      process.execPath,
      [
        // The bundle test/run.mjs has just built, as `npm run start:web` runs it.
        'dist/host/cli.mjs',
        '--port',
        '0',
        '--data',
        join(work, 'data'),
        '--renderer',
        renderer,
      ],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` },
      },
    );
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child!.stdout! }).once('line', resolve);
      child!.once('exit', (code) => reject(new Error(`start:web exited with ${code}`)));
    });
    const match =
      /^One-Shot Desk \(browser mode\): (http:\/\/127\.0\.0\.1:\d+)\/#code=([A-Za-z0-9_-]{43})$/.exec(line);
    assert.ok(match?.[1] && match[2], line);
    base = match[1];
    printed = match[2];
    for (let i = 0; i < 100 && !existsSync(argvFile); i++) await new Promise((r) => setTimeout(r, 50));
  });
  after(async () => {
    await browser?.close();
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it("opens the browser with a code of its own, and the key is on no opener's command line", async () => {
    const argv = readFileSync(argvFile, 'utf8').trim().split('\n');
    assert.equal(argv.length, 1);
    const opened = /^http:\/\/127\.0\.0\.1:\d+\/#code=([A-Za-z0-9_-]{43})$/.exec(argv[0] ?? '')?.[1];
    assert.ok(opened, argv[0]);
    assert.notEqual(opened, printed);
    const first = await exchange(base, opened);
    assert.equal(first.status, 200);
    const key = first.body.value?.key ?? '';
    assert.match(key, /^[A-Za-z0-9_-]{43}$/);
    assert.ok(!argv.join(' ').includes(key));
    assert.ok(!readFileSync(`/proc/${child!.pid}/cmdline`, 'utf8').includes(key));
    assert.equal((await exchange(base, opened)).status, 401);
  });

  it('the page exchanges the printed code, drops it from the address bar and keeps working on reload', async () => {
    if (!existsSync(join(process.env.DESK_RENDERER_DIR ?? join(REPO_ROOT, 'dist/renderer'), 'index.html')))
      assert.fail('the renderer is not built: run `npm run build` before the tests');
    browser = await launchChromium();
    const page = await browser.newPage();
    await page.goto(`${base}/#code=${printed}`);
    await page.getByText('Version 0.1.0').waitFor();
    assert.ok(!page.url().includes('code='));
    await page.reload();
    await page.getByText('Version 0.1.0').waitFor();
    // The same address in another tab finds its code spent.
    const other = await (await browser.newContext()).newPage();
    await other.goto(`${base}/#code=${printed}`);
    await other
      .getByText(/already been used or has expired/)
      .first()
      .waitFor();
  });
});
