// The signer view as a kiosk, in browser mode at 1280 × 720: nothing of the window scrolls, the
// documents to read, the viewer's toolbar and the acceptance stay where they are while the document
// scrolls inside its own area, a thumbnail shows its own page with "Page N of M", and axe finds
// nothing on the signer view in English, Spanish or Polish (screenshots in /tmp/shots).
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { makePdf } from '../fixtures/pdfs';
import {
  createToken,
  dropFiles,
  launchChromium,
  openDesk,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';

const SHOTS = '/tmp/shots';
const WINDOW = { width: 1280, height: 720 };

/** Where an element is on the screen, in CSS pixels. */
async function place(
  locator: Locator,
): Promise<{ top: number; bottom: number; left: number; right: number }> {
  const box = await locator.boundingBox();
  assert.ok(box, `${locator.toString()} is displayed`);
  return { top: box.y, bottom: box.y + box.height, left: box.x, right: box.x + box.width };
}

/** Fails unless the element is wholly inside the 1280 × 720 window. */
async function inWindow(locator: Locator, what: string): Promise<void> {
  const at = await place(locator);
  assert.ok(
    at.top >= 0 && at.left >= 0 && at.bottom <= WINDOW.height + 0.5 && at.right <= WINDOW.width + 0.5,
    `${what} is inside the window: ${JSON.stringify(at)}`,
  );
}

describe('the signer view as a kiosk', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;

  before(async () => {
    host = await startDeskHost();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  async function startReview(page: Page): Promise<Locator> {
    await createToken(page, { username: 'rao.kiosk', password: 'pw', pin: '1234' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    await dropFiles(page, '[aria-label="Drop PDFs here"]', [
      { name: 'paper.pdf', bytes: await makePdf({ pages: 14, text: 'A fourteen-page paper' }) },
      { name: 'annex.pdf', bytes: await makePdf({ pages: 3, text: 'Annex' }) },
      { name: 'mandate.pdf', bytes: await makePdf({ pages: 1, text: 'Mandate' }) },
    ]);
    const pane = page.locator('aside.job-pane');
    await pane.getByText('3 documents').waitFor();
    await pane.getByLabel('Given name').fill('Lucía');
    await pane.getByLabel('First surname').fill('Reyes');
    await pane.getByLabel('ID document type').selectOption('IDC');
    await pane.getByLabel('ID document country').selectOption('ES');
    await pane.getByLabel('ID document number').fill('12345678Z');
    await pane.getByLabel('E-mail').fill('lucia.reyes@example.com');
    await pane.getByLabel(/Mobile phone/).fill('+34600123456');
    await pane.getByLabel('Folder for signed files').fill(join(host.dataDir, 'signed'));
    await pane.getByLabel('Folder for signed files').blur();
    await pane.getByRole('button', { name: 'Start' }).click();
    await pane.getByRole('heading', { name: 'Review with the signer' }).waitFor({ timeout: 60_000 });
    return pane;
  }

  it('keeps list, toolbar and acceptance in view at 1280 × 720 while the document scrolls inside', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await page.setViewportSize(WINDOW);
    const pane = await startReview(page);
    const kiosk = page.locator('.review.signer-mode');
    await pane.getByRole('button', { name: 'Signer view' }).click();
    await kiosk.waitFor();
    const documents = kiosk.getByRole('navigation', { name: 'Documents to read' });
    const toolbar = kiosk.getByRole('toolbar', { name: 'Document view' });
    const acceptance = kiosk.getByRole('checkbox', { name: 'The signer has read and accepts' });
    const pages = kiosk.getByRole('group', { name: 'Document pages' });
    await pages.locator('canvas').first().waitFor();
    const focusedAtStart = await pages.evaluate(
      (el: { ownerDocument: { activeElement: unknown } }) => el.ownerDocument.activeElement === el,
    );
    // The paper: 14 pages, far taller than the window.
    await documents.getByRole('button').nth(1).click();
    await kiosk.getByText('Page 1 of 14', { exact: true }).waitFor();
    await pages.locator('canvas').first().waitFor();
    const window = (): Promise<{ scroll: number; client: number; kiosk: number; kioskClient: number }> =>
      kiosk.evaluate(
        (el: {
          scrollHeight: number;
          clientHeight: number;
          ownerDocument: { scrollingElement: { scrollHeight: number; clientHeight: number } | null };
        }) => ({
          scroll: el.ownerDocument.scrollingElement?.scrollHeight ?? 0,
          client: el.ownerDocument.scrollingElement?.clientHeight ?? 0,
          kiosk: el.scrollHeight,
          kioskClient: el.clientHeight,
        }),
      );
    const sizes = await window();
    assert.ok(
      sizes.kiosk <= sizes.kioskClient + 1,
      `the signer view does not scroll: ${JSON.stringify(sizes)}`,
    );
    for (const [what, locator] of [
      ['the way back', kiosk.getByRole('button', { name: 'Back to the desk' })],
      ['the documents to read', documents],
      ['the viewer toolbar', toolbar],
      ['the acceptance', acceptance],
      ['the pages', pages],
    ] as const)
      await inWindow(locator, what);

    // The keys went to the document at once: PageDown reads on without a click first.
    assert.equal(focusedAtStart, true, 'the pages had the focus when the signer view opened');

    const before = {
      documents: await place(documents),
      toolbar: await place(toolbar),
      acceptance: await place(acceptance),
    };
    await pages.hover();
    await page.mouse.wheel(0, 4000);
    const position = kiosk.locator('.pdf-viewer__position');
    await position.filter({ hasNotText: 'Page 1 of 14' }).waitFor();
    assert.deepEqual(
      {
        documents: await place(documents),
        toolbar: await place(toolbar),
        acceptance: await place(acceptance),
      },
      before,
      'the list, toolbar and acceptance stay put while the document scrolls',
    );

    // Thumbnails: each shows its own page and "Page N of 14" follows (page 14 showed page 4 once).
    const thumbnails = kiosk.getByRole('navigation', { name: 'Page thumbnails' });
    for (const n of [14, 5, 1, 9]) {
      const thumbnail = thumbnails.getByRole('button', { name: `Page ${n}`, exact: true });
      await thumbnails.hover();
      await page.mouse.wheel(0, n > 7 ? 3000 : -3000);
      await thumbnail.click();
      await kiosk.getByText(`Page ${n} of 14`, { exact: true }).waitFor();
      assert.equal(
        await thumbnail.getAttribute('aria-current'),
        'page',
        `thumbnail ${n} is the current page`,
      );
      const shown = pages.getByRole('img', { name: `Page ${n} of 14`, exact: true });
      await shown.waitFor();
      const at = await place(shown);
      const frame = await place(pages);
      assert.ok(at.top < frame.bottom && at.bottom > frame.top, `page ${n} is on screen`);
    }
    assert.deepEqual((await window()).kiosk <= (await window()).kioskClient + 1, true);
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('is clean for axe in English, Spanish and Polish (screenshots in /tmp/shots)', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await page.setViewportSize(WINDOW);
    // The job from the first test is still in review: open it from the queue.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    await page
      .getByRole('button', { name: /Lucía Reyes/ })
      .first()
      .click();
    const pane = page.locator('aside.job-pane');
    await pane.locator('.review').waitFor({ timeout: 30_000 });
    mkdirSync(SHOTS, { recursive: true });
    const found: Record<string, string[]> = {};
    for (const language of ['en', 'es', 'pl'] as const) {
      await page.locator('header .language select').selectOption(language);
      await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
      await pane.locator('.review-head button').click();
      const kiosk = page.locator('.review.signer-mode');
      await kiosk.waitFor();
      await kiosk.getByRole('group').locator('canvas').first().waitFor();
      await kiosk.locator('.pdf-viewer__thumbs canvas').first().waitFor();
      await inWindow(kiosk.getByRole('checkbox'), `the acceptance (${language})`);
      await page.screenshot({ path: join(SHOTS, `signer-${language}.png`) });
      const axe = await new AxeBuilder({ page }).include('.review.signer-mode').analyze();
      found[language] = axe.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
      await kiosk.locator('.review-head button').click();
      await kiosk.waitFor({ state: 'detached' });
    }
    assert.deepEqual(found, { en: [], es: [], pl: [] });
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
