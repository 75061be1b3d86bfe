// The bridge dispatcher on real core against the sandbox: arguments checked by the contract,
// results without secrets, errors as codes and messages, queue events as contract events.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BridgeEvent } from '../../shared/contract';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { inspectLocalPdf } from '../../electron/core/pdf/index';
import { listEvents } from '../../electron/core/store/index';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { SIGNER } from '../helpers/sandbox';

const SKIP = process.env.ONESHOT_TEST_KEYRING ? false : 'no Secret Service: run through node test/run.mjs';

describe('bridge dispatcher', { skip: SKIP }, () => {
  let sandbox: SandboxHandle;
  let desk: Desk;
  let bridge: BridgeDispatcher;
  const work = mkdtempSync(join(tmpdir(), 'bridge-'));
  const events: BridgeEvent[] = [];

  before(async () => {
    sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'] });
    desk = await openDesk({ dataDir: join(work, 'data') });
    bridge = createDispatcher(
      coreOperations(desk, { version: '0.1.0', training: true, dataDir: join(work, 'data') }),
      desk,
    );
    bridge.subscribe((e) => events.push(e));
  });
  after(async () => {
    await desk.close();
    await sandbox.stop();
  });

  it('answers app.info and refuses bad arguments or unknown operations with a result, not an exception', async () => {
    assert.deepEqual(await bridge.call('app.info', {}), {
      ok: true,
      value: { name: 'One-Shot Desk', version: '0.1.0', training: true },
    });
    const bad = await bridge.call('jobs.get', { jobId: 7 });
    assert.equal(bad.ok, false);
    assert.ok(!bad.ok && bad.error.code === 'validation' && bad.error.fields?.jobId);
    const unknown = await bridge.call('shell.exec', { cmd: 'rm -rf /' });
    assert.ok(!unknown.ok && unknown.error.code === 'not_found');
    const missing = await bridge.call('jobs.get', { jobId: 'nope' });
    assert.ok(!missing.ok && missing.error.code === 'not_found' && !/at \w+ \(/.test(missing.error.message));
  });

  it('saves a profile, reaches it, creates a token whose uid never comes back', async () => {
    const profile = {
      id: 'office',
      name: 'Office',
      baseUrl: sandbox.baseUrl,
      env: 'sandbox' as const,
      caPem: null,
      pinSha256: null,
      defaultRegistrationAuthority: '3',
      defaultProfile: null,
    };
    assert.equal((await bridge.call('profiles.save', profile)).ok, true);
    const status = await bridge.call('profiles.status', { profileId: 'office' });
    assert.ok(status.ok && (status.value as { reachable: boolean }).reachable);
    const created = await bridge.call('tokens.create', {
      profileId: 'office',
      username: 'rao-desk',
      password: 'pw',
      pin: '1234',
    });
    assert.ok(created.ok, JSON.stringify(created));
    assert.ok(Object.keys(created.value as object).every((k) => k === 'env' || k === 'username'));
    assert.equal((created.value as { username: string }).username, 'rao-desk');
    const list = await bridge.call('tokens.list', { profileId: 'office' });
    assert.ok(list.ok && JSON.stringify(list.value).includes('rao-desk'));
    const uid = await desk.vault.tokenUid('office', 'rao-desk');
    assert.ok(!JSON.stringify([created, list]).includes(uid));
    const refused = await bridge.call('tokens.create', {
      profileId: 'office',
      username: 'x',
      password: 'pw',
      pin: 'abcd',
    });
    assert.ok(!refused.ok && refused.error.code === 'validation');
  });

  it('creates a job from files, refusing a bad one by name, and runs it to done with events', async () => {
    const good = join(work, 'good.pdf');
    writeFileSync(good, await makePdf({ pages: 2 }));
    const bad = join(work, 'bad.pdf');
    writeFileSync(bad, 'not a pdf');
    const base = {
      profileId: 'office',
      raoUsername: 'rao-desk',
      signer: SIGNER,
      auth: { method: 'external', type: 'biometric', value: 'bio-1' },
      outputDir: join(work, 'out'),
    };
    const refused = await bridge.call('jobs.create', { ...base, paths: [good, bad] });
    assert.ok(
      !refused.ok &&
        refused.error.code === 'validation' &&
        /bad\.pdf/.test(refused.error.fields?.['paths.1']?.[0] ?? ''),
    );
    const created = await bridge.call('jobs.create', { ...base, paths: [good] });
    assert.ok(created.ok);
    const job = created.value as { id: string; state: string; auth: { detail: string } };
    assert.equal(job.state, 'draft');
    assert.equal(job.auth.detail, 'biometric');
    assert.ok(!JSON.stringify(job).includes('bio-1'), 'the external value stays in core');
    desk.runner.start();
    assert.ok((await bridge.call('jobs.start', { jobIds: [job.id] })).ok);
    for (let i = 0; i < 300 && desk.store.jobs.get(job.id).state !== 'done'; i++)
      await new Promise((r) => setTimeout(r, 50));
    const final = await bridge.call('jobs.get', { jobId: job.id });
    assert.ok(final.ok && (final.value as { state: string }).state === 'done');
    assert.ok(events.some((e) => e.type === 'job' && e.jobId === job.id && e.state === 'done'));
    assert.ok(events.some((e) => e.type === 'queue'));
    const removed = await bridge.call('jobs.remove', { jobIds: [job.id] });
    assert.ok(removed.ok);
    const verify = await bridge.call('audit.verify', {});
    assert.ok(verify.ok && (verify.value as { ok: boolean }).ok);
  });

  it('drafts from dropped files, folders and staged bytes; Start names what is missing; the code waits for consent', async () => {
    const folder = join(work, 'customer');
    mkdirSync(join(folder, 'annexes'), { recursive: true });
    writeFileSync(join(folder, 'a.pdf'), await makePdf());
    writeFileSync(join(folder, 'annexes', 'b.pdf'), await makePdf({ pages: 3 }));
    writeFileSync(join(folder, 'notes.txt'), 'not a document');
    const inspected = await bridge.call('documents.inspect', { paths: [folder] });
    assert.ok(inspected.ok);
    const files = (inspected.value as { files: { path: string; ok: boolean }[] }).files;
    assert.deepEqual(
      files.map((f) => [f.path.slice(folder.length), f.ok]),
      [
        ['/a.pdf', true],
        ['/annexes/b.pdf', true],
      ],
    );

    // Browser mode: bytes in two chunks, out of order refused, then a path to draft with.
    const bytes = Buffer.from(await makePdf({ pages: 2 }));
    const half = Math.floor(bytes.length / 2);
    const first = await bridge.call('documents.stage', {
      stageId: null,
      filename: '../../evil/staged.pdf',
      offset: 0,
      base64: bytes.subarray(0, half).toString('base64'),
      last: false,
    });
    assert.ok(first.ok);
    const { stageId } = first.value as { stageId: string };
    const wrong = await bridge.call('documents.stage', {
      stageId,
      filename: 'staged.pdf',
      offset: half + 1,
      base64: '',
      last: true,
    });
    assert.ok(!wrong.ok && wrong.error.code === 'conflict');
    const last = await bridge.call('documents.stage', {
      stageId,
      filename: '../../evil/staged.pdf',
      offset: half,
      base64: bytes.subarray(half).toString('base64'),
      last: true,
    });
    assert.ok(last.ok);
    const staged = (last.value as { path: string }).path;
    assert.ok(staged.startsWith(join(work, 'data', 'incoming')), staged);
    assert.ok(staged.endsWith('/staged.pdf'));
    assert.deepEqual(readFileSync(staged), bytes);

    assert.ok((await bridge.call('profiles.setActive', { profileId: 'office' })).ok);
    const drafted = await bridge.call('jobs.draft', { paths: [staged, ...files.map((f) => f.path)] });
    assert.ok(drafted.ok);
    const draft = drafted.value as { id: string; state: string; label: string; documents: unknown[] };
    assert.equal(draft.state, 'draft');
    assert.equal(draft.documents.length, 3);
    assert.equal(draft.label, 'staged.pdf +2');

    const early = await bridge.call('jobs.start', { jobIds: [draft.id] });
    assert.ok(!early.ok && early.error.code === 'validation');
    assert.ok(early.error.fields?.['signer.given_name'], JSON.stringify(early.error.fields));
    assert.ok(early.error.fields?.['signer.mobile_phone_number']);
    assert.equal(desk.store.jobs.get(draft.id).state, 'draft', 'a refused start leaves the draft as it was');

    const updated = await bridge.call('jobs.update', {
      jobId: draft.id,
      signer: SIGNER,
      auth: { method: 'otp', delivery: 'sms' },
      raoUsername: 'rao-desk',
      outputDir: join(work, 'out-drafts'),
      order: [2, 0],
    });
    assert.ok(updated.ok, JSON.stringify(updated));
    const view = updated.value as { label: string; documents: { filename: string }[] };
    assert.equal(view.label, 'María Núñez García');
    assert.deepEqual(
      view.documents.map((d) => d.filename),
      ['b.pdf', 'staged.pdf'],
    );
    const details = await bridge.call('jobs.details', { jobId: draft.id });
    assert.ok(details.ok && (details.value as { missing: string[] }).missing.length === 0);

    assert.ok((await bridge.call('jobs.start', { jobIds: [draft.id] })).ok);
    const changed = await bridge.call('jobs.update', { jobId: draft.id, raoUsername: 'someone-else' });
    assert.ok(!changed.ok && changed.error.code === 'conflict', 'a started job keeps its details');
    for (let i = 0; i < 300 && desk.store.jobs.get(draft.id).state !== 'awaiting_signer'; i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.equal(desk.store.jobs.get(draft.id).state, 'awaiting_signer');

    const tooSoon = await bridge.call('otp.send', { jobId: draft.id });
    assert.ok(
      !tooSoon.ok && tooSoon.error.code === 'conflict',
      'no code before the signer has read and accepted',
    );
    const refusedConsent = await bridge.call('review.consent', { jobId: draft.id });
    assert.ok(!refusedConsent.ok && refusedConsent.error.code === 'conflict');
    // Reading counts in the signer view only, and on every page of each document.
    assert.ok((await bridge.call('review.signerView', { jobId: draft.id })).ok);
    const everyPage = (pages: number) =>
      Array.from({ length: pages }, (_, i) => ({
        page: i + 1,
        share: 1,
        ms: 1200,
        at: new Date().toISOString(),
      }));
    const contract = await inspectLocalPdf(desk.store.jobs.get(draft.id).contractPath ?? '');
    assert.ok(contract.ok);
    const pagesOf = { contract: contract.pages, 0: 3, 1: 2 } as const;
    for (const which of ['contract', 0, 1] as const)
      assert.ok(
        (await bridge.call('review.markRead', { jobId: draft.id, which, pages: everyPage(pagesOf[which]) }))
          .ok,
      );

    const consent = await bridge.call('review.consent', { jobId: draft.id });
    assert.ok(consent.ok && (consent.value as { consented: boolean }).consented);
    const sent = await bridge.call('otp.send', { jobId: draft.id });
    assert.ok(sent.ok, JSON.stringify(sent));
    const kinds = listEvents(desk.store.db, { jobId: draft.id }).map((e) => e.kind);
    assert.ok(kinds.indexOf('review.consent') < kinds.lastIndexOf('job.state'));
    assert.equal(kinds.filter((k) => k === 'review.read').length, 3);
    assert.ok((await bridge.call('jobs.cancel', { jobIds: [draft.id] })).ok);
  });
});
