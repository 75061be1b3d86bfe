// A document the Optimizer refuses does not sink its job: in browser mode, against an Optimizer in
// its own process that refuses one file (415), the job stops naming that file with the Optimizer's
// words; the RAO removes it and the job finishes with the other documents — nothing retyped,
// nothing uploaded twice — and each signed file is judged by pdfsig.
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

describe('a refused document in browser mode', { skip: SKIP_WITHOUT_KEYRING }, () => {
  let browser: Browser;
  let host: DeskHost;
  let sandbox: SandboxProcess;
  const sandboxData = mkdtempSync(join(tmpdir(), 'desk-refusing-optimizer-'));

  before(async () => {
    ({ sandbox, host, browser } = await startOfficeDesk(sandboxData, ['--refuse-documents', 'scan']));
  });
  after(() => stopOfficeDesk({ sandbox, host, browser }));

  it('names the refused file with the Optimizer’s words, removes it, and signs the others', async () => {
    const { page, problems } = await openDesk(browser, host.url);
    await createToken(page, { username: 'rao.refused', password: 'refused password', pin: '2468' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Queue' }).click();
    const names = ['umowa.pdf', 'scan-dowodu.pdf', 'aneks.pdf'];
    const files = await Promise.all(
      names.map(async (name) => ({ name, bytes: await makePdf({ text: `Document ${name}` }) })),
    );
    await dropFiles(page, '[aria-label="Drop PDFs here"]', files);
    await page.getByRole('button', { name: /^umowa\.pdf \+2/ }).click();
    const pane = page.locator('aside.job-pane');
    const outputDir = join(host.dataDir, 'refused-out');
    await fillExternalSigner(pane, { surname: 'Nowak', value: 'bio-refused-1', outputDir });
    await pane.getByRole('button', { name: 'Start' }).click();

    // File names inside sentences sit between bidi isolates (U+2068 … U+2069).
    const remove = pane.getByRole('button', {
      name: 'Remove \u2068scan-dowodu.pdf\u2069 and go on with the others',
    });
    await remove.waitFor({ timeout: 60_000 });
    const note = pane.getByRole('note').filter({ hasText: 'The Optimizer refused this document' });
    assert.match(
      (await note.textContent()) ?? '',
      /The Optimizer refused this document: .*scan-dowodu\.pdf is not accepted by this Optimizer/,
    );
    await pane
      .getByRole('alert')
      .filter({ hasText: /refused “\u2068?scan-dowodu\.pdf\u2069?”/ })
      .waitFor();
    // Retry is not offered while the refused file is there: the pane says why instead.
    await pane
      .getByRole('note')
      .filter({ hasText: /Retry is not offered: .*refused “\u2068?scan-dowodu\.pdf\u2069?”/ })
      .waitFor();
    assert.equal(await pane.getByRole('button', { name: 'Retry' }).count(), 0);
    await screenshot(page, '30-refused-document');

    await remove.click();
    await pane.getByRole('heading', { name: 'Signed documents' }).waitFor({ timeout: 90_000 });
    await page.getByText('1 of 1 done').waitFor({ timeout: 90_000 });
    await screenshot(page, '31-refused-document-removed-signed');

    const saved = readdirSync(outputDir)
      .filter((f) => f.endsWith('.signed.pdf'))
      .sort();
    assert.deepEqual(saved, ['aneks.signed.pdf', 'umowa.signed.pdf']);
    const nss = nssDbTrusting(await fetch(`${sandbox.baseUrl}/sandbox/ca.pem`).then((r) => r.text()));
    for (const file of saved) {
      const judged = pdfsig(join(outputDir, file), nss);
      assert.ok(judged.signatures.at(-1)?.valid && judged.signatures.at(-1)?.trusted, judged.output);
    }
    const stats = (await call<Stats>(sandbox.baseUrl, 'GET', '/sandbox/stats')).body.requests;
    const used = Object.values(stats).filter((s) => (s.documents ?? 0) > 0);
    assert.equal(used.length, 1, 'one request');
    assert.equal(used[0]?.documents, 2, 'each accepted document uploaded once');
    assert.equal(used[0]?.certificates, 1);
    assert.equal(used[0]?.stored_documents, 0, 'nothing left on the Optimizer');
    assert.deepEqual(
      problems.filter((p) => !p.includes('Failed to load resource')),
      [],
    );
  });
});
