// Placing the signature in the UI, judged on the signed files: a box drawn with the mouse on page
// 2 of a portrait document, on a page with /Rotate 90 and on a page whose CropBox starts at
// (50,50). Each file is signed through the training sandbox; the widget's /Rect and page must match
// what was drawn within 1 pt, and a pdftoppm render must show new ink exactly in the drawn box.
// Then anchor text across five jobs, one without the phrase, as the queue reports it.
// Expected rectangles are worked out here from the drawn pixels, not with shared/appearance.ts.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { A4, makePdf } from '../fixtures/pdfs';
import {
  axe,
  createToken,
  dropFiles,
  fillExternalSigner,
  launchChromium,
  openDesk,
  RESULTS_DIR,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';
import { signatureWidgets } from '../helpers/pdf-inspect';
import { qpdfCheck } from '../helpers/pdf-judges';

type Rect = [number, number, number, number];

const near = (actual: readonly number[], expected: readonly number[], what: string, within = 1): void =>
  assert.ok(
    actual.length === expected.length && actual.every((v, i) => Math.abs(v - (expected[i] ?? NaN)) <= within),
    `${what}: ${JSON.stringify(actual.map((n) => Math.round(n * 100) / 100))} is not within ${within} of ${JSON.stringify(expected.map((n) => Math.round(n * 100) / 100))}`,
  );

/** One page rendered by pdftoppm at 72 dpi (1 px = 1 pt), as displayed: rotated, cropped. */
function render(
  pdf: string,
  pageNumber: number,
  png?: string,
): { width: number; height: number; rgb: Buffer } {
  const out = spawnSync('pdftoppm', ['-r', '72', '-cropbox', '-f', String(pageNumber), '-singlefile', pdf], {
    maxBuffer: 64 * 1024 * 1024,
  });
  assert.equal(out.status, 0, out.stderr.toString());
  if (png) {
    const made = spawnSync('pdftoppm', [
      '-r',
      '72',
      '-cropbox',
      '-png',
      '-f',
      String(pageNumber),
      '-singlefile',
      pdf,
      png,
    ]);
    assert.equal(made.status, 0);
  }
  const ppm = out.stdout;
  const header = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.subarray(0, 40).toString('latin1'));
  assert.ok(header, 'pdftoppm wrote a binary PPM');
  return { width: Number(header[1]), height: Number(header[2]), rgb: ppm.subarray(header[0].length) };
}

/** The box (displayed page, points) where the signed render differs from the unsigned one. */
function newInk(
  before: ReturnType<typeof render>,
  after: ReturnType<typeof render>,
): { left: number; top: number; right: number; bottom: number } {
  assert.deepEqual([after.width, after.height], [before.width, before.height]);
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (let y = 0; y < after.height; y++)
    for (let x = 0; x < after.width; x++) {
      const i = (y * after.width + x) * 3;
      const delta = Math.max(
        Math.abs((after.rgb[i] ?? 0) - (before.rgb[i] ?? 0)),
        Math.abs((after.rgb[i + 1] ?? 0) - (before.rgb[i + 1] ?? 0)),
        Math.abs((after.rgb[i + 2] ?? 0) - (before.rgb[i + 2] ?? 0)),
      );
      if (delta > 40) {
        left = Math.min(left, x);
        top = Math.min(top, y);
        right = Math.max(right, x + 1);
        bottom = Math.max(bottom, y + 1);
      }
    }
  return { left, top, right, bottom };
}

/** portrait.pdf → "Portrait": each job's signer surname, so its queue row can be found. */
const signerOf = (fileName: string): string =>
  fileName.charAt(0).toUpperCase() + fileName.slice(1).replace(/\.pdf$/, '');

interface Drawn {
  /** The drawn box on the displayed page, in points from its top-left corner. */
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Drags a box on the editor's page from (x1,y1) to (x2,y2), given as fractions of the page. */
async function drawBox(
  page: Page,
  from: [number, number],
  to: [number, number],
  displayedWidthPt: number,
): Promise<Drawn> {
  const layer = page.getByTestId('placement-layer');
  await layer.waitFor();
  const box = await layer.boundingBox();
  assert.ok(box);
  const px = (f: [number, number]): [number, number] => [box.x + f[0] * box.width, box.y + f[1] * box.height];
  const [ax, ay] = px(from);
  const [bx, by] = px(to);
  await page.mouse.move(ax, ay);
  await page.mouse.down();
  await page.mouse.move((ax + bx) / 2, (ay + by) / 2, { steps: 4 });
  await page.mouse.move(bx, by, { steps: 4 });
  await page.mouse.up();
  return measure(page, displayedWidthPt);
}

/** The signature box as it now sits on the editor's page, in points of the displayed page. */
async function measure(page: Page, displayedWidthPt: number): Promise<Drawn> {
  const box = await page.getByTestId('placement-layer').boundingBox();
  const drawn = await page.getByTestId('signature-box').boundingBox();
  assert.ok(box && drawn);
  const scale = box.width / displayedWidthPt;
  return {
    left: (drawn.x - box.x) / scale,
    top: (drawn.y - box.y) / scale,
    right: (drawn.x + drawn.width - box.x) / scale,
    bottom: (drawn.y + drawn.height - box.y) / scale,
  };
}

/** Drags from the middle of an element (or its bottom-right corner) by (dx, dy) pixels. */
async function dragBy(page: Page, what: 'box' | 'corner', dx: number, dy: number): Promise<void> {
  const target = await page.getByTestId('signature-box').boundingBox();
  assert.ok(target);
  const x = what === 'box' ? target.x + target.width / 2 : target.x + target.width + 1;
  const y = what === 'box' ? target.y + target.height / 2 : target.y + target.height + 1;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 3 });
  await page.mouse.move(x + dx, y + dy, { steps: 3 });
  await page.mouse.up();
}

describe('placing the signature in the UI', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  const work = mkdtempSync(join(tmpdir(), 'desk-placement-'));

  before(async () => {
    host = await startDeskHost();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  /** One job per file, each signer named after its file ("Jan Portrait" for portrait.pdf). */
  async function prepare(
    page: Page,
    files: { name: string; bytes: Uint8Array }[],
    outputDir: string,
  ): Promise<void> {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    await page.getByLabel('One job per file').check();
    await dropFiles(page, '[aria-label="Drop PDFs here"]', files);
    const last = files[files.length - 1]?.name ?? '';
    await page.getByRole('button', { name: new RegExp(`^${last.replace('.', '\\.')}`) }).waitFor();
    for (const file of files) {
      await page.getByRole('button', { name: new RegExp(`^${file.name.replace('.', '\\.')}`) }).click();
      const pane = page.locator('aside.job-pane');
      await fillExternalSigner(pane, { surname: signerOf(file.name), value: 'bio-consent-1', outputDir });
      await page.getByRole('button', { name: new RegExp(`^Jan ${signerOf(file.name)}`) }).waitFor();
    }
  }

  async function openEditor(page: Page, fileName: string): Promise<void> {
    await page.getByRole('button', { name: new RegExp(`^Jan ${signerOf(fileName)}`) }).click();
    await page
      .locator('aside.job-pane')
      .getByRole('button', { name: /Place the signature|Change the placement/ })
      .click();
    await page.getByRole('dialog').waitFor();
  }

  async function startAllAndWait(page: Page, count: number, total = count): Promise<void> {
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page
      .getByRole('group', { name: 'Actions on the selected jobs' })
      .getByRole('button', { name: 'Start' })
      .click();
    await page.getByText(`${total} of ${total} done`).waitFor({ timeout: 120_000 });
  }

  it('draws on page 2, on a /Rotate 90 page and on a page cropped from (50,50); the signed widgets and renders match', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await createToken(page, { username: 'rao.place', password: 'place password', pin: '2468' });
    const outputDir = join(work, 'signed');
    const originals = {
      'portrait.pdf': await makePdf({ pages: 3 }),
      'rotated.pdf': await makePdf({ pages: 1, rotate: { 0: 90 } }),
      'cropped.pdf': await makePdf({ pages: 1, cropBox: { 0: [50, 50, 450, 650] } }),
    };
    await prepare(
      page,
      Object.entries(originals).map(([name, bytes]) => ({ name, bytes })),
      outputDir,
    );

    // Portrait, page 2, this document only. Displayed as A4: 595.28 × 841.89.
    await openEditor(page, 'portrait.pdf');
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Page', { exact: true }).fill('2');
    await dialog.getByRole('img', { name: /^Page 2 of 3/ }).waitFor();
    const portrait = await drawBox(page, [0.5, 0.7], [0.85, 0.8], A4[0]);
    assert.equal(await axe(page).then((r) => r.blocking.length), 0, 'the editor passes axe');
    await screenshot(page, '23-placement-editor');
    await dialog.getByRole('button', { name: 'Use for this document only' }).click();
    // The name sits between bidi isolates (U+2068 … U+2069), so a name can't reorder the sentence.
    await page.getByText('The stamp of \u2068portrait.pdf\u2069 is placed by hand.').waitFor();
    const portraitRect: Rect = [portrait.left, A4[1] - portrait.bottom, portrait.right, A4[1] - portrait.top];

    // /Rotate 90: displayed 841.89 wide, 595.28 high. A displayed point (l, t) is the user-space
    // point (x = t, y = l) on this page, so the box's user rectangle swaps the axes.
    await openEditor(page, 'rotated.pdf');
    const sketched = await drawBox(page, [0.1, 0.55], [0.4, 0.75], A4[1]);
    // Moved by its middle, then made larger from its bottom-right corner.
    await dragBy(page, 'box', 30, -20);
    const moved = await measure(page, A4[1]);
    const layer = await page.getByTestId('placement-layer').boundingBox();
    const scale = (layer?.width ?? 0) / A4[1];
    near(
      [moved.left - sketched.left, moved.top - sketched.top, moved.right - moved.left],
      [30 / scale, -20 / scale, sketched.right - sketched.left],
      'moved, same size',
    );
    await dragBy(page, 'corner', 40, 16);
    const rotated = await measure(page, A4[1]);
    near(
      [rotated.left, rotated.top, rotated.right, rotated.bottom],
      [moved.left, moved.top, moved.right + 40 / scale, moved.bottom + 16 / scale],
      'resized from the corner',
      1.5,
    );
    await dialog.getByRole('radio', { name: 'First page' }).check();
    await dialog.getByRole('button', { name: 'Use for every document of this job' }).click();
    await page.getByText(/Stamps placed on 1 document/).waitFor();
    const rotatedRect: Rect = [rotated.top, rotated.left, rotated.bottom, rotated.right];

    // CropBox [50 50 450 650]: displayed 400 × 600, its top-left corner is user (50, 650).
    await openEditor(page, 'cropped.pdf');
    const sketchedCropped = await drawBox(page, [0.15, 0.1], [0.7, 0.22], 400);
    // From the keyboard: arrows move it by 1 pt, Alt + arrows size it, Shift goes ten times further.
    await page.getByTestId('signature-box').focus();
    for (const key of ['Shift+ArrowRight', 'ArrowDown', 'Alt+Shift+ArrowRight', 'Alt+ArrowUp'])
      await page.keyboard.press(key);
    const cropped = await measure(page, 400);
    near(
      [cropped.left, cropped.top, cropped.right, cropped.bottom],
      [
        sketchedCropped.left + 10,
        sketchedCropped.top + 1,
        sketchedCropped.right + 20,
        sketchedCropped.bottom,
      ],
      'moved and sized with the keys',
    );
    await dialog.getByRole('button', { name: 'Use for every document of this job' }).click();
    await page.getByText(/Stamps placed on 1 document/).waitFor();
    const croppedRect: Rect = [
      50 + cropped.left,
      650 - cropped.bottom,
      50 + cropped.right,
      650 - cropped.top,
    ];

    // The queue says where each stamp goes before anything is sent.
    await page.getByText('stamp on page 2').waitFor();
    await startAllAndWait(page, 3);

    const cases = [
      { name: 'portrait', page: 2, rect: portraitRect, drawn: portrait },
      { name: 'rotated', page: 1, rect: rotatedRect, drawn: rotated },
      { name: 'cropped', page: 1, rect: croppedRect, drawn: cropped },
    ] as const;
    const saved = readdirSync(outputDir);
    for (const c of cases) {
      const file = join(outputDir, `${c.name}.signed.pdf`);
      assert.ok(saved.includes(`${c.name}.signed.pdf`), `saved: ${saved.join(', ')}`);
      assert.ok(qpdfCheck(file).ok, `qpdf --check ${file}`);
      const [widget] = await signatureWidgets(readFileSync(file));
      assert.ok(widget, `${c.name} has a signature widget`);
      assert.equal(widget.pageIndex, c.page - 1, `${c.name}: the page`);
      near(widget.rect, c.rect, `${c.name}: the widget /Rect`);

      const original = join(work, `${c.name}.pdf`);
      writeFileSync(original, originals[`${c.name}.pdf`]);
      const png = join(RESULTS_DIR, `placement-${c.name}`);
      const ink = newInk(render(original, c.page), render(file, c.page, png));
      near(
        [ink.left, ink.top, ink.right, ink.bottom],
        [c.drawn.left, c.drawn.top, c.drawn.right, c.drawn.bottom],
        `${c.name}: where the render shows the stamp (px at 72 dpi = pt)`,
        2,
      );
    }
    copyFileSync(join(outputDir, 'rotated.signed.pdf'), join(RESULTS_DIR, 'placement-rotated.signed.pdf'));
    assert.deepEqual(
      problems.filter((p) => !p.includes('Failed to load resource')),
      [],
    );
  });

  it('places by anchor text across five jobs; the one without the phrase falls back and the queue says so', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    const outputDir = join(work, 'anchored');
    const spots = [
      { x: 72, y: 300, page: 1 },
      { x: 300, y: 520, page: 1 },
      { x: 120, y: 180, page: 2 },
      { x: 360, y: 640, page: 2 },
    ];
    const files = [
      ...(await Promise.all(
        spots.map(async (s, i) => ({
          name: `anchor${i + 1}.pdf`,
          bytes: await makePdf({
            pages: 2,
            phrases: [{ page: s.page - 1, x: s.x, y: s.y, text: 'Firma: ______' }],
          }),
        })),
      )),
      { name: 'nophrase.pdf', bytes: await makePdf({ pages: 2, text: 'No signature line here.' }) },
    ];
    // The three jobs of the first test are done: only the drafts are listed and selected.
    await page.getByRole('radio', { name: 'Needs signer' }).check();
    await prepare(page, files, outputDir);
    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByText('5 selected').waitFor();

    await openEditor(page, 'anchor1.pdf');
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox', { name: 'Phrase to look for' }).fill('Firma:');
    await dialog.getByRole('button', { name: 'Find' }).click();
    await dialog.getByText(/^Found on page 1\./).waitFor();
    // Sizes in points or millimetres; too small a box is warned about, and the warning goes.
    const warning = dialog.getByRole('alert').filter({ hasText: 'may not be readable' });
    await dialog.getByLabel('Unit').selectOption('pt');
    await dialog.getByLabel('Width (pt)').fill('50');
    await warning.waitFor();
    await dialog.getByLabel('Unit').selectOption('mm');
    await dialog.getByLabel('Width (mm)').fill('63.5');
    await warning.waitFor({ state: 'detached' });
    const sized = await measure(page, A4[0]);
    near([sized.right - sized.left], [180], '63.5 mm is 180 pt', 0.5);
    // The same rule is kept for the jobs made after this one (it cannot come from a one-document box).
    await dialog.getByLabel('Also start new jobs with this placement').check();
    assert.ok(await dialog.getByRole('button', { name: 'Use for this document only' }).isDisabled());
    await dialog.getByRole('button', { name: 'Use for this job and 4 other selected jobs' }).click();
    await page
      .getByText(
        'Stamps placed on 5 document(s); 1 without the phrase follow the page rule. New jobs will start with this placement.',
      )
      .waitFor();
    await page.getByText('1 without the anchor phrase').waitFor();
    await openEditor(page, 'nophrase.pdf');
    await page.keyboard.press('Escape');
    await page.locator('aside.job-pane').getByText('(the anchor phrase is not in this document)').waitFor();
    await screenshot(page, '24-anchor-fallback');

    await startAllAndWait(page, 5, 8);
    // Each stamp keeps the same offset from its phrase (baseline start x, y): found, not guessed.
    const offsets: number[][] = [];
    for (const [i, s] of spots.entries()) {
      const [widget] = await signatureWidgets(readFileSync(join(outputDir, `anchor${i + 1}.signed.pdf`)));
      assert.ok(widget);
      assert.equal(widget.pageIndex, s.page - 1, `anchor${i + 1}: the phrase's page`);
      offsets.push([widget.rect[0] - s.x, widget.rect[3] - s.y, widget.rect[2] - s.x, widget.rect[1] - s.y]);
    }
    for (const o of offsets.slice(1)) near(o, offsets[0] ?? [], 'the offset from the phrase');
    // The box starts at the phrase's left edge, just below it (12 pt text).
    near([offsets[0]?.[0] ?? NaN], [0], 'left edge at the phrase');
    assert.ok(
      (offsets[0]?.[1] ?? 0) < 0 && (offsets[0]?.[1] ?? 0) > -12,
      `top just below the phrase: ${offsets[0]?.[1]}`,
    );
    const [fallback] = await signatureWidgets(readFileSync(join(outputDir, 'nophrase.signed.pdf')));
    assert.ok(fallback);
    assert.equal(fallback.pageIndex, 1, 'the page rule (last page) where the phrase is missing');

    // A job made now starts with the office's placement: its phrase on page 2 is found by itself.
    const later = await makePdf({ pages: 3, phrases: [{ page: 1, x: 200, y: 400, text: 'Firma: ____' }] });
    await dropFiles(page, '[aria-label="Drop PDFs here"]', [{ name: 'later.pdf', bytes: later }]);
    const pane = page.locator('aside.job-pane');
    await pane.getByText('page 2, beside the anchor phrase').waitFor();
    await page.getByRole('button', { name: /^later\.pdf.*stamp on page 2/ }).waitFor();
    // Settings says what new jobs get, and can stop it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('region', { name: 'Settings' });
    await settings
      .getByTestId('default-placement')
      .getByText(/^Last page, (top|bottom) (left|right): 63\.5 × [\d.]+ mm, .* Beside the phrase “Firma:”/)
      .waitFor();
    await screenshot(page, '25-new-jobs-placement');
    await settings.getByRole('button', { name: 'Start new jobs without a placement' }).click();
    await settings.getByText('New jobs start without a placement', { exact: false }).waitFor();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    await dropFiles(page, '[aria-label="Drop PDFs here"]', [{ name: 'plain.pdf', bytes: later }]);
    await pane.getByText('no stamp').first().waitFor();
    assert.deepEqual(
      problems.filter((p) => !p.includes('Failed to load resource')),
      [],
    );
  });
});
