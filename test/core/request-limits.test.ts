// Inputs checked before the remote request exists: a country that is not ISO 3166-1, more documents
// than a request holds, or a stamp on a page the document does not have are refused by the CLI
// (exit 2), by the bridge (a clear validation error) and by the queue's last look before create —
// and the sandbox, which counts every request, has been asked to create none.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isCountryCode } from '../../shared/countries';
import { requestLimitProblems } from '../../shared/request-limits';
import { checkSignerField } from '../../shared/signer';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { PRESET_TOKEN_UID, startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { startCli } from '../helpers/cli-process';
import { KEYRING, NO_KEYRING_REASON } from '../helpers/keyring';
import { call, SIGNER } from '../helpers/sandbox';

const work = mkdtempSync(join(tmpdir(), 'request-limits-'));

describe('country codes', () => {
  it('accepts assigned ISO 3166-1 alpha-2 codes in either case and refuses the rest', () => {
    for (const code of ['ES', 'pl', 'De', 'GB']) assert.ok(isCountryCode(code), code);
    for (const code of ['XX', 'ZZ', 'UK', 'EU', 'E', 'ESP', '', 'É']) assert.ok(!isCountryCode(code), code);
    assert.deepEqual(checkSignerField('id_document_country', 'XX'), [
      'must be an ISO 3166-1 country code: two letters, e.g. ES',
    ]);
  });

  it('names every limit broken, in words that say what to do', () => {
    const docs = (n: number, pages = 3) =>
      Array.from({ length: n }, (_, i) => ({ filename: `d${i}.pdf`, pages }));
    assert.deepEqual(requestLimitProblems(docs(100), { appearance: { page: 2 } }), []);
    assert.match(requestLimitProblems(docs(101)).join(' '), /at most 100 documents and this one has 101/);
    assert.deepEqual(requestLimitProblems([{ filename: 'a.pdf', pages: 3 }], { appearance: { page: 999 } }), [
      'The signature is placed on page 1000 (appearance.page 999), but “a.pdf” has 3 page(s): choose a page from 1 to 3 (appearance.page 0 to 2).',
    ]);
    // A batch of short documents: three named, the rest counted.
    const short = requestLimitProblems(docs(10, 1), { appearance: { page: 4 } });
    assert.equal(short.length, 4);
    assert.equal(short[3], '7 more document(s) are too short for that page as well.');
    // A document's own signature wins over the request's.
    assert.deepEqual(
      requestLimitProblems([{ filename: 'a.pdf', pages: 3, signature: { appearance: { page: 0 } } }], {
        appearance: { page: 999 },
      }),
      [],
    );
  });
});

describe('refused before the request exists', { skip: KEYRING ? false : NO_KEYRING_REASON }, () => {
  let sandbox: SandboxHandle;
  let threePages: string;
  let onePage: string;
  let many: string[];

  before(async () => {
    sandbox = await startSandbox({ log: () => {}, dataDir: join(work, 'sandbox') });
    const docs = join(work, 'docs');
    mkdirSync(docs);
    threePages = join(docs, 'three-pages.pdf');
    writeFileSync(threePages, await makePdf({ pages: 3, text: 'three pages' }));
    onePage = join(docs, 'one-page.pdf');
    const small = await makePdf({ text: 'one page' });
    writeFileSync(onePage, small);
    const folder = join(docs, 'many');
    mkdirSync(folder);
    many = Array.from({ length: 101 }, (_, i) => {
      const path = join(folder, `doc-${String(i).padStart(3, '0')}.pdf`);
      writeFileSync(path, small);
      return path;
    });
  });
  after(async () => sandbox.stop());

  const creates = async (): Promise<number> =>
    (await call<{ total: { creates: number } }>(sandbox.baseUrl, 'GET', '/sandbox/stats')).body.total.creates;

  async function cliSign(
    signer: object,
    documents: string[],
    appearance?: unknown,
  ): Promise<{ code: number | null; stderr: string }> {
    const dir = mkdtempSync(join(work, 'cli-'));
    writeFileSync(join(dir, 'signer.json'), JSON.stringify(signer));
    const args = ['sign', '--optimizer', sandbox.baseUrl, '--signer', join(dir, 'signer.json')];
    if (appearance !== undefined) {
      writeFileSync(join(dir, 'appearance.json'), JSON.stringify(appearance));
      args.push('--appearance', join(dir, 'appearance.json'));
    }
    args.push('--out', join(dir, 'out'), '--data', join(dir, 'data'), ...documents);
    const run = startCli(args, {
      env: { ...process.env, ONESHOT_TOKEN: PRESET_TOKEN_UID, ONESHOT_EXT_AUTH: 'biometric:bio-1' },
    });
    run.child.stdin?.end();
    const { code, stderr } = await run.done;
    return { code, stderr };
  }

  it('CLI: exit 2 for "XX", 101 documents, a stamp on page 999 of a 3-page document and an 11 MB ID photo, nothing created', async () => {
    const before = await creates();
    const country = await cliSign({ ...SIGNER, id_document_country: 'XX' }, [onePage]);
    assert.equal(country.code, 2, country.stderr);
    assert.match(
      country.stderr,
      /id_document_country must be an ISO 3166-1 country code: two letters, e\.g\. ES/,
    );

    const tooMany = await cliSign(SIGNER, many);
    assert.equal(tooMany.code, 2, tooMany.stderr);
    assert.match(tooMany.stderr, /at most 100 documents and this one has 101: split them/);

    const page = await cliSign(SIGNER, [threePages], {
      signature: { appearance: { position: '50,50,250,120', page: 999 } },
    });
    assert.equal(page.code, 2, page.stderr);
    assert.match(page.stderr, /“three-pages\.pdf” has 3 page\(s\): choose a page from 1 to 3/);

    // An ID photo over the desk's 10 MB limit: a JPEG header and 11 MB of nothing.
    const photo = join(work, 'huge-front.jpg');
    writeFileSync(
      photo,
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(11 * 1024 * 1024)]),
    );
    const image = await cliSign({ ...SIGNER, document_front: photo }, [onePage]);
    assert.equal(image.code, 2, image.stderr);
    assert.match(image.stderr, /document_front .* is larger than 10 MB/);
    assert.equal(await creates(), before, 'the Optimizer was asked to create nothing');
  });

  describe('bridge and queue', () => {
    let desk: Desk;
    let bridge: BridgeDispatcher;
    const profileId = `limits-${randomUUID().slice(0, 8)}`;

    before(async () => {
      desk = await openDesk({ dataDir: join(work, 'desk') });
      bridge = createDispatcher(
        coreOperations(desk, { version: '0.1.0', training: false, dataDir: join(work, 'desk') }),
        desk,
      );
      desk.store.profiles.save({
        id: profileId,
        name: 'Limits',
        baseUrl: sandbox.baseUrl,
        env: 'sandbox',
        caPem: null,
        pinSha256: null,
        defaultRegistrationAuthority: null,
        defaultProfile: null,
      });
    });
    after(async () => desk.close());

    const job = (overrides: Record<string, unknown>) => ({
      profileId,
      raoUsername: 'sandbox-rao',
      signer: SIGNER,
      auth: { method: 'external', type: 'biometric', value: 'bio-2' },
      outputDir: join(work, 'bridge-out'),
      paths: [onePage],
      start: true,
      ...overrides,
    });

    it('jobs.create refuses "XX", 101 documents and page 999 of 3 with a clear validation error', async () => {
      const before = await creates();
      const country = await bridge.call(
        'jobs.create',
        job({ signer: { ...SIGNER, id_document_country: 'XX' } }),
      );
      assert.ok(!country.ok);
      assert.equal(country.error.code, 'validation');
      assert.deepEqual(country.error.fields?.['signer.id_document_country'], [
        'must be an ISO 3166-1 country code: two letters, e.g. ES',
      ]);

      const tooMany = await bridge.call('jobs.create', job({ paths: many }));
      assert.ok(!tooMany.ok);
      assert.equal(tooMany.error.code, 'validation');
      assert.match(tooMany.error.message, /at most 100 documents and this one has 101/);

      const page = await bridge.call(
        'jobs.create',
        job({ paths: [threePages], signature: { appearance: { position: '50,50,250,120', page: 999 } } }),
      );
      assert.ok(!page.ok);
      assert.equal(page.error.code, 'validation');
      assert.match(page.error.message, /“three-pages\.pdf” has 3 page\(s\)/);
      assert.equal(desk.store.jobs.list().length, 0, 'nothing kept');

      // jobs.update: a 1-page document added to a draft stamped on page 3 is refused, the draft kept.
      const draft = await bridge.call(
        'jobs.create',
        job({
          paths: [threePages],
          start: false,
          signature: { appearance: { position: '50,50,250,120', page: 2 } },
        }),
      );
      assert.ok(draft.ok, JSON.stringify(draft));
      const jobId = (draft.value as { id: string }).id;
      const added = await bridge.call('jobs.update', { jobId, addPaths: [onePage] });
      assert.ok(!added.ok);
      assert.equal(added.error.code, 'validation');
      assert.match(added.error.message, /“one-page\.pdf” has 1 page\(s\)/);
      assert.equal(desk.store.jobs.get(jobId).documents.length, 1);
      await bridge.call('jobs.remove', { jobIds: [jobId] });
      assert.equal(await creates(), before);
    });

    it('the queue fails a job over the limits before creating its request, without retrying', async () => {
      const before = await creates();
      // A job that entered some other way (an older queue): the runner's last look stops it.
      const sha = (await desk.store.documents.import(threePages)).sha256;
      const queued = await desk.store.jobs.add({
        profileId,
        raoUsername: 'sandbox-rao',
        label: 'Over the limits',
        signer: SIGNER,
        auth: { method: 'external', type: 'biometric', value: 'bio-3' },
        signature: { appearance: { position: '50,50,250,120', page: 999 } },
        outputDir: join(work, 'queue-out'),
        state: 'queued',
        documents: [{ filename: 'three-pages.pdf', sha256: sha, size: 1, pages: 3 }],
      });
      desk.runner.start();
      desk.runner.pump();
      const deadline = Date.now() + 10_000;
      while (desk.store.jobs.get(queued.id).state !== 'failed' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      const failed = desk.store.jobs.get(queued.id);
      assert.equal(failed.state, 'failed');
      assert.equal(failed.error?.kind, 'limits');
      assert.match(failed.error?.message ?? '', /has 3 page\(s\)/);
      assert.equal(await creates(), before);
    });
  });
});
