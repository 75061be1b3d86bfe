// The whole OTP flow with the keyboard alone (Tab, Enter, Space, arrows, End — no clicks), and
// ID-image capture from Chromium's built-in test camera: preview, retake, keep; the image reaches
// core encrypted and is gone from disk once the request has been created.
import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makePdf } from '../fixtures/pdfs';
import {
  axe,
  launchChromium,
  openDesk,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  tabTo,
  waitForFocus,
  type DeskHost,
} from '../helpers/desk-browser';
import { PAGE_DWELL_MS } from '../helpers/review-reading';

const key = (page: Page, ...keys: string[]): Promise<void> =>
  keys.reduce((done, k) => done.then(() => page.keyboard.press(k)), Promise.resolve());

/**
 * Intercepts file choosers from the start. Playwright turns interception on only when a listener
 * is added, without waiting for the browser to confirm; on a loaded machine the key press that
 * opens the chooser can win that race, and the chooser then opens natively, unseen
 * (puppeteer/puppeteer#6040 describes the same race).
 */
const interceptFileChoosers = (page: Page): void => void page.on('filechooser', () => undefined);

describe('keyboard-only use and camera capture', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;

  before(async () => {
    host = await startDeskHost();
    browser = await launchChromium({ fakeCamera: true });
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('signs a document from token to signed file with the keyboard alone', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    interceptFileChoosers(page);
    const nav = page.getByRole('navigation', { name: 'Main' });

    await tabTo(page, nav.getByRole('button', { name: 'Connection' }));
    await key(page, 'Enter');
    const form = page.getByRole('form', { name: 'New RAO token' });
    await tabTo(page, form.getByLabel('Username'));
    await page.keyboard.type('rao.keys');
    await key(page, 'Tab');
    await page.keyboard.type('keyboard password');
    await key(page, 'Tab');
    await page.keyboard.type('2468');
    await key(page, 'Enter');
    await page.getByRole('radio', { name: /rao\.keys/ }).waitFor();

    await tabTo(page, nav.getByRole('button', { name: 'Queue' }));
    await key(page, 'Enter');
    await tabTo(page, page.getByRole('button', { name: 'Add documents' }));
    const chooser = page.waitForEvent('filechooser');
    await key(page, 'Enter');
    await (
      await chooser
    ).setFiles({
      name: 'keyboard.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await makePdf({ pages: 2 })),
    });

    const pane = page.locator('aside.job-pane');
    await pane.getByRole('heading', { name: 'keyboard.pdf' }).waitFor();
    const typeInto = async (label: string | RegExp, text: string): Promise<void> => {
      await tabTo(page, pane.getByLabel(label));
      await key(page, 'Control+A');
      await page.keyboard.type(text);
    };
    await typeInto('Given name', 'Ana');
    await typeInto('First surname', 'Teclado');
    await tabTo(page, pane.getByLabel('ID document type'));
    await key(page, 'ArrowDown'); // the first type, National ID card
    await tabTo(page, pane.getByLabel('ID document country'));
    await page.keyboard.type('Spain');
    await typeInto('ID document number', '87654321X');
    await typeInto('E-mail', 'ana.teclado@example.com');
    await typeInto(/Mobile phone/, '+34611222333');
    await typeInto('Folder for signed files', join(host.dataDir, 'keyboard-out'));
    assert.equal(await pane.getByLabel('ID document type').inputValue(), 'IDC');
    assert.equal(await pane.getByLabel('ID document country').inputValue(), 'ES');
    await tabTo(page, pane.getByRole('button', { name: 'Start', exact: true }));
    await key(page, 'Enter');

    await pane.getByRole('heading', { name: 'Review with the signer' }).waitFor({ timeout: 60_000 });
    const items = pane.getByRole('navigation', { name: 'Documents to read' }).getByRole('button');
    // Turned to the signer, each document is read page by page from the keyboard.
    await tabTo(page, pane.getByRole('button', { name: 'Signer view' }));
    await key(page, 'Enter');
    await page.locator('.review.signer-mode').waitFor();
    for (let i = 0; i < (await items.count()); i++) {
      await tabTo(page, items.nth(i));
      await key(page, 'Enter');
      await tabTo(page, pane.getByRole('group', { name: 'Document pages' }));
      for (let turns = 0; turns < 60 && (await items.nth(i).getByText('(read)').count()) === 0; turns++) {
        await page.waitForTimeout(PAGE_DWELL_MS);
        await key(page, 'PageDown');
      }
      await items.nth(i).getByText('(read)').waitFor({ timeout: 5_000 });
    }
    await tabTo(page, pane.getByRole('button', { name: 'Back to the desk' }));
    await key(page, 'Enter');
    await page.locator('.review.signer-mode').waitFor({ state: 'detached' });
    await tabTo(page, pane.getByRole('checkbox', { name: 'The signer has read and accepts' }));
    await key(page, 'Space');
    await tabTo(page, pane.getByRole('button', { name: 'Send code' }));
    await key(page, 'Enter');
    const code = (await page.locator('.sandbox-code').textContent({ timeout: 20_000 })) ?? '';
    await tabTo(page, pane.getByRole('textbox', { name: 'One-time code' }));
    await page.keyboard.type(code);
    await key(page, 'Enter');

    await pane.getByRole('heading', { name: 'Signed documents' }).waitFor({ timeout: 90_000 });
    await pane.getByText(/Signature valid · signed by Ana Teclado/).waitFor({ timeout: 30_000 });
    assert.ok(existsSync(join(host.dataDir, 'keyboard-out', 'keyboard.signed.pdf')));
    await screenshot(page, '12-keyboard-done');
    assert.deepEqual(problems, []);
  });

  it('captures an ID image from the camera, keeps it encrypted, and purges it once the request exists', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    interceptFileChoosers(page);
    await page.getByRole('button', { name: 'Add documents' }).waitFor();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Add documents' }).click();
    await (
      await chooser
    ).setFiles({ name: 'camera.pdf', mimeType: 'application/pdf', buffer: Buffer.from(await makePdf()) });
    const pane = page.locator('aside.job-pane');
    await pane.getByRole('heading', { name: 'camera.pdf' }).waitFor();
    // The new draft takes the focus to its first field (scrolling the pane): click after that.
    await waitForFocus(pane.getByLabel('Given name'), 'the given name');
    const front = pane.locator('.id-image-row').filter({ hasText: 'Front' });
    await front.getByRole('button', { name: 'Use camera' }).click();
    const camera = page.getByRole('dialog', { name: 'Camera' });
    await camera.getByRole('button', { name: 'Take picture' }).click();
    await camera.getByRole('img', { name: 'Captured image' }).waitFor();
    await camera.getByRole('button', { name: 'Retake' }).click();
    await camera.getByRole('button', { name: 'Take picture' }).click();
    await screenshot(page, '13-camera-preview');
    const { blocking } = await axe(page);
    assert.deepEqual(blocking, []);
    await camera.getByRole('button', { name: 'Use this picture' }).click();
    await front.getByText('Added').waitFor();

    // On disk only as ciphertext: no JPEG start-of-image marker, no JFIF header.
    const root = join(host.dataDir, 'id-images');
    const jobDir = readdirSync(root).map((d) => join(root, d))[0];
    assert.ok(jobDir, 'no ID image folder');
    const sealed = readFileSync(join(jobDir, 'document_front.bin'));
    assert.ok(sealed.length > 1000);
    assert.equal(sealed.indexOf(Buffer.from([0xff, 0xd8, 0xff])), -1);
    assert.equal(sealed.indexOf(Buffer.from('JFIF')), -1);

    await pane.getByLabel('Given name').fill('Carla');
    await pane.getByLabel('First surname').fill('Cámara');
    await pane.getByLabel('ID document type').selectOption('PAS');
    await pane.getByLabel('ID document country').selectOption('PT');
    await pane.getByLabel('ID document number').fill('P1234567');
    await pane.getByLabel('E-mail').fill('carla@example.com');
    await pane.getByLabel(/Mobile phone/).fill('+351912345678');
    await pane.getByRole('button', { name: 'Start', exact: true }).click();
    await pane.getByRole('heading', { name: 'Review with the signer' }).waitFor({ timeout: 60_000 });
    assert.equal(existsSync(jobDir), false, 'the ID image outlived the created request');
    assert.deepEqual(problems, []);
  });
});
