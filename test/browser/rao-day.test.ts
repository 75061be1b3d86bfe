// The RAO's day in the browser host with Debian's Chromium: connect and sign in (a token into the
// keychain), drop the customer's PDFs, type the signer's identity, review every document with the
// signer, send and type the code, sign, and find the signed files on disk — judged by pdfsig and
// qpdf. Bad files are refused inline and the rest kept. Every screen goes through axe and is
// saved as a screenshot under test-results/.
import { strict as assert } from 'node:assert';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeEncryptedPdf, makePdf } from '../fixtures/pdfs';
import {
  axe,
  createToken,
  dropFiles,
  launchChromium,
  openDesk,
  RESULTS_DIR,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  startDeskHost,
  type AxeFinding,
  type DeskHost,
} from '../helpers/desk-browser';
import { nssDbTrusting, pdfsig, qpdfCheck } from '../helpers/pdf-judges';
import { readEveryPage } from '../helpers/review-reading';

const axeReport: Record<string, AxeFinding[]> = {};

async function checkScreen(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
  const { blocking, all } = await axe(page);
  axeReport[name] = all;
  assert.deepEqual(blocking, [], `axe found serious/critical problems on ${name}`);
}

async function fillSigner(page: Page): Promise<void> {
  const pane = page.locator('aside.job-pane');
  await pane.getByLabel('Given name').fill('María');
  await pane.getByLabel('First surname').fill('Núñez');
  await pane.getByLabel('ID document type').selectOption('IDC');
  await pane.getByLabel('ID document country').selectOption('ES');
  await pane.getByLabel('ID document number').fill('12345678Z');
  await pane.getByLabel('E-mail').fill('maria.nunez@example.com');
  await pane.getByLabel(/Mobile phone/).fill('+34600123456');
}

describe('the RAO’s day in browser mode', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;

  before(async () => {
    host = await startDeskHost();
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await host?.stop();
    writeFileSync(join(RESULTS_DIR, 'axe-results.json'), `${JSON.stringify(axeReport, null, 2)}\n`);
  });

  it('signs three dropped PDFs with a code, facing the signer, and saves files pdfsig trusts', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await page
      .getByRole('note')
      .filter({ hasText: /no.* legal value/ })
      .waitFor();
    await checkScreen(page, '01-queue-empty');
    await createToken(page, { username: 'rao.garcia', password: 'correct horse battery', pin: '1234' });
    await checkScreen(page, '02-connection');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();

    const pdfs = await Promise.all(
      ['contract', 'annex', 'mandate'].map(async (name, i) => ({
        name: `${name}.pdf`,
        bytes: await makePdf({ pages: i + 1, text: `${name} for María Núñez` }),
      })),
    );
    await dropFiles(page, '[aria-label="Drop PDFs here"]', pdfs);
    const pane = page.locator('aside.job-pane');
    await pane.getByText('3 documents').waitFor();
    await fillSigner(page);
    const outputDir = join(host.dataDir, 'signed-out');
    await pane.getByLabel('Folder for signed files').fill(outputDir);
    await pane.getByLabel('Folder for signed files').blur();
    await checkScreen(page, '03-signer-details');
    await pane.getByRole('button', { name: 'Start' }).click();

    // The queue creates the request, uploads, fetches the contract, then waits for the signer.
    await pane.getByRole('heading', { name: 'Review with the signer' }).waitFor({ timeout: 60_000 });
    const send = pane.getByRole('button', { name: 'Send code' });
    assert.equal(await send.isDisabled(), true, 'Send code before anything was read');
    const consent = pane.getByRole('checkbox', { name: 'The signer has read and accepts' });
    const items = pane.getByRole('navigation', { name: 'Documents to read' }).getByRole('button');
    assert.equal(await items.count(), 4);
    // Nothing counts as read on the desk: the review is turned to the signer first, and each
    // document is read page by page there.
    await page.waitForTimeout(1500);
    assert.equal(await pane.getByText('(read)').count(), 0, 'nothing read before the signer view');
    await checkScreen(page, '04-review');
    await pane.getByRole('button', { name: 'Signer view' }).click();
    await page.locator('.review.signer-mode').waitFor();
    for (let i = 0; i < 4; i++) await readEveryPage(page, pane, i);
    await screenshot(page, '04b-signer-view');
    await pane.getByRole('button', { name: 'Back to the desk' }).click();
    await page.locator('.review.signer-mode').waitFor({ state: 'detached' });
    assert.equal(await send.isDisabled(), true, 'Send code before consent');
    await consent.check();
    await send.click({ timeout: 10_000 });
    const phone = page.getByRole('complementary', { name: 'Sandbox phone' });
    const code = (await phone.locator('.sandbox-code').textContent({ timeout: 20_000 })) ?? '';
    assert.match(code, /^\d{6}$/);
    const field = pane.getByRole('textbox', { name: 'One-time code' });
    assert.equal(await field.getAttribute('autocomplete'), 'one-time-code');
    // No second code for a minute, and the wait is shown.
    await pane.getByText(/A new code can be sent in \d+ s\./).waitFor();
    assert.equal(await pane.getByRole('button', { name: 'Send a new code' }).isDisabled(), true);
    await checkScreen(page, '05-otp');

    // A wrong code: a plain message with the attempts left, and the field ready for another try.
    const wrongCode = code === '000000' ? '111111' : '000000';
    await field.fill(wrongCode);
    await pane.getByRole('button', { name: 'Sign', exact: true }).click();
    const wrong = pane.getByRole('alert').filter({ hasText: 'The code was wrong' });
    await wrong.waitFor({ timeout: 30_000 });
    assert.match((await wrong.textContent()) ?? '', /2 more attempts before a new code is needed/);

    // The right code, pasted as a text message might hold it (spaces and words are dropped).
    await field.evaluate(
      (el: { dispatchEvent(event: unknown): boolean }, text: string) => {
        // In the page; the test tsconfig has no DOM types, so the two used are named here.
        const page = globalThis as unknown as {
          DataTransfer: new () => { setData(type: string, data: string): void };
          ClipboardEvent: new (type: string, init: object) => unknown;
        };
        const data = new page.DataTransfer();
        data.setData('text/plain', text);
        el.dispatchEvent(
          new page.ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
        );
      },
      `Code: ${code.slice(0, 3)} ${code.slice(3)}`,
    );
    assert.equal(await field.inputValue(), code);
    await pane.getByRole('button', { name: 'Sign', exact: true }).click();

    await pane.getByRole('heading', { name: 'Signed documents' }).waitFor({ timeout: 90_000 });
    await pane.getByText('Done', { exact: true }).first().waitFor({ timeout: 90_000 });
    await pane
      .getByText(/Signature valid · signed by/)
      .first()
      .waitFor({ timeout: 30_000 });
    // The queue's row follows the job to its end too.
    await page.getByRole('listitem').filter({ hasText: 'María Núñez' }).getByText('Done').waitFor();
    await checkScreen(page, '06-results');

    const ca = await (await fetch(await trainingCaUrl(page))).text();
    const nss = nssDbTrusting(ca);
    for (const name of ['contract', 'annex', 'mandate']) {
      const file = join(outputDir, `${name}.signed.pdf`);
      assert.ok(existsSync(file), `${file} was not saved`);
      const judged = pdfsig(file, nss);
      assert.match(judged.output, /Signature is Valid/, judged.output);
      assert.match(judged.output, /Certificate is Trusted/, judged.output);
      assert.ok(qpdfCheck(file).ok, `qpdf --check ${file}`);
    }
    assert.deepEqual(problems, []);
  });

  it('refuses a renamed text file, an empty file and an encrypted PDF inline, and keeps the good one', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await dropFiles(page, '[aria-label="Drop PDFs here"]', [
      { name: 'notes.pdf', bytes: new TextEncoder().encode('just some text, not a PDF\n') },
      { name: 'empty.pdf', bytes: new Uint8Array(0) },
      { name: 'locked.pdf', bytes: await makeEncryptedPdf() },
      { name: 'good.pdf', bytes: await makePdf({ pages: 2 }) },
    ]);
    const alert = page.getByRole('alert').filter({ hasText: '3 files were not added' });
    await alert.waitFor();
    await alert.getByText(/notes\.pdf: This is not a PDF document/).waitFor();
    await alert.getByText(/empty\.pdf: The file is empty/).waitFor();
    await alert.getByText(/locked\.pdf: The PDF is password-protected/).waitFor();
    const pane = page.locator('aside.job-pane');
    await pane.getByRole('heading', { name: 'good.pdf' }).waitFor();
    await pane.getByText('1 document', { exact: true }).waitFor();
    await checkScreen(page, '07-bad-files');
    assert.deepEqual(problems, []);
  });

  it('shows the main screens in Spanish with no English left', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await page.getByLabel('Language').selectOption('es');
    await page.getByRole('button', { name: 'Añadir documentos' }).waitFor();
    const english = await visibleEnglish(page);
    await checkScreen(page, '08-queue-es');
    await page.getByRole('navigation').getByRole('button').nth(1).click();
    await page.getByRole('heading', { level: 2 }).first().waitFor();
    const englishConnection = await visibleEnglish(page);
    await checkScreen(page, '09-connection-es');
    await page.getByLabel('Idioma').selectOption('en');
    assert.deepEqual([...english, ...englishConnection], []);
    assert.deepEqual(problems, []);
  });
});

/** The training sandbox's CA, to make pdfsig trust what it signed. */
async function trainingCaUrl(page: Page): Promise<string> {
  // Runs in the page (a string: the test tsconfig has no DOM types), with the page's own key.
  const body = await page.evaluate<{ value: { profiles: { id: string; baseUrl: string }[] } }>(`(async () => {
    const key = sessionStorage.getItem('oneshot-host-key') ?? '';
    const res = await fetch('/api/profiles.list', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + key },
      body: '{}',
    });
    return res.json();
  })()`);
  const base = body.value.profiles.find((p) => p.id === 'training')?.baseUrl ?? '';
  return `${base}/sandbox/ca.pem`;
}

/** English words of the interface still visible (product names and data excluded). */
async function visibleEnglish(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const words = [
    'Queue',
    'Connection',
    'Drop PDFs here',
    'Add documents',
    'Needs signer',
    'Running',
    'Failed',
    'Select all',
    'Start',
    'Pause',
    'Retry',
    'Remove',
    'Overall',
    'No jobs yet',
    'Training sandbox:',
    'Version',
    'Optimizer profiles',
    'RAO tokens',
    'Create token',
    'Username',
    'Password',
    'Status',
    'Reachable',
    'online',
    'Edit',
  ];
  return words.filter((w) => new RegExp(`\\b${w}\\b`).test(text));
}
