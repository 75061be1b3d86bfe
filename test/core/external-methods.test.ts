// External authentication methods come from what the profile declares (the machine-wide file's
// `externalMethods`, else biometric): the draft form lists them, Start refuses a method outside the
// list and names the ones allowed, and the method's value never comes back to the page.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { applyMachineConfig, machineConfigSchema } from '../../electron/core/machine-config';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { checkExternalMethods } from '../../shared/external-methods';
import { makePdf } from '../fixtures/pdfs';
import { SIGNER } from '../helpers/sandbox';

const SKIP = process.env.ONESHOT_TEST_KEYRING ? false : 'no Secret Service: run through node test/run.mjs';

describe('a declared list of external methods', () => {
  it('is 1 to 20 distinct names of letters, digits, _ . and -', () => {
    assert.deepEqual(checkExternalMethods([' biometric ', 'video-id']), ['biometric', 'video-id']);
    for (const bad of [[], ['a', 'a'], ['two words'], [''], 'biometric', null, [1], Array(21).fill('x')])
      assert.equal(checkExternalMethods(bad), null, JSON.stringify(bad));
  });
});

// Its own profiles and RAO in the shared test keychain: test files run two at a time.
describe('external methods on a draft', { skip: SKIP }, () => {
  let sandbox: SandboxHandle;
  let desk: Desk;
  let bridge: BridgeDispatcher;
  const work = mkdtempSync(join(tmpdir(), 'external-methods-'));

  before(async () => {
    sandbox = await startSandbox({ log: () => {} });
    desk = await openDesk({ dataDir: join(work, 'data') });
    bridge = createDispatcher(
      coreOperations(desk, { version: '0.1.0', training: true, dataDir: join(work, 'data') }),
      desk,
    );
    const office = {
      name: 'Office',
      baseUrl: sandbox.baseUrl,
      env: 'sandbox',
      defaultRegistrationAuthority: '3',
    };
    applyMachineConfig(
      desk,
      machineConfigSchema.parse({
        profiles: [
          { ...office, id: 'office-ext-declared', externalMethods: ['biometric', 'video-id'] },
          { ...office, id: 'office-ext-default' },
        ],
      }),
    );
    for (const profileId of ['office-ext-declared', 'office-ext-default']) {
      const token = { profileId, username: 'rao-ext-methods', password: 'pw', pin: '1234' };
      assert.ok((await bridge.call('tokens.create', token)).ok);
    }
  });
  after(async () => {
    await desk.close();
    await sandbox.stop();
  });

  const draftOn = async (profileId: string): Promise<string> => {
    const file = join(work, `doc-${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, await makePdf());
    const drafted = await bridge.call('jobs.draft', { profileId, paths: [file] });
    assert.ok(drafted.ok, JSON.stringify(drafted));
    return (drafted.value as { id: string }).id;
  };
  const details = async (jobId: string): Promise<Record<string, unknown>> => {
    const r = await bridge.call('jobs.details', { jobId });
    assert.ok(r.ok);
    return r.value as Record<string, unknown>;
  };

  it('lists what the profile declares, biometric by default', async () => {
    assert.deepEqual((await details(await draftOn('office-ext-declared'))).externalMethods, [
      'biometric',
      'video-id',
    ]);
    assert.deepEqual((await details(await draftOn('office-ext-default'))).externalMethods, ['biometric']);
  });

  it('refuses to start a method the profile does not declare, naming those it does; keeps the draft', async () => {
    const jobId = await draftOn('office-ext-declared');
    const signer = { ...SIGNER, given_name: 'Ewa', surname_1: 'Lis', surname_2: '' };
    const value = `video-secret-${Date.now()}`;
    const face = await bridge.call('jobs.update', {
      jobId,
      signer,
      raoUsername: 'rao-ext-methods',
      auth: { method: 'external', type: 'face', value },
    });
    assert.ok(face.ok, JSON.stringify(face));
    const refused = await bridge.call('jobs.start', { jobIds: [jobId] });
    assert.ok(!refused.ok);
    assert.equal(refused.error.code, 'validation');
    assert.deepEqual(refused.error.fields?.auth, [
      'Choose one of the methods this Optimizer accepts: biometric, video-id.',
    ]);
    const kept = await details(jobId);
    assert.deepEqual(
      kept.auth,
      { method: 'external', type: 'face' },
      'the choice is kept, its value never shown',
    );
    assert.ok(!JSON.stringify(kept).includes(value));

    // The declared method, the value already kept: Start goes on.
    const video = await bridge.call('jobs.update', {
      jobId,
      auth: { method: 'external', type: 'video-id', value },
    });
    assert.ok(video.ok, JSON.stringify(video));
    const started = await bridge.call('jobs.start', { jobIds: [jobId] });
    assert.ok(started.ok, JSON.stringify(started));
    assert.equal(desk.store.jobs.get(jobId).state, 'queued');
  });
});
