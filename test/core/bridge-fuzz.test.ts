// The bridge fuzz on the real desk: every operation of the contract, called through the dispatcher
// every transport uses, with wrong types (generated and hand-picked) and with boundary values of the
// right type, against a desk that holds a profile on the sandbox, an RAO token, a draft job with a
// document, an external-method draft and a template. Every call answers a Result (no exception, no
// unhandled rejection), a refusal carries a contract code and never `internal`, no answer holds the
// token uid, password, PIN or external value, and afterwards the drafts, their documents, the job
// count and the audit chain are as they were.
//
// Nothing is skipped: the desk runs as the headless browser host does (`--no-open`: an empty
// desktop port), so files.open, files.reveal and the dialogs answer `unsupported` and never launch a
// browser, a file manager or an OS dialog on the machine running the tests.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { z } from 'zod';
import {
  ERROR_CODES,
  OPERATION_NAMES,
  OPERATIONS,
  type OperationName,
  type Result,
} from '../../shared/contract';
import { SETTING_KEYS } from '../../shared/contract-appearance';
import { STANDARD_TEMPLATE } from '../../shared/template';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { KEYRING, NO_KEYRING_REASON } from '../helpers/keyring';

const PROFILE = 'bridge-fuzz-office';
const RAO = 'rao-bridge-fuzz';
const PASSWORD = 'Fuzz-Pässwort-§42';
const PIN = '73916482';
const EXTERNAL_VALUE = 'bio-fuzz-5e1d';
const NO_JOB = 'bridge-fuzz-no-such-job';

/** Strings of the right type that are wrong or awkward: unknown, empty, huge, bidi, NUL, scripts. */
const BOUNDARY_STRINGS = [
  'bridge-fuzz-unknown-id',
  '',
  ' ',
  'x'.repeat(100 * 1024),
  'abc\u202Efdp.exe',
  'a\u0000b',
  'Zażółć gęślą jaźń ŁĄŚ',
  'signed 😀✍️ 👩‍💼',
  '../../../../etc/passwd',
  '\u200B',
];
/** Numbers of the right type that are out of range, fractional or not finite (0 is a real position). */
const BOUNDARY_NUMBERS = [
  -1,
  -0,
  0.5,
  2 ** 31,
  Number.MAX_SAFE_INTEGER,
  2 ** 64,
  1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Infinity,
  -Infinity,
  NaN,
];
/** Wrong types for a field, whatever its type ([1, 'x'] fits neither a string nor a number array). */
const WRONG_VALUES: unknown[] = [null, -1.5, 'wrong', true, { nested: 1 }, [1, 'wrong']];
/** Whole argument values of the wrong shape. */
const WRONG_SHAPES: unknown[] = [null, undefined, [], [{}], 42, 'args', true, () => 1, new Date(0)];

describe('bridge fuzz on the real desk', { skip: KEYRING ? false : NO_KEYRING_REASON }, () => {
  let sandbox: SandboxHandle;
  let desk: Desk;
  let bridge: BridgeDispatcher;
  const work = mkdtempSync(join(tmpdir(), 'bridge-fuzz-'));
  const dataDir = join(work, 'data');
  const outDir = join(work, 'out');
  const pdfPath = join(work, 'contract.pdf');
  let draftId = '';
  /** A draft signed with an external method: no code is ever sent for it. */
  let externalId = '';
  let templateId = '';

  before(async () => {
    sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'] });
    desk = await openDesk({ dataDir });
    bridge = createDispatcher(
      // As the browser host with --no-open: no desktop, so nothing is launched on this machine.
      coreOperations(desk, { version: '0.1.0', training: false, dataDir, desktop: {} }),
      desk,
    );
    writeFileSync(pdfPath, await makePdf({ pages: 2 }));
    const must = async (name: string, args: unknown): Promise<unknown> => {
      const result = await bridge.call(name, args);
      assert.ok(result.ok, `${name}: ${JSON.stringify(result)}`);
      return result.value;
    };
    await must('profiles.save', {
      id: PROFILE,
      name: 'Fuzz office',
      baseUrl: sandbox.baseUrl,
      env: 'sandbox',
      caPem: null,
      pinSha256: null,
      defaultRegistrationAuthority: '3',
      defaultProfile: null,
    });
    await must('profiles.setActive', { profileId: PROFILE });
    await must('tokens.create', { profileId: PROFILE, username: RAO, password: PASSWORD, pin: PIN });
    const draft = (await must('jobs.draft', { profileId: PROFILE, paths: [pdfPath] })) as { id: string };
    draftId = draft.id;
    await must('jobs.update', { jobId: draftId, raoUsername: RAO, outputDir: outDir });
    externalId = ((await must('jobs.draft', { profileId: PROFILE, paths: [pdfPath] })) as { id: string }).id;
    await must('jobs.update', {
      jobId: externalId,
      auth: { method: 'external', type: 'biometric', value: EXTERNAL_VALUE },
    });
    const template = (await must('templates.save', {
      design: { ...STANDARD_TEMPLATE, name: 'Fuzz stamp' },
    })) as { id: string };
    templateId = template.id;
  });
  after(async () => {
    await desk?.close();
    await sandbox?.stop();
  });

  /** Type-correct arguments per operation; those that would remove or start something name no real job. */
  const baseArgs = (): Record<OperationName, Record<string, unknown>> => ({
    'app.info': {},
    'profiles.list': {},
    'profiles.save': {
      id: PROFILE,
      name: 'Fuzz office',
      baseUrl: sandbox.baseUrl,
      env: 'sandbox',
      caPem: null,
      pinSha256: null,
      defaultRegistrationAuthority: '3',
      defaultProfile: null,
    },
    'profiles.remove': { profileId: 'bridge-fuzz-no-such-profile' },
    'profiles.setActive': { profileId: PROFILE },
    'profiles.status': { profileId: PROFILE },
    'tokens.list': { profileId: PROFILE },
    'tokens.create': { profileId: PROFILE, username: `${RAO}-2`, password: PASSWORD, pin: PIN },
    'tokens.setActive': { profileId: PROFILE, username: RAO },
    'tokens.remove': { profileId: PROFILE, username: 'bridge-fuzz-nobody', localOnly: true },
    'documents.stage': { stageId: null, filename: 'fuzz.pdf', offset: 0, base64: '', last: false },
    'documents.inspect': { paths: [pdfPath] },
    'jobs.list': { limit: 50 },
    'jobs.get': { jobId: draftId },
    // A missing file stops these before a job exists, after every other field is checked.
    'jobs.create': {
      profileId: PROFILE,
      raoUsername: RAO,
      signer: {},
      auth: { method: 'otp', delivery: 'sms' },
      outputDir: outDir,
      paths: [join(work, 'missing.pdf')],
    },
    'jobs.draft': { profileId: PROFILE, paths: [join(work, 'missing.pdf')] },
    'jobs.details': { jobId: draftId },
    'jobs.update': { jobId: draftId, raoUsername: RAO, outputDir: outDir },
    'jobs.setIdImage': { jobId: draftId, side: 'document_front', image: null },
    'jobs.actions': { jobIds: [draftId] },
    'jobs.start': { jobIds: [NO_JOB] },
    'jobs.pause': { jobIds: [draftId] },
    'jobs.resume': { jobIds: [draftId] },
    'jobs.cancel': { jobIds: [NO_JOB] },
    'jobs.retry': { jobIds: [draftId] },
    // The draft has one document, at position 0: 7 (and every boundary number) names none.
    'jobs.dropDocument': { jobId: draftId, position: 7 },
    'jobs.copyAsDraft': { jobId: NO_JOB },
    'jobs.remove': { jobIds: [NO_JOB] },
    'jobs.undoRemove': { undoToken: randomUUID() },
    'review.file': { jobId: draftId, which: 'contract' },
    'review.state': { jobId: draftId },
    'review.signerView': { jobId: draftId },
    'review.markRead': {
      jobId: draftId,
      which: 0,
      pages: [{ page: 1, share: 1, ms: 1200, at: new Date().toISOString() }],
    },
    'review.override': { jobId: draftId, which: 0, reason: 'read on paper' },
    'review.consent': { jobId: draftId },
    'otp.send': { jobId: externalId },
    'otp.submit': { jobId: draftId, code: '123456' },
    'training.inbox': { jobId: draftId },
    'results.verify': { jobId: draftId, position: 0 },
    'results.file': { jobId: draftId, position: 0 },
    'files.open': { jobId: draftId, position: 0 },
    'files.reveal': { jobId: draftId, position: 0 },
    'dialogs.pickDocuments': {},
    'dialogs.pickFolder': {},
    'camera.allow': {},
    'appearance.apply': { jobIds: [draftId], templateId },
    'appearance.placeDocument': { jobId: draftId, position: 0, exact: null },
    'appearance.findText': { jobId: draftId, position: 0, text: 'Zażółć' },
    'appearance.pageContent': { jobId: draftId, position: 0, page: 1 },
    'appearance.useFreeSpace': { jobIds: [draftId] },
    'templates.list': {},
    'templates.save': { id: templateId, design: { ...STANDARD_TEMPLATE, name: 'Fuzz stamp' } },
    'templates.duplicate': { id: templateId },
    'templates.remove': { id: 'bridge-fuzz-no-such-template' },
    'templates.setDefault': { id: templateId },
    'templates.export': { ids: [templateId] },
    'templates.import': { json: '{"templates":[]}' },
    'audit.list': { jobId: draftId, limit: 20 },
    'audit.verify': {},
    'audit.export': { jobId: draftId, format: 'csv' },
    'settings.get': {},
    'settings.set': { key: 'nameTemplate', value: '{name}' },
  });

  it('answers every operation, with any argument, as a Result that names a contract code and leaks nothing', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    const jobsBefore = desk.store.jobs.list().length;
    const byCode = new Map<string, number>();
    const internal: string[] = [];
    const crashes: string[] = [];
    const answers: { what: string; json: string }[] = [];
    const covered = new Set<OperationName>();
    let calls = 0;

    const call = async (name: OperationName, args: unknown): Promise<void> => {
      calls++;
      covered.add(name);
      let result: Result<unknown>;
      try {
        result = await bridge.call(name, args);
      } catch (error) {
        crashes.push(`${name}: ${String(error)}`);
        return;
      }
      const what = `${name}(${describeArgs(args)})`;
      if (typeof result !== 'object' || result === null || typeof result.ok !== 'boolean') {
        crashes.push(`${what} answered ${String(result)}`);
        return;
      }
      const code = result.ok ? 'ok' : result.error.code;
      byCode.set(code, (byCode.get(code) ?? 0) + 1);
      if (!result.ok) {
        assert.ok((ERROR_CODES as readonly string[]).includes(code), `${what}: code ${code}`);
        assert.equal(typeof result.error.message, 'string', what);
        assert.ok(!/\n\s+at .+\(/.test(result.error.message), `${what}: a stack in ${result.error.message}`);
        if (code === 'internal') internal.push(`${what}: ${result.error.message}`);
      }
      answers.push({ what, json: JSON.stringify(result) });
    };

    const base = baseArgs();
    for (const name of OPERATION_NAMES) {
      const schema = OPERATIONS[name].args as z.ZodType;
      const keys = schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
      // (a) wrong shapes, then each key of the schema given a wrong type (others as in the base).
      for (const shape of WRONG_SHAPES) await call(name, shape);
      for (const key of keys)
        for (const wrong of WRONG_VALUES) await call(name, { ...base[name], [key]: wrong });
      // Unknown keys next to right ones, and every key at once with generated values.
      await call(name, { ...base[name], bridgeFuzzExtra: 'x', __proto__: { polluted: true } });
      await fc.assert(
        fc.asyncProperty(fc.anything({ withNullPrototype: true, withBoxedValues: true }), async (args) => {
          await call(name, args);
        }),
        { numRuns: 50 },
      );
      if (keys.length > 0)
        await fc.assert(
          fc.asyncProperty(
            fc.record(Object.fromEntries(keys.map((k) => [k, fc.anything()])), { requiredKeys: [] }),
            async (args) => {
              await call(name, args);
            },
          ),
          { numRuns: 20 },
        );
      // (b) boundary values of the right type, one field at a time.
      for (const [key, value] of Object.entries(base[name])) {
        if (typeof value === 'string')
          for (const s of BOUNDARY_STRINGS) await call(name, { ...base[name], [key]: s });
        if (typeof value === 'number')
          for (const n of BOUNDARY_NUMBERS) await call(name, { ...base[name], [key]: n });
        if (Array.isArray(value) && value.every((v) => typeof v === 'string'))
          for (const s of BOUNDARY_STRINGS) await call(name, { ...base[name], [key]: [s] });
      }
    }
    // Every setting given generated values and awkward strings: each key is checked in core.
    for (const key of SETTING_KEYS) {
      for (const s of [...BOUNDARY_STRINGS, ...BOUNDARY_NUMBERS, ...WRONG_VALUES])
        await call('settings.set', { key, value: s });
      await fc.assert(
        fc.asyncProperty(fc.anything(), async (value) => {
          await call('settings.set', { key, value });
        }),
        { numRuns: 10 },
      );
    }
    // A rejection left behind by a call surfaces on a later turn of the event loop: give it one.
    await new Promise((r) => setTimeout(r, 100));
    process.off('unhandledRejection', onUnhandled);

    console.log(
      `bridge fuzz: ${covered.size}/${OPERATION_NAMES.length} operations, ${calls} calls, results ${JSON.stringify(
        Object.fromEntries([...byCode].sort()),
      )}, crashes ${crashes.length + unhandled.length}, internal ${internal.length}`,
    );
    // Secrets: the setup's password and PIN, and the uid of every token the desk now holds.
    const tokens = await bridge.call('tokens.list', { profileId: PROFILE });
    assert.ok(tokens.ok);
    const usernames = (tokens.value as { tokens: { username: string }[] }).tokens.map((t) => t.username);
    assert.ok(usernames.includes(RAO));
    const uids = await Promise.all(usernames.map((u) => desk.vault.tokenUid(PROFILE, u)));
    const pinAlone = new RegExp(`(?<![0-9A-Za-z+/=])${PIN}(?![0-9A-Za-z+/=])`);
    for (const { what, json } of answers) {
      assert.ok(!json.includes(PASSWORD), `the password came back from ${what}`);
      assert.ok(!json.includes(EXTERNAL_VALUE), `the external value came back from ${what}`);
      assert.ok(!pinAlone.test(json), `the PIN came back from ${what}`);
      for (const uid of uids) assert.ok(!json.includes(uid), `a token uid came back from ${what}`);
    }

    assert.deepEqual(crashes, []);
    assert.deepEqual(unhandled.map(String), []);
    assert.deepEqual(internal, []);
    assert.equal(covered.size, OPERATION_NAMES.length);

    // The state is intact: the draft with its document, the same number of jobs, an unbroken log.
    for (const jobId of [draftId, externalId]) {
      const draft = await bridge.call('jobs.get', { jobId });
      assert.ok(draft.ok, JSON.stringify(draft));
      const view = draft.value as { state: string; documents: { filename: string }[] };
      assert.equal(view.state, 'draft');
      assert.deepEqual(
        view.documents.map((d) => d.filename),
        ['contract.pdf'],
      );
    }
    assert.equal(desk.store.jobs.list().length, jobsBefore);
    const listed = await bridge.call('jobs.list', {});
    assert.ok(listed.ok && (listed.value as { total: number }).total === jobsBefore);
    const verify = await bridge.call('audit.verify', {});
    assert.ok(verify.ok && (verify.value as { ok: boolean }).ok, JSON.stringify(verify));
  });
});

/** Arguments short enough for a failure message. */
function describeArgs(args: unknown): string {
  try {
    const text = JSON.stringify(args) ?? String(args);
    return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {
    return String(args);
  }
}
