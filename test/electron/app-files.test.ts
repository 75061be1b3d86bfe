// The app:// handler's answers, without Electron: the built renderer and nothing else — no climbing
// out of the folder by `..`, encoded dots, backslashes or a symlink, no dotfiles, no other host —
// and the app's CSP on every response, refusals included.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { APP_START_URL, rendererResponse } from '../../electron/app-files';
import { DEFAULT_CSP } from '../../electron/host/guard';

const base = mkdtempSync(join(tmpdir(), 'app-files-'));
const www = join(base, 'renderer');
mkdirSync(join(www, 'assets'), { recursive: true });
writeFileSync(join(www, 'index.html'), '<!doctype html><title>One-Shot Desk</title>');
writeFileSync(join(www, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(www, '.env'), 'SECRET=1');
writeFileSync(join(base, 'outside.txt'), 'outside');
writeFileSync(join(base, 'outside.js'), 'outside');
symlinkSync(join(base, 'outside.js'), join(www, 'assets', 'link.js'));

describe('app:// renderer files', () => {
  it('serves the start page and scripts with their types and the CSP', async () => {
    const page = await rendererResponse(APP_START_URL, www);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(page.headers.get('content-security-policy'), DEFAULT_CSP);
    assert.match(await page.text(), /One-Shot Desk/);
    const script = await rendererResponse('app://oneshot/assets/app.js', www);
    assert.equal(script.status, 200);
    assert.match(script.headers.get('content-type') ?? '', /^text\/javascript/);
    assert.equal((await rendererResponse('app://oneshot/', www)).status, 200);
  });

  for (const path of [
    '/../outside.txt',
    '/../outside.js',
    '/assets/../../outside.js',
    '/%2e%2e/outside.js',
    '/%2E%2E%2Foutside.js',
    '/..%2foutside.js',
    '/..%5coutside.js',
    '/assets/..\\..\\outside.js',
    '/.env',
    '/assets/%2e%65nv',
    '/%00index.html',
    '/C:/Windows/win.ini',
    '/assets/link.js',
    '/missing.js',
    '/index.exe',
  ]) {
    it(`refuses ${path} with a 404 that still carries the CSP`, async () => {
      const response = await rendererResponse(`app://oneshot${path}`, www);
      assert.equal(response.status, 404);
      assert.equal(response.headers.get('content-security-policy'), DEFAULT_CSP);
      assert.equal(await response.text(), '');
    });
  }

  it('answers only its own scheme and host', async () => {
    assert.equal((await rendererResponse('app://elsewhere/index.html', www)).status, 404);
    assert.equal((await rendererResponse('https://oneshot/index.html', www)).status, 404);
    assert.equal((await rendererResponse('not a url', www)).status, 400);
  });
});
