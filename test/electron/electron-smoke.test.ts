// The same smoke checks as the browser-mode test, in the real Electron window, wherever the
// Electron binary is installed. Where it is not (offline build machines, this project's CI), the
// test says so plainly and is reported as skipped — never as passed.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { electronSkip, launchElectronApp } from '../helpers/electron-app';
import { REPO_ROOT } from '../helpers/sandbox-process';

const skip = electronSkip('the browser-mode smoke test');

it(
  'opens the Electron window on app://, with no Node on the page and a bridge that answers',
  { skip },
  async () => {
    assert.ok(existsSync(join(REPO_ROOT, 'dist/main.mjs')), 'run npm run build first');
    const app = await launchElectronApp();
    try {
      const page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
      assert.equal(await page.title(), 'One-Shot Desk');
      assert.match(page.url(), /^app:\/\/oneshot\//);
      assert.deepEqual(
        await page.evaluate(() => [
          typeof (globalThis as Record<string, unknown>).require,
          typeof (globalThis as Record<string, unknown>).process,
        ]),
        ['undefined', 'undefined'],
      );
      await page.getByRole('heading', { name: 'One-Shot Desk' }).waitFor();
      await page.getByText(/: online/).waitFor({ timeout: 20_000 });
    } finally {
      await app.close();
    }
  },
);
