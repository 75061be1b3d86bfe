// Editing the address of a profile that holds an RAO token, in browser mode: the form asks whether
// to keep the token (naming the new address) before anything is saved; Cancel keeps what was typed,
// Keep moves the profile with its token, Forget moves it and the token is gone.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  createToken,
  launchChromium,
  openDesk,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';

describe('re-pointing a profile in the Connection screen', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  let first: SandboxHandle;
  let second: SandboxHandle;
  const work = mkdtempSync(join(tmpdir(), 'profile-repoint-'));

  before(async () => {
    [first, second] = await Promise.all([startSandbox({ log: () => {} }), startSandbox({ log: () => {} })]);
    host = await startDeskHost({ dataDir: join(work, 'data') });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  it('asks before sending the tokens to a new address: Cancel, Keep and Forget', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    // Its own profile (and so its own keychain entries), whatever else runs at the same time.
    const name = `Repoint ${randomUUID().slice(0, 8)}`;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connection' }).click();
    await page.getByRole('button', { name: 'Add an Optimizer' }).click();
    let form = page.getByRole('form', { name: 'Optimizer profile' });
    await form.getByLabel('Name').fill(name);
    await form.getByLabel('Base URL').fill(first.baseUrl);
    await form.getByRole('button', { name: 'Save profile' }).click();
    await page.getByRole('radio', { name: new RegExp(name) }).click();
    await page.getByText(`RAO tokens on ${name}`).waitFor();
    await createToken(page, { username: `rao-${randomUUID().slice(0, 8)}`, password: 'pw', pin: '1234' });

    const row = page.locator('.profile-row', { hasText: name });
    const edit = async (baseUrl: string) => {
      await row.getByRole('button', { name: 'Edit' }).click();
      form = page.getByRole('form', { name: 'Optimizer profile' });
      await form.getByLabel('Base URL').fill(baseUrl);
      await form.getByRole('button', { name: 'Save profile' }).click();
    };
    const question = page.getByRole('alertdialog', { name: 'Keep the RAO tokens?' });

    await edit(second.baseUrl);
    await question.waitFor();
    assert.equal(
      ((await question.locator('p').first().textContent()) ?? '').trim(),
      `This profile holds tokens for 1 RAO. Keep them? They will be sent to the new address ${second.baseUrl}.`,
    );
    await screenshot(page, 'profile-repoint-question');
    // Cancel: nothing saved, the form still holds the new address.
    await question.getByRole('button', { name: 'Cancel' }).click();
    await question.waitFor({ state: 'detached' });
    assert.equal(await form.getByLabel('Base URL').inputValue(), second.baseUrl);
    assert.match((await row.textContent()) ?? '', new RegExp(first.baseUrl.replace(/[.]/g, '\\.')));

    // Keep: the profile moves with its token.
    await form.getByRole('button', { name: 'Save profile' }).click();
    await question.getByRole('button', { name: 'Keep' }).click();
    await form.waitFor({ state: 'detached' });
    await row.getByText(second.baseUrl).waitFor();
    await page.getByRole('radio', { name: /rao-/ }).waitFor();

    // Forget: moved back, and the token is no longer held.
    await edit(first.baseUrl);
    await question.getByRole('button', { name: 'Forget' }).click();
    await form.waitFor({ state: 'detached' });
    await row.getByText(first.baseUrl).waitFor();
    await page.getByText('No token yet').waitFor();
    assert.equal(await page.getByRole('radio', { name: /rao-/ }).count(), 0);
    assert.deepEqual(problems, []);
  });
});
