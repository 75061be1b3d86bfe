// The settings screen in browser mode: the language switches the interface at once, the dark theme
// lands on <html> (and 'system' follows the OS), a bad file-name template or folder is explained
// beside its field without losing what was typed, the values survive a restart of the host on the
// same data folder, and axe finds nothing blocking in either theme.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  axe,
  launchChromium,
  openDesk,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';

/** The few DOM members the page functions use: the test tsconfig has no DOM types. */
interface PageDom {
  document: {
    documentElement: { lang: string; dataset: Record<string, string>; style: { colorScheme: string } };
  };
  getComputedStyle(element: unknown): { backgroundColor: string };
}

describe('settings screen', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  const work = mkdtempSync(join(tmpdir(), 'settings-screen-'));
  const outputDir = join(work, 'signed files');

  before(async () => {
    host = await startDeskHost({ dataDir: join(work, 'data') });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  async function openSettings(navName: string): Promise<{ page: Page; problems: string[] }> {
    const opened = await openDesk(browser, host.url);
    await opened.page.getByRole('navigation').getByRole('button', { name: navName }).click();
    return opened;
  }
  const theme = (page: Page) =>
    page.evaluate(() => {
      const root = (globalThis as unknown as PageDom).document.documentElement;
      return { theme: root.dataset.theme, scheme: root.style.colorScheme };
    });

  it('explains bad values beside their fields, saves good ones, switches theme and language at once', async () => {
    const { page, problems } = await openSettings('Settings');
    const screen = page.getByRole('region', { name: 'Settings' });
    await screen.getByLabel('File-name template').waitFor();
    assert.deepEqual((await axe(page)).blocking, [], 'light theme');

    // Dark at once, on <html>, and still readable.
    await screen.getByRole('radio', { name: 'Dark' }).check();
    assert.deepEqual(await theme(page), { theme: 'dark', scheme: 'dark' });
    assert.equal(
      await page.evaluate(() => {
        const dom = globalThis as unknown as PageDom;
        return dom.getComputedStyle(dom.document.documentElement).backgroundColor;
      }),
      'rgb(15, 20, 27)',
    );

    // A template that names a folder: refused as it is typed, and on save, the text kept.
    const template = screen.getByLabel('File-name template');
    await template.fill('{name}/signed');
    await screen.getByText('No / or \\ here: the template names a file, not a folder.').waitFor();
    assert.equal(await template.getAttribute('aria-invalid'), 'true');
    await screen.getByRole('button', { name: 'Save changes' }).click();
    await screen.getByRole('status').filter({ hasText: 'Some values were not saved' }).waitFor();
    assert.equal(await template.inputValue(), '{name}/signed', 'nothing typed is lost');
    await template.fill('{date} {name} signed');
    const today = new Date().toISOString().slice(0, 10);
    await screen.getByText(`Example: ${today} contract signed.pdf`).waitFor();

    // Browser mode cannot show a folder dialog: the path is typed, and core checks it.
    await screen.getByRole('button', { name: 'Browse…' }).click();
    await screen.getByText(/Choosing a folder needs the desktop app/).waitFor();
    assert.equal(await screen.getByRole('button', { name: 'Browse…' }).count(), 0);
    const folder = screen.getByLabel('Output folder');
    await folder.fill('signed');
    await screen.getByRole('button', { name: 'Save changes' }).click();
    await screen.getByText(/Enter a full path/).waitFor();
    const file = join(work, 'not-a-folder.txt');
    writeFileSync(file, 'x');
    await folder.fill(file);
    await screen.getByRole('button', { name: 'Save changes' }).click();
    await screen.getByText(`“${file}” is a file, not a folder. Choose a folder.`).waitFor();
    assert.equal(await folder.inputValue(), file);

    await folder.fill(outputDir);
    await screen.getByLabel('Jobs run at the same time').fill('17');
    await screen.getByRole('button', { name: 'Save changes' }).click();
    await screen.getByText('Enter a whole number from 1 to 16.').waitFor();
    await screen.getByLabel('Jobs run at the same time').fill('8');
    await screen.getByLabel('Days to keep the originals of finished jobs').fill('0');
    await screen.getByText('Kept without a time limit.').waitFor();
    await screen.getByLabel('Days to keep ID images').fill('1');
    await screen.getByText(/at the latest after 1 day\./).waitFor();
    await screen.getByRole('button', { name: 'Save changes' }).click();
    await screen.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    assert.equal(await screen.locator('.field-problem').count(), 0);

    assert.deepEqual((await axe(page)).blocking, [], 'dark theme');
    await screenshot(page, '21-settings-dark');

    // The language for signers from other countries is saved at once, like the theme.
    await screen.getByLabel('Language for signers from other countries').selectOption('PL');

    // The language switches the whole interface at once.
    await screen.locator('select[name="language"]').selectOption('es');
    const ajustes = page.getByRole('region', { name: 'Ajustes' });
    await ajustes.getByLabel('Plantilla del nombre de archivo').waitFor();
    await page.getByRole('navigation').getByRole('button', { name: 'Cola' }).waitFor();
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as PageDom).document.documentElement.lang),
      'es',
    );
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  it('keeps every value across a restart of the host on the same data folder', async () => {
    await host.stop();
    host = await startDeskHost({ dataDir: join(work, 'data') });
    const { page, problems } = await openSettings('Ajustes');
    const screen = page.getByRole('region', { name: 'Ajustes' });
    await screen.getByLabel('Carpeta de salida').waitFor();
    assert.equal(await screen.getByLabel('Carpeta de salida').inputValue(), outputDir);
    assert.equal(
      await screen.getByLabel('Plantilla del nombre de archivo').inputValue(),
      '{date} {name} signed',
    );
    assert.equal(await screen.getByLabel('Trabajos a la vez').inputValue(), '8');
    assert.equal(
      await screen.getByLabel('Días que se conservan los originales de trabajos terminados').inputValue(),
      '0',
    );
    assert.equal(
      await screen.getByLabel('Días que se conservan las imágenes del documento de identidad').inputValue(),
      '1',
    );
    assert.ok(await screen.getByRole('radio', { name: 'Oscuro' }).isChecked());
    assert.equal(await screen.getByLabel('Idioma para firmantes de otros países').inputValue(), 'PL');
    assert.deepEqual(
      await theme(page),
      { theme: 'dark', scheme: 'dark' },
      'the saved theme applies at start',
    );

    // Core's refusal of a folder (only it sees the file system) is worded in Spanish too.
    const blocker = join(work, 'not-a-folder.txt');
    const folder = screen.getByLabel('Carpeta de salida');
    await folder.fill(join(blocker, 'firmados'));
    await screen.getByRole('button', { name: 'Guardar cambios' }).click();
    await screen
      .getByText(
        `No se puede crear «${join(blocker, 'firmados')}» porque «${blocker}» es un archivo. Elija otra carpeta.`,
      )
      .waitFor();
    await folder.fill(outputDir);
    await screen.getByRole('button', { name: 'Guardar cambios' }).click();
    await screen.getByRole('status').filter({ hasText: 'Guardado.' }).waitFor();

    // 'Follow the system' tracks the OS preference as it changes.
    await screen.getByRole('radio', { name: 'Seguir al sistema' }).check();
    await page.emulateMedia({ colorScheme: 'light' });
    assert.deepEqual(await theme(page), { theme: 'light', scheme: 'light' });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction(
      () => (globalThis as unknown as PageDom).document.documentElement.dataset.theme === 'dark',
    );
    assert.deepEqual(problems, []);
    await page.context().close();
  });
});
