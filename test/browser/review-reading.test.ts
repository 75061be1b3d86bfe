// Reading is measured, not assumed, in browser mode against the training sandbox: the contract is
// not ticked on the desk however long it stays open, a 14-page paper is not ticked until its last
// page has been on screen in the signer view ("Page x of y" following the page shown), a document
// the signer read on paper is ticked only with the RAO's recorded reason, and the audit log shows
// the pages seen and the reason.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { makePdf } from '../fixtures/pdfs';
import {
  createToken,
  dropFiles,
  launchChromium,
  openDesk,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';
import { readEveryPage } from '../helpers/review-reading';

describe('reading measured in the signer view', { skip: SKIP_WITHOUT_KEYRING }, () => {
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

  it('ticks a 14-page paper only after its last page, the contract only in the signer view, an override with its reason', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await createToken(page, { username: 'rao.reads', password: 'pw', pin: '1234' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    await dropFiles(page, '[aria-label="Drop PDFs here"]', [
      { name: 'paper.pdf', bytes: await makePdf({ pages: 14, text: 'A fourteen-page paper' }) },
      { name: 'mandate.pdf', bytes: await makePdf({ pages: 1, text: 'Mandate' }) },
    ]);
    const pane = page.locator('aside.job-pane');
    await pane.getByText('2 documents').waitFor();
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

    const items = pane.getByRole('navigation', { name: 'Documents to read' }).getByRole('button');
    const contract = items.nth(0);
    const paper = items.nth(1);
    const mandate = items.nth(2);
    // The contract stays open on the desk well past the old "ticked after 3 s": never read there.
    await pane.getByRole('group', { name: 'Document pages' }).locator('canvas').first().waitFor();
    await pane.getByText('Reading is measured only in the signer view.').waitFor();
    await page.waitForTimeout(4000);
    assert.equal(await contract.getByText('(read)').count(), 0, 'the contract is not read on the desk');

    // The signer read the mandate on paper: the RAO says so, with the reason.
    await mandate.click();
    await pane.getByRole('button', { name: 'Mark as read without the viewer…' }).click();
    const override = pane.getByRole('form', { name: 'Mark “mandate.pdf” as read' });
    await override.getByRole('button', { name: 'Record as read' }).click();
    await override.getByText('Write the reason in a few words.').waitFor();
    await override.getByLabel(/Why it counts as read/).fill('The signer read the paper copy');
    await screenshot(page, 'review-override-reason');
    await override.getByRole('button', { name: 'Record as read' }).click();
    await mandate.getByText('(read)').waitFor();
    await mandate.getByText('(marked read by the RAO)').waitFor();

    await pane.getByRole('button', { name: 'Signer view' }).click();
    await page.locator('.review.signer-mode').waitFor();
    await readEveryPage(page, pane, 0);
    await readEveryPage(page, pane, 1, {
      onPage: async (n) => {
        const position = pane.locator('.pdf-viewer__position');
        assert.equal(await position.textContent(), `Page ${n} of 14`);
        const thumb = pane.locator('.pdf-viewer__thumb[aria-current="page"]');
        assert.equal(await thumb.getAttribute('aria-label'), `Page ${n}`);
        if (n < 14) {
          assert.equal(await paper.getByText('(read)').count(), 0, `not read with page ${n} shown`);
          await paper.getByText(`${n} of 14 pages seen`).waitFor();
        }
        if (n === 7) await screenshot(page, 'review-signer-view-page-7');
      },
    });
    await screenshot(page, 'review-signer-view-read');
    await pane.getByRole('button', { name: 'Back to the desk' }).click();
    await page.locator('.review.signer-mode').waitFor({ state: 'detached' });
    await pane.getByRole('checkbox', { name: 'The signer has read and accepts' }).check();
    await pane.getByRole('button', { name: 'Send code' }).isEnabled();

    // The audit log: the signer view, each document's pages and when, and the RAO's reason.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Audit log' }).click();
    const log = page.locator('main');
    await log.getByText(/document 1 · 14 pages on screen \(1–14\), \d\d:\d\d:\d\d–\d\d:\d\d:\d\d/).waitFor();
    await log.getByText(/service contract · \d+ pages? on screen \(1/).waitFor();
    await log
      .getByText('document 2 · not read on screen; the RAO’s reason: “The signer read the paper copy”')
      .waitFor();
    await log.getByRole('cell', { name: /^Review turned to the signer/ }).waitFor();
    await log.getByRole('cell', { name: /^Marked read by the RAO/ }).waitFor();
    await screenshot(page, 'review-audit-log');
    assert.deepEqual(problems, []);
  });
});
