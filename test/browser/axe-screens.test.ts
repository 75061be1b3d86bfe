// axe over every screen of the desk in English, Spanish and Polish (issue 14): the queue with the
// first-run checklist and with jobs, a draft with the signer form and its errors, the placement
// editor, the review turned to the signer, the code panel, the results, Connection, Settings,
// Templates and the Audit log. No violation of any impact is allowed. Each screen is saved at
// 1280 × 720 as /tmp/shots/f-<screen>-<lang>.png.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { makePdf } from '../fixtures/pdfs';
import {
  axe,
  createToken,
  dropFiles,
  launchChromium,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type AxeFinding,
  type DeskHost,
} from '../helpers/desk-browser';
import { readEveryPage } from '../helpers/review-reading';
import { openSmall, shot } from '../helpers/desk-shots';

const LANGUAGES = ['en', 'es', 'pl'] as const;
type Language = (typeof LANGUAGES)[number];

/** Every finding of every screen, to assert empty at the end (one run shows them all). */
const findings: Record<string, AxeFinding[]> = {};

async function check(page: Page, name: string, language: Language): Promise<void> {
  await page.waitForTimeout(300);
  await shot(page, `${name}-${language}`);
  const { all } = await axe(page);
  if (all.length > 0) findings[`${name}-${language}`] = all;
}

const nav = (page: Page, index: number): Locator =>
  page.getByRole('navigation').first().getByRole('button').nth(index);
const pane = (page: Page): Locator => page.locator('aside.job-pane');

async function setLanguage(page: Page, language: Language): Promise<void> {
  await page.locator('header .language select').selectOption(language);
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

async function openJob(page: Page, surname: string): Promise<void> {
  await nav(page, 0).click();
  await page.locator('.job-row').filter({ hasText: surname }).locator('.job-open').click();
  await pane(page).locator('.job-head').filter({ hasText: surname }).waitFor();
}

/** A draft for `surname` from one dropped PDF, its signer typed (the output folder left out unless given). */
async function draft(page: Page, surname: string, outputDir?: string): Promise<void> {
  await nav(page, 0).click();
  await dropFiles(page, '.drop-zone', [
    { name: `${surname.toLowerCase()}.pdf`, bytes: await makePdf({ pages: 2 }) },
  ]);
  const p = pane(page);
  await p.getByRole('heading', { name: `${surname.toLowerCase()}.pdf` }).waitFor();
  await p.getByLabel('Given name').fill('Eva');
  await p.getByLabel('First surname').fill(surname);
  if (!outputDir) return;
  await p.getByLabel('ID document type').selectOption('IDC');
  await p.getByLabel('ID document country').selectOption('ES');
  await p.getByLabel('ID document number').fill('12345678Z');
  await p.getByLabel('E-mail').fill('eva@example.com');
  await p.getByLabel(/Mobile phone/).fill('+34600123456');
  await p.getByLabel('Folder for signed files').fill(outputDir);
  await p.getByLabel('Folder for signed files').blur();
}

/** Starts the open draft and brings it to a sent code, read and accepted by the signer. */
async function toCodeSent(page: Page): Promise<string> {
  const p = pane(page);
  await p.getByRole('button', { name: 'Start', exact: true }).click();
  await p.getByRole('heading', { name: 'Review with the signer' }).waitFor({ timeout: 60_000 });
  await p.getByRole('button', { name: 'Signer view' }).click();
  await page.locator('.review.signer-mode').waitFor();
  for (let i = 0; i < 2; i++) await readEveryPage(page, p, i);
  await p.getByRole('button', { name: 'Back to the desk' }).click();
  await p.getByRole('checkbox', { name: 'The signer has read and accepts' }).check();
  await p.getByRole('button', { name: 'Send code' }).click();
  return (await page.locator('.sandbox-code').textContent({ timeout: 20_000 })) ?? '';
}

describe('axe on every screen in three languages', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;

  before(async () => {
    [host, browser] = await Promise.all([startDeskHost(), launchChromium()]);
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('finds no violation on any screen in English, Spanish or Polish', async () => {
    const { page, problems } = await openSmall(browser, host.url);
    // A fresh desk: the checklist leads.
    await page
      .locator('.first-run')
      .getByText(/\(version /)
      .waitFor({ timeout: 20_000 });
    for (const language of LANGUAGES) {
      await setLanguage(page, language);
      await check(page, 'queue-checklist', language);
    }
    await setLanguage(page, 'en');

    await createToken(page, { username: 'rao.axe', password: 'axe password', pin: '1234' });
    await draft(page, 'Done', join(host.dataDir, 'axe-out'));
    const code = await toCodeSent(page);
    const codeField = pane(page).getByRole('textbox', { name: 'One-time code' });
    await codeField.fill(code);
    await pane(page).getByRole('button', { name: 'Sign', exact: true }).click();
    await pane(page).getByRole('heading', { name: 'Signed documents' }).waitFor({ timeout: 90_000 });
    await pane(page)
      .getByText(/Signature valid/)
      .first()
      .waitFor({ timeout: 30_000 });
    await draft(page, 'Coded', join(host.dataDir, 'axe-out'));
    await toCodeSent(page);
    await draft(page, 'Unfinished');

    for (const language of LANGUAGES) {
      await setLanguage(page, language);
      await nav(page, 0).click();
      await check(page, 'queue-jobs', language);

      await openJob(page, 'Unfinished');
      await pane(page).locator('[data-field="signer.given_name"]').waitFor();
      await pane(page)
        .getByRole('button', {
          name: { en: 'Start', es: 'Iniciar', pl: 'Rozpocznij' }[language],
          exact: true,
        })
        .click();
      await pane(page).locator('.missing-details').waitFor();
      await check(page, 'job-draft-errors', language);

      await pane(page).locator('.signature-panel .actions button').first().click();
      await page.getByRole('dialog').first().waitFor();
      await page.waitForTimeout(1000);
      await check(page, 'placement-editor', language);
      await page.keyboard.press('Escape');

      await openJob(page, 'Coded');
      await pane(page).locator('.otp-input').waitFor();
      await check(page, 'otp', language);
      await pane(page).locator('.review-head button').click();
      await page.locator('.review.signer-mode').waitFor();
      await check(page, 'signer-view', language);
      await pane(page).locator('.review-head button').click();
      await page.locator('.review.signer-mode').waitFor({ state: 'detached' });

      await openJob(page, 'Done');
      await pane(page).locator('details.audit summary').click();
      await check(page, 'results', language);

      for (const [index, name] of [
        [1, 'connection'],
        [2, 'templates'],
        [3, 'audit'],
        [4, 'settings'],
      ] as const) {
        await nav(page, index).click();
        await page.locator('main h2').first().waitFor();
        await page.waitForTimeout(500);
        await check(page, name, language);
      }
    }
    console.log(`axe findings: ${JSON.stringify(findings, null, 2)}`);
    assert.deepEqual(findings, {});
    assert.deepEqual(problems, []);
  });
});
