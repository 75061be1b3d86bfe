// Packaging and office-wide deployment: the installer targets and fuses that ship, and the
// machine-wide configuration file (a bad one is explained and never stops the app).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { FuseV1Options } from '@electron/fuses';
import { chooseUpdateFeed, machineConfigPath, readMachineConfig } from '../../electron/core/machine-config';

/** The build scripts are plain ES modules (electron-builder loads them as they are). */
const loadBuildModule = (name: string): Promise<Record<string, unknown>> =>
  import(new URL(`../../build/${name}`, import.meta.url).href) as Promise<Record<string, unknown>>;

const dir = mkdtempSync(join(tmpdir(), 'machine-config-'));
const write = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

/** The checkout: the bundle check runs inside it, so node_modules (pdf.js's canvas polyfill) resolves as in the app. */
const REPO_ROOT = new URL('../../', import.meta.url).pathname;

describe('packaging', () => {
  it('builds NSIS, MSI, dmg, AppImage and deb, in an asar, with the fuses flipped after packing', async () => {
    const config = (await loadBuildModule('electron-builder.config.mjs')).default as Record<string, unknown>;
    assert.equal(config.productName, 'One-Shot Desk');
    assert.equal(config.asar, true);
    assert.deepEqual((config.win as { target: string[] }).target, ['nsis', 'msi']);
    assert.deepEqual((config.mac as { target: string[] }).target, ['dmg']);
    assert.deepEqual((config.linux as { target: string[] }).target, ['AppImage', 'deb']);
    assert.equal(config.afterPack, './build/after-pack.mjs');
    assert.equal(typeof (await loadBuildModule('after-pack.mjs')).default, 'function');
  });

  it('turns off RunAsNode, NODE_OPTIONS and --inspect and turns on asar integrity, asar-only and cookie encryption', async () => {
    const FUSES = (await loadBuildModule('fuses.mjs')).FUSES as Record<number, boolean>;
    assert.equal(FUSES[FuseV1Options.RunAsNode], false);
    assert.equal(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable], false);
    assert.equal(FUSES[FuseV1Options.EnableNodeCliInspectArguments], false);
    assert.equal(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation], true);
    assert.equal(FUSES[FuseV1Options.OnlyLoadAppFromAsar], true);
    assert.equal(FUSES[FuseV1Options.EnableCookieEncryption], true);
  });
});

describe('updates and icons', () => {
  it('ships a 512 px icon for every platform and a generic update feed', async () => {
    const config = (await loadBuildModule('electron-builder.config.mjs')).default as {
      directories: { buildResources: string };
      publish: { provider: string; url: string }[];
    };
    const png = readFileSync(join(config.directories.buildResources, 'icon.png'));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.equal(png.readUInt32BE(16), 512);
    assert.equal(png.readUInt32BE(20), 512);
    assert.equal(config.publish[0]?.provider, 'generic');
  });

  it('ships the licences of the viewer and fonts the renderer bundles', () => {
    const dir = new URL('../../dist/renderer/licenses/', import.meta.url).pathname;
    assert.ok(existsSync(dir), 'the renderer is not built: run `npm run build` first');
    for (const name of [
      'pdfjs-dist-LICENSE.txt',
      'pdfjs-standard-fonts-LICENSE_FOXIT.txt',
      'pdfjs-standard-fonts-LICENSE_LIBERATION.txt',
    ])
      assert.ok(readFileSync(join(dir, name), 'utf8').length > 500, name);
  });

  it('looks for updates only when installed, from the office mirror when set, never when IT turns it off', () => {
    assert.equal(chooseUpdateFeed(null, false), null);
    assert.deepEqual(chooseUpdateFeed(null, true), { url: undefined, channel: 'latest' });
    const mirror = readMachineConfig(
      write('updates.json', JSON.stringify({ updates: { url: 'https://it.example/desk', channel: 'beta' } })),
    );
    assert.ok(mirror.ok && mirror.config);
    assert.deepEqual(chooseUpdateFeed(mirror.config, true), {
      url: 'https://it.example/desk',
      channel: 'beta',
    });
    const off = readMachineConfig(write('updates-off.json', JSON.stringify({ updates: { enabled: false } })));
    assert.ok(off.ok && off.config);
    assert.equal(chooseUpdateFeed(off.config, true), null);
    const plain = readMachineConfig(
      write('updates-http.json', JSON.stringify({ updates: { url: 'http://it.example' } })),
    );
    assert.equal(plain.ok, false, 'an update feed over plain http must be refused');
  });
});

describe('machine-wide configuration', () => {
  it('lives where each platform keeps machine-wide settings', () => {
    assert.equal(
      machineConfigPath('win32', { ProgramData: 'C:\\ProgramData' }),
      join('C:\\ProgramData', 'OneShotDesk', 'config.json'),
    );
    assert.equal(machineConfigPath('darwin'), '/Library/Application Support/OneShotDesk/config.json');
    assert.equal(machineConfigPath('linux'), '/etc/oneshot-desk/config.json');
  });

  it('is optional', () => {
    assert.deepEqual(readMachineConfig(join(dir, 'absent.json')), {
      ok: true,
      path: join(dir, 'absent.json'),
      config: null,
    });
  });

  it('pre-sets profiles and defaults from a valid file', () => {
    const path = write(
      'good.json',
      JSON.stringify({
        profiles: [
          {
            id: 'office',
            name: 'Office Optimizer',
            baseUrl: 'https://optimizer.office.example/oneshot/api/v1',
            env: 'prod',
          },
        ],
        activeProfile: 'office',
        defaults: { language: 'es', concurrency: 2, defaultPlacement: OFFICE_PLACEMENT },
      }),
    );
    const result = readMachineConfig(path);
    assert.ok(result.ok && result.config);
    assert.equal(result.config.profiles[0]?.id, 'office');
    assert.equal(result.config.defaults.language, 'es');
    assert.deepEqual(result.config.defaults.defaultPlacement, OFFICE_PLACEMENT);
    const badPlacement = readMachineConfig(
      write(
        'placement.json',
        JSON.stringify({
          defaults: { defaultPlacement: { rule: { ...OFFICE_PLACEMENT.rule, corner: 'middle' } } },
        }),
      ),
    );
    assert.ok(!badPlacement.ok);
    assert.match(badPlacement.message, /defaults\.defaultPlacement\.rule\.corner/);
  });

  it('explains a file that is not JSON, or has a bad field, or a duplicate id — and never throws', () => {
    const notJson = readMachineConfig(write('bad.json', '{ profiles: ['));
    assert.ok(!notJson.ok && /not valid JSON/.test(notJson.message) && notJson.message.includes('bad.json'));
    const badField = readMachineConfig(
      write(
        'field.json',
        JSON.stringify({ profiles: [{ id: 'Office!', name: 'x', baseUrl: 'ftp://x', env: 'live' }] }),
      ),
    );
    assert.ok(!badField.ok);
    assert.match(badField.message, /profiles\.0\.id/);
    assert.match(badField.message, /profiles\.0\.baseUrl/);
    assert.match(badField.message, /profiles\.0\.env/);
    assert.match(badField.message, /Starting without it/);
    const unknownKey = readMachineConfig(
      write('unknown.json', JSON.stringify({ profiles: [], telemetry: true })),
    );
    assert.ok(!unknownKey.ok);
    const twice = { id: 'a', name: 'A', baseUrl: 'https://a.example/oneshot/api/v1', env: 'prod' };
    const dup = readMachineConfig(write('dup.json', JSON.stringify({ profiles: [twice, twice] })));
    assert.ok(!dup.ok && /used twice/.test(dup.message));
  });
});

/** The stamp IT puts on every new job: last page, bottom right, 36 pt in, 180 × 60 pt. */
const OFFICE_PLACEMENT = {
  rule: { page: 'last', corner: 'bottom-right', x: 36, y: 36, width: 180, height: 60 },
};

describe('pdf.js in the bundled main process', () => {
  it('reads pages and finds anchor text when bundled the way dist/main.mjs is (no worker file at run time)', async () => {
    const { build } = await import('esbuild');
    const dir = mkdtempSync(join(REPO_ROOT, '.bundle-check-'));
    try {
      const entry = join(dir, 'entry.ts');
      writeFileSync(
        entry,
        `import { openPdfLayout } from '../electron/core/placement/pdf-layout';
import { makePdf } from '../test/fixtures/pdfs';
const bytes = await makePdf({ pages: 2, rotate: { 1: 90 }, phrases: [{ page: 1, x: 100, y: 200, text: 'Firma: ____' }] });
const layout = await openPdfLayout(bytes);
process.stdout.write(JSON.stringify({ pages: layout.pages, found: await layout.findText('FIRMA:') }));
await layout.close();
`,
      );
      await build({
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        entryPoints: [entry],
        outfile: join(dir, 'out.mjs'),
        banner: {
          js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        },
        logLevel: 'error',
      });
      const run = spawnSync(process.execPath, [join(dir, 'out.mjs')], { encoding: 'utf8' });
      assert.equal(run.status, 0, run.stderr);
      const result = JSON.parse(run.stdout) as {
        pages: { rotation: number }[];
        found: { pageIndex: number; rect: number[] } | null;
      };
      assert.deepEqual(
        result.pages.map((p) => p.rotation),
        [0, 90],
      );
      assert.equal(result.found?.pageIndex, 1);
      assert.ok(Math.abs((result.found?.rect[0] ?? 0) - 100) < 0.5, JSON.stringify(result.found));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
