// P3: a 300-page contract in the review, in Chromium on the browser mode of the checkout under
// measurement: ms from clicking the document in the review's list until its first page is painted,
// then the longest task while scrolling from its first page to its last. "Painted" is judged from
// outside the viewer, whatever its internals: a canvas at least 300 px wide whose pixels show page
// 1's black band (no other page, and not the service contract, has one).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import type { Browser, Page } from 'playwright-core';
import { createToken, dropFiles, launchChromium, openDesk } from '../test/helpers/desk-browser';
import type { BenchContext } from './context';
import { startDeskWeb } from './desk-web';
import type { Part } from './report';

const PAGES = 300;

async function contract300(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.TimesRoman);
  for (let p = 0; p < PAGES; p++) {
    const page = doc.addPage([595.28, 841.89]);
    if (p === 0) page.drawRectangle({ x: 50, y: 500, width: 495, height: 300, color: rgb(0, 0, 0) });
    page.drawText(`Clause ${p + 1} of ${PAGES}`, { x: 50, y: p === 0 ? 470 : 790, size: 16, font });
    for (let l = 0; l < 40; l++)
      page.drawText(
        `${p + 1}.${l + 1} The parties agree that the service is provided as described in annex ${l}.`,
        {
          x: 50,
          y: (p === 0 ? 440 : 760) - l * 16,
          size: 10,
          font,
        },
      );
  }
  return doc.save();
}

/** Runs in the page: resolves with the ms from the click until page 1's band is on a canvas. */
const CLICK_AND_WAIT_FOR_PAINT = `(item) => new Promise((resolve) => {
  const scratch = document.createElement('canvas');
  scratch.width = 1; scratch.height = 1;
  const pixel = scratch.getContext('2d', { willReadFrequently: true });
  const dark = (canvas, fx, fy) => {
    pixel.clearRect(0, 0, 1, 1);
    pixel.drawImage(canvas, Math.floor(canvas.width * fx), Math.floor(canvas.height * fy), 1, 1, 0, 0, 1, 1);
    const [r, g, b, a] = pixel.getImageData(0, 0, 1, 1).data;
    return a > 200 && r < 60 && g < 60 && b < 60;
  };
  const painted = () => [...document.querySelectorAll('canvas')].some((c) =>
    c.getBoundingClientRect().width >= 300 && c.width > 0 && c.height > 0 &&
    [0.3, 0.5, 0.7].every((fx) => [0.15, 0.25, 0.35].every((fy) => dark(c, fx, fy))));
  const t0 = performance.now();
  item.click();
  const look = () => {
    if (painted()) resolve(performance.now() - t0);
    else if (performance.now() - t0 > 60000) resolve(-1);
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})`;

/** Runs in the page: scrolls the pages' container top to bottom; the long tasks meanwhile. */
const SCROLL_THROUGH = `async (steps) => {
  const big = [...document.querySelectorAll('canvas')].find((c) => c.getBoundingClientRect().width >= 300);
  let box = big;
  while (box && !(box.scrollHeight > box.clientHeight + 10 && /auto|scroll/.test(getComputedStyle(box).overflowY)))
    box = box.parentElement;
  if (!box) return { error: 'no scrolling container around the pages' };
  const tasks = [];
  const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
  observer.observe({ type: 'longtask' });
  const started = performance.now();
  for (let i = 1; i <= steps; i++) {
    box.scrollTop = ((box.scrollHeight - box.clientHeight) * i) / steps;
    await new Promise((r) => setTimeout(r, 50));
  }
  await new Promise((r) => setTimeout(r, 1000));
  observer.disconnect();
  const durations = tasks.filter((t) => t.startTime >= started).map((t) => t.duration);
  return { longest: Math.max(0, ...durations), over100: durations.filter((d) => d > 100).length,
    ms: performance.now() - started, height: box.scrollHeight };
}`;

interface ScrollResult {
  error?: string;
  longest: number;
  over100: number;
  ms: number;
  height: number;
}

async function reachReview(page: Page, pdf: Uint8Array, outputDir: string): Promise<void> {
  await createToken(page, { username: 'rao.bench', password: 'pw', pin: '1234' });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
  await dropFiles(page, '[aria-label="Drop PDFs here"]', [{ name: 'contract-300.pdf', bytes: pdf }]);
  const pane = page.locator('aside.job-pane');
  await pane.getByText('1 document').first().waitFor({ timeout: 60_000 });
  await pane.getByLabel('Given name').fill('Lucía');
  await pane.getByLabel('First surname').fill('Reyes');
  await pane.getByLabel('ID document type').selectOption('IDC');
  await pane.getByLabel('ID document country').selectOption('ES');
  await pane.getByLabel('ID document number').fill('12345678Z');
  await pane.getByLabel('E-mail').fill('lucia.reyes@example.com');
  await pane.getByLabel(/Mobile phone/).fill('+34600123456');
  await pane.getByLabel('Folder for signed files').fill(outputDir);
  await pane.getByLabel('Folder for signed files').blur();
  await pane.getByRole('button', { name: 'Start' }).click();
  await pane.getByRole('heading', { name: 'Review with the signer' }).waitFor({ timeout: 120_000 });
  // The service contract opens first; it is painted before the document is chosen.
  await pane
    .getByRole('group', { name: 'Document pages' })
    .locator('canvas')
    .first()
    .waitFor({ timeout: 60_000 });
}

export async function measureViewer(ctx: BenchContext): Promise<Part> {
  const dataDir = join(ctx.work, 'p3');
  mkdirSync(dataDir, { recursive: true });
  const pdf = await contract300();
  ctx.say('P3: opening the review in Chromium');
  const web = await startDeskWeb(ctx, dataDir);
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const { page } = await openDesk(browser, web.url);
    await reachReview(page, pdf, join(dataDir, 'signed'));
    const pane = page.locator('aside.job-pane');
    // Expressions, not functions: this project's Node-side TypeScript has no DOM types.
    await pane.getByRole('navigation', { name: 'Documents to read' }).getByRole('button').nth(1).waitFor();
    const item = `document.querySelectorAll('aside.job-pane [aria-label="Documents to read"] button')[1]`;
    const painted = await page.evaluate<number, undefined>(
      `(${CLICK_AND_WAIT_FOR_PAINT})(${item})`,
      undefined,
    );
    if (painted < 0) throw new Error('page 1 was not painted within 60 s');
    ctx.say('P3: scrolling through 300 pages');
    const scroll = await page.evaluate<ScrollResult, undefined>(
      `(${SCROLL_THROUGH})(${ctx.quick ? 60 : 150})`,
      undefined,
    );
    if (scroll.error) throw new Error(scroll.error);
    return {
      title: 'P3 a 300-page contract in the review',
      setup: `${PAGES} pages (${(pdf.length / 1e6).toFixed(1)} MB), Chromium 1440×1000, browser mode; scrolled top to bottom in ${(scroll.ms / 1000).toFixed(1)} s`,
      figures: [
        {
          name: 'first page painted',
          value: painted,
          unit: 'ms',
          target: 300,
          note: 'from the click on the document',
        },
        {
          name: 'longest task while scrolling',
          value: scroll.longest,
          unit: 'ms',
          target: 100,
          note: `${scroll.over100} task${scroll.over100 === 1 ? '' : 's'} over 100 ms`,
        },
      ],
    };
  } finally {
    await browser?.close();
    await web.stop();
  }
}
