// Stamps never cover the text unnoticed, in the desk at 1280 × 720: three jobs selected, the rule
// drawn on a tax form whose page box is shifted lands on its footnotes; the editor shows it (the
// covered text marked, a free spot suggested), "Use for this job and 2 other selected jobs" is
// inside the window, the queue row carries a badge, "Find free space" moves every covered stamp,
// a 200 × 50 pt page keeps a stamp of the rule's shape with a warning, and the signed tax form is
// judged by qpdf and pdftotext -bbox: no word of the document lies inside the widget's /Rect.
// Screenshots in English, Spanish and Polish: /tmp/shots/h-<screen>-<lang>.png.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makePdf } from '../fixtures/pdfs';
import { shiftedTaxForm, tinyTocPage } from '../fixtures/stamp-pages';
import {
  axe,
  createToken,
  dropFiles,
  fillExternalSigner,
  launchChromium,
  openDesk,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';
import { signatureRects, wordsUnderSignature } from '../helpers/stamp-judge';

const SHOTS = '/tmp/shots';
const LANGUAGES = ['en', 'es', 'pl'] as const;

async function setLanguage(page: Page, language: string): Promise<void> {
  await page.locator('header .language select').selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

async function shots(page: Page, screen: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const language of LANGUAGES) {
    await setLanguage(page, language);
    await page.screenshot({ path: join(SHOTS, `h-${screen}-${language}.png`) });
  }
  await setLanguage(page, 'en');
}

describe('stamps over text in the desk', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  const work = mkdtempSync(join(tmpdir(), 'desk-stamp-cover-'));

  before(async () => {
    host = await startDeskHost();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('detects a stamp over footnotes, moves it to free space and signs it there; the tiny page warns', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await page.setViewportSize({ width: 1280, height: 720 });
    await createToken(page, { username: 'rao.cover', password: 'cover password', pin: '1357' });
    const form = await shiftedTaxForm();
    const tiny = await tinyTocPage();
    const files = [
      { name: 'taxform.pdf', bytes: form.bytes, surname: 'Taxform' },
      { name: 'toc.pdf', bytes: tiny.bytes, surname: 'Toc' },
      { name: 'letter.pdf', bytes: await makePdf({ pages: 1 }), surname: 'Letter' },
    ];
    writeFileSync(join(work, 'taxform.pdf'), form.bytes);
    const outputDir = join(work, 'signed');

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    await page.getByLabel('One job per file').check();
    await dropFiles(page, '[aria-label="Drop PDFs here"]', files);
    const pane = page.locator('aside.job-pane');
    for (const file of files) {
      await page.getByRole('button', { name: new RegExp(`^${file.name.replace('.', '\\.')}`) }).click();
      await fillExternalSigner(pane, { surname: file.surname, value: 'bio-cover', outputDir });
      await page.getByRole('button', { name: new RegExp(`^Jan ${file.surname}`) }).waitFor();
    }
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByRole('button', { name: /^Jan Taxform/ }).click();
    await pane.getByRole('button', { name: /Place the signature|Change the placement/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('img', { name: /^Page 1 of 1/ }).waitFor();

    // The default rule (bottom-right, half an inch in) lies on the footnotes: marked, with a spot.
    const check = dialog.getByTestId('cover-check');
    await check.getByText('The stamp covers text or an image on this page.').waitFor();
    await dialog.getByTestId('free-spot').waitFor();
    assert.ok((await dialog.locator('.covered-content').count()) >= 2, 'the covered footnotes are marked');
    const applyAll = dialog.getByRole('button', { name: 'Use for this job and 2 other selected jobs' });
    const bounds = await applyAll.boundingBox();
    assert.ok(
      bounds && bounds.y >= 0 && bounds.y + bounds.height <= 720,
      `inside the window: ${JSON.stringify(bounds)}`,
    );
    assert.equal(await axe(page).then((r) => r.blocking.length), 0, 'the editor passes axe');
    // The box sits at the foot of the page: scrolled into view inside the dialog's body.
    await dialog.getByTestId('signature-box').scrollIntoViewIfNeeded();
    await shots(page, 'editor-overlap');

    // The rule goes to all three; the queue rows say which stamps lie over text or were shrunk.
    await applyAll.click();
    await dialog.waitFor({ state: 'detached' });
    const taxRow = page.getByRole('button', { name: /^Jan Taxform/ });
    await taxRow.getByTestId('stamp-covers-badge').waitFor();
    const tocRow = page.getByRole('button', { name: /^Jan Toc/ });
    await tocRow.getByText('stamp shrunk to fit a small page').waitFor();
    await tocRow.getByTestId('stamp-covers-badge').waitFor();
    assert.equal(
      await page
        .getByRole('button', { name: /^Jan Letter/ })
        .getByTestId('stamp-covers-badge')
        .count(),
      0,
    );
    assert.equal(await axe(page).then((r) => r.blocking.length), 0, 'the queue with badges passes axe');
    await shots(page, 'queue-badge');

    // Accept the suggestion for every covered stamp of the selection.
    await pane.getByRole('button', { name: 'Find free space for every covered stamp' }).click();
    await pane.getByText('1 stamp(s) moved to free space.').waitFor();
    await pane.getByText(/1 still cover text or an image/).waitFor();
    await taxRow.getByTestId('stamp-covers-badge').waitFor({ state: 'detached' });

    // The editor agrees: the stamp now sits in free space.
    await pane.getByRole('button', { name: /Change the placement/ }).click();
    await dialog.getByRole('img', { name: /^Page 1 of 1/ }).waitFor();
    await dialog.locator('.signature-box').waitFor();
    await page.waitForTimeout(500);
    assert.equal(await check.getByText('The stamp covers').count(), 0, 'no overlap left');
    await dialog.getByTestId('signature-box').scrollIntoViewIfNeeded();
    await shots(page, 'editor-free');
    await dialog.getByRole('button', { name: 'Close' }).first().click();

    await page
      .getByRole('group', { name: 'Actions on the selected jobs' })
      .getByRole('button', { name: 'Start' })
      .click();
    await page.getByText('3 of 3 done').waitFor({ timeout: 120_000 });

    const signed = readdirSync(outputDir, { recursive: true }).map(String);
    const taxOut = signed.find((f) => f.endsWith('taxform.signed.pdf'));
    const tocOut = signed.find((f) => f.endsWith('toc.signed.pdf'));
    assert.ok(taxOut && tocOut, JSON.stringify(signed));
    const judged = wordsUnderSignature(join(outputDir, taxOut), join(work, 'taxform.pdf'));
    assert.ok(
      judged.stamp.some((w) => w.text === 'SANDBOX'),
      'pdftotext reads the stamp inside the /Rect',
    );
    assert.ok(
      judged.words.some((w) => w.text === 'Paperwork'),
      'and the footnotes on the page',
    );
    assert.deepEqual(judged.under, [], 'no word of the tax form lies under the stamp');

    // The tiny page: 150 × 50, the rule's shape, on the page — not squeezed to 180 × 50.
    const [toc] = signatureRects(join(outputDir, tocOut));
    assert.ok(toc);
    const [x1, y1, x2, y2] = toc.rect;
    assert.ok(Math.abs(x2 - x1 - 150) < 0.5 && Math.abs(y2 - y1 - 50) < 0.5, JSON.stringify(toc.rect));
    assert.deepEqual(problems, []);
  });
});
