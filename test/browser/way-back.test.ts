// A way back from every stop, in browser mode against an Optimizer in its own process that refuses
// one file: a Retry that would fail the same way says why (in the RAO's language), Cancel asks
// first and says what happens on the Optimizer, the cancelled job says it was cancelled (not
// "paused"), "Copy as new draft" keeps the signer, documents and placement so the job is signed
// without retyping anything, and a removed job comes back with Undo.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { makePdf } from '../fixtures/pdfs';
import {
  createToken,
  dropFiles,
  fillExternalSigner,
  openDesk,
  pageValue,
  screenshot,
  SKIP_WITHOUT_KEYRING,
  type DeskHost,
  startOfficeDesk,
  stopOfficeDesk,
} from '../helpers/desk-browser';
import { nssDbTrusting, pdfsig } from '../helpers/pdf-judges';
import { call } from '../helpers/sandbox';
import type { SandboxProcess } from '../helpers/sandbox-process';

type Stats = { requests: Record<string, Record<string, number>> };

interface JobRow {
  id: string;
  label: string;
  state: string;
  documents: { filename: string; stamp: { page: number } | null }[];
}

describe('a way back from every stop', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  let sandbox: SandboxProcess;
  const sandboxData = mkdtempSync(join(tmpdir(), 'desk-way-back-optimizer-'));

  before(async () => {
    ({ sandbox, host, browser } = await startOfficeDesk(sandboxData, ['--refuse-documents', 'scan']));
  });
  after(() => stopOfficeDesk({ sandbox, host, browser }));

  it('says why Retry cannot help, cancels after asking, copies the job as a draft and signs it', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await createToken(page, { username: 'rao.back', password: 'way back password', pin: '1357' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    const files = await Promise.all(
      [
        { name: 'contrato.pdf', pages: 2 },
        { name: 'scan-dni.pdf', pages: 1 },
      ].map(async (f) => ({ name: f.name, bytes: await makePdf({ pages: f.pages, text: f.name }) })),
    );
    await dropFiles(page, '[aria-label="Drop PDFs here"]', files);
    await page.getByRole('button', { name: /^contrato\.pdf \+1/ }).click();
    const pane = page.locator('aside.job-pane');
    const outputDir = join(host.dataDir, 'way-back-out');
    await fillExternalSigner(pane, { surname: 'Wiśniewski', value: 'bio-first', outputDir });
    // One rule for the job: the stamp at the bottom left of each document's last page.
    const jobs = await pageValue<{ jobs: JobRow[] }>(page, 'jobs.list', {});
    const original = jobs.jobs[0];
    assert.ok(original);
    const placement = {
      rule: { page: 'last', corner: 'bottom-left', x: 40, y: 40, width: 180, height: 60 },
    };
    await pageValue(page, 'appearance.apply', { jobIds: [original.id], placement });
    await pane.getByRole('button', { name: 'Start' }).click();

    // The Optimizer refuses the scan: Retry would fail the same way, and the pane says so.
    const blocked = pane.getByRole('note').filter({ hasText: 'Retry is not offered' });
    await blocked.waitFor({ timeout: 60_000 });
    assert.match((await blocked.textContent()) ?? '', /the Optimizer refused “\u2068?scan-dni\.pdf\u2069?”/);
    assert.equal(await pane.getByRole('button', { name: 'Retry' }).count(), 0);
    assert.equal(await pane.getByRole('button', { name: 'Pause' }).count(), 0, 'no Pause on a failed job');
    // Asked anyway from the queue's toolbar, the refusal is worded in the RAO's language.
    await page.getByRole('checkbox', { name: /^Select Jan Wiśniewski/ }).check();
    const toolbar = page.getByRole('group', { name: 'Actions on the selected jobs' });
    await toolbar.getByRole('button', { name: 'Retry' }).click();
    // The toolbar's notice (the pane's own alert says the same under "Retry is not offered").
    await page
      .getByRole('alert')
      .filter({ hasText: /^Not possible now\. Retrying “Jan Wiśniewski” would fail the same way/ })
      .waitFor();
    assert.equal(await toolbar.getByRole('button', { name: 'Start' }).count(), 0, 'no Start on a failed job');
    await screenshot(page, '40-retry-says-why');

    // Cancel asks first, naming what happens on the Optimizer; "No" keeps the job as it was.
    await pane.getByRole('button', { name: 'Cancel' }).click();
    const confirm = pane.getByRole('alertdialog', { name: 'Cancel “Jan Wiśniewski”?' });
    await confirm.waitFor();
    assert.match(
      (await confirm.textContent()) ?? '',
      /cancelled on the Optimizer and its copies of the documents are deleted there.*no longer be cancelled/,
    );
    await screenshot(page, '41-cancel-confirmation');
    await confirm.getByRole('button', { name: 'No, keep it' }).click();
    await confirm.waitFor({ state: 'detached' });
    await pane.getByRole('button', { name: 'Cancel' }).click();
    await confirm.getByRole('button', { name: 'Yes, cancel' }).click();
    await pane.getByRole('heading', { name: 'This job was cancelled' }).waitFor({ timeout: 30_000 });
    // The toolbar follows: a cancelled job may be removed, never retried or cancelled again.
    await toolbar.getByRole('button', { name: 'Remove' }).waitFor();
    assert.equal(await toolbar.getByRole('button', { name: /^(Retry|Cancel|Start)/ }).count(), 0);
    assert.equal((await pane.locator('.job-head .chip').textContent())?.trim(), 'Cancelled');
    assert.equal(await pane.getByRole('button', { name: /^(Retry|Start|Pause|Resume|Cancel)$/ }).count(), 0);
    await screenshot(page, '42-cancelled-job');
    const stats = (await call<Stats>(sandbox.baseUrl, 'GET', '/sandbox/stats')).body.requests;
    const first = Object.values(stats).filter((s) => (s.creates ?? 0) > 0);
    assert.equal(first.length, 1);
    assert.equal(first[0]?.stored_documents, 0, 'the cancelled request keeps no document copies');

    // A copy keeps the signer, the documents and the placement; only the external value is asked again.
    await pane.getByRole('button', { name: 'Copy as new draft' }).click();
    await pane.getByRole('heading', { name: 'Jan Wiśniewski' }).waitFor();
    await pane.getByText('Needs details').waitFor();
    assert.equal(await pane.getByLabel('First surname').inputValue(), 'Wiśniewski');
    assert.equal(await pane.getByLabel('ID document number').inputValue(), 'AB1234567');
    assert.equal(await pane.getByLabel('E-mail').inputValue(), 'jan.kowalski@example.com');
    assert.equal(await pane.getByRole('combobox', { name: 'Method' }).inputValue(), 'biometric');
    await pane.getByText('2 documents').waitFor();
    const afterCopy = await pageValue<{ jobs: JobRow[] }>(page, 'jobs.list', {});
    const copy = afterCopy.jobs.find((j) => j.id !== original.id);
    assert.ok(copy && copy.state === 'draft');
    const details = await pageValue<{ placement: unknown }>(page, 'jobs.details', { jobId: copy.id });
    assert.deepEqual(details.placement, placement);
    assert.deepEqual(
      copy.documents.map((d) => [d.filename, d.stamp?.page]),
      [
        ['contrato.pdf', 2],
        ['scan-dni.pdf', 1],
      ],
    );
    await screenshot(page, '43-copied-draft');

    // The refused scan leaves the draft; the signer gives the external value again; it signs.
    await pane.getByRole('button', { name: 'Remove scan-dni.pdf' }).click();
    await pane.getByText('1 document', { exact: true }).waitFor();
    await pane.getByLabel('Value').fill('bio-second');
    await pane.getByLabel('Value').blur();
    await pane.getByRole('button', { name: 'Start' }).click();
    await pane.getByRole('heading', { name: 'Signed documents' }).waitFor({ timeout: 90_000 });
    await page.getByText('1 of 1 done').waitFor({ timeout: 90_000 });
    const saved = readdirSync(outputDir).filter((f) => f.endsWith('.signed.pdf'));
    assert.deepEqual(saved, ['contrato.signed.pdf']);
    const nss = nssDbTrusting(await fetch(`${sandbox.baseUrl}/sandbox/ca.pem`).then((r) => r.text()));
    const judged = pdfsig(join(outputDir, 'contrato.signed.pdf'), nss);
    assert.ok(judged.signatures.at(-1)?.valid && judged.signatures.at(-1)?.trusted, judged.output);
    await screenshot(page, '44-copy-signed');
    assert.deepEqual(
      problems.filter((p) => !p.includes('Failed to load resource')),
      [],
    );
  });

  it('removes a job with Undo, and Undo brings it back', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    const before = await pageValue<{ total: number }>(page, 'jobs.list', {});
    await page
      .getByRole('button', { name: /^Jan Wiśniewski/ })
      .first()
      .click();
    const pane = page.locator('aside.job-pane');
    await pane.getByRole('heading', { name: 'Jan Wiśniewski' }).waitFor();
    // Open the cancelled one (the first job), whose Remove is offered beside Copy as new draft.
    const rows = page.getByRole('listitem').filter({ hasText: 'Cancelled' });
    await rows.getByRole('button', { name: /^Jan Wiśniewski/ }).click();
    await pane.getByRole('heading', { name: 'This job was cancelled' }).waitFor();
    await pane.getByRole('button', { name: 'Remove' }).click();
    const note = page.getByRole('status').filter({ hasText: '“Jan Wiśniewski” was removed.' });
    await note.waitFor();
    await page.getByRole('region', { name: `${before.total - 1} job` }).waitFor();
    await screenshot(page, '45-removed-with-undo');
    await note.getByRole('button', { name: 'Undo' }).click();
    await note.waitFor({ state: 'detached' });
    await page.getByRole('region', { name: `${before.total} jobs` }).waitFor();
    await page.getByRole('listitem').filter({ hasText: 'Cancelled' }).waitFor();
    const events = await pageValue<{ events: { kind: string }[] }>(page, 'audit.list', {});
    const kinds = events.events.map((e) => e.kind);
    assert.ok(kinds.includes('job.removed') && kinds.includes('job.restored'), kinds.join(', '));
    assert.deepEqual(problems, []);
  });
});
