// The bridge dispatcher on real core against the sandbox: arguments checked by the contract,
// results without secrets, errors as codes and messages, queue events as contract events.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { BridgeEvent } from '../../shared/contract';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
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
    bridge = createDispatcher(coreOperations(desk, { version: '0.1.0', training: true }), desk);
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
});
