// File names with bidi controls are shown as they are (issue 16): a PDF dropped as
// "invoice\u202Efdp.exe.pdf" — which, unisolated, reads "invoiceexe.pdf" and reorders what follows —
// appears in the queue row, the job pane and the refused-files list inside <bdi> elements.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { makePdf } from '../fixtures/pdfs';
import {
  dropFiles,
  launchChromium,
  openDesk,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';

const GOOD = 'invoice\u202Efdp.exe.pdf';
const BAD = 'notes\u202Efdp.txt.pdf';

describe('file names with bidi controls in the browser', { skip: SKIP_WITHOUT_KEYRING }, () => {
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

  it('shows a dropped name with U+202E isolated in the queue row, the job pane and the refused list', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    await dropFiles(page, '[aria-label="Drop PDFs here"]', [
      { name: GOOD, bytes: await makePdf({ text: 'bidi' }) },
      { name: BAD, bytes: new TextEncoder().encode('not a PDF at all\n') },
    ]);
    /** The texts of the <bdi> elements under `scope` whose text is `name`, with their isolation. */
    const isolatedAs = (scope: string, name: string) =>
      page
        .locator(`${scope} bdi`)
        .evaluateAll(
          (nodes, wanted) =>
            nodes
              .filter((n) => n.textContent === wanted)
              .map(
                (n) =>
                  (
                    globalThis as unknown as { getComputedStyle(e: unknown): { unicodeBidi: string } }
                  ).getComputedStyle(n).unicodeBidi,
              ),
          name,
        );
    const refused = page.getByRole('alert').filter({ hasText: 'fdp.txt.pdf' });
    await refused.waitFor();
    assert.deepEqual(await isolatedAs('.rejected', BAD), ['isolate']);
    const row = page.locator('button.job-open', { hasText: 'fdp.exe.pdf' });
    await row.waitFor();
    // The queue row's own label (`.job-row bdi`), not the pane's list, which may not be drawn yet.
    assert.deepEqual(await isolatedAs('.job-row', GOOD), ['isolate']);
    await row.click();
    const pane = page.locator('aside.job-pane');
    await pane.locator('bdi.filename', { hasText: 'fdp.exe.pdf' }).waitFor();
    assert.deepEqual(await isolatedAs('aside.job-pane .document-row', GOOD), ['isolate']);
    assert.deepEqual(await isolatedAs('aside.job-pane h2', GOOD), ['isolate']);
    await screenshot(page, 'bidi-names');
    assert.deepEqual(problems, []);
  });
});
