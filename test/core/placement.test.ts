// Where stamps land, through the bridge on real core, pdf.js and the sandbox over a socket: a page
// rule on a rotated page and on a page whose CropBox starts at (50,50), anchor text across a batch
// with one document that lacks the phrase, a box drawn for one document, and the frozen sign body.
// Expected rectangles are worked out by hand here, not with shared/appearance.ts.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OperationArgs, OperationResult } from '../../shared/contract';

type JobView = OperationResult<'jobs.get'>;
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { A4, makePdf, type MakePdfOptions } from '../fixtures/pdfs';
import { signatureWidgets } from '../helpers/pdf-inspect';
import { SIGNER } from '../helpers/sandbox';
import { KEYRING, NO_KEYRING_REASON } from '../helpers/keyring';

/** Its own profile and RAO: the keychain is shared with test files running alongside. */
const PROFILE = 'placement-office';
const RAO = 'rao-placement';

type Placement = NonNullable<OperationArgs<'appearance.apply'>['placement']>;

const near = (actual: readonly number[], expected: readonly number[], what: string, within = 1): void =>
  assert.ok(
    actual.length === expected.length && actual.every((v, i) => Math.abs(v - (expected[i] ?? NaN)) <= within),
    `${what}: ${JSON.stringify(actual)} is not within ${within} pt of ${JSON.stringify(expected)}`,
  );

describe('signature placement', { skip: KEYRING ? false : NO_KEYRING_REASON }, () => {
  let sandbox: SandboxHandle;
  let desk: Desk;
  let bridge: BridgeDispatcher;
  const work = mkdtempSync(join(tmpdir(), 'placement-'));
  let fileNo = 0;

  const call = async <T>(name: string, args: unknown): Promise<T> => {
    const result = await bridge.call(name, args);
    assert.ok(result.ok, `${name}: ${JSON.stringify(result)}`);
    return result.value as T;
  };

  /** A complete draft (external method, so it signs unattended) holding these PDFs. */
  async function draft(...documents: MakePdfOptions[]): Promise<JobView> {
    const paths = await Promise.all(
      documents.map(async (options) => {
        const path = join(work, `doc-${++fileNo}.pdf`);
        writeFileSync(path, await makePdf(options));
        return path;
      }),
    );
    const job = await call<JobView>('jobs.draft', { profileId: PROFILE, paths });
    return call<JobView>('jobs.update', {
      jobId: job.id,
      signer: SIGNER,
      auth: { method: 'external', type: 'biometric', value: 'bio-1' },
      raoUsername: RAO,
      outputDir: join(work, 'out'),
    });
  }

  async function signAll(jobIds: string[]): Promise<JobView[]> {
    await call('jobs.start', { jobIds });
    for (let i = 0; i < 600; i++) {
      if (jobIds.every((id) => ['done', 'failed'].includes(desk.store.jobs.get(id).state))) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const jobs = await Promise.all(jobIds.map((jobId) => call<JobView>('jobs.get', { jobId })));
    for (const job of jobs) assert.equal(job.state, 'done', JSON.stringify(job.error));
    return jobs;
  }

  async function widgetOf(job: JobView, position = 0) {
    const path = job.documents[position]?.outputPath;
    assert.ok(path, 'the signed file was saved');
    const widgets = await signatureWidgets(readFileSync(path));
    assert.equal(widgets.length, 1);
    return widgets[0] as NonNullable<(typeof widgets)[0]>;
  }

  before(async () => {
    mkdirSync(join(work, 'out'), { recursive: true });
    sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'] });
    desk = await openDesk({ dataDir: join(work, 'data') });
    bridge = createDispatcher(
      coreOperations(desk, { version: '0.1.0', training: false, dataDir: join(work, 'data') }),
      desk,
    );
    await call('profiles.save', {
      id: PROFILE,
      name: 'Office',
      baseUrl: sandbox.baseUrl,
      env: 'sandbox',
      caPem: null,
      pinSha256: null,
      defaultRegistrationAuthority: '3',
      defaultProfile: null,
    });
    await call('tokens.create', { profileId: PROFILE, username: RAO, password: 'pw', pin: '1234' });
    desk.runner.start();
  });
  after(async () => {
    await desk.close();
    await sandbox.stop();
  });

  it('places a page rule on a /Rotate 90 page and on a page cropped from (50,50), and signs there', async () => {
    // Page 2 turned a quarter: seen 841.89 wide and 595.28 high. 100 pt from the displayed
    // top-left corner, 144 × 48 seen, is x 100..148 and y 100..244 in user space.
    const rotated = await draft({ pages: 3, rotate: { 1: 90 } });
    const turned: Placement = {
      rule: { page: 2, corner: 'top-left', x: 100, y: 100, width: 144, height: 48 },
    };
    const applied = await call<{ documents: number; fallbacks: number }>('appearance.apply', {
      jobIds: [rotated.id],
      placement: turned,
    });
    assert.deepEqual([applied.documents, applied.fallbacks], [1, 0]);
    const shown = await call<JobView>('jobs.get', { jobId: rotated.id });
    const stamp = shown.documents[0]?.stamp;
    assert.ok(stamp);
    assert.equal(stamp.page, 2);
    assert.equal(stamp.source, 'rule');
    near(stamp.rect, [100, 100, 148, 244], 'resolved on the rotated page');

    // The last page's visible box is [50 50 450 650]: 20 from the right and 30 from the bottom.
    const cropped = await draft({ pages: 2, cropBox: { 1: [50, 50, 450, 650] } });
    await call('appearance.apply', {
      jobIds: [cropped.id],
      placement: { rule: { page: 'last', corner: 'bottom-right', x: 20, y: 30, width: 150, height: 50 } },
    });
    const croppedStamp = (await call<JobView>('jobs.get', { jobId: cropped.id })).documents[0]?.stamp;
    assert.ok(croppedStamp);
    assert.equal(croppedStamp.page, 2);
    near(croppedStamp.rect, [280, 80, 430, 130], 'resolved on the cropped page');

    const [signedRotated, signedCropped] = await signAll([rotated.id, cropped.id]);
    assert.ok(signedRotated && signedCropped);
    const w1 = await widgetOf(signedRotated);
    assert.equal(w1.pageIndex, 1);
    near(w1.rect, [100, 100, 148, 244], 'the widget on the rotated page');
    const w2 = await widgetOf(signedCropped);
    assert.equal(w2.pageIndex, 1);
    near(w2.rect, [280, 80, 430, 130], 'the widget on the cropped page');
  });

  it('follows anchor text across a batch of five and falls back, saying so, where the phrase is missing', async () => {
    const spots = [
      { page: 0, x: 72, y: 300 },
      { page: 0, x: 320, y: 500 },
      { page: 1, x: 100, y: 150 },
      { page: 1, x: 400, y: 700 },
    ];
    const jobs = [
      ...(await Promise.all(
        spots.map((s) => draft({ pages: 2, phrases: [{ ...s, text: 'Firma: ____________' }] })),
      )),
      await draft({ pages: 2, text: 'This one has no signature line.' }),
    ];
    const placement: Placement = {
      rule: { page: 'last', corner: 'bottom-left', x: 40, y: 40, width: 160, height: 50 },
      anchor: { text: 'firma:', dx: 0, dy: 16 },
    };
    const applied = await call<{ jobs: number; documents: number; fallbacks: number }>('appearance.apply', {
      jobIds: jobs.map((j) => j.id),
      placement,
    });
    assert.deepEqual(applied, { jobs: 5, documents: 5, fallbacks: 1, skipped: 0 });
    const views = await Promise.all(jobs.map((j) => call<JobView>('jobs.get', { jobId: j.id })));
    // 12 pt text: its top is 12 above the baseline; the box starts 16 below that top.
    spots.forEach((s, i) => {
      const stamp = views[i]?.documents[0]?.stamp;
      assert.ok(stamp, `job ${i + 1} has a stamp`);
      assert.equal(stamp.source, 'anchor');
      assert.equal(stamp.page, s.page + 1);
      near(stamp.rect, [s.x, s.y - 54, s.x + 160, s.y - 4], `anchor in job ${i + 1}`);
    });
    const fallback = views[4]?.documents[0]?.stamp;
    assert.ok(fallback);
    assert.equal(fallback.source, 'fallback');
    assert.deepEqual(fallback.notes, ['phrase_missing']);
    assert.equal(fallback.page, 2);
    near(fallback.rect, [40, 40, 200, 90], 'the page rule used instead');

    const signed = await signAll(jobs.map((j) => j.id));
    for (const [i, s] of spots.entries()) {
      const widget = await widgetOf(signed[i] as JobView);
      assert.equal(widget.pageIndex, s.page);
      near(widget.rect, [s.x, s.y - 54, s.x + 160, s.y - 4], `signed anchor in job ${i + 1}`);
    }
    const w = await widgetOf(signed[4] as JobView);
    assert.equal(w.pageIndex, 1);
    near(w.rect, [40, 40, 200, 90], 'signed fallback');
  });

  it('keeps a box drawn for one document, refuses a page it lacks, and freezes the template at start', async () => {
    const job = await draft({ pages: 1 }, { pages: 3 });
    const standard = (
      await call<{ templates: { lines: string[]; isDefault: boolean }[] }>('templates.list', {})
    ).templates[0];
    assert.ok(standard);
    const dated = await call<{ id: string }>('templates.save', {
      design: {
        ...standard,
        id: undefined,
        isDefault: undefined,
        updatedAt: undefined,
        name: 'Dated',
        lines: ['Signed by {signer}', 'On {date}'],
      },
    });
    await call('appearance.apply', {
      jobIds: [job.id],
      templateId: dated.id,
      placement: { rule: { page: 'first', corner: 'top-right', x: 30, y: 30, width: 120, height: 40 } },
    });
    const tooFar = await bridge.call('appearance.placeDocument', {
      jobId: job.id,
      position: 0,
      exact: { page: 2, rect: [10, 10, 100, 50] },
    });
    assert.ok(!tooFar.ok && tooFar.error.code === 'validation' && /1 page/.test(tooFar.error.message));
    // Also named as a problem with its values, for the editor to say in the RAO's language.
    assert.deepEqual(tooFar.error.problem, {
      code: 'pageOutOfRange',
      values: { filename: job.documents[0]?.filename, pages: 1 },
    });
    const placed = await call<JobView>('appearance.placeDocument', {
      jobId: job.id,
      position: 1,
      exact: { page: 3, rect: [300, 200, 420, 260] },
    });
    assert.deepEqual(
      placed.documents.map((d) => [d.stamp?.source, d.stamp?.page, d.placedByHand]),
      [
        ['rule', 1, false],
        ['exact', 3, true],
      ],
    );
    near(placed.documents[0]?.stamp?.rect ?? [], [A4[0] - 150, A4[1] - 70, A4[0] - 30, A4[1] - 30], 'rule');

    const found = await call<{ found: { page: number; rect: number[] } | null }>('appearance.findText', {
      jobId: job.id,
      position: 1,
      text: 'page 3 OF 3',
    });
    assert.equal(found.found?.page, 3);
    assert.equal(
      (await call<{ found: unknown }>('appearance.findText', { jobId: job.id, position: 1, text: 'Firma:' }))
        .found,
      null,
    );

    await call('jobs.start', { jobIds: [job.id] });
    const frozen = desk.store.jobs.get(job.id);
    const second = frozen.documents[1]?.signature?.appearance;
    assert.equal(second?.position, '300,200,420,260');
    assert.equal(second?.page, 2, 'the sign body counts pages from 0');
    assert.ok(second?.text?.includes('Signed by María Núñez García'), JSON.stringify(second?.text));
    assert.ok(second?.text?.includes('On {date}'), 'the date is filled when the request is signed');
    const other = await draft({ pages: 1 });
    const late = await bridge.call('appearance.apply', { jobIds: [other.id, job.id], placement: null });
    assert.ok(!late.ok && late.error.code === 'conflict', 'a started job in the list refuses the whole call');
    assert.deepEqual(late.error.problem, { code: 'jobStarted', values: { label: frozen.label } });
    assert.equal(desk.store.jobs.get(other.id).placement, null);
    const rule = {
      rule: { page: 'last', corner: 'top-left', x: 10, y: 10, width: 100, height: 40 },
    } as const;
    const passedOver = await call<{ jobs: number; skipped: number }>('appearance.apply', {
      jobIds: [other.id, job.id],
      placement: rule,
      skipStarted: true,
    });
    assert.deepEqual([passedOver.jobs, passedOver.skipped], [1, 1]);
    assert.deepEqual(desk.store.jobs.get(other.id).placement, rule);
  });

  it('keeps a signature given at creation when nothing was chosen in the desk', async () => {
    const path = join(work, 'given.pdf');
    writeFileSync(path, await makePdf({ pages: 2 }));
    const given = {
      appearance: { position: '10,10,110,50', page: 1, text: ['Given by the caller'] },
      level: 'T',
    };
    const job = await call<JobView>('jobs.create', {
      profileId: PROFILE,
      raoUsername: RAO,
      signer: SIGNER,
      auth: { method: 'external', type: 'biometric', value: 'bio-1' },
      signature: given,
      outputDir: join(work, 'out'),
      paths: [path],
    });
    await call('jobs.start', { jobIds: [job.id] });
    assert.deepEqual(desk.store.jobs.get(job.id).signature, given);
  });

  it('says when the ruled page is missing or the box had to be moved onto the page', async () => {
    const job = await draft({ pages: 1 });
    await call('appearance.apply', {
      jobIds: [job.id],
      placement: { rule: { page: 3, corner: 'top-left', x: -50, y: 10, width: 100, height: 40 } },
    });
    const stamp = (await call<JobView>('jobs.get', { jobId: job.id })).documents[0]?.stamp;
    assert.ok(stamp);
    assert.equal(stamp.page, 1);
    assert.deepEqual(stamp.notes, ['page_missing', 'moved_onto_page']);
    near(stamp.rect, [0, A4[1] - 50, 100, A4[1] - 10], 'held on the page');
  });

  it('starts new drafts with the office default placement, and without one once it is cleared', async () => {
    // Last page, 36 pt in from the bottom-right corner, 180 × 60: on A4 x 379.28..559.28, y 36..96.
    const office: Placement = {
      rule: { page: 'last', corner: 'bottom-right', x: 36, y: 36, width: 180, height: 60 },
    };
    const refused = await bridge.call('settings.set', {
      key: 'defaultPlacement',
      value: { rule: { ...office.rule, page: 0 } },
    });
    assert.ok(!refused.ok);
    assert.equal(refused.error.problem?.code, 'placement');
    await call('settings.set', { key: 'defaultPlacement', value: office });
    try {
      const job = await draft({ pages: 2 }, { pages: 1 });
      assert.deepEqual(
        job.documents.map((d) => [d.stamp?.page, d.stamp?.source]),
        [
          [2, 'rule'],
          [1, 'rule'],
        ],
      );
      near(
        job.documents[0]?.stamp?.rect ?? [],
        [A4[0] - 216, 36, A4[0] - 36, 96],
        'resolved on the document',
      );
      const details = await call<{ placement: Placement | null }>('jobs.details', { jobId: job.id });
      assert.deepEqual(details.placement, office);
      const [signed] = await signAll([job.id]);
      assert.ok(signed);
      const widget = await widgetOf(signed);
      assert.equal(widget.pageIndex, 1);
      near(widget.rect, [A4[0] - 216, 36, A4[0] - 36, 96], 'the signed widget');
    } finally {
      await call('settings.set', { key: 'defaultPlacement', value: null });
    }
    const plain = await draft({ pages: 1 });
    assert.equal(plain.documents[0]?.stamp, null, 'no default: the signature stays invisible');
  });
});
