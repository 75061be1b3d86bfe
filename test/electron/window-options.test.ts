// The window's options as a packaged build and a development run get them: DevTools and the default
// menu only from source, the hardening always.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { packagedMenuTemplate, windowWebPreferences } from '../../electron/window-options';

const roles = (items: MenuItemConstructorOptions[]): string[] =>
  items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);

describe('window options', () => {
  it('turns DevTools off in a packaged build and keeps them in development', () => {
    assert.equal(windowWebPreferences({ preload: '/p.cjs', isPackaged: true }).devTools, false);
    assert.equal(windowWebPreferences({ preload: '/p.cjs', isPackaged: false }).devTools, true);
  });

  it('keeps the hardening whether packaged or not', () => {
    for (const isPackaged of [true, false]) {
      const prefs = windowWebPreferences({ preload: '/p.cjs', isPackaged });
      assert.equal(prefs.preload, '/p.cjs');
      assert.equal(prefs.contextIsolation, true);
      assert.equal(prefs.sandbox, true);
      assert.equal(prefs.nodeIntegration, false);
      assert.equal(prefs.nodeIntegrationInSubFrames, false);
      assert.equal(prefs.webSecurity, true);
      assert.equal(prefs.allowRunningInsecureContent, false);
      assert.equal(prefs.webviewTag, false);
    }
  });

  it('drops the default menu in a packaged build: none on Windows and Linux, no DevTools or reload on macOS', () => {
    assert.equal(packagedMenuTemplate(false, 'linux'), undefined, 'development keeps the default menu');
    assert.equal(packagedMenuTemplate(true, 'linux'), null);
    assert.equal(packagedMenuTemplate(true, 'win32'), null);
    const mac = packagedMenuTemplate(true, 'darwin');
    assert.ok(Array.isArray(mac));
    const macRoles = roles(mac);
    for (const role of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu', 'windowMenu']) {
      assert.ok(!macRoles.includes(role), `${role} in the packaged macOS menu`);
    }
    for (const role of ['quit', 'copy', 'paste']) assert.ok(macRoles.includes(role), `${role} missing`);
  });
});
