// A 300-page contract in PdfViewer (the harness page, under the app's CSP, in Chromium): page 1 is
// painted soon after the document is handed over, pages are drawn only near the viewport with a
// bounded number of canvases while the reader scrolls through, and the last page is painted at the
// end. The figures (first page, longest task while scrolling) are printed for the lead's notes;
// `npm run bench` measures them from outside, this test checks the behaviour.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { makePdf } from '../fixtures/pdfs';
import { launchChromium, SKIP_WITHOUT_KEYRING as SKIP } from '../helpers/desk-browser';
import { contractPdf, startViewerHarness, type ViewerHarnessServer } from '../helpers/viewer-harness';
import type { ViewerHarness } from './viewer-harness/api';

/** `window.harness` on the page (see viewer-harness/api.ts): it exists only in page callbacks. */
declare const harness: ViewerHarness;

/** Page canvases at once: the pages in view and one either side, with room for a tall viewport. */
const MAX_PAGE_CANVASES = 8;

describe('PdfViewer renders a 300-page contract on demand', { skip: SKIP }, () => {
  let browser: Browser;
  let server: ViewerHarnessServer;

  before(async () => {
    server = await startViewerHarness({
      'contract300.pdf': await contractPdf(300),
      'small.pdf': await makePdf({ size: [400, 200] }),
    });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it(
    'paints page 1 first, keeps a bounded set of canvases while scrolling, paints the last page',
    {
      timeout: 120_000,
    },
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        // Chromium asks for /favicon.ico on its own; the harness has none.
        if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico'))
          errors.push(message.text());
      });
      // pdf.js loaded with a small document first: the figure is the contract's, not the worker's start.
      await page.goto(`${server.origin}/index.html?file=small.pdf`);
      await page.getByText('Page 1 of 1', { exact: true }).waitFor();
      const firstPageMs = await page.evaluate(() => harness.showTimed('contract300.pdf'));
      await page.getByText('Page 1 of 300', { exact: true }).waitFor();
      await page.waitForFunction(() => harness.inkedPixels('Page 1 of 300') >= 500);

      await page.evaluate(() => {
        harness.trackPageCanvases();
        harness.trackLongTasks();
      });
      // A reader flicking down the document: a wheel notch every frame, 2,000 px a second.
      const pane = page.getByRole('group', { name: 'Document pages' });
      await pane.hover();
      for (let step = 0; step < 120; step++) {
        await page.mouse.wheel(0, 400);
        await page.waitForTimeout(16);
      }
      const midway = await page.evaluate(() => harness.positionText());
      assert.match(midway, /^Page \d+ of 300$/);
      assert.notEqual(midway, 'Page 1 of 300', 'the wheel scrolled the pages');
      await page.waitForFunction(() => harness.inkedPixels(harness.positionText()) >= 500);
      await pane.focus();
      await page.keyboard.press('End');
      await page.getByText('Page 300 of 300', { exact: true }).waitFor();
      await page.waitForFunction(() => harness.inkedPixels('Page 300 of 300') >= 500);
      const { most, longTasks, now } = await page.evaluate(() => ({
        most: harness.maxPageCanvases,
        longTasks: harness.longTasks,
        now: harness.pageCanvasCount(),
      }));
      const longest = Math.max(0, ...longTasks);
      console.log(
        `viewer-on-demand: page 1 of 300 painted ${Math.round(firstPageMs)} ms after the document was handed over; ` +
          `${longTasks.length} long tasks while scrolling, longest ${longest} ms; at most ${most} page canvases at once`,
      );
      assert.ok(
        most >= 1 && most <= MAX_PAGE_CANVASES,
        `at most ${MAX_PAGE_CANVASES} page canvases at once, saw ${most}`,
      );
      assert.ok(now <= MAX_PAGE_CANVASES, `canvases far from the viewport are released: ${now} left`);
      assert.deepEqual(errors, []);
      await context.close();
    },
  );
});
