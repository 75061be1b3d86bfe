// Settings through the bridge on real core: every key refuses what it may not hold with a message
// that names the problem and what is allowed, unset keys answer their defaults, the concurrency
// changes the running queue at once (seen on calls in flight to a slow sandbox), and retention
// removes old finished originals and old ID images but never what an unfinished job still needs.
import { strict as assert } from 'node:assert';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { RUNNER_STATES } from '../../shared/job';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { settingsOperations } from '../../electron/core/bridge/settings';
import { openDesk, type Desk } from '../../electron/core/desk';
import { OptimizerClient } from '../../electron/core/optimizer/index';
import type { QueueOptimizer } from '../../electron/core/queue/optimizer-port';
import { applyNameTemplate } from '../../electron/core/queue/output-names';
import { applyRetention } from '../../electron/core/retention';
import { listEvents, openStore, type NewJob, type Store } from '../../electron/core/store/index';
import { IdImageStore, OsKeychain } from '../../electron/core/vault/index';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { KEYRING, NO_KEYRING_REASON } from '../helpers/keyring';
import { queueHarness } from '../helpers/queue-harness';
import { SIGNER } from '../helpers/sandbox';

const SKIP = KEYRING ? false : NO_KEYRING_REASON;
const eventsOf = (db: Store['db'], kind: string) => listEvents(db).filter((e) => e.kind === kind);
const DAY = 24 * 60 * 60 * 1000;

describe('settings', { skip: SKIP }, () => {
  let desk: Desk;
  let bridge: BridgeDispatcher;
  const work = mkdtempSync(join(tmpdir(), 'settings-'));

  before(async () => {
    desk = await openDesk({ dataDir: join(work, 'data') });
    bridge = createDispatcher(
      coreOperations(desk, { version: '0.1.0', training: false, dataDir: join(work, 'data') }),
      desk,
    );
  });
  after(async () => {
    await desk.close();
  });

  const set = (key: string, value: unknown) => bridge.call('settings.set', { key, value });
  const settings = async (): Promise<Record<string, unknown>> => {
    const r = await bridge.call('settings.get', {});
    assert.ok(r.ok);
    return (r.value as { settings: Record<string, unknown> }).settings;
  };
  /** Refused as a validation error whose message matches `words`; the stored value is unchanged. */
  async function refused(key: string, value: unknown, words: RegExp): Promise<void> {
    const before = (await settings())[key];
    const r = await set(key, value);
    assert.ok(!r.ok, `${key} = ${JSON.stringify(value)} was accepted`);
    assert.equal(r.error.code, 'validation');
    assert.match(r.error.message, words, `${key} = ${JSON.stringify(value)}: ${r.error.message}`);
    assert.ok(r.error.fields?.[key], 'the field is named so the screen can show it beside the input');
    assert.deepEqual((await settings())[key], before, 'a refused value never replaces the stored one');
  }

  it('answers the effective defaults for keys never set', async () => {
    assert.deepEqual(await settings(), {
      language: 'en',
      outputDir: join(homedir(), 'One-Shot Desk', 'Signed', '{date}', '{signer}'),
      nameTemplate: '{name}.signed.pdf',
      concurrency: 4,
      originalsRetentionDays: 30,
      idImageRetentionDays: 7,
      theme: 'system',
      signerLanguage: null,
      defaultPlacement: null,
    });
  });

  it("signers' language where the country does not settle it: ES, PL, EN or none", async () => {
    assert.ok((await set('signerLanguage', 'PL')).ok);
    assert.equal((await settings()).signerLanguage, 'PL');
    await refused('signerLanguage', 'pl', /must be one of ES, PL, EN/);
    await refused('signerLanguage', 'DE', /must be one of ES, PL, EN/);
    assert.ok((await set('signerLanguage', null)).ok);
    assert.equal((await settings()).signerLanguage, null);
  });

  it('default placement of new jobs: null or a rule as the placement editor makes it', async () => {
    const rule = { page: 'last', corner: 'bottom-right', x: 36, y: 36, width: 180, height: 60 };
    assert.ok((await set('defaultPlacement', { rule, anchor: { text: 'Firma:', dx: 0, dy: 14 } })).ok);
    await refused('defaultPlacement', { rule: { ...rule, corner: 'middle' } }, /must be null or a rule/);
    await refused('defaultPlacement', { rule: { ...rule, width: 0 } }, /must be null or a rule/);
    await refused('defaultPlacement', 'bottom right', /must be null or a rule/);
    assert.deepEqual((await settings()).defaultPlacement, {
      rule,
      anchor: { text: 'Firma:', dx: 0, dy: 14 },
    });
    assert.ok((await set('defaultPlacement', null)).ok);
    assert.equal((await settings()).defaultPlacement, null);
  });

  it('language: en, es or pl', async () => {
    assert.ok((await set('language', 'pl')).ok);
    assert.equal((await settings()).language, 'pl');
    await refused('language', 'de', /language must be one of en, es, pl/);
    await refused('language', 3, /en, es, pl/);
  });

  it('theme: system, light or dark', async () => {
    assert.ok((await set('theme', 'dark')).ok);
    assert.equal((await settings()).theme, 'dark');
    await refused('theme', 'blue', /theme must be one of system, light, dark/);
  });

  it('concurrency: a whole number from 1 to 16', async () => {
    assert.ok((await set('concurrency', 16)).ok);
    for (const bad of [0, 17, 2.5, '4', null]) await refused('concurrency', bad, /whole number from 1 to 16/);
    assert.ok((await set('concurrency', 4)).ok);
  });

  it('retention days: whole numbers from 0 (no limit) to 3650', async () => {
    for (const key of ['originalsRetentionDays', 'idImageRetentionDays']) {
      assert.ok((await set(key, 0)).ok);
      assert.ok((await set(key, 3650)).ok);
      assert.equal((await settings())[key], 3650);
      for (const bad of [-1, 3651, 1.5, '30']) await refused(key, bad, /whole number from 0 to 3650/);
    }
  });

  it('name template: a safe file name that tells the documents apart', async () => {
    assert.ok((await set('nameTemplate', '  {date} {name} ({signer}).pdf ')).ok);
    assert.equal((await settings()).nameTemplate, '{date} {name} ({signer}).pdf', 'stored trimmed');
    assert.ok((await set('nameTemplate', 'signed-{n}')).ok);
    await refused('nameTemplate', '', /empty/);
    await refused('nameTemplate', 'out/{name}', /may not contain \/ or \\/);
    await refused('nameTemplate', '..\\{name}', /may not contain \/ or \\/);
    await refused('nameTemplate', '{name}?.pdf', /contains “\?”/);
    await refused('nameTemplate', '{name}\u0007', /U\+0007/);
    await refused(
      'nameTemplate',
      '{name}-{customer}',
      /\{customer\}.*\{name\}, \{signer\}, \{pk\}, \{date\}, \{n\}/,
    );
    await refused('nameTemplate', '{name', /\{ or \}/);
    await refused('nameTemplate', 'signed.pdf', /must contain \{name\} or \{n\}/);
    await refused('nameTemplate', '.{name}', /start with a dot/);
    await refused('nameTemplate', `{name}${'x'.repeat(200)}`, /longer than 200/);
  });

  it('names files from the template: placeholders filled, unsafe characters replaced, .pdf kept', () => {
    const facts = {
      filename: 'Contrato de préstamo.v2.pdf',
      signer: 'María Núñez',
      requestPk: 'a1b2',
      date: new Date('2026-03-04T10:00:00Z'),
      index: 2,
    };
    const expected: [string, string][] = [
      ['{name}.signed.pdf', 'Contrato de préstamo.v2.signed.pdf'],
      ['{date} {name} ({signer})', '2026-03-04 Contrato de préstamo.v2 (María Núñez).pdf'],
      ['signed-{n}-{pk}.PDF', 'signed-3-a1b2.PDF'],
      ['{name}: {signer}?', 'Contrato de préstamo.v2_ María Núñez_.pdf'],
      ['{unknown}{name}', '{unknown}Contrato de préstamo.v2.pdf'],
    ];
    for (const [template, name] of expected) assert.equal(applyNameTemplate(template, facts), name, template);
    const long = applyNameTemplate(`${'y'.repeat(210)}{name}`, facts);
    assert.equal(long.length, 200);
    assert.ok(long.endsWith('yyyy.pdf'));
  });

  it('output folder: a full path that exists or can be created, and is writable', async () => {
    const existing = join(work, 'signed');
    mkdirSync(existing);
    assert.ok((await set('outputDir', existing)).ok);
    assert.equal((await settings()).outputDir, existing);
    const later = join(work, 'not', 'yet', 'there');
    assert.ok((await set('outputDir', later)).ok, 'a folder that can be created is accepted');
    assert.ok(!existsSync(later), 'and is made by the queue with the first signed file, not now');
    const file = join(work, 'a-file.txt');
    writeFileSync(file, 'x');
    await refused('outputDir', 'signed/out', /must be a full path/);
    await refused('outputDir', '', /Choose the folder/);
    await refused('outputDir', file, /is a file, not a folder/);
    await refused('outputDir', join(file, 'inside'), /cannot be created because .*a-file\.txt” is a file/);
    // The same refusal as a code and its values, for the screen to word in the RAO's language.
    const r = await set('outputDir', join(file, 'inside'));
    assert.ok(!r.ok);
    assert.deepEqual(r.error.problem, {
      code: 'folderBlockedByFile',
      values: { folder: join(file, 'inside'), file },
    });
    const rule = await set('concurrency', 0);
    assert.ok(!rule.ok);
    assert.deepEqual(rule.error.problem, { code: 'wholeNumber', values: { min: 1, max: 16 } });
  });

  it(
    'output folder: refuses a folder it may not write in',
    {
      skip:
        process.getuid?.() === 0
          ? 'SKIPPED, NOT PASSED: running as root, which may write in any folder, so the refusal cannot be seen; run as another user'
          : false,
    },
    async () => {
      const locked = join(work, 'locked');
      mkdirSync(locked, { mode: 0o500 });
      await refused('outputDir', locked, /may not write in .*locked.*permission denied/);
      await refused('outputDir', join(locked, 'sub'), /does not exist and cannot be created/);
      const r = await set('outputDir', locked);
      assert.ok(!r.ok);
      assert.deepEqual(r.error.problem, {
        code: 'folderNotWritable',
        values: { folder: locked, cause: 'permission' },
      });
      chmodSync(locked, 0o700);
    },
  );

  it('records every change in the audit log by key, never the value', () => {
    const changed = eventsOf(desk.store.db, 'settings.changed').map((e) => e.data);
    for (const key of ['language', 'theme', 'concurrency', 'nameTemplate', 'outputDir', 'defaultPlacement'])
      assert.ok(
        changed.some((d) => d.key === key),
        key,
      );
    assert.ok(changed.every((d) => Object.keys(d).join() === 'key'));
  });
});

describe('concurrency applied live', { skip: SKIP }, () => {
  let sandbox: SandboxHandle;
  before(async () => {
    sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'], latencyMs: 250 });
  });
  after(async () => {
    await sandbox.stop();
  });

  it('starts more jobs at once the moment the limit rises', async () => {
    const client = new OptimizerClient({ id: 'sandbox', baseUrl: sandbox.baseUrl });
    let inFlight = 0;
    let most = 0;
    // The real client, counting the calls under way: that number is the jobs running at once.
    const counting = new Proxy(client, {
      get(target, prop, receiver) {
        const value: unknown = Reflect.get(target, prop, receiver);
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]): Promise<unknown> => {
          most = Math.max(most, ++inFlight);
          try {
            return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          } finally {
            inFlight--;
          }
        };
      },
    }) as unknown as QueueOptimizer;
    const h = await queueHarness(sandbox.baseUrl, {
      concurrency: 4,
      runner: { optimizerFor: () => counting },
    });
    try {
      // The stored limit is what the bridge applies when it is built, before the queue starts.
      h.store.settings.set('concurrency', 1);
      const settings = settingsOperations({ store: h.store, runner: h.runner });
      const jobs = [];
      for (let i = 0; i < 5; i++) jobs.push(await h.addJob({ documents: 1 }));
      h.runner.start();
      await new Promise((r) => setTimeout(r, 1200));
      assert.equal(most, 1, 'one job at a time while the limit is 1');
      const atChange = most;
      await settings['settings.set']({ key: 'concurrency', value: 4 });
      const deadline = Date.now() + 5000;
      while (most === atChange && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(most >= 3, `after raising the limit to 4, ${most} calls ran at once`);
      await Promise.all(jobs.map((j) => h.waitFor(j.id, ['done', 'ready_to_sign', 'awaiting_signer'])));
    } finally {
      await h.close();
      await client.close();
    }
  });
});

describe('retention', { skip: SKIP }, () => {
  let store: Store;
  let images: IdImageStore;
  const work = mkdtempSync(join(tmpdir(), 'retention-'));

  before(() => {
    store = openStore(join(work, 'data'));
    store.profiles.save({
      id: 'p',
      name: 'P',
      baseUrl: 'https://127.0.0.1:9/oneshot/api/v1',
      env: 'sandbox',
      caPem: null,
      pinSha256: null,
      defaultRegistrationAuthority: null,
      defaultProfile: null,
    });
    images = new IdImageStore({ dir: join(work, 'data', 'id-images'), keychain: new OsKeychain() });
  });
  after(() => store.close());

  async function original(
    text: string,
  ): Promise<{ sha256: string; filename: string; size: number; pages: number }> {
    const file = join(work, `${text}.pdf`);
    writeFileSync(file, await makePdf({ text }));
    const stored = await store.documents.import(file);
    return { sha256: stored.sha256, filename: `${text}.pdf`, size: stored.size, pages: 1 };
  }
  const job = (documents: NewJob['documents']): NewJob => ({
    profileId: 'p',
    raoUsername: 'rao',
    label: 'job',
    signer: { ...SIGNER },
    auth: { method: 'otp', delivery: 'sms' },
    outputDir: join(work, 'out'),
    state: 'draft',
    documents,
  });
  const finish = (id: string): void => {
    // The runner's whole road, then done: a job that finished normally.
    for (const state of [...RUNNER_STATES, 'done'] as const) store.jobs.transition(id, state);
  };
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(512, 7)]);

  it('removes old finished originals and ID images, keeps what unfinished jobs need, logs counts', async () => {
    const alone = await original('finished alone');
    const shared = await original('shared with a draft');
    const cancelledOnly = await original('cancelled');
    const done = store.jobs.create(job([alone, shared]));
    finish(done.id);
    const draft = store.jobs.create(job([shared]));
    const cancelled = store.jobs.create(job([cancelledOnly]));
    store.jobs.transition(cancelled.id, 'cancelled');
    await images.put(draft.id, 'document_front', jpeg, 'image/jpeg');
    const policy = { originalsDays: 30, idImageDays: 7 };

    const early = await applyRetention(store, images, policy, Date.now() + 5 * DAY);
    assert.deepEqual(early, { originalsRemoved: 0, bytesFreed: 0, idImageJobsPurged: 0 });
    assert.equal(eventsOf(store.db, 'retention.applied').length, 0, 'nothing removed, nothing logged');

    const idOnly = await applyRetention(store, images, policy, Date.now() + 8 * DAY);
    assert.deepEqual(idOnly, { originalsRemoved: 0, bytesFreed: 0, idImageJobsPurged: 1 });
    assert.deepEqual(await images.sides(draft.id), []);
    assert.ok(store.documents.has(alone.sha256), 'a 8-day-old finished job keeps its original (30 days)');

    const late = await applyRetention(store, images, policy, Date.now() + 31 * DAY);
    assert.equal(late.originalsRemoved, 2);
    assert.equal(late.bytesFreed, alone.size + cancelledOnly.size);
    assert.ok(!store.documents.has(alone.sha256), 'the finished job’s own original is gone');
    assert.ok(!store.documents.has(cancelledOnly.sha256), 'a cancelled job is finished too');
    assert.ok(store.documents.has(shared.sha256), 'the draft still needs the shared original');

    const logged = eventsOf(store.db, 'retention.applied').map((e) => e.data);
    assert.deepEqual(logged, [
      {
        originalsRemoved: 0,
        bytesFreed: 0,
        idImageJobsPurged: 1,
        originalsRetentionDays: 30,
        idImageRetentionDays: 7,
      },
      {
        originalsRemoved: 2,
        bytesFreed: alone.size + cancelledOnly.size,
        idImageJobsPurged: 0,
        originalsRetentionDays: 30,
        idImageRetentionDays: 7,
      },
    ]);
    const purged = eventsOf(store.db, 'id_images.purged').map((e) => e.data);
    assert.deepEqual(purged, [{ reason: 'expired', sides: ['document_front'] }]);
    assert.ok(store.verifyAuditChain().ok);
  });

  it('0 days keeps everything without a time limit; the settings decide the policy', async () => {
    const old = await original('kept forever');
    const done = store.jobs.create(job([old]));
    finish(done.id);
    const draft = store.jobs.create(job([]));
    await images.put(draft.id, 'document_rear', jpeg, 'image/jpeg');
    store.settings.set('originalsRetentionDays', 0);
    store.settings.set('idImageRetentionDays', 0);
    const report = await applyRetention(store, images, undefined, Date.now() + 3000 * DAY);
    assert.deepEqual(report, { originalsRemoved: 0, bytesFreed: 0, idImageJobsPurged: 0 });
    assert.ok(store.documents.has(old.sha256));
    assert.deepEqual(await images.sides(draft.id), ['document_rear']);
    await images.purge(draft.id);
  });
});
