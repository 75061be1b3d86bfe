// PdfViewer in Debian's Chromium under the app's own CSP: the harness page is built with Vite,
// served with the host's security headers and static file rules, and driven by playwright-core.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { A4, makePdf } from '../fixtures/pdfs';
import { launchChromium, SKIP_WITHOUT_KEYRING as SKIP } from '../helpers/desk-browser';
import { REPO_ROOT } from '../helpers/sandbox-process';
import { contractPdf, startViewerHarness, type ViewerHarnessServer } from '../helpers/viewer-harness';
import type { ViewerHarness } from './viewer-harness/api';

const TIMEOUT = { timeout: 90_000 };

interface Problems {
  list: string[];
}

/** Reports violations of the page's CSP to the console, where the test collects them. */
const REPORT_CSP_VIOLATIONS = `document.addEventListener('securitypolicyviolation', (event) =>
  console.error('CSP violation: ' + event.violatedDirective + ' ' + event.blockedURI));`;

/** `window.harness` on the page (see viewer-harness/api.ts): it exists only in page callbacks. */
declare const harness: ViewerHarness;

describe('PdfViewer under the app CSP', { skip: SKIP }, () => {
  let browser: Browser;
  let server: ViewerHarnessServer;
  let origin = '';
  let requested: string[] = [];

  before(async () => {
    server = await startViewerHarness({
      'contract.pdf': await contractPdf(3),
      'long.pdf': await makePdf({ pages: 300, text: 'A long annex.' }),
      'small.pdf': await makePdf({ size: [400, 200] }),
      'paper14.pdf': await contractPdf(14),
      'mixed.pdf': await makePdf({ pages: 3, rotate: { 1: 90 }, cropBox: { 2: [0, 0, 300, 300] } }),
    });
    origin = server.origin;
    requested = server.requested;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens the harness on a fixture; console errors, pdf.js warnings and CSP violations are kept. */
  async function open(file: string | null): Promise<{ page: Page; problems: Problems }> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    const problems: Problems = { list: [] };
    page.on('console', (message) => {
      const text = message.text();
      // pdf.js reports its warnings through console.log as "Warning: …".
      // Chromium asks for /favicon.ico on its own; the harness has none.
      if (message.location().url.endsWith('/favicon.ico')) return;
      if (message.type() === 'error' || message.type() === 'warning' || text.startsWith('Warning:')) {
        problems.list.push(`${message.type()}: ${text}`);
      }
    });
    page.on('pageerror', (error) => problems.list.push(`pageerror: ${error.message}`));
    await page.addInitScript({ content: REPORT_CSP_VIOLATIONS });
    await page.goto(`${origin}/index.html${file ? `?file=${file}` : ''}`);
    return { page, problems };
  }

  async function close(page: Page, problems: Problems, expected: RegExp[] = []): Promise<void> {
    // Give late rejections and worker messages a moment to surface before judging.
    await page.waitForTimeout(200);
    await page.context().close();
    const unexpected = problems.list.filter((p) => !expected.some((e) => e.test(p)));
    assert.deepEqual(unexpected, [], 'no console errors, pdf.js warnings or CSP violations');
  }

  /** Waits until the page canvas labelled `label` holds a drawing, not just white paper. */
  async function drawn(page: Page, label: string): Promise<void> {
    await page.waitForFunction((name) => harness.inkedPixels(name) >= 500, label);
  }

  const pane = (page: Page) => page.getByRole('group', { name: 'Document pages' });
  const shows = (page: Page, text: string) => page.getByText(text, { exact: true }).waitFor();
  const seenPages = (page: Page) => page.evaluate(() => harness.seenPages);
  const box = async (page: Page, label: string) => {
    const found = await page.evaluate((name) => harness.canvasBox(name), label);
    assert.ok(found, `no canvas labelled ${label}`);
    return found;
  };

  it('shows "Page 1 of 3" and draws page 1 sharply, with bundled fonts, under the CSP', TIMEOUT, async () => {
    const { page, problems } = await open('contract.pdf');
    await page.getByRole('region', { name: 'Service contract' }).waitFor();
    await shows(page, 'Page 1 of 3');
    assert.equal(await page.locator('[aria-live="polite"]').textContent(), 'Page 1 of 3');
    await pane(page).getByRole('img', { name: 'Page 1 of 3', exact: true }).waitFor();
    await drawn(page, 'Page 1 of 3');
    const bitmap = await page.evaluate(() => harness.canvasWidth('Page 1 of 3'));
    const { width } = await box(page, 'Page 1 of 3');
    assert.ok(
      Math.abs(bitmap - width * 2) <= 2,
      `drawn at devicePixelRatio 2: ${bitmap} px for ${width} CSS px`,
    );
    assert.deepEqual(await page.evaluate(() => harness.pageCounts), [3]);
    for (const name of ['Zoom in', 'Zoom out', 'Fit width', 'Page 1', 'Page 2', 'Page 3']) {
      await page.getByRole('button', { name, exact: true }).waitFor();
    }
    assert.ok(
      requested.some((url) => /LiberationSans-Regular-[\w-]+\.ttf$/.test(url)),
      'Helvetica came from the bundled standard fonts',
    );
    await drawn(page, 'Page 2 of 3');
    mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(REPO_ROOT, 'test-results', 'pdf-viewer.png') });
    const axe = await new AxeBuilder({ page }).include('.pdf-viewer').analyze();
    assert.deepEqual(
      axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      [],
    );
    await close(page, problems);
  });

  it(
    'zooms with the buttons and Ctrl +/-, re-rendering the canvas, and fits the width',
    TIMEOUT,
    async () => {
      const { page, problems } = await open('contract.pdf');
      await drawn(page, 'Page 1 of 3');
      const widthIs = (test: 'wider' | 'narrower' | 'same', than: number) =>
        page.waitForFunction(
          ([how, before]) => {
            const now = harness.canvasWidth('Page 1 of 3');
            return how === 'wider' ? now > before : how === 'narrower' ? now < before : now === before;
          },
          [test, than] as const,
        );
      const start = await page.evaluate(() => harness.canvasWidth('Page 1 of 3'));
      await page.getByRole('button', { name: 'Zoom in' }).click();
      await widthIs('wider', start);
      await pane(page).focus();
      await page.keyboard.press('Control+-');
      await page.keyboard.press('Control+-');
      await widthIs('narrower', start);
      await page.keyboard.press('Control+=');
      await widthIs('same', start);
      await page.getByRole('button', { name: 'Fit width' }).click();
      await page.waitForFunction(() => {
        const found = harness.canvasBox('Page 1 of 3');
        return found !== null && Math.abs(found.paneWidth - 32 - found.width) < 2;
      });
      await drawn(page, 'Page 1 of 3');
      await close(page, problems);
    },
  );

  it('reports a page only once it has been on screen for a second, each page once', TIMEOUT, async () => {
    const { page, problems } = await open('contract.pdf');
    await drawn(page, 'Page 1 of 3');
    await page.waitForFunction(() => harness.seenPages.length === 1);
    assert.deepEqual(await seenPages(page), [1]);
    // Straight to the end: page 2 only flies past and does not count.
    await pane(page).focus();
    await page.keyboard.press('End');
    await shows(page, 'Page 3 of 3');
    await page.waitForFunction(() => harness.seenPages.includes(3));
    assert.deepEqual(await seenPages(page), [1, 3]);
    // Back a page (the first PageUp goes to the top of page 3).
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await shows(page, 'Page 2 of 3');
    await page.waitForFunction(() => harness.seenPages.includes(2));
    await page.keyboard.press('Home');
    await shows(page, 'Page 1 of 3');
    await page.waitForTimeout(1300);
    assert.deepEqual(await seenPages(page), [1, 3, 2], 'each page once');
    const dwell = await page.evaluate(() => harness.seenMs);
    assert.ok(
      dwell.every((ms) => ms >= 1000),
      `each page was on screen for a second first: ${dwell.join(', ')} ms`,
    );
    await close(page, problems);
  });

  it('counts a page that fits on screen once it has been shown for a second', TIMEOUT, async () => {
    const { page, problems } = await open('small.pdf');
    await shows(page, 'Page 1 of 1');
    await page.waitForFunction(() => harness.seenPages.length === 1);
    await close(page, problems);
  });

  it(
    'keeps "Page x of y", the thumbnail and the pages seen with the page on screen through 14 pages',
    TIMEOUT,
    async () => {
      const { page, problems } = await open('paper14.pdf');
      await shows(page, 'Page 1 of 14');
      await drawn(page, 'Page 1 of 14');
      await pane(page).focus();
      for (let n = 1; n <= 14; n++) {
        if (n > 1) await page.keyboard.press('PageDown');
        await shows(page, `Page ${n} of 14`);
        assert.equal(await page.evaluate(() => harness.currentThumbnail()), `Page ${n}`);
        const target = await box(page, `Page ${n} of 14`);
        assert.ok(target.top < target.paneBottom && target.bottom > target.paneTop, `page ${n} is on screen`);
        await page.waitForFunction((k) => harness.seenPages.includes(k), n);
        const seen = await seenPages(page);
        assert.ok(Math.max(...seen) === n, `no page beyond ${n} counted yet: ${seen.join(',')}`);
      }
      assert.deepEqual(
        [...(await seenPages(page))].sort((a, b) => a - b),
        Array.from({ length: 14 }, (_, i) => i + 1),
      );
      await close(page, problems);
    },
  );

  it('moves by page with PageDown, PageUp, Home and End on the focused viewer', TIMEOUT, async () => {
    const { page, problems } = await open('contract.pdf');
    await drawn(page, 'Page 1 of 3');
    await pane(page).focus();
    for (const [key, expected] of [
      ['PageDown', 'Page 2 of 3'],
      ['PageDown', 'Page 3 of 3'],
      ['PageUp', 'Page 2 of 3'],
      ['Home', 'Page 1 of 3'],
      ['End', 'Page 3 of 3'],
    ] as const) {
      await page.keyboard.press(key);
      await shows(page, expected);
    }
    await close(page, problems);
  });

  it('keeps only a handful of page canvases while scrolling through 300 pages', TIMEOUT, async () => {
    const { page, problems } = await open('long.pdf');
    await shows(page, 'Page 1 of 300');
    await drawn(page, 'Page 1 of 300');
    await page.evaluate(() => harness.trackPageCanvases());
    const height = await page.evaluate(() => harness.pagesScrollHeight());
    const shown = await page.evaluate(() => harness.pagesClientHeight());
    // 15 stops down the document; at each the page in view must be drawn before moving on.
    for (let stop = 1; stop < 15; stop++) {
      await page.evaluate((y) => harness.scrollPagesTo(y), Math.round((stop / 15) * (height - 2 * shown)));
      await page.waitForFunction(() => harness.inkedPixels(harness.positionText()) >= 500);
    }
    await page.evaluate((y) => harness.scrollPagesTo(y), height);
    await shows(page, 'Page 300 of 300');
    await drawn(page, 'Page 300 of 300');
    await page.waitForFunction(() => harness.seenPages.includes(300));
    assert.ok((await seenPages(page)).length < 30, 'pages that only flew past are not counted');
    const most = await page.evaluate(() => harness.maxPageCanvases);
    assert.ok(most >= 1 && most <= 10, `at most 10 page canvases at once, saw ${most}`);
    const thumbnails = await page.locator('.pdf-viewer__thumbs canvas').count();
    assert.ok(thumbnails <= 20, `thumbnails are virtualized too: ${thumbnails}`);
    await close(page, problems);
  });

  it('jumps to a page from its thumbnail', TIMEOUT, async () => {
    const { page, problems } = await open('long.pdf');
    await drawn(page, 'Page 1 of 300');
    const thumbnail = page.getByRole('button', { name: 'Page 4', exact: true });
    await thumbnail.click();
    await shows(page, 'Page 4 of 300');
    await drawn(page, 'Page 4 of 300');
    assert.equal(await thumbnail.getAttribute('aria-current'), 'page');
    const target = await box(page, 'Page 4 of 300');
    assert.ok(
      target.top >= target.paneTop - 1 && target.top < target.paneTop + 40,
      'page 4 starts at the top',
    );
    await close(page, problems);
  });

  it(
    'jumps to page 14 from its thumbnail in a box of no set height (the results view showed page 4)',
    TIMEOUT,
    async () => {
      const { page, problems } = await open('paper14.pdf&layout=flow');
      await drawn(page, 'Page 1 of 14');
      // The viewer keeps its pages in its own scrolling pane, within the window, whatever its box.
      const pages = await page.evaluate(() => ({
        scroll: harness.pagesScrollHeight(),
        shown: harness.pagesClientHeight(),
      }));
      assert.ok(pages.shown <= 800, `the pages pane fits the window: ${pages.shown} px`);
      assert.ok(pages.scroll > pages.shown * 4, 'its 14 pages scroll inside it');
      // The thumbnails scroll in their own strip too: down to the last, as the reader would.
      await page.getByRole('navigation', { name: 'Page thumbnails' }).hover();
      await page.mouse.wheel(0, 5000);
      const thumbnail = page.getByRole('button', { name: 'Page 14', exact: true });
      await thumbnail.click();
      await shows(page, 'Page 14 of 14');
      await drawn(page, 'Page 14 of 14');
      assert.equal(await page.evaluate(() => harness.currentThumbnail()), 'Page 14');
      const target = await box(page, 'Page 14 of 14');
      assert.ok(target.top < target.paneBottom && target.bottom > target.paneTop, 'page 14 is on screen');
      await close(page, problems);
    },
  );

  it('gives each page its own size and rotation', TIMEOUT, async () => {
    const { page, problems } = await open('mixed.pdf');
    await shows(page, 'Page 1 of 3');
    // Only pages near the viewport have a canvas: visit each before measuring it.
    const ratios: number[] = [];
    for (const n of [1, 2, 3]) {
      await page.getByRole('button', { name: `Page ${n}`, exact: true }).click();
      await shows(page, `Page ${n} of 3`);
      // The cropped page 3 shows no text, so wait for its canvas rather than for ink.
      await page.waitForFunction((label) => harness.canvasWidth(label) > 0, `Page ${n} of 3`);
      const { width, height } = await box(page, `Page ${n} of 3`);
      ratios.push(width / height);
    }
    const near = (value: number | undefined, expected: number) => Math.abs((value ?? 0) - expected) < 0.02;
    assert.ok(near(ratios[0], A4[0] / A4[1]), `portrait A4: ${ratios[0]}`);
    assert.ok(near(ratios[1], A4[1] / A4[0]), `A4 turned by /Rotate 90: ${ratios[1]}`);
    assert.ok(near(ratios[2], 1), `square crop box: ${ratios[2]}`);
    await close(page, problems);
  });

  it('swaps documents and unmounts mid-render without errors or leftover canvases', TIMEOUT, async () => {
    const { page, problems } = await open('long.pdf');
    await shows(page, 'Page 1 of 300');
    await page.evaluate(() => harness.show('contract.pdf'));
    await shows(page, 'Page 1 of 3');
    await drawn(page, 'Page 1 of 3');
    await page.evaluate(async () => {
      await harness.show('long.pdf');
      await harness.show('contract.pdf');
      await harness.show(null);
    });
    await page.waitForTimeout(300);
    assert.equal(await page.locator('canvas').count(), 0);
    assert.deepEqual(await seenPages(page), []);
    // Destroying a document whose pages are still being drawn is the point of this test; on a
    // slow machine pdf.js's worker is then mid-page and says it dropped that page's work. Any
    // other warning still fails it. Likewise a font the worker was still fetching for a destroyed
    // document.
    await close(page, problems, [
      /^\w+: Warning: getOperatorList - ignoring errors during "GetOperatorList: page \d+" task: "Error: Worker task was terminated"\.$/,
      /^\w+: Warning: UnknownErrorException: Worker was destroyed\.$/,
    ]);
  });

  it('renders page 1 as a PNG thumbnail at the requested width', TIMEOUT, async () => {
    const { page, problems } = await open(null);
    const thumbnail = await page.evaluate(() => harness.thumbnail('contract.pdf', 120));
    assert.deepEqual(thumbnail, { scheme: 'data:image/png;base64', width: 240 });
    await close(page, problems);
  });
});
