// Appearance templates on real core: the store's CRUD and default rules on SQLite, kept across a
// restart, every change in the audit log, and the shared file exported and imported through the
// bridge's operations.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Template, TemplateDesign } from '../../shared/contract-appearance';
import { STANDARD_TEMPLATE } from '../../shared/template';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { listEvents, openStore } from '../../electron/core/store/index';
import { toDesign } from '../../electron/core/store/templates';

const SKIP = process.env.ONESHOT_TEST_KEYRING ? false : 'no Secret Service: run through node test/run.mjs';

const PNG_1X1 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const design = (name: string, overrides: Partial<TemplateDesign> = {}): TemplateDesign => ({
  ...STANDARD_TEMPLATE,
  name,
  ...overrides,
});

describe('template store', () => {
  const fresh = () => openStore(mkdtempSync(join(tmpdir(), 'templates-')));

  it('gives an empty desk the standard template as default, and survives closing and reopening', () => {
    const store = fresh();
    const [standard, ...rest] = store.templates.list();
    assert.equal(rest.length, 0);
    assert.equal(standard?.name, 'Standard');
    assert.equal(standard?.isDefault, true);
    assert.deepEqual(toDesign(standard), STANDARD_TEMPLATE);

    const notary = store.templates.create(
      design('Notary', { lines: ['{signer}', '{date}'], image: PNG_1X1 }),
    );
    assert.ok(store.templates.setDefault(notary.id));
    store.close();

    const again = openStore(store.dataDir);
    const list = again.templates.list();
    assert.deepEqual(
      list.map((t) => [t.name, t.isDefault]),
      [
        ['Notary', true],
        ['Standard', false],
      ],
    );
    assert.deepEqual(toDesign(list[0]!), design('Notary', { lines: ['{signer}', '{date}'], image: PNG_1X1 }));
    assert.equal(again.templates.defaultId(), notary.id);
    again.close();
  });

  it('renames, duplicates with "(copy)" then "(2)", and refuses a rename onto a taken name', () => {
    const store = fresh();
    const a = store.templates.create(design('Office'));
    const renamed = store.templates.update(a.id, design('Front desk', { textAlign: 'center' }));
    assert.equal(renamed?.name, 'Front desk');
    assert.equal(renamed?.textAlign, 'center');
    assert.equal(store.templates.update('nope', design('x')), undefined);

    const copy = store.templates.duplicate(a.id);
    const copy2 = store.templates.duplicate(a.id);
    assert.equal(copy?.name, 'Front desk (copy)');
    assert.equal(copy2?.name, 'Front desk (copy) (2)');
    assert.equal(copy?.textAlign, 'center');
    assert.notEqual(copy?.id, a.id);
    assert.equal(store.templates.create(design('front DESK')).name, 'front DESK (2)');
    assert.throws(() => store.templates.update(a.id, design('Standard')), /already called "Standard"/);
    assert.equal(store.templates.get(a.id)?.name, 'Front desk');
    store.close();
  });

  it('passes the default on when it is removed, and brings the standard back when none is left', () => {
    const store = fresh();
    const standard = store.templates.list()[0]!;
    const b = store.templates.create(design('B'));
    const c = store.templates.create(design('C'));
    store.templates.setDefault(c.id);
    assert.ok(store.templates.remove(c.id));
    assert.equal(store.templates.remove(c.id), false);
    assert.deepEqual(
      store.templates.list().map((t) => [t.name, t.isDefault]),
      [
        ['B', true],
        ['Standard', false],
      ],
    );
    store.templates.remove(b.id);
    store.templates.remove(standard.id);
    const list = store.templates.list();
    assert.equal(list.length, 1);
    assert.equal(list[0]?.name, 'Standard');
    assert.equal(list[0]?.isDefault, true);
    assert.notEqual(list[0]?.id, standard.id);
    store.close();
  });

  it('gives a job its own template, or the default when it has none or it is gone', () => {
    const store = fresh();
    const chosen = store.templates.create(design('Chosen', { textSize: 12 }));
    assert.equal(store.templates.designFor(chosen.id).name, 'Chosen');
    assert.equal(store.templates.designFor(null).name, 'Standard');
    store.templates.setDefault(chosen.id);
    assert.equal(store.templates.designFor(null).textSize, 12);
    assert.equal(store.templates.designFor('deleted-long-ago').name, 'Chosen');
    store.close();
  });

  it('audits every change by name, never with the image bytes, and keeps the chain whole', () => {
    const store = fresh();
    store.templates.list();
    const from = listEvents(store.db).length;
    const t = store.templates.create(design('Audited', { image: PNG_1X1 }));
    store.templates.update(t.id, design('Audited 2', { image: PNG_1X1 }));
    store.templates.duplicate(t.id);
    store.templates.setDefault(t.id);
    store.templates.remove(t.id);
    const events = listEvents(store.db).slice(from);
    assert.deepEqual(
      events.map((e) => e.kind),
      [
        'template.created',
        'template.updated',
        'template.duplicated',
        'template.defaultChanged',
        'template.removed',
        'template.defaultChanged',
      ],
    );
    assert.equal(events[1]?.data.renamedFrom, 'Audited');
    assert.ok(!JSON.stringify(events).includes(PNG_1X1.slice(0, 40)));
    assert.ok(store.verifyAuditChain().ok);
    store.close();
  });
});

describe('template operations', { skip: SKIP }, () => {
  let desk: Desk;
  let bridge: BridgeDispatcher;
  const dataDir = join(mkdtempSync(join(tmpdir(), 'templates-ops-')), 'data');

  const call = async <T>(operation: string, args: unknown): Promise<T> => {
    const result = await bridge.call(operation, args);
    assert.ok(result.ok, `${operation} failed: ${JSON.stringify(result)}`);
    return result.value as T;
  };
  const open = async (): Promise<void> => {
    desk = await openDesk({ dataDir });
    bridge = createDispatcher(coreOperations(desk, { version: '0.1.0', training: true, dataDir }), desk);
  };

  before(open);
  after(async () => desk?.close());

  it('exports templates and imports them back, equal in design, names made unique', async () => {
    const { templates: start } = await call<{ templates: Template[] }>('templates.list', {});
    assert.equal(start.length, 1);
    const withImage = await call<Template>('templates.save', {
      design: design('Notary', {
        lines: ['Signed by {signer}', '{date} · {location}'],
        image: PNG_1X1,
        qrcode: 'https://verify.example/{id}',
        location: 'Madrid',
        level: 'LTV',
        subfilter: 'ETSI.CAdES.detached',
      }),
    });
    await call('templates.setDefault', { id: withImage.id });
    const exported = await call<{ filename: string; json: string }>('templates.export', {});
    assert.match(exported.filename, /^oneshot-templates-\d{4}-\d{2}-\d{2}\.json$/);
    const before = (await call<{ templates: Template[] }>('templates.list', {})).templates;

    // Remove the Notary, then import the whole file: it comes back; Standard collides and gets " (2)".
    await call('templates.remove', { id: withImage.id });
    const imported = (await call<{ templates: Template[] }>('templates.import', { json: exported.json }))
      .templates;
    assert.deepEqual(imported.map((t) => t.name).sort(), ['Notary', 'Standard (2)']);
    const notary = imported.find((t) => t.name === 'Notary')!;
    assert.deepEqual(toDesign(notary), toDesign(before.find((t) => t.name === 'Notary')!));
    assert.notEqual(notary.id, withImage.id);

    // Survives a restart of the whole desk.
    await desk.close();
    await open();
    const after = (await call<{ templates: Template[] }>('templates.list', {})).templates;
    assert.deepEqual(
      after.map((t) => t.name),
      ['Notary', 'Standard', 'Standard (2)'],
    );
    assert.deepEqual(toDesign(after[0]!), toDesign(notary));
  });

  it('refuses a bad file with the problem named and imports nothing', async () => {
    const count = async () => (await call<{ templates: Template[] }>('templates.list', {})).templates.length;
    const n = await count();
    const good = design('Good');
    const bad = await bridge.call('templates.import', {
      json: JSON.stringify({
        format: 'oneshot-desk.templates',
        version: 1,
        templates: [good, design('Bad image', { image: 'R0lGODlhAQABAAAAACw=' })],
      }),
    });
    assert.ok(!bad.ok);
    assert.equal(bad.error.code, 'validation');
    assert.match(bad.error.message, /Nothing was imported.*"Bad image".*not a PNG/);
    const wrongFormat = await bridge.call('templates.import', { json: '{"format":"x","version":1}' });
    assert.ok(!wrongFormat.ok && /not a One-Shot Desk template file/.test(wrongFormat.error.message));
    assert.equal(await count(), n);
  });

  it('answers not_found for a template that does not exist, and conflict for a taken name', async () => {
    for (const [operation, args] of [
      ['templates.duplicate', { id: 'nope' }],
      ['templates.remove', { id: 'nope' }],
      ['templates.setDefault', { id: 'nope' }],
      ['templates.save', { id: 'nope', design: design('x') }],
      ['templates.export', { ids: ['nope'] }],
    ] as const) {
      const result = await bridge.call(operation, args);
      assert.ok(!result.ok && result.error.code === 'not_found', `${operation}: ${JSON.stringify(result)}`);
      assert.deepEqual(result.error.problem, { code: 'templateMissing', values: {} });
    }
    const list = (await call<{ templates: Template[] }>('templates.list', {})).templates;
    const taken = await bridge.call('templates.save', { id: list[0]!.id, design: design(list[1]!.name) });
    assert.ok(!taken.ok && taken.error.code === 'conflict');
    assert.deepEqual(taken.error.problem, { code: 'templateNameTaken', values: { name: list[1]!.name } });
  });
});
