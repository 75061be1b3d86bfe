// Stamps never cover the text unnoticed, through the bridge on real core, pdf.js and the sandbox
// over a socket: a rule put on a tax form whose page box is shifted lands on its footnotes and says
// so, with a free spot that is then used and judged on the signed file by qpdf and pdftotext; a
// 200 × 50 pt page gets a stamp scaled evenly and a warning, not a squeeze; a turned page's logo
// counts as content; and only the stamped page of a long document is read.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { OperationResult } from '../../shared/contract';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import {
  BOTTOM_RIGHT,
  shiftedTaxForm,
  tinyTocPage,
  turnedPageWithLogo,
  type Rect,
} from '../fixtures/stamp-pages';
import { SIGNER } from '../helpers/sandbox';
import { KEYRING, NO_KEYRING_REASON } from '../helpers/keyring';
import { intersects, wordsUnderSignature } from '../helpers/stamp-judge';

type JobView = OperationResult<'jobs.get'>;

/** Its own profile and RAO: the keychain is shared with test files running alongside. */
const PROFILE = 'stamp-cover-office';
const RAO = 'rao-stamp-cover';

describe('stamps and what is printed on the page', { skip: KEYRING ? false : NO_KEYRING_REASON }, () => {
  let sandbox: SandboxHandle;
  let desk: Desk;
  let bridge: BridgeDispatcher;
  const work = mkdtempSync(join(tmpdir(), 'stamp-cover-'));
  let fileNo = 0;

  const call = async <T>(name: string, args: unknown): Promise<T> => {
    const result = await bridge.call(name, args);
    assert.ok(result.ok, `${name}: ${JSON.stringify(result)}`);
    return result.value as T;
  };

  async function draft(...documents: Uint8Array[]): Promise<JobView> {
    const paths = documents.map((bytes) => {
      const path = join(work, `doc-${++fileNo}.pdf`);
      writeFileSync(path, bytes);
      return path;
    });
    const job = await call<JobView>('jobs.draft', { profileId: PROFILE, paths });
    return call<JobView>('jobs.update', {
      jobId: job.id,
      signer: SIGNER,
      auth: { method: 'external', type: 'biometric', value: 'bio-1' },
      raoUsername: RAO,
      outputDir: join(work, 'out'),
    });
  }

  const get = (jobId: string): Promise<JobView> => call<JobView>('jobs.get', { jobId });

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

  it('finds the rule over a shifted tax form’s footnotes, moves it to free space and signs it there', async () => {
    const form = await shiftedTaxForm();
    const logo = await turnedPageWithLogo();
    const tiny = await tinyTocPage();
    // The form twice: the second copy keeps its stamp where the rule put it, for the judge to see.
    const job = await draft(form.bytes, logo.bytes, tiny.bytes, form.bytes);
    const original = join(work, `doc-${fileNo - 3}.pdf`);
    await call('appearance.apply', { jobIds: [job.id], placement: { rule: BOTTOM_RIGHT } });
    const [taxStamp, logoStamp, tinyStamp] = (await get(job.id)).documents.map((d) => d.stamp);

    // The page box starts at (-306, -396): half an inch in from its bottom-right corner is
    // x 90..270, y -360..-300, which is where the footnotes are printed.
    assert.ok(taxStamp);
    assert.deepEqual(taxStamp.rect, [90, -360, 270, -300]);
    assert.ok(intersects(taxStamp.rect, form.footnotes), 'the rule lands on the footnotes');
    assert.deepEqual(taxStamp.notes, ['covers_text']);
    const free = taxStamp.free;
    assert.ok(free, 'a free spot is suggested');
    assert.ok(
      !intersects(free, form.footnotes),
      `the free spot ${JSON.stringify(free)} is off the footnotes`,
    );
    assert.equal(free[2] - free[0], 180);
    assert.equal(free[3] - free[1], 60);
    assert.ok(free[1] >= form.footnotes[3] && free[1] - form.footnotes[3] < 8, 'just above the footnotes');

    // The turned page: the displayed bottom-right corner is user (595, 842); the logo is there.
    assert.ok(logoStamp);
    assert.ok(intersects(logoStamp.rect, logo.logo));
    assert.deepEqual(logoStamp.notes, ['covers_image']);
    assert.ok(logoStamp.free && !intersects(logoStamp.free, logo.logo));

    // 200 × 50 pt: the 180 × 60 stamp becomes 150 × 50 (same proportions), and the title is under it
    // wherever it goes: a warning, no suggestion.
    assert.ok(tinyStamp);
    const [x1, y1, x2, y2] = tinyStamp.rect;
    assert.ok(
      Math.abs(x2 - x1 - 150) < 1e-6 && Math.abs(y2 - y1 - 50) < 1e-6,
      JSON.stringify(tinyStamp.rect),
    );
    assert.ok(x1 >= 0 && x2 <= 200 && y1 >= 0 && y2 <= 50, 'on the page');
    assert.deepEqual(tinyStamp.notes, ['shrunk_to_fit', 'covers_text']);
    assert.equal(tinyStamp.free, null);

    type Used = { moved: number; stillCovering: number; skipped: number };
    // One document at a time: the logo page, then the form; the tiny page has nowhere to go.
    for (const [position, moved, stillCovering] of [
      [1, 1, 0],
      [0, 1, 0],
      [2, 0, 1],
    ] as const) {
      const used = await call<Used>('appearance.useFreeSpace', { jobIds: [job.id], position });
      assert.deepEqual(used, { moved, stillCovering, skipped: 0 }, `document ${position + 1}`);
    }
    const moved = await get(job.id);
    const [taxAfter, logoAfter] = moved.documents;
    assert.deepEqual(taxAfter?.stamp?.rect, free);
    assert.deepEqual(taxAfter?.stamp?.notes, []);
    assert.equal(taxAfter?.placedByHand, true);
    assert.deepEqual(logoAfter?.stamp?.notes, []);
    assert.deepEqual(moved.documents[3]?.stamp?.notes, ['covers_text'], 'the copy was left as it was');

    // The tiny page is left out of the signing: it stays invisible there.
    await call('jobs.dropDocument', { jobId: job.id, position: 2 });
    await call('jobs.start', { jobIds: [job.id] });
    for (let i = 0; i < 600 && !['done', 'failed'].includes(desk.store.jobs.get(job.id).state); i++)
      await new Promise((r) => setTimeout(r, 50));
    const signed = await get(job.id);
    assert.equal(signed.state, 'done', JSON.stringify(signed.error));
    const output = signed.documents[0]?.outputPath;
    assert.ok(output);
    const judged = wordsUnderSignature(output, original);
    assert.deepEqual(judged.rect, free, 'the widget is where the free spot was');
    assert.ok(
      judged.words.some((w) => w.text === 'Paperwork' && intersects(w.rect, form.footnotes)),
      'pdftotext reads the footnotes where the fixture printed them',
    );
    assert.ok(
      judged.stamp.some((w) => w.text === 'SANDBOX'),
      'pdftotext reads the stamp itself inside the /Rect, so it looks at the right place',
    );
    assert.deepEqual(judged.under, [], 'no word of the document lies under the stamp');
    // The judge sees a stamp left on the footnotes.
    const copy = signed.documents[2]?.outputPath;
    assert.ok(copy);
    const left = wordsUnderSignature(copy, original);
    assert.deepEqual(left.rect, taxStamp.rect);
    assert.ok(
      left.under.some((w) => w.text === 'completing'),
      JSON.stringify(left.under.map((w) => w.text)),
    );
  });

  it('reads only the stamped page of a long document to check it', async () => {
    const long = await makePdf({ pages: 400, text: 'Long annex, read on paper.' });
    const job = await draft(long);
    const started = performance.now();
    await call('appearance.apply', {
      jobIds: [job.id],
      placement: { rule: { ...BOTTOM_RIGHT, page: 'first' } },
    });
    const took = performance.now() - started;
    const stamp = (await get(job.id)).documents[0]?.stamp;
    assert.ok(stamp);
    assert.deepEqual(stamp.notes, []);
    console.log(`# 400-page document: rule applied and checked in ${took.toFixed(0)} ms`);
    const content = await call<{ text: Rect[]; images: Rect[] }>('appearance.pageContent', {
      jobId: job.id,
      position: 0,
      page: 400,
    });
    assert.equal(content.text.length, 2, 'page 400 has its two lines of text');
    const refused = await bridge.call('appearance.pageContent', { jobId: job.id, position: 0, page: 401 });
    assert.ok(!refused.ok && refused.error.code === 'validation', JSON.stringify(refused));
  });
});
