// The desk as the RAO sees it on a small office screen (1280 × 720), and screenshots of it kept
// outside the repository for the closing note.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';

export const SHOTS = '/tmp/shots';

/** A page on the desk at 1280 × 720 that collects console errors; `prepare` routes its context first. */
export async function openSmall(
  browser: Browser,
  url: string,
  prepare?: (context: BrowserContext) => Promise<void>,
): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  await prepare?.(context);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  await page.locator('header h1').waitFor();
  return { page, problems };
}

/** The viewport as the RAO sees it, saved as /tmp/shots/f-<name>.png. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `f-${name}.png`) });
}
