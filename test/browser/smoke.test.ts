// Smoke test of the app in a real browser: `npm run start:web` in a child process, Debian's
// Chromium driven by playwright-core. The window opens, the CSP is there, the page has no Node,
// and the bridge answers (app.info, the training sandbox reachable).
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  launchChromium,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';

describe('browser mode smoke', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  let launchUrl = '';

  before(async () => {
    host = await startDeskHost();
    launchUrl = host.url;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await host?.stop();
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
    await screenshot(page, 'browser-smoke');
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
