// The templates screen in a real browser: a design made by hand (two lines, a PNG, QR, level…),
// renamed, duplicated and made default; still there after the host restarts on the same data
// folder; exported as JSON and imported back, equal in design, after the others were deleted.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import type { Template } from '../../shared/contract-appearance';
import {
  axe,
  launchChromium,
  openDesk,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';

/** A real PNG: a blue-to-green gradient with a dark band, `width` × `height` pixels. */
function makePng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const at = y * (width * 3 + 1) + 1 + x * 3;
      const band = y > height * 0.4 && y < height * 0.6;
      rows.set(
        band ? [20, 30, 60] : [30, Math.round((200 * x) / width), 200 - Math.round((150 * x) / width)],
        at,
      );
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PNG = makePng(120, 60);
const designOf = ({ id: _id, isDefault: _d, updatedAt: _u, ...design }: Template) => design;

/** The templates as core has them, through the page's own bridge (its key is in sessionStorage). */
async function listed(page: Page): Promise<Template[]> {
  const result = await page.evaluate(async () => {
    const g = globalThis as unknown as { sessionStorage: { getItem(k: string): string | null } };
    const response = await fetch('/api/templates.list', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${g.sessionStorage.getItem('oneshot-host-key') ?? ''}`,
      },
      body: '{}',
    });
    return (await response.json()) as { ok: boolean; value: { templates: Template[] } };
  });
  assert.ok(result.ok);
  return result.value.templates;
}

describe('templates screen', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  let page: Page;
  let problems: string[];

  const openTemplates = async (): Promise<void> => {
    ({ page, problems } = await openDesk(browser, host.url));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Templates' }).click();
    await page.getByRole('heading', { name: 'Appearance templates', level: 2 }).waitFor();
  };
  const list = () => page.getByRole('region', { name: 'Templates' });
  const pick = (name: string) =>
    list().getByRole('button', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}( Default)?$`) });
  const status = () => page.getByRole('status').filter({ hasText: /./ });

  before(async () => {
    host = await startDeskHost();
    browser = await launchChromium();
    await openTemplates();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('creates a design with two lines and a PNG, renames, duplicates and makes it default', async () => {
    await pick('Standard').waitFor();
    await page.getByRole('button', { name: 'New template' }).click();
    await page.getByRole('heading', { name: 'Design of “New template”' }).waitFor();

    // A new design starts from the standard one: two lines (the service prints the date itself).
    assert.equal(await page.getByLabel('Line 3', { exact: true }).count(), 0);
    const line1 = page.getByLabel('Line 1', { exact: true });
    await line1.fill('Signed for the office by ');
    await page.getByRole('button', { name: /^Insert \{signer\}/ }).click();
    assert.equal(await line1.inputValue(), 'Signed for the office by {signer}');
    await page.getByLabel('Line 2', { exact: true }).fill('ID {id} · {date}');
    await page.getByLabel('Text size (points)').fill('9');
    await page.getByLabel('Text alignment').selectOption('center');
    await page
      .getByLabel('Image (PNG, up to 1 MB)')
      .setInputFiles({ name: 'seal.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('img', { name: 'The stamp’s image' }).waitFor();
    // A file that is not a PNG is refused on the spot.
    await page
      .getByLabel('Image (PNG, up to 1 MB)')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('GIF89a not a png') });
    await page.getByRole('alert').filter({ hasText: 'The file is not a PNG image.' }).waitFor();
    await page.getByLabel('QR code content (empty for none)').fill('https://verify.example/{id}');
    await page.getByLabel('Reason', { exact: true }).fill('Contract');
    await page.getByLabel('Location', { exact: true }).fill('Madrid');
    await page.getByLabel('Signature level').selectOption('LTV');
    await page.getByLabel('Add a time stamp from the TSA').uncheck();
    await page.getByLabel('Signature format (subfilter)').selectOption('ETSI.CAdES.detached');
    await page.getByText('Unsaved changes').waitFor();
    await page.getByRole('button', { name: 'Save design' }).click();
    await status().filter({ hasText: 'Design saved.' }).waitFor();

    await page.getByRole('button', { name: 'Rename', exact: true }).click();
    await page.getByLabel('New name for “New template”').fill('Notary');
    await page.getByRole('button', { name: 'Save name' }).click();
    await pick('Notary').waitFor();

    await page.getByRole('button', { name: 'Duplicate' }).click();
    await page.getByRole('heading', { name: 'Design of “Notary (copy)”' }).waitFor();
    await pick('Notary').click();
    await page.getByRole('button', { name: 'Set as default' }).click();
    await list().getByRole('button', { name: 'Notary Default' }).waitFor();

    const notary = (await listed(page)).find((t) => t.name === 'Notary');
    assert.deepEqual(notary && designOf(notary), {
      name: 'Notary',
      lines: ['Signed for the office by {signer}', 'ID {id} · {date}'],
      textSize: 9,
      textAlign: 'center',
      image: PNG.toString('base64'),
      qrcode: 'https://verify.example/{id}',
      reason: 'Contract',
      location: 'Madrid',
      level: 'LTV',
      useTsa: false,
      subfilter: 'ETSI.CAdES.detached',
    });
    assert.equal(notary?.isDefault, true);

    // The preview draws the stamp with example values: filled lines, the image and a QR code.
    const preview = page.getByRole('img', { name: 'How the stamp of “Notary” will look' });
    // Lines wrap to the text's share of the box, so the words are compared, not the lines.
    const words = (await preview.locator('text').allTextContents()).join(' ');
    assert.match(words, /^Signed for the office by Jane Doe ID A1234567 · \S+/);
    assert.equal(await preview.locator('image').count(), 1);
    assert.equal(await preview.locator('path').count(), 1);
    assert.equal(
      await preview.evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { pointerEvents: string } }
          ).getComputedStyle(el).pointerEvents,
      ),
      'none',
    );

    const findings = await axe(page);
    assert.deepEqual(findings.blocking, [], JSON.stringify(findings.all));
    await screenshot(page, '22-templates');
    assert.deepEqual(problems, []);
  });

  it('keeps the templates and the default across a restart of the host', async () => {
    await page.context().close();
    await host.stop();
    host = await startDeskHost({ dataDir: host.dataDir });
    await openTemplates();
    await list().getByRole('button', { name: 'Notary Default' }).waitFor();
    await pick('Notary (copy)').waitFor();
    await pick('Notary').click();
    assert.equal(
      await page.getByLabel('Line 1', { exact: true }).inputValue(),
      'Signed for the office by {signer}',
    );
    assert.equal(await page.getByLabel('Signature level').inputValue(), 'LTV');
    await page.getByRole('img', { name: 'The stamp’s image' }).waitFor();
  });

  it('exports JSON, and imports it back after the others were deleted', async () => {
    const before = await listed(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export all' }).click(),
    ]);
    assert.match(download.suggestedFilename(), /^oneshot-templates-\d{4}-\d{2}-\d{2}\.json$/);
    const json = readFileSync(await download.path(), 'utf8');
    const file = JSON.parse(json) as { format: string; version: number; templates: unknown[] };
    assert.equal(file.format, 'oneshot-desk.templates');
    assert.equal(file.version, 1);
    assert.equal(file.templates.length, 3);

    for (const name of ['Notary (copy)', 'Notary']) {
      await pick(name).click();
      await page.getByRole('button', { name: 'Delete', exact: true }).click();
      await page
        .getByRole('group', { name: `Delete the template “${name}”? This cannot be undone.` })
        .waitFor();
      await page.getByRole('button', { name: 'Yes, delete it' }).click();
      await pick(name).waitFor({ state: 'detached' });
    }
    await list().getByRole('button', { name: 'Standard Default' }).waitFor();

    const importer = page.getByLabel('Import templates (.json)');
    await importer.setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format":"x"}'),
    });
    await page
      .getByRole('alert')
      .filter({ hasText: /Nothing was imported.*not a template file this desk can read/ })
      .waitFor();
    assert.equal((await listed(page)).length, 1);

    await importer.setInputFiles({
      name: 'office.json',
      mimeType: 'application/json',
      buffer: Buffer.from(json),
    });
    await status()
      .filter({ hasText: /^Imported 3 templates: / })
      .waitFor();
    const after = await listed(page);
    assert.deepEqual(
      after.map((t) => t.name),
      ['Notary', 'Notary (copy)', 'Standard', 'Standard (2)'],
    );
    const byName = (list: Template[], name: string) => designOf(list.find((t) => t.name === name)!);
    for (const name of ['Notary', 'Notary (copy)'])
      assert.deepEqual(byName(after, name), byName(before, name));
    assert.deepEqual({ ...byName(after, 'Standard (2)'), name: 'Standard' }, byName(before, 'Standard'));
    await pick('Notary').waitFor();

    // A refusal core names (a taken name) is said in the RAO's language, not in core's English.
    await page.getByRole('banner').getByLabel('Language').selectOption('es');
    await page.getByRole('button', { name: 'Renombrar', exact: true }).click();
    await page.getByLabel('Nuevo nombre para «Notary»').fill('Standard');
    await page.getByRole('button', { name: 'Guardar nombre' }).click();
    await page.getByRole('alert').filter({ hasText: 'Ya hay otra plantilla llamada «Standard».' }).waitFor();
    assert.equal(await page.getByRole('alert').filter({ hasText: 'already called' }).count(), 0);
    await page.getByRole('banner').getByLabel('Idioma').selectOption('en');
    assert.deepEqual(problems, []);
  });
});
