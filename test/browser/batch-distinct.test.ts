// Ten batch jobs for two customers whose files have the same names, in browser mode against an
// Optimizer in its own process: after "Apply these details" each queue row and each checkbox names
// the signer and the file, and with the output folder template "{date}/{signer}" each customer's
// signed files land in a folder of their own, none renamed " (2)".
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { localDay } from '../../shared/output-folder-template';
import { makePdf } from '../fixtures/pdfs';
import {
  axe,
  createToken,
  dropFiles,
  fillExternalSigner,
  openDesk,
  SKIP_WITHOUT_KEYRING,
  type DeskHost,
  startOfficeDesk,
  stopOfficeDesk,
} from '../helpers/desk-browser';
import type { SandboxProcess } from '../helpers/sandbox-process';

const FILES = ['alphatrans.pdf', 'invoice.pdf', 'lease.pdf', 'order.pdf', 'receipt.pdf'];
const SIGNERS = ['Kowalski', 'Nowak'];
const SHOTS = '/tmp/shots';
const LANGUAGES = [
  { code: 'en', label: 'Language', nav: 'Main', settings: 'Settings', queue: 'Queue' },
  { code: 'es', label: 'Idioma', nav: 'Principal', settings: 'Ajustes', queue: 'Cola' },
  { code: 'pl', label: 'Język', nav: 'Nawigacja główna', settings: 'Ustawienia', queue: 'Kolejka' },
];

/** A 1280 × 720 picture of what the RAO sees now, for the closing note. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

describe('batches you can tell apart', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  let sandbox: SandboxProcess;
  const sandboxData = mkdtempSync(join(tmpdir(), 'desk-batch-distinct-optimizer-'));

  before(async () => {
    ({ sandbox, host, browser } = await startOfficeDesk(sandboxData, ['--ext-auth-types', 'biometric']));
  });
  after(() => stopOfficeDesk({ sandbox, host, browser }));

  it('ten batch jobs whose rows and outputs are distinct', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    const nav = page.getByRole('navigation', { name: 'Main' });
    const out = join(host.dataDir, 'customers');
    const template = join(out, '{date}', '{signer}');

    // The office's folder: a template, with the folder a job started now would get.
    await nav.getByRole('button', { name: 'Settings' }).click();
    const folder = page.getByLabel('Output folder');
    await folder.fill(join(out, '{customer}'));
    await page
      .getByText('{customer} is not a placeholder for a folder; use {signer}, {id}, {date}, {job}.')
      .waitFor();
    await folder.fill(template);
    const today = localDay(new Date());
    await page.getByText(`Example: ${join(out, today, 'Jane Doe')}`).waitFor();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Saved.').waitFor();

    await createToken(page, { username: 'rao.distinct', password: 'distinct password', pin: '2468' });
    await nav.getByRole('button', { name: 'Queue' }).click();
    await page.getByLabel('One job per file').check();
    const pane = page.locator('aside.job-pane');
    for (const [n, surname] of SIGNERS.entries()) {
      const files = await Promise.all(
        FILES.map(async (name) => ({ name, bytes: await makePdf({ text: `${surname}: ${name}` }) })),
      );
      await dropFiles(page, '[aria-label="Drop PDFs here"]', files);
      await page.getByRole('region', { name: `${5 * (n + 1)} jobs` }).waitFor();
      // The new drafts are still named by their files alone; the earlier ones by signer and file.
      for (const name of FILES)
        await page.getByRole('checkbox', { name: `Select ${name}`, exact: true }).check();
      await page.getByRole('button', { name: new RegExp(`^${FILES[0]?.replace('.', '\\.')}`) }).click();
      // The folder as the draft holds it: the office's template until the job starts.
      assert.equal(await pane.getByLabel('Folder for signed files').inputValue(), template);
      await fillExternalSigner(pane, { surname, value: `bio-${surname}`, outputDir: template });
      await pane.getByRole('button', { name: 'Apply these details to 4 selected jobs' }).click();
      await pane.getByText('Applied to 4 jobs.').waitFor();
      for (const name of FILES)
        await page.getByRole('checkbox', { name: `Select Jan ${surname}: \u2068${name}\u2069` }).uncheck();
    }

    // Ten rows, ten checkboxes: each named by its signer and its file.
    const boxes = page.getByRole('list').getByRole('checkbox');
    const names = await Promise.all(
      (await boxes.all()).map(async (box) => (await box.getAttribute('aria-label')) ?? ''),
    );
    const expected = SIGNERS.flatMap((s) => FILES.map((f) => `Select Jan ${s}: \u2068${f}\u2069`));
    assert.deepEqual([...names].sort(), [...expected].sort());
    for (const s of SIGNERS)
      for (const f of FILES)
        await page
          .getByRole('listitem')
          .filter({ hasText: `Jan ${s}` })
          .filter({ hasText: f })
          .waitFor();

    await page.getByRole('checkbox', { name: 'Select all' }).check();
    await page.getByText('10 selected').waitFor();
    await page
      .getByRole('group', { name: 'Actions on the selected jobs' })
      .getByRole('button', { name: 'Start' })
      .click();
    await page.getByText('10 of 10 done').waitFor({ timeout: 240_000 });

    // Each customer's files in a folder of their own, under their own names: no " (2)".
    assert.deepEqual(readdirSync(join(out, today)).sort(), ['Jan Kowalski', 'Jan Nowak']);
    for (const s of SIGNERS)
      assert.deepEqual(
        readdirSync(join(out, today, `Jan ${s}`)).sort(),
        FILES.map((f) => f.replace('.pdf', '.signed.pdf')),
      );

    // The queue and the settings field in every language, at the size an office screen has.
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.getByRole('checkbox', { name: 'Select all' }).uncheck();
    for (const language of LANGUAGES) {
      // The desk's language choice, whatever language it is labelled in now.
      await page.locator('select:has(option[value="pl"])').first().selectOption(language.code);
      await page.getByLabel(language.label).first().waitFor();
      const menu = page.getByRole('navigation', { name: language.nav });
      await menu.getByRole('button', { name: language.queue }).click();
      await page.getByRole('list').getByRole('checkbox').first().waitFor();
      assert.deepEqual((await axe(page)).blocking, [], `queue, ${language.code}`);
      await shot(page, `g-queue-${language.code}`);
      await menu.getByRole('button', { name: language.settings }).click();
      const field = page.locator('input[name="outputDir"]');
      await field.scrollIntoViewIfNeeded();
      assert.equal(await field.inputValue(), template);
      assert.deepEqual((await axe(page)).blocking, [], `settings, ${language.code}`);
      await shot(page, `g-settings-${language.code}`);
    }
    assert.deepEqual(
      problems.filter((p) => !p.includes('Failed to load resource')),
      [],
    );
  });
});
