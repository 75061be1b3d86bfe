// Unattended work in browser mode against an Optimizer in its own process (the sandbox CLI), so it
// can be taken away: a batch of 20 jobs with an external authentication method runs to the end
// with nobody at the desk, and when the Optimizer goes away mid-queue a banner says so and how many
// jobs wait, and every job completes by itself once it is back.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makePdf } from '../fixtures/pdfs';
import {
  createToken,
  dropFiles,
  fillExternalSigner,
  launchChromium,
  officeMachineConfig,
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

/** Drops one PDF per job, fills the first job's details with an external method, applies them to all. */
async function prepareBatch(page: Page, count: number, outputDir: string): Promise<void> {
  await createToken(page, { username: 'rao.batch', password: 'batch password', pin: '4321' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();

  await page.getByLabel('One job per file').check();
  const files = await Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `batch-${String(i + 1).padStart(2, '0')}.pdf`,
      bytes: await makePdf({ text: `Batch document ${i + 1}` }),
    })),
  );
  await dropFiles(page, '[aria-label="Drop PDFs here"]', files);
  await page.getByText(`0 of 0 done`).waitFor();
  await page.getByRole('region', { name: `${count} jobs` }).waitFor();
  await page.getByRole('checkbox', { name: 'Select all' }).check();
  await page.getByText(`${count} selected`).waitFor();

  await page.getByRole('button', { name: /batch-01\.pdf/ }).click();
  const pane = page.locator('aside.job-pane');
  await fillExternalSigner(pane, { surname: 'Kowalski', value: 'bio-consent-7731', outputDir });
  await pane.getByRole('button', { name: `Apply these details to ${count - 1} selected jobs` }).click();
  await pane.getByText(`Applied to ${count - 1} jobs.`).waitFor();
}

describe('unattended work in browser mode', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  let sandbox: SandboxProcess;
  let port = 0;
  const sandboxData = mkdtempSync(join(tmpdir(), 'desk-optimizer-'));
  const startOptimizer = async (): Promise<SandboxProcess> =>
    spawnSandbox([
      '--port',
      String(port),
      '--data',
      sandboxData,
      '--latency-ms',
      '40',
      '--ext-auth-types',
      'biometric',
    ]);

  before(async () => {
    port = await freePort();
    sandbox = await startOptimizer();
    const config = officeMachineConfig(sandboxData, sandbox.baseUrl);
    host = await startDeskHost({ env: { ONESHOT_MACHINE_CONFIG: config } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    await sandbox?.kill();
  });

  it('runs a batch of 20 external-authentication jobs to the end, and rides out a lost Optimizer', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    const outputDir = join(host.dataDir, 'batch-out');
    await prepareBatch(page, 20, outputDir);
    await page
      .getByRole('group', { name: 'Actions on the selected jobs' })
      .getByRole('button', { name: 'Start' })
      .click();

    // Mid-queue the Optimizer goes away: the banner says so and how many jobs wait.
    await page.getByText(/^([1-9]|1\d) of 20 done$/).waitFor({ timeout: 120_000 });
    await sandbox.kill('SIGKILL');
    const banner = page.getByRole('status').filter({ hasText: 'The Optimizer cannot be reached' });
    await banner.waitFor({ timeout: 60_000 });
    assert.match((await banner.textContent()) ?? '', /\d+ jobs? (is|are) waiting; work resumes by itself/);
    await screenshot(page, '10-offline-banner');

    sandbox = await startOptimizer();
    await page.getByText('20 of 20 done').waitFor({ timeout: 180_000 });
    await banner.waitFor({ state: 'detached', timeout: 60_000 });
    await screenshot(page, '11-batch-done');
    const saved = readdirSync(outputDir).filter((f) => f.endsWith('.signed.pdf'));
    assert.equal(saved.length, 20, `saved: ${saved.join(', ')}`);
    assert.deepEqual(
      problems.filter((p) => !p.includes('Failed to load resource')),
      [],
    );
  });
});
