// Nothing typed is lost when the interface language changes mid-draft: the RAO types the signer in
// English, Spanish, Polish and English again (the labels in each language), every field is stored
// as typed (a half-typed e-mail too), survives a reload and a restart of the host on the same data,
// and the job starts with the service's own language for a Polish signer (PL), whatever the
// interface says.
import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { catalogue } from '../../renderer/src/i18n/catalogue';
import { makePdf } from '../fixtures/pdfs';
import {
  createToken,
  dropFiles,
  launchChromium,
  openDesk,
  pageValue,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type DeskHost,
} from '../helpers/desk-browser';

const WORDS = catalogue;
type Language = keyof typeof WORDS;
/** A field by the start of its label in that language (a select's name ends with its choice). */
const field = (pane: Locator, language: Language, name: keyof typeof catalogue.en.fields.signer): Locator =>
  pane.getByLabel(new RegExp(`^${WORDS[language].fields.signer[name].replace(/[()+.]/g, '\\$&')}`));

/** What the signer's details must read, in the form and in core, after every step. */
const TYPED = {
  given_name: 'Zofia',
  surname_1: 'Kowalska',
  surname_2: 'Nowak',
  id_document_type: 'PAS',
  id_document_country: 'PL',
  serial_number: 'AB1234567',
  email: 'zofia.kowalska@',
  mobile_phone_number: '+48600123456',
};

async function switchLanguage(page: Page, language: Language): Promise<void> {
  await page.locator('header label.language select').selectOption(language);
  await page.getByRole('button', { name: WORDS[language].nav.queue }).waitFor();
}

/** Waits until core holds exactly these signer fields for the job. */
async function stored(page: Page, jobId: string, expected: Record<string, string>): Promise<void> {
  let last: Record<string, unknown> = {};
  for (let i = 0; i < 100; i++) {
    last = (await pageValue<{ signer: Record<string, unknown> }>(page, 'jobs.details', { jobId })).signer;
    if (Object.entries(expected).every(([k, v]) => last[k] === v)) return;
    await page.waitForTimeout(100);
  }
  assert.fail(`core holds ${JSON.stringify(last)}, expected ${JSON.stringify(expected)}`);
}

async function formShows(pane: Locator, language: Language): Promise<void> {
  for (const [name, value] of Object.entries(TYPED))
    assert.equal(
      await field(pane, language, name as keyof typeof TYPED).inputValue(),
      value,
      `${name} shown in ${language}`,
    );
}

describe('a draft typed across interface languages', { skip: SKIP_WITHOUT_KEYRING }, () => {
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

  it('keeps every field through EN→ES→PL→EN, a reload and a restart, and starts in PL', async () => {
    let { page, problems } = await openDesk(browser, host.url);
    await createToken(page, { username: 'rao.lang', password: 'pw', pin: '1234' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    await dropFiles(page, '[aria-label="Drop PDFs here"]', [
      { name: 'umowa.pdf', bytes: await makePdf({ pages: 1, text: 'Umowa' }) },
    ]);
    let pane = page.locator('aside.job-pane');
    await pane.getByRole('heading', { name: 'umowa.pdf' }).waitFor();
    const jobs = await pageValue<{ jobs: { id: string }[] }>(page, 'jobs.list', {});
    const jobId = jobs.jobs[0]?.id ?? '';

    // English, then Spanish, Polish and English again, each with its own labels and fields.
    await field(pane, 'en', 'given_name').fill(TYPED.given_name);
    await field(pane, 'en', 'surname_1').fill(TYPED.surname_1);
    await switchLanguage(page, 'es');
    await field(pane, 'es', 'surname_2').fill(TYPED.surname_2);
    await field(pane, 'es', 'id_document_type').selectOption('PAS');
    await switchLanguage(page, 'pl');
    await field(pane, 'pl', 'id_document_country').selectOption('PL');
    await field(pane, 'pl', 'serial_number').fill(TYPED.serial_number);
    // Not a valid address yet: kept as typed all the same.
    await field(pane, 'pl', 'email').fill(TYPED.email);
    await switchLanguage(page, 'en');
    await field(pane, 'en', 'mobile_phone_number').fill(TYPED.mobile_phone_number);
    await stored(page, jobId, TYPED);
    // Nobody chose the signer's language: it follows the Polish document, not the interface.
    const language = field(pane, 'en', 'communication_language');
    assert.equal(await language.inputValue(), '');
    await pane.getByRole('option', { name: 'As for the country (Polish)' }).waitFor({ state: 'attached' });
    await formShows(pane, 'en');
    await screenshot(page, 'draft-language-typed');

    // Reloaded, and then the host restarted on the same data: the same details.
    await page.reload();
    await page.getByRole('button', { name: /^Zofia Kowalska Nowak/ }).click();
    await formShows(page.locator('aside.job-pane'), 'en');
    await page.context().close();
    assert.deepEqual(problems, []);
    const dataDir = host.dataDir;
    await host.stop();
    host = await startDeskHost({ dataDir });
    ({ page, problems } = await openDesk(browser, host.url));
    await page.getByRole('button', { name: /^Zofia Kowalska Nowak/ }).click();
    pane = page.locator('aside.job-pane');
    await formShows(pane, 'en');

    // Start names the one field still wrong; corrected, the job starts.
    await pane.getByRole('button', { name: 'Start' }).click();
    // Said at the field and in the list of what Start still needs, at the top of the draft.
    await pane
      .locator('.field-problem')
      .getByText('Write a whole e-mail address, e.g. name@example.com.')
      .waitFor();
    await pane
      .locator('#missing-signer-email')
      .getByText('Write a whole e-mail address, e.g. name@example.com.')
      .waitFor();
    await screenshot(page, 'draft-language-start-names-email');
    await field(pane, 'en', 'email').fill('zofia.kowalska@example.com');
    await stored(page, jobId, { email: 'zofia.kowalska@example.com' });
    await pane.getByRole('button', { name: 'Start' }).click();
    await pane.getByRole('heading', { name: 'Review with the signer' }).waitFor({ timeout: 60_000 });

    // The Optimizer got the service's own value for a Polish signer.
    const job = await pageValue<{ requestPk: string | null; profileId: string }>(page, 'jobs.get', { jobId });
    const profiles = await pageValue<{ profiles: { id: string; baseUrl: string }[] }>(
      page,
      'profiles.list',
      {},
    );
    const base = profiles.profiles.find((p) => p.id === job.profileId)?.baseUrl ?? '';
    const request = (await (await fetch(`${base}/request/${job.requestPk}`)).json()) as {
      request: Record<string, unknown>;
    };
    assert.equal(request.request.communication_language, 'PL');
    assert.equal(request.request.given_name, 'Zofia');
    assert.equal(request.request.mobile_phone_number, '+48600123456');
    assert.deepEqual(problems, []);
  });
});
