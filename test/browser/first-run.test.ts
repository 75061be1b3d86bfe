// A fresh desk leads the RAO (issue 14): the first-run checklist takes them from nothing to a first
// signature; Start names every missing detail at its field; the token form words a short PIN
// itself; the focus goes where the work is after each action (and the live region says so); the
// job's audit trail is worded. Browser host + training sandbox, Debian's Chromium, 1280 × 720.
import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { makePdf } from '../fixtures/pdfs';
import {
  focusedIs,
  launchChromium,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  tabTo,
  waitForFocus,
  type DeskHost,
} from '../helpers/desk-browser';
import { openSmall, shot } from '../helpers/desk-shots';
import { startPrivateKeyring, type PrivateKeyring } from '../helpers/private-keyring';
import { readEveryPage } from '../helpers/review-reading';

/** What the live region said last (it empties itself a few seconds later). */
const announced = (page: Page): Locator => page.locator('#announcer');

async function chooseFiles(page: Page, click: () => Promise<void>, name: string): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await click();
  await (
    await chooser
  ).setFiles({ name, mimeType: 'application/pdf', buffer: Buffer.from(await makePdf({ pages: 2 })) });
}

describe('a first run that leads', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;

  let keyring: PrivateKeyring;

  before(async () => {
    // A fresh desk has no token anywhere: a keyring of its own, since the tests running alongside
    // keep tokens for the same training profile in the run's keyring.
    keyring = await startPrivateKeyring(mkdtempSync(join(tmpdir(), 'first-run-keyring-')), 'first-run');
    const bus = keyring.env().DBUS_SESSION_BUS_ADDRESS ?? '';
    [host, browser] = await Promise.all([
      startDeskHost({ env: { DBUS_SESSION_BUS_ADDRESS: bus } }),
      launchChromium(),
    ]);
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    keyring?.stop();
  });

  it('leads a fresh desk from nothing to a first signature by the checklist', async () => {
    const { page, problems } = await openSmall(browser, host.url);
    // File choosers intercepted from the start: enabled only at the click, the first one can escape.
    page.on('filechooser', () => undefined);
    const checklist = page.getByRole('region', { name: 'Before the first signature' });
    // Step 1 is ticked only by a status check that went through.
    await checklist.getByText(/answered \(version /).waitFor({ timeout: 20_000 });
    await checklist.getByText('Create it once with your RAO username, password and PIN.').waitFor();
    assert.equal(await checklist.getByRole('button').count(), 2, 'the answered step has no button left');
    await shot(page, 'queue-checklist-en');

    // Step 2 takes the RAO to the token form, focus in its first field.
    await checklist.getByRole('button', { name: 'Create the token' }).click();
    const form = page.getByRole('form', { name: 'New RAO token' });
    await waitForFocus(form.getByLabel('Username'), 'the token form');
    await form.getByLabel('Username').fill('rao.first');
    await form.getByLabel('Password').fill('first run password');
    // A 2-digit PIN: our own words, the field marked and tied to them, not the browser's bubble.
    await form.getByLabel('PIN').fill('12');
    await form.getByRole('button', { name: 'Create token' }).click();
    const pin = form.getByLabel('PIN');
    await form.getByText('The PIN is 4 to 8 digits (you typed 2): type it again.').waitFor();
    assert.equal(await pin.getAttribute('aria-invalid'), 'true');
    const describedBy = (await pin.getAttribute('aria-describedby')) ?? '';
    assert.match((await page.locator(`#${describedBy}`).textContent()) ?? '', /4 to 8 digits/);
    assert.ok(await focusedIs(pin), 'the focus is on the PIN to type it again');
    // Nothing left for the browser to word ("Please match the requested format.").
    assert.equal(await pin.evaluate((el: { validationMessage: string }) => el.validationMessage), '');
    assert.equal(await pin.inputValue(), '', 'the short PIN is cleared');
    await shot(page, 'connection-pin-en');
    await pin.fill('1234');
    await form.getByRole('button', { name: 'Create token' }).click();
    await page.getByRole('radio', { name: /rao\.first/ }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    await checklist.getByText('Token for rao.first kept in the keychain.').waitFor();

    // Step 3 opens the file chooser; the new draft's signer form takes the focus.
    await chooseFiles(
      page,
      () => checklist.getByRole('button', { name: 'Choose the PDFs…' }).click(),
      'first.pdf',
    );
    const pane = page.locator('aside.job-pane');
    await pane.getByRole('heading', { name: 'first.pdf' }).waitFor();
    await waitForFocus(pane.getByLabel('Given name'), 'the given name');
    await announced(page)
      .getByText(/Documents added: type the signer/)
      .waitFor();
    await checklist.waitFor({ state: 'detached' });
    // The token created after the checklist's first look is the draft's.
    const rao = pane.getByLabel('RAO token');
    for (let i = 0; i < 50 && (await rao.inputValue()) !== 'rao.first'; i++) await page.waitForTimeout(100);
    assert.equal(await rao.inputValue(), 'rao.first');

    // Start with nothing typed: every missing detail named, each field marked, focus on the first.
    await pane.getByRole('button', { name: 'Start', exact: true }).click();
    const missing = pane.locator('.missing-details');
    await missing.getByText(/Start needs \d+ more details:/).waitFor();
    const named = await missing.getByRole('listitem').allInnerTexts();
    for (const label of ['Given name', 'First surname', 'ID document type', 'E-mail', 'ID document number'])
      assert.ok(
        named.some((n) => n.startsWith(label)),
        `${label} is named: ${named.join(' | ')}`,
      );
    await waitForFocus(pane.getByLabel('Given name'), 'the first missing field');
    for (const label of ['Given name', 'ID document type', 'ID document number']) {
      const field = pane.getByLabel(label);
      assert.equal(await field.getAttribute('aria-invalid'), 'true', `${label} marked`);
      const id = (await field.getAttribute('aria-describedby')) ?? '';
      assert.ok(
        id && (await page.locator(`#${id}`).innerText()).length > 0,
        `${label} described by its message`,
      );
    }
    await announced(page)
      .getByText(/Start needs \d+ more details\. First: Given name\./)
      .waitFor();
    await shot(page, 'job-missing-en');
    // Each name takes the RAO to its field.
    await missing.getByRole('button', { name: 'E-mail' }).click();
    assert.ok(await focusedIs(pane.getByLabel('E-mail')));

    await pane.getByLabel('Given name').fill('Ana');
    await pane.getByLabel('First surname').fill('Primera');
    await pane.getByLabel('ID document type').selectOption('IDC');
    await pane.getByLabel('ID document country').selectOption('ES');
    await pane.getByLabel('ID document number').fill('12345678Z');
    await pane.getByLabel('E-mail').fill('ana.primera@example.com');
    await pane.getByLabel(/Mobile phone/).fill('+34600123456');
    const outputDir = join(host.dataDir, 'first-out');
    await pane.getByLabel('Folder for signed files').fill(outputDir);
    await pane.getByLabel('Folder for signed files').blur();
    await pane.getByRole('button', { name: 'Start', exact: true }).click();

    await pane.getByRole('heading', { name: 'Review with the signer' }).waitFor({ timeout: 60_000 });
    await pane.getByRole('button', { name: 'Signer view' }).click();
    await page.locator('.review.signer-mode').waitFor();
    for (let i = 0; i < 2; i++) await readEveryPage(page, pane, i);
    await pane.getByRole('button', { name: 'Back to the desk' }).click();
    await pane.getByRole('checkbox', { name: 'The signer has read and accepts' }).check();
    await pane.getByRole('button', { name: 'Send code' }).click();
    // Send code → the code field.
    const field = pane.getByRole('textbox', { name: 'One-time code' });
    await waitForFocus(field, 'the code field');
    await announced(page).getByText('Code sent. Type the code the signer received.').waitFor();
    const code = (await page.locator('.sandbox-code').textContent({ timeout: 20_000 })) ?? '';
    await shot(page, 'otp-en');
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    // Sign → the result.
    const results = pane.getByRole('heading', { name: 'Signed documents' });
    await results.waitFor({ timeout: 90_000 });
    await waitForFocus(results, 'the signed documents');
    await pane.getByText(/Signature valid · signed by Ana Primera/).waitFor({ timeout: 30_000 });
    assert.ok(existsSync(join(outputDir, 'first.signed.pdf')));

    // The trail is worded per kind: no raw event names, no raw keys.
    await pane.locator('details.audit summary').click();
    const trail = await pane.locator('details.audit table').innerText();
    assert.doesNotMatch(trail, /\b(job|document|upload|review|sign|step)\.[a-z_]+/, trail);
    assert.match(trail, /Details changed/);
    assert.doesNotMatch(trail, /asyncMode|\blabel\b/, 'data keys named in words');
    await shot(page, 'results-en');
    await page.context().close();
    assert.deepEqual(problems, []);
  });

  it('goes from "Add documents" to the signer’s first field in at most 3 Tabs, keyboard only', async () => {
    const { page, problems } = await openSmall(browser, host.url);
    // File choosers intercepted from the start: enabled only at the click, the first one can escape.
    page.on('filechooser', () => undefined);
    const add = page.getByRole('button', { name: 'Add documents', exact: true });
    await tabTo(page, add);
    await chooseFiles(page, () => page.keyboard.press('Enter'), 'keys.pdf');
    const pane = page.locator('aside.job-pane');
    await pane.getByRole('heading', { name: 'keys.pdf' }).waitFor();
    const given = pane.getByLabel('Given name');
    await given.waitFor();
    // The form takes the focus itself once it is shown; any Tab after that counts.
    await new Promise((r) => setTimeout(r, 500));
    let tabs = 0;
    while (!(await focusedIs(given)) && tabs < 3) {
      await page.keyboard.press('Tab');
      tabs++;
    }
    assert.ok(await focusedIs(given), 'Given name not reached within 3 Tabs');
    console.log(`Tabs from "Add documents" to Given name: ${tabs}`);
    assert.deepEqual(problems, []);
  });
  it('says "the camera is not available" inside the window at 1280 × 720, and closes cleanly', async () => {
    // This Chromium has no camera (no fake device): the dialog's message is what the RAO reads.
    const { page, problems } = await openSmall(browser, host.url);
    page.on('filechooser', () => undefined);
    await chooseFiles(
      page,
      () => page.getByRole('button', { name: 'Add documents', exact: true }).click(),
      'nocamera.pdf',
    );
    const pane = page.locator('aside.job-pane');
    await pane.getByRole('heading', { name: 'nocamera.pdf' }).waitFor();
    await waitForFocus(pane.getByLabel('Given name'), 'the given name');
    const front = pane.locator('.id-image-row').filter({ hasText: 'Front' });
    await front.getByRole('button', { name: 'Use camera' }).click();
    const camera = page.getByRole('dialog', { name: 'Camera' });
    const message = camera.getByRole('alert');
    await message.getByText('The camera is not available.').waitFor({ timeout: 20_000 });
    // Judged after the dialog has brought itself into view.
    await new Promise((r) => setTimeout(r, 500));
    const box = await message.boundingBox();
    assert.ok(box, 'the message has a box');
    assert.ok(
      box.y >= 0 && box.y + box.height <= 720,
      `message at y ${box.y}–${box.y + box.height}, window 720`,
    );
    assert.ok(
      box.x >= 0 && box.x + box.width <= 1280,
      `message at x ${box.x}–${box.x + box.width}, window 1280`,
    );
    await shot(page, 'camera-unavailable-en');
    await camera.getByRole('button', { name: 'Cancel' }).click();
    await camera.waitFor({ state: 'detached' });
    await front.getByRole('button', { name: 'Use camera' }).waitFor();
    await page.context().close();
    assert.deepEqual(problems, []);
  });
});
