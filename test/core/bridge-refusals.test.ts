// Each room of the bridge refuses with a problem code the interface words in the RAO's language,
// with the values its wording uses, and the guards shared by the rooms answer alike whichever room
// asks. A real desk (SQLite, keychain); no Optimizer is needed to be refused.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { appearanceOperations } from '../../electron/core/bridge/appearance';
import { auditOperations } from '../../electron/core/bridge/audit';
import { connectionOperations } from '../../electron/core/bridge/connection';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { fileOperations } from '../../electron/core/bridge/files';
import { jobOperations } from '../../electron/core/bridge/jobs';
import { otpOperations } from '../../electron/core/bridge/otp';
import { resultOperations } from '../../electron/core/bridge/results';
import { reviewOperations } from '../../electron/core/bridge/review';
import { settingsOperations } from '../../electron/core/bridge/settings';
import { templateOperations } from '../../electron/core/bridge/templates';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { OPERATION_NAMES, TRAINING_PROFILE_ID, type BridgeError } from '../../shared/contract';
import { isProblemCode } from '../../shared/problems';
import { makePdf } from '../fixtures/pdfs';
import { SIGNER } from '../helpers/sandbox';
import { officeProfile } from '../helpers/office-profile';

const SKIP = process.env.ONESHOT_TEST_KEYRING ? false : 'no Secret Service: run through node test/run.mjs';
const PROFILE = 'office-refusals';

describe('the bridge refuses with problem codes', { skip: SKIP }, () => {
  let desk: Desk;
  let bridge: BridgeDispatcher;
  let draftId = '';
  const work = mkdtempSync(join(tmpdir(), 'bridge-refusals-'));
  const seen: BridgeError[] = [];

  /** The refusal a call answers; it must fail, and carry a problem. */
  const refused = async (operation: string, args: unknown): Promise<BridgeError> => {
    const result = await bridge.call(operation, args);
    assert.ok(!result.ok, `${operation} was not refused: ${JSON.stringify(result)}`);
    assert.ok(result.error.problem, `${operation} refused without a problem: ${result.error.message}`);
    seen.push(result.error);
    return result.error;
  };
  const problemOf = async (operation: string, args: unknown) => (await refused(operation, args)).problem;
  const files = ['contract-a.pdf', 'annex-b.pdf'].map((name) => join(work, name));
  /** A new draft of the two documents, by the bridge as the queue makes one. */
  const newDraft = async (): Promise<string> => {
    const draft = await bridge.call('jobs.draft', { profileId: PROFILE, paths: files });
    assert.ok(draft.ok, JSON.stringify(draft));
    return (draft.value as { id: string }).id;
  };

  before(async () => {
    desk = await openDesk({ dataDir: join(work, 'data') });
    bridge = createDispatcher(
      coreOperations(desk, { version: '0.1.0', training: false, dataDir: join(work, 'data') }),
      desk,
    );
    // An address nothing listens on: no call here reaches an Optimizer.
    const profile = officeProfile(PROFILE, 'http://127.0.0.1:9/oneshot/api/v1');
    assert.ok((await bridge.call('profiles.save', profile)).ok);
    for (const file of files) writeFileSync(file, await makePdf({ pages: 2 }));
    draftId = await newDraft();
  });
  after(async () => {
    await desk.close();
  });

  it('has each operation of the contract in exactly one room', () => {
    const app = { version: '0.1.0', training: false, dataDir: join(work, 'data') };
    const rooms = [
      connectionOperations(desk),
      fileOperations(desk, app),
      jobOperations(desk),
      reviewOperations(desk),
      otpOperations(desk),
      resultOperations(desk),
      appearanceOperations(desk),
      templateOperations(desk),
      auditOperations(desk),
      settingsOperations(desk),
    ].map((room) => Object.keys(room));
    const named = rooms.flat();
    assert.deepEqual(
      named.filter((name, i) => named.indexOf(name) !== i),
      [],
      'an operation in two rooms',
    );
    // app.info is the assembly's own.
    assert.deepEqual([...named, 'app.info'].sort(), [...OPERATION_NAMES].sort());
  });

  it('answers a job that is gone, or has started, the same from every room', async () => {
    const gone = { code: 'jobMissing', values: {} };
    for (const [operation, args] of [
      ['jobs.get', { jobId: 'no-such-job' }],
      ['review.state', { jobId: 'no-such-job' }],
      ['otp.submit', { jobId: 'no-such-job', code: '123456' }],
      ['results.verify', { jobId: 'no-such-job', position: 0 }],
      ['appearance.placeDocument', { jobId: 'no-such-job', position: 0, exact: null }],
    ] as const)
      assert.deepEqual(await problemOf(operation, args), gone, operation);
    const noDocument = { code: 'documentMissing', values: { label: 'contract-a.pdf +1', number: 8 } };
    assert.deepEqual(await problemOf('review.file', { jobId: draftId, which: 7 }), noDocument);
    assert.deepEqual(await problemOf('results.file', { jobId: draftId, position: 7 }), noDocument);
    assert.deepEqual(
      await problemOf('appearance.placeDocument', { jobId: draftId, position: 7, exact: null }),
      noDocument,
    );

    const started = await newDraft();
    desk.store.jobs.transition(started, 'queued');
    const { label } = desk.store.jobs.get(started);
    for (const [operation, args] of [
      ['jobs.update', { jobId: started, raoUsername: 'someone' }],
      ['jobs.setIdImage', { jobId: started, side: 'document_front', image: null }],
      ['appearance.placeDocument', { jobId: started, position: 0, exact: null }],
    ] as const)
      assert.deepEqual(
        await problemOf(operation, args),
        { code: 'jobStarted', values: { label } },
        operation,
      );
  });

  it('words what only the desktop can do, and a document not yet signed', async () => {
    assert.deepEqual(await problemOf('files.open', { jobId: draftId, position: 0 }), {
      code: 'desktopOnly',
      values: {},
    });
    assert.deepEqual(await problemOf('results.verify', { jobId: draftId, position: 1 }), {
      code: 'documentNotSigned',
      values: { filename: 'annex-b.pdf' },
    });
  });

  it('refuses the code before its time, and the sandbox phone off the training sandbox', async () => {
    const label = desk.store.jobs.get(draftId).label;
    assert.deepEqual(await problemOf('otp.send', { jobId: draftId }), {
      code: 'otpNotNow',
      values: { label },
    });
    assert.deepEqual(await problemOf('otp.submit', { jobId: draftId, code: '123456' }), {
      code: 'otpNotExpected',
      values: { label },
    });
    assert.equal((await problemOf('training.inbox', { jobId: draftId }))?.code, 'sandboxPhoneOnly');
  });

  it('words profiles, tokens, drafts, uploads, imports and audit filters it cannot take', async () => {
    const codes = async (calls: [string, unknown][]) =>
      Promise.all(calls.map(async ([operation, args]) => (await problemOf(operation, args))?.code));
    assert.deepEqual(
      await codes([
        ['profiles.remove', { profileId: TRAINING_PROFILE_ID }],
        ['profiles.remove', { profileId: PROFILE }],
        ['profiles.setActive', { profileId: 'no-such-profile' }],
        ['jobs.draft', { paths: [join(work, 'contract-a.pdf')] }],
        ['jobs.update', { jobId: draftId, order: [0, 0] }],
        [
          'documents.stage',
          {
            stageId: '00000000-0000-0000-0000-000000000000',
            filename: 'x.pdf',
            offset: 0,
            base64: '',
            last: true,
          },
        ],
        ['templates.import', { json: '{}' }],
        ['audit.list', { from: 'yesterday-ish' }],
      ]),
      [
        'trainingProfileBuiltIn',
        'profileInUse',
        'profileMissing',
        'profileNotChosen',
        'documentOrderInvalid',
        'uploadUnknown',
        'templateImportRefused',
        'auditDateInvalid',
      ],
    );
    assert.deepEqual((await refused('audit.list', { to: 'soon' })).fieldProblems, {
      to: [{ code: 'auditDateInvalid', values: {} }],
    });
    assert.deepEqual(await problemOf('tokens.setActive', { profileId: PROFILE, username: 'nobody' }), {
      code: 'tokenMissing',
      values: { rao: 'nobody' },
    });
    // Refusals that name the fields at fault keep them, under one problem.
    const notPdf = join(work, 'notes.txt');
    writeFileSync(notPdf, 'not a PDF');
    const refusedFile = await refused('jobs.draft', { profileId: PROFILE, paths: [notPdf] });
    assert.deepEqual(refusedFile.problem, { code: 'documentsRefused', values: { count: 1 } });
    assert.deepEqual(Object.keys(refusedFile.fields ?? {}), ['paths.0']);
    assert.deepEqual(refusedFile.fieldProblems, {
      'paths.0': [{ code: 'fileNotPdf', values: { filename: 'notes.txt' } }],
    });
    // Each limit of one request named as its own problem, under the documents.
    const overLimits = await refused('jobs.create', {
      profileId: PROFILE,
      raoUsername: 'rao-refusals',
      signer: SIGNER,
      auth: { method: 'otp', delivery: 'sms' },
      outputDir: join(work, 'out'),
      paths: files,
      start: false,
      signature: { appearance: { position: '50,50,250,120', page: 998 } },
    });
    assert.equal(overLimits.problem?.code, 'overRequestLimits');
    assert.deepEqual(overLimits.fieldProblems, {
      documents: [
        { code: 'pageBeyondDocument', values: { filename: 'contract-a.pdf', page: 999, pages: 2 } },
        { code: 'pageBeyondDocument', values: { filename: 'annex-b.pdf', page: 999, pages: 2 } },
      ],
    });
    const start = await refused('jobs.start', { jobIds: [draftId] });
    assert.equal(start.problem?.code, 'detailsMissing');
    const missing = Object.keys(start.fields ?? {}).length;
    assert.ok(missing > 0, 'Start named no missing detail');
    assert.equal(start.problem?.values.count, missing);
    // Each field worded by its rule, keyed like the fields: the form marks and words the same ones.
    const fieldProblems = start.fieldProblems ?? {};
    assert.deepEqual(fieldProblems['signer.given_name'], [
      { code: 'fieldInvalid', values: { field: 'given_name', rule: 'required' } },
    ]);
    assert.deepEqual(fieldProblems.raoUsername, [{ code: 'raoUsernameMissing', values: {} }]);
    assert.deepEqual(Object.keys(fieldProblems).sort(), Object.keys(start.fields ?? {}).sort());
  });

  it('says why an Optimizer cannot be reached as a problem, in the answer and in the event', async () => {
    const events: unknown[] = [];
    const stop = bridge.subscribe((event) => {
      if (event.type === 'connectivity') events.push(event);
    });
    try {
      const status = await bridge.call('profiles.status', { profileId: PROFILE });
      assert.ok(status.ok, JSON.stringify(status));
      const value = status.value as { reachable: boolean; problem?: { code: string } };
      assert.equal(value.reachable, false);
      assert.equal(value.problem?.code, 'optimizerOffline');
      assert.ok(
        events.some((e) => (e as { problem?: { code: string } }).problem?.code === 'optimizerOffline'),
        JSON.stringify(events),
      );
    } finally {
      stop();
    }
  });

  it('reads a document by its position after another was dropped', async () => {
    const copy = await newDraft();
    desk.store.jobs.dropDocument(copy, 0);
    const file = await bridge.call('review.file', { jobId: copy, which: 1 });
    assert.ok(file.ok, JSON.stringify(file));
    assert.equal((file.value as { filename: string }).filename, 'annex-b.pdf');
    assert.equal((await problemOf('review.file', { jobId: copy, which: 0 }))?.code, 'documentMissing');
  });

  it('answered only codes of shared/problems.ts (worded in every language: see the catalogue test)', () => {
    assert.ok(seen.length > 20, `only ${seen.length} refusals were seen`);
    const unknown = seen.map((e) => e.problem?.code).filter((code) => !isProblemCode(code));
    assert.deepEqual(unknown, []);
  });
});
