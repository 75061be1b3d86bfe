// One truth about the connection, in browser mode against an Optimizer in its own process: the
// header (dot and words), the Connection screen's status box and the queue's banner agree while the
// Optimizer answers, after it is killed and after it is restarted on the same port; a production
// profile is marked as such and never shows the training note; the training note goes away when
// the office switches from the training sandbox to its own production Optimizer.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  launchChromium,
  openDesk,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';
import { spawnSandbox, type SandboxProcess } from '../helpers/sandbox-process';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The office's own Optimizer, set up by IT as a production one. */
function productionConfig(dir: string, baseUrl: string): string {
  const path = join(dir, 'machine-config.json');
  writeFileSync(
    path,
    JSON.stringify({
      profiles: [{ id: 'office', name: 'Office Optimizer', baseUrl, env: 'prod' }],
      activeProfile: 'office',
    }),
  );
  return path;
}

const nav = (page: Page, name: string) =>
  page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();

/** The header's status: its words and the colour of its dot. */
async function header(page: Page): Promise<{ text: string; dot: string }> {
  const link = page.locator('header .link');
  return {
    text: ((await link.textContent()) ?? '').trim(),
    dot: await link
      .locator('.link-dot')
      .evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
          ).getComputedStyle(el).backgroundColor,
      ),
  };
}

describe('one truth about the connection', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let sandbox: SandboxProcess;
  const hosts: DeskHost[] = [];
  let port = 0;
  const sandboxData = mkdtempSync(join(tmpdir(), 'desk-truth-optimizer-'));
  const startOptimizer = (): Promise<SandboxProcess> =>
    spawnSandbox(['--port', String(port), '--data', sandboxData]);

  before(async () => {
    port = await freePort();
    sandbox = await startOptimizer();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    for (const host of hosts) await host.stop();
    await sandbox?.kill();
  });

  it('keeps the header, the status box and the banner in agreement through a stop and a restart', async () => {
    const config = productionConfig(sandboxData, sandbox.baseUrl);
    const host = await startDeskHost({ env: { ONESHOT_MACHINE_CONFIG: config } });
    hosts.push(host);
    const { page, problems } = await openDesk(browser, host.url);
    await page.getByText('Office Optimizer: online').waitFor({ timeout: 20_000 });
    // A production Optimizer is marked as such, and the training note is nowhere.
    assert.equal((await page.locator('header .link-kind').textContent())?.trim(), 'Production');
    assert.equal(
      await page
        .getByRole('note')
        .filter({ hasText: /legal value/ })
        .count(),
      0,
    );
    const online = await header(page);
    await nav(page, 'Connection');
    await page.getByText(/Reachable · version/).waitFor({ timeout: 20_000 });
    await screenshot(page, '50-connection-online');

    // The Optimizer goes away: the header, the status box and the queue's banner say so together.
    await sandbox.kill('SIGKILL');
    await page.getByText('Office Optimizer: offline').waitFor({ timeout: 30_000 });
    await page.getByText(/^Not reachable:/).waitFor({ timeout: 5_000 });
    assert.equal(await page.getByText(/Reachable · version/).count(), 0);
    const offline = await header(page);
    assert.notEqual(offline.dot, online.dot, 'the dot changes colour with the state');
    assert.match(offline.text, /offline/);
    await screenshot(page, '51-connection-offline');
    await nav(page, 'Queue');
    const banner = page.getByRole('status').filter({ hasText: 'The Optimizer cannot be reached' });
    await banner.waitFor({ timeout: 5_000 });
    assert.match((await header(page)).text, /offline/);
    await screenshot(page, '52-queue-offline-banner');

    // Back on the same port: all three follow without a reload.
    sandbox = await startOptimizer();
    await page.getByText('Office Optimizer: online').waitFor({ timeout: 30_000 });
    await banner.waitFor({ state: 'detached', timeout: 5_000 });
    await nav(page, 'Connection');
    await page.getByText(/Reachable · version/).waitFor({ timeout: 5_000 });
    assert.equal((await header(page)).dot, online.dot);
    await screenshot(page, '53-connection-back');
    assert.deepEqual(
      problems.filter((p) => !p.includes('Failed to load resource')),
      [],
    );
  });

  it('shows the training note for the training sandbox only, not once a production Optimizer is in use', async () => {
    const host = await startDeskHost();
    hosts.push(host);
    const { page, problems } = await openDesk(browser, host.url);
    const note = page.getByRole('note').filter({ hasText: /legal value/ });
    await note.waitFor();
    await page.getByText(/Training sandbox \(no legal value\): online/).waitFor({ timeout: 20_000 });
    assert.equal((await page.locator('header .link-kind').textContent())?.trim(), 'Training');

    await nav(page, 'Connection');
    await page.getByRole('button', { name: 'Add an Optimizer' }).click();
    const form = page.getByRole('form', { name: 'Optimizer profile' });
    await form.getByLabel('Name').fill('Head office');
    await form.getByLabel('Base URL').fill(sandbox.baseUrl);
    await form.getByLabel('Environment').selectOption('prod');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('radio', { name: /Head office/ }).click();
    await page.getByText('Head office: online').waitFor({ timeout: 20_000 });
    await note.waitFor({ state: 'detached' });
    assert.equal((await page.locator('header .link-kind').textContent())?.trim(), 'Production');
    await screenshot(page, '54-production-no-training-note');
    assert.deepEqual(problems, []);
  });
});
