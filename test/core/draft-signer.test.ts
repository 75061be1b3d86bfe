// A draft keeps whatever the RAO typed, valid or not, whatever the interface language; "Start"
// names what is wrong, and the request is sent settled: trimmed, with the service's own language
// (ES, PL or EN) chosen from the signer's country unless the RAO picked one.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { defaultCommunicationLanguage, settleDraftSigner } from '../../shared/signer';
import { makePdf } from '../fixtures/pdfs';
import { SIGNER } from '../helpers/sandbox';

const SKIP = process.env.ONESHOT_TEST_KEYRING ? false : 'no Secret Service: run through node test/run.mjs';

describe('the communication language', () => {
  it('follows a Spanish or Polish signer, else the office, else English; never the UI language', () => {
    assert.equal(defaultCommunicationLanguage('es'), 'ES');
    assert.equal(defaultCommunicationLanguage(' PL '), 'PL');
    assert.equal(defaultCommunicationLanguage('FR'), 'EN');
    assert.equal(defaultCommunicationLanguage('FR', 'PL'), 'PL');
    assert.equal(defaultCommunicationLanguage(undefined, 'es'), 'EN', 'a UI code is not a service value');
  });
  it('keeps a language the RAO chose and replaces one that is not a service value', () => {
    const chosen = settleDraftSigner({ id_document_country: 'es', communication_language: 'PL' });
    assert.equal(chosen.communication_language, 'PL');
    const legacy = settleDraftSigner({ id_document_country: 'es', communication_language: 'en' });
    assert.equal(legacy.communication_language, 'ES');
    assert.deepEqual(settleDraftSigner({ given_name: '  Ana ', email: '' }), {
      given_name: 'Ana',
      communication_language: 'EN',
    });
  });
});

// Its own profile and RAO in the shared test keychain: test files run two at a time.
describe('drafts never lose input', { skip: SKIP }, () => {
  let sandbox: SandboxHandle;
  let desk: Desk;
  let bridge: BridgeDispatcher;
  const work = mkdtempSync(join(tmpdir(), 'draft-signer-'));

  before(async () => {
    sandbox = await startSandbox({ log: () => {} });
    desk = await openDesk({ dataDir: join(work, 'data') });
    bridge = createDispatcher(
      coreOperations(desk, { version: '0.1.0', training: true, dataDir: join(work, 'data') }),
      desk,
    );
    const profile = {
      id: 'office-drafts',
      name: 'Office',
      baseUrl: sandbox.baseUrl,
      env: 'sandbox' as const,
      caPem: null,
      pinSha256: null,
      defaultRegistrationAuthority: '3',
      defaultProfile: 'PFnubeAFCiudadano',
    };
    assert.ok((await bridge.call('profiles.save', profile)).ok);
    assert.ok((await bridge.call('profiles.setActive', { profileId: 'office-drafts' })).ok);
    assert.ok((await bridge.call('profiles.status', { profileId: 'office-drafts' })).ok);
    const token = { profileId: 'office-drafts', username: 'rao-drafts', password: 'pw', pin: '1234' };
    assert.ok((await bridge.call('tokens.create', token)).ok);
    desk.runner.start();
  });
  after(async () => {
    await desk.runner.stop();
    await desk.close();
    await sandbox.stop();
  });

  const draftFor = async (): Promise<string> => {
    const file = join(work, `doc-${Math.random().toString(36).slice(2)}.pdf`);
    writeFileSync(file, await makePdf());
    const drafted = await bridge.call('jobs.draft', { paths: [file] });
    assert.ok(drafted.ok, JSON.stringify(drafted));
    return (drafted.value as { id: string }).id;
  };
  const details = async (jobId: string) => {
    const r = await bridge.call('jobs.details', { jobId });
    assert.ok(r.ok);
    return r.value as { signer: Record<string, string | undefined>; missing: string[] };
  };
  /** The request as the Optimizer recorded it, once the queue has created it. */
  const received = async (jobId: string): Promise<Record<string, unknown>> => {
    for (let i = 0; i < 200 && !desk.store.jobs.get(jobId).requestPk; i++)
      await new Promise((r) => setTimeout(r, 50));
    const pk = desk.store.jobs.get(jobId).requestPk;
    assert.ok(pk, `the request was created (${desk.store.jobs.get(jobId).state})`);
    const answer = (await (await fetch(`${sandbox.baseUrl}/request/${pk}`)).json()) as {
      request: Record<string, unknown>;
    };
    return answer.request;
  };

  it('stores every field as typed after the interface language changed, and Start names the bad ones', async () => {
    for (const language of ['es', 'pl', 'en']) {
      assert.ok((await bridge.call('settings.set', { key: 'language', value: language })).ok);
      const jobId = await draftFor();
      assert.equal((await details(jobId)).signer.communication_language, undefined, language);
      const typed = {
        given_name: 'Ana',
        surname_1: 'Ruiz',
        email: 'ana@',
        mobile_phone_number: '600 123 456',
        id_document_country: 'Spain',
        id_document_type: 'ID',
        serial_number: '12345678Z',
        registration_authority: '3',
        profile: 'PFnubeAFCiudadano',
      };
      const saved = await bridge.call('jobs.update', { jobId, signer: typed });
      assert.ok(saved.ok, `${language}: ${JSON.stringify(saved)}`);
      const stored = await details(jobId);
      for (const [field, value] of Object.entries(typed)) assert.equal(stored.signer[field], value, field);
      const start = await bridge.call('jobs.start', { jobIds: [jobId] });
      assert.ok(!start.ok && start.error.code === 'validation');
      assert.deepEqual(Object.keys(start.error.fields ?? {}).sort(), [
        'signer.email',
        'signer.id_document_country',
        'signer.id_document_type',
        'signer.mobile_phone_number',
      ]);
      assert.ok((await bridge.call('jobs.remove', { jobIds: [jobId] })).ok);
    }
  });

  it('sends a Polish signer in PL with the interface in Spanish, and a chosen language as chosen', async () => {
    assert.ok((await bridge.call('settings.set', { key: 'language', value: 'es' })).ok);
    const base = { raoUsername: 'rao-drafts', outputDir: join(work, 'out') };
    const polish = await draftFor();
    const { communication_language: _none, ...withoutLanguage } = SIGNER;
    const zofia = { ...withoutLanguage, id_document_country: 'pl', given_name: ' Zofia ' };
    assert.ok((await bridge.call('jobs.update', { jobId: polish, signer: zofia, ...base })).ok);
    assert.ok((await bridge.call('jobs.start', { jobIds: [polish] })).ok);
    const chosen = await draftFor();
    const english = { ...SIGNER, id_document_country: 'ES', communication_language: 'EN' };
    assert.ok((await bridge.call('jobs.update', { jobId: chosen, signer: english, ...base })).ok);
    assert.ok((await bridge.call('jobs.start', { jobIds: [chosen] })).ok);

    const polishRequest = await received(polish);
    assert.equal(polishRequest.communication_language, 'PL');
    assert.equal(polishRequest.given_name, 'Zofia');
    assert.equal((await received(chosen)).communication_language, 'EN');
    // The job itself keeps what the RAO typed.
    assert.equal(desk.store.jobs.get(polish).signer.given_name, ' Zofia ');
    assert.ok((await bridge.call('jobs.cancel', { jobIds: [polish, chosen] })).ok);
  });

  it("sends a signer from another country in the office's language, and says so in the draft", async () => {
    assert.ok((await bridge.call('settings.set', { key: 'signerLanguage', value: 'ES' })).ok);
    const base = { raoUsername: 'rao-drafts', outputDir: join(work, 'out') };
    const jobId = await draftFor();
    const { communication_language: _none, ...withoutLanguage } = SIGNER;
    const hans = { ...withoutLanguage, id_document_country: 'DE', given_name: 'Hans' };
    assert.ok((await bridge.call('jobs.update', { jobId, signer: hans, ...base })).ok);
    const details = await bridge.call('jobs.details', { jobId });
    assert.ok(details.ok);
    assert.equal((details.value as { officeLanguage: string | null }).officeLanguage, 'ES');
    assert.ok((await bridge.call('jobs.start', { jobIds: [jobId] })).ok);
    assert.equal((await received(jobId)).communication_language, 'ES');
    assert.ok((await bridge.call('settings.set', { key: 'signerLanguage', value: null })).ok);
    assert.ok((await bridge.call('jobs.cancel', { jobIds: [jobId] })).ok);
  });
});
