// Reading a document as a signer does in the browser tests: in the signer view, page by page,
// each page left on screen a little longer than the second it takes to count.
import type { Locator, Page } from 'playwright-core';

/** A little over READ_DWELL_MS, so that a page on screen has surely counted. */
export const PAGE_DWELL_MS = 1300;

/**
 * Opens checklist item `index` and turns its pages with PageDown until core ticks it (read), calling
 * `onPage` after each page has been on screen for the dwell time. Fails after `maxPages`.
 */
export async function readEveryPage(
  page: Page,
  pane: Locator,
  index: number,
  options: { maxPages?: number; onPage?: (n: number) => Promise<void> } = {},
): Promise<void> {
  const item = pane.getByRole('navigation', { name: 'Documents to read' }).getByRole('button').nth(index);
  await item.click();
  const pages = pane.getByRole('group', { name: 'Document pages' });
  await pages.locator('canvas').first().waitFor();
  await pages.focus();
  for (let n = 1; n <= (options.maxPages ?? 60); n++) {
    if (n > 1) await page.keyboard.press('PageDown');
    await page.waitForTimeout(PAGE_DWELL_MS);
    await options.onPage?.(n);
    if ((await item.getByText('(read)').count()) > 0) return;
  }
  await item.getByText('(read)').waitFor({ timeout: 5_000 });
}
