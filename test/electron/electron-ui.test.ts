// The RAO's screens in the real Electron window, wherever the Electron binary is installed: files
// dropped on the queue are checked (bad ones refused inline by name, the good one drafted), the
// draft opens, and axe finds nothing serious on it. Skipped with the reason printed elsewhere —
// test/browser/rao-day.test.ts proves the same flow, and more, in Chromium.
import { strict as assert } from 'node:assert';
import { it } from 'node:test';
import { makeEncryptedPdf, makePdf } from '../fixtures/pdfs';
import { axe, dropFiles, screenshot } from '../helpers/desk-browser';
import { electronSkip, launchElectronApp } from '../helpers/electron-app';

const skip = electronSkip('test/browser/rao-day.test.ts');

it('checks dropped files in the Electron window and drafts the good one', { skip }, async () => {
  const app = await launchElectronApp();
  try {
    const page = await app.firstWindow();
    await page.getByRole('region', { name: 'Drop PDFs here' }).waitFor({ timeout: 30_000 });
    await dropFiles(page, '[aria-label="Drop PDFs here"]', [
      { name: 'notes.pdf', bytes: new TextEncoder().encode('not a PDF\n') },
      { name: 'locked.pdf', bytes: await makeEncryptedPdf() },
      { name: 'good.pdf', bytes: await makePdf() },
    ]);
    const alert = page.getByRole('alert').filter({ hasText: '2 files were not added' });
    await alert.getByText(/notes\.pdf: This is not a PDF document/).waitFor();
    await alert.getByText(/locked\.pdf: The PDF is password-protected/).waitFor();
    await page.locator('aside.job-pane').getByRole('heading', { name: 'good.pdf' }).waitFor();
    await screenshot(page, 'electron-draft');
    assert.deepEqual((await axe(page)).blocking, []);
  } finally {
    await app.close();
  }
});
