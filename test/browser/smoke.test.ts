// Smoke test of the app in a real browser: `npm run start:web` in a child process, Debian's
// Chromium driven by playwright-core. The window opens, the CSP is there, the page has no Node,
// and the bridge answers (app.info, the training sandbox reachable).
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '../helpers/sandbox-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
const SKIP = process.env.ONESHOT_TEST_KEYRING ? false : 'no Secret Service: run through node test/run.mjs';

describe('browser mode smoke', { skip: SKIP }, () => {
  let browser: Browser;
  let launchUrl = '';
  let stopHost: () => void = () => {};

  before(async () => {
    assert.ok(
      existsSync(join(REPO_ROOT, 'dist/renderer/index.html')),
      'the renderer is not built: run `npm run build` before the tests',
    );
    assert.ok(
      existsSync(CHROMIUM),
      `no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
    );
    const data = mkdtempSync(join(tmpdir(), 'smoke-'));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'electron/host/cli.ts', '--port', '0', '--data', data, '--no-open'],
      {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    stopHost = () => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    };
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).once('line', resolve);
      child.once('exit', (code) => reject(new Error(`start:web exited with ${code}`)));
      setTimeout(() => reject(new Error('start:web printed nothing in 60 s')), 60_000).unref();
    });
    const match = /^One-Shot Desk \(browser mode\): (http:\/\/127\.0\.0\.1:\d+\/#key=[A-Za-z0-9_-]+)$/.exec(
      line,
    );
    assert.ok(match, `unexpected first line: ${line}`);
    launchUrl = match[1]!;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  });

  after(async () => {
    await browser?.close();
    stopHost();
  });

  it('opens the app with its CSP, no Node on the page, and a bridge that answers', async () => {
    const page = await browser.newPage();
    const response = await page.goto(launchUrl);
    assert.ok(response);
    assert.match(response.headers()['content-security-policy'] ?? '', /default-src 'none'/);
    assert.equal(await page.title(), 'One-Shot Desk');
    assert.deepEqual(
      await page.evaluate(() => [
        typeof (globalThis as Record<string, unknown>).require,
        typeof (globalThis as Record<string, unknown>).process,
      ]),
      ['undefined', 'undefined'],
    );
    await page.getByRole('heading', { name: 'One-Shot Desk' }).waitFor();
    await page.getByText('Version 0.1.0').waitFor();
    await page
      .getByRole('note')
      .filter({ hasText: /no.* legal value/ })
      .waitFor();
    await page.getByText(/Training sandbox \(no legal value\): online/).waitFor({ timeout: 15_000 });
    assert.ok(!page.url().includes('key='), 'the key leaves the address bar');
    mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'browser-smoke.png') });
  });

  it('refuses the API to a page without the key', async () => {
    const page = await browser.newPage();
    const origin = new URL(launchUrl).origin;
    await page.goto(`${origin}/`);
    const status = await page.evaluate(
      async () =>
        (
          await fetch('/api/app.info', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: '{}',
          })
        ).status,
    );
    assert.equal(status, 401);
  });
});
