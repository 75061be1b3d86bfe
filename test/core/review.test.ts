// Reading is measured, not assumed: core counts a document read only on page-by-page evidence from
// the signer view that covers the whole document (its own page count, the contract's read from the
// file), or on the RAO's override with a reason; consent waits for every one; the audit log keeps
// the pages seen and when, and the reason.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { inspectLocalPdf } from '../../electron/core/pdf/index';
import { listEvents } from '../../electron/core/store/index';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { missingPages, pageRanges, requiredShare } from '../../shared/reading';
import { makePdf } from '../fixtures/pdfs';
import { SIGNER } from '../helpers/sandbox';
import { officeProfile } from '../helpers/office-profile';

const SKIP = process.env.ONESHOT_TEST_KEYRING ? false : 'no Secret Service: run through node test/run.mjs';

const seen = (pages: number[], ms = 1200) =>
  pages.map((page) => ({ page, share: 0.8, ms, at: new Date().toISOString() }));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('the reading rule', () => {
  it('asks half a page, or most of the screen for a page taller than twice the screen', () => {
    assert.equal(requiredShare(1000, 800), 0.5);
    assert.equal(requiredShare(4000, 800), 0.18);
  });
  it('names the pages still missing as ranges', () => {
    assert.deepEqual(missingPages([1, 2, 4], 6), [3, 5, 6]);
    assert.equal(pageRanges([9, 1, 2, 3, 5, 7, 8]), '1–3, 5, 7–9');
  });
});

describe('review evidence in core', { skip: SKIP }, () => {
  let sandbox: SandboxHandle;
  let desk: Desk;
  let bridge: BridgeDispatcher;
  let jobId = '';
  let contractPages = 0;
  const work = mkdtempSync(join(tmpdir(), 'review-'));

  before(async () => {
    sandbox = await startSandbox({ log: () => {} });
    desk = await openDesk({ dataDir: join(work, 'data') });
    bridge = createDispatcher(
      coreOperations(desk, { version: '0.1.0', training: true, dataDir: join(work, 'data') }),
      desk,
    );
    const profile = officeProfile('office-review', sandbox.baseUrl);
    assert.ok((await bridge.call('profiles.save', profile)).ok);
    assert.ok((await bridge.call('profiles.status', { profileId: 'office-review' })).ok);
    const token = { profileId: 'office-review', username: 'rao-review', password: 'pw', pin: '1234' };
    assert.ok((await bridge.call('tokens.create', token)).ok);
    desk.runner.start();
    const paper = join(work, 'paper.pdf');
    writeFileSync(paper, await makePdf({ pages: 14 }));
    const annex = join(work, 'annex.pdf');
    writeFileSync(annex, await makePdf({ pages: 2 }));
    const created = await bridge.call('jobs.create', {
      profileId: 'office-review',
      raoUsername: 'rao-review',
      signer: SIGNER,
      auth: { method: 'otp', delivery: 'sms' },
      outputDir: join(work, 'out'),
      paths: [paper, annex],
      start: true,
    });
    assert.ok(created.ok, JSON.stringify(created));
    jobId = (created.value as { id: string }).id;
    for (let i = 0; i < 300 && desk.store.jobs.get(jobId).state !== 'awaiting_signer'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const contract = await inspectLocalPdf(desk.store.jobs.get(jobId).contractPath ?? '');
    assert.ok(contract.ok);
    contractPages = contract.pages;
  });
  after(async () => {
    await desk.close();
    await sandbox.stop();
  });

  const markRead = (which: 'contract' | number, pages: ReturnType<typeof seen>) =>
    bridge.call('review.markRead', { jobId, which, pages });
  const problem = (r: Awaited<ReturnType<typeof markRead>>) => (r.ok ? null : r.error.problem?.code);

  it('refuses reading before the signer view, and every page not seen long enough', async () => {
    assert.equal(problem(await markRead('contract', seen(range(1, contractPages)))), 'readBeforeSignerView');
    const opened = await bridge.call('review.signerView', { jobId });
    assert.ok(opened.ok && (opened.value as { signerView: boolean }).signerView);

    const partial = await markRead(0, seen(range(1, 13)));
    assert.equal(problem(partial), 'pagesNotSeen');
    assert.ok(!partial.ok && partial.error.problem?.values.pages === '14');
    // Flicked past: page 7 was on screen for a tenth of a second.
    assert.equal(
      problem(await markRead(0, [...seen(range(1, 6)), ...seen([7], 100), ...seen(range(8, 14))])),
      'pagesNotSeen',
    );
    const beyond = await markRead(1, seen(range(1, 3)));
    assert.ok(!beyond.ok && beyond.error.code === 'validation', 'a page the document does not have');
    const asked = await bridge.call('review.consent', { jobId });
    assert.equal(asked.ok ? null : asked.error.problem?.code, 'consentBeforeRead');
  });

  it('counts a document read on every page, an override with its reason, and then the consent', async () => {
    const read = await markRead(0, seen(range(1, 14).reverse()));
    assert.ok(read.ok, JSON.stringify(read));
    assert.ok((await markRead('contract', seen(range(1, contractPages)))).ok);
    const short = await bridge.call('review.override', { jobId, which: 1, reason: ' ' });
    assert.ok(!short.ok && short.error.code === 'validation', 'an override needs a reason');
    const override = await bridge.call('review.override', {
      jobId,
      which: 1,
      reason: 'The signer read the paper copy',
    });
    assert.ok(override.ok);
    const state = override.value as { read: unknown[]; overridden: unknown[]; complete: boolean };
    assert.deepEqual(state.read, ['contract', 0, 1]);
    assert.deepEqual(state.overridden, [1]);
    assert.ok(state.complete);
    assert.ok((await bridge.call('review.consent', { jobId })).ok);

    const events = listEvents(desk.store.db, { jobId });
    const paper = events.find((e) => e.kind === 'review.read' && e.data.which === 0);
    assert.equal(paper?.data.pages, 14);
    const pages = (paper?.data.seen as { page: number; at: string; ms: number }[]).map((p) => p.page);
    assert.deepEqual(pages, range(1, 14), 'each page once, in order, with when it was seen');
    const reason = events.find((e) => e.kind === 'review.read_override');
    assert.deepEqual(reason?.data, { which: 1, reason: 'The signer read the paper copy' });
    const kinds = events.map((e) => e.kind);
    assert.ok(kinds.indexOf('review.signer_view') < kinds.indexOf('review.read'));
    assert.ok((await bridge.call('jobs.cancel', { jobIds: [jobId] })).ok);
  });
});
