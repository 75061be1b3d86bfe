// One-Shot Desk in browser mode for end-to-end tests: `electron/host/cli.ts` in its own process
// group with a fresh data folder, Debian's Chromium driven by playwright-core, axe on demand, and
// screenshots under test-results/ to look at.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { KEYRING, NO_KEYRING_REASON } from './keyring';
import { REPO_ROOT, spawnSandbox, type SandboxProcess } from './sandbox-process';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];
export const SKIP_WITHOUT_KEYRING = KEYRING ? false : NO_KEYRING_REASON;
export const RESULTS_DIR = join(REPO_ROOT, 'test-results');

/**
 * A machine-wide file (ONESHOT_MACHINE_CONFIG) naming one Optimizer profile, "Office Optimizer", as
 * IT would set it up, active from the first start. Returns the file's path.
 */
export function officeMachineConfig(dir: string, baseUrl: string): string {
  const path = join(dir, 'machine-config.json');
  writeFileSync(
    path,
    JSON.stringify({
      profiles: [
        {
          id: 'office',
          name: 'Office Optimizer',
          baseUrl,
          env: 'sandbox',
          defaultRegistrationAuthority: '3',
          defaultProfile: 'PFnubeAFCiudadano',
        },
      ],
      activeProfile: 'office',
    }),
  );
  return path;
}

/** An office's desk: a sandbox Optimizer started with `sandboxArgs`, a host whose machine-wide
 * file names it (`officeMachineConfig`), and Chromium. */
export async function startOfficeDesk(
  sandboxData: string,
  sandboxArgs: string[],
): Promise<{ sandbox: SandboxProcess; host: DeskHost; browser: Browser }> {
  const sandbox = await spawnSandbox(['--port', '0', '--data', sandboxData, ...sandboxArgs]);
  const config = officeMachineConfig(sandboxData, sandbox.baseUrl);
  const host = await startDeskHost({ env: { ONESHOT_MACHINE_CONFIG: config } });
  return { sandbox, host, browser: await launchChromium() };
}

/** Stops what `startOfficeDesk` started (whatever of it did start). */
export async function stopOfficeDesk(desk: {
  sandbox?: SandboxProcess;
  host?: DeskHost;
  browser?: Browser;
}): Promise<void> {
  await desk.browser?.close();
  await desk.host?.stop();
  await desk.sandbox?.kill();
}

export interface DeskHost {
  url: string;
  dataDir: string;
  child: ChildProcess;
  stderr: () => string;
  stop(): Promise<void>;
}

export async function startDeskHost(
  options: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<DeskHost> {
  // DESK_RENDERER_DIR: a renderer built elsewhere (parallel development builds); dist/ otherwise.
  const rendererDir = process.env.DESK_RENDERER_DIR ?? join(REPO_ROOT, 'dist/renderer');
  assert.ok(
    existsSync(join(rendererDir, 'index.html')),
    'the renderer is not built: run `npm run build` before the tests',
  );
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'desk-e2e-'));
  const child = spawn(
    process.execPath,
    [
      // The bundle test/run.mjs has just built from the current source, as `npm run start:web` runs it.
      'dist/host/cli.mjs',
      '--port',
      '0',
      '--data',
      dataDir,
      '--no-open',
      '--renderer',
      rendererDir,
    ],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
      env: { ...process.env, ...options.env },
    },
  );
  let err = '';
  child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`start:web exited with ${code}: ${err}`)));
    setTimeout(() => reject(new Error(`start:web printed nothing in 60 s: ${err}`)), 60_000).unref();
  });
  // The exact line the README promises: the address with a one-time code in the fragment.
  const printed =
    /^One-Shot Desk \(browser mode\): (http:\/\/127\.0\.0\.1:\d+)\/#code=([A-Za-z0-9_-]+)$/.exec(line);
  assert.ok(printed?.[1] && printed[2], `unexpected first line: ${line}`);
  // The code works once; tests open several pages, so it is exchanged here, as the page would, and
  // each page gets the key in the fragment (which the page also accepts, and which no server sees).
  const exchanged = await fetch(`${printed[1]}/launch`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code: printed[2] }),
  });
  const answer = (await exchanged.json()) as { ok: boolean; value?: { key: string } };
  assert.ok(answer.ok && answer.value, `the printed code was refused: ${JSON.stringify(answer)}`);
  const url = `${printed[1]}/#key=${answer.value.key}`;
  return {
    url,
    dataDir,
    child,
    stderr: () => err,
    async stop() {
      if (child.exitCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      }
    },
  };
}

/** `fakeCamera`: Chromium's built-in test camera (a moving pattern), so capture can be tested. */
export function launchChromium(options: { fakeCamera?: boolean } = {}): Promise<Browser> {
  assert.ok(
    existsSync(CHROMIUM),
    `no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`,
  );
  const camera = options.fakeCamera
    ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']
    : [];
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS, ...camera], headless: true });
}

/** Presses Tab until `target` has the focus (a keyboard-only path to it exists), or fails. */
export async function tabTo(page: Page, target: Locator, maxPresses = 200): Promise<void> {
  await target.waitFor();
  for (let i = 0; i < maxPresses; i++) {
    const focused = await target.evaluate(
      (el: { ownerDocument: { activeElement: unknown } }) => el.ownerDocument.activeElement === el,
    );
    if (focused) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`no keyboard path to ${target.toString()} within ${maxPresses} Tab presses`);
}

/** A page on the desk that fails the test on any console error or CSP violation. */
/** Whether `target` holds the focus now. */
export const focusedIs = (target: Locator): Promise<boolean> =>
  target.evaluate(
    (el: { ownerDocument: { activeElement: unknown } }) => el.ownerDocument.activeElement === el,
  );

/** Waits until `target` holds the focus (the desk moves it to where the work is after an action). */
export async function waitForFocus(target: Locator, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await focusedIs(target)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the focus did not go to ${what}`);
}

export async function openDesk(browser: Browser, url: string): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  await page.getByRole('heading', { name: 'One-Shot Desk', level: 1 }).waitFor();
  return { page, problems };
}

export interface AxeFinding {
  id: string;
  impact: string | null | undefined;
  nodes: number;
  help: string;
}

/** axe-core over the current screen: the serious and critical findings (to assert empty), and all. */
export async function axe(page: Page): Promise<{ blocking: AxeFinding[]; all: AxeFinding[] }> {
  const result = await new AxeBuilder({ page }).analyze();
  const all = result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.length,
    help: v.help,
  }));
  return { all, blocking: all.filter((v) => v.impact === 'serious' || v.impact === 'critical') };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Drops files on an element as a person would (a DataTransfer with File objects). */
export async function dropFiles(
  page: Page,
  selector: string,
  files: { name: string; bytes: Uint8Array; type?: string }[],
): Promise<void> {
  const payload = files.map((f) => ({
    name: f.name,
    type: f.type ?? 'application/pdf',
    base64: Buffer.from(f.bytes).toString('base64'),
  }));
  const dataTransfer = await page.evaluateHandle((items) => {
    // Runs in the page; the test tsconfig has no DOM types, so the few used are named here.
    const page = globalThis as unknown as {
      DataTransfer: new () => { items: { add(file: unknown): void } };
      File: new (parts: Uint8Array[], name: string, options: { type: string }) => unknown;
      atob(text: string): string;
    };
    const dt = new page.DataTransfer();
    for (const item of items) {
      const binary = page.atob(item.base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      dt.items.add(new page.File([bytes], item.name, { type: item.type }));
    }
    return dt;
  }, payload);
  await page.locator(selector).dispatchEvent('drop', { dataTransfer });
}

/**
 * Creates an RAO token on the Connection screen of the active Optimizer, and checks that the
 * password and PIN are gone from the page the moment the call has returned.
 */
export async function createToken(
  page: Page,
  rao: { username: string; password: string; pin: string },
): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Connection' }).click();
  await page.getByText(/Reachable · version/).waitFor({ timeout: 20_000 });
  const form = page.getByRole('form', { name: 'New RAO token' });
  await form.getByLabel('Username').fill(rao.username);
  await form.getByLabel('Password').fill(rao.password);
  await form.getByLabel('PIN').fill(rao.pin);
  await form.getByRole('button', { name: 'Create token' }).click();
  await page.getByRole('radio', { name: new RegExp(rao.username.replace(/[.]/g, '\\.')) }).waitFor();
  assert.equal(await form.getByLabel('Password').inputValue(), '');
  assert.equal(await form.getByLabel('PIN').inputValue(), '');
}

/**
 * Fills an open draft's signer form for an unattended job (a Polish passport holder, external
 * "biometric" method) and its output folder; `surname` tells the jobs apart in the queue.
 */
export async function fillExternalSigner(
  pane: Locator,
  options: { surname: string; value: string; outputDir: string },
): Promise<void> {
  await pane.getByLabel('Given name').fill('Jan');
  await pane.getByLabel('First surname').fill(options.surname);
  await pane.getByLabel('ID document type').selectOption('PAS');
  await pane.getByLabel('ID document country').selectOption('PL');
  await pane.getByLabel('ID document number').fill('AB1234567');
  await pane.getByLabel('E-mail').fill('jan.kowalski@example.com');
  await pane.getByLabel(/Mobile phone/).fill('+48600123456');
  await pane.getByLabel('External authentication method').check();
  await pane.getByRole('combobox', { name: 'Method' }).selectOption('biometric');
  await pane.getByLabel('Value').fill(options.value);
  await pane.getByLabel('Folder for signed files').fill(options.outputDir);
  await pane.getByLabel('Folder for signed files').blur();
}

/** A contract operation called from the page with the page's own key (the tests have no DOM types). */
export function pageCall<T>(
  page: Page,
  name: string,
  args: unknown,
): Promise<{ ok: boolean; value: T; error?: unknown }> {
  return page.evaluate<{ ok: boolean; value: T; error?: unknown }>(`(async () => {
    const key = sessionStorage.getItem('oneshot-host-key') ?? '';
    const res = await fetch('/api/${name}', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + key },
      body: ${JSON.stringify(JSON.stringify(args))},
    });
    return res.json();
  })()`);
}

/** pageCall that must succeed: its value. */
export async function pageValue<T>(page: Page, name: string, args: unknown): Promise<T> {
  const answer = await pageCall<T>(page, name, args);
  if (!answer.ok) throw new Error(`${name}: ${JSON.stringify(answer.error)}`);
  return answer.value;
}

/** A desk host and Chromium, started before the suite's tests and stopped after them. */
export function deskForSuite(): { readonly host: DeskHost; readonly browser: Browser } {
  const held = {} as { host: DeskHost; browser: Browser };
  before(async () => {
    [held.host, held.browser] = await Promise.all([startDeskHost(), launchChromium()]);
  });
  after(async () => {
    await held.browser?.close();
    await held.host?.stop();
  });
  return held;
}
