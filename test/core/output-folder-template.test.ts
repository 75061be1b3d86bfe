// The output folder as a template ({signer}, {id}, {date}, {job}): each part sanitised, the template
// checked like a folder, resolved once when a job starts and kept on the job across a restart, so
// two customers' files with the same name land in folders of their own.
import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDispatcher, type BridgeDispatcher } from '../../electron/core/bridge/dispatcher';
import { coreOperations } from '../../electron/core/bridge/operations';
import { openDesk, type Desk } from '../../electron/core/desk';
import { checkOutOption } from '../../electron/core/cli/output-option';
import { folderForJob, settleOutputFolders } from '../../electron/core/queue/output-folder-template';
import { checkSetting, defaultOutputFolder } from '../../electron/core/settings-rules';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import {
  applyFolderTemplate,
  fixedFolderPart,
  folderTemplateProblem,
  idTail,
  localDay,
} from '../../shared/output-folder-template';
import { makePdf } from '../fixtures/pdfs';
import { SIGNER } from '../helpers/sandbox';

const SKIP = process.env.ONESHOT_TEST_KEYRING ? false : 'no Secret Service: run through node test/run.mjs';

const DAY = new Date(2026, 11, 5, 23, 59);
const facts = (signer: string, idNumber = '12345678Z') => ({
  signer,
  idNumber,
  date: DAY,
  jobId: '0f1e2d3c-aaaa-bbbb-cccc-000000000000',
});

describe('an output folder template', () => {
  it('fills {signer}, {id} (last 4 characters only), {date} (the local day) and {job}', () => {
    assert.equal(
      applyFolderTemplate('/srv/signed/{date}/{signer} {id}/{job}', facts('Jan Kowalski')),
      '/srv/signed/2026-12-05/Jan Kowalski 678Z/0f1e2d3c',
    );
    assert.equal(idTail(' 12.345-678 z '), '678Z', 'spaces, dots and dashes do not count');
    assert.equal(localDay(new Date(2026, 0, 2, 0, 30)), '2026-01-02', 'the desk’s own day, not UTC’s');
    assert.equal(
      applyFolderTemplate('/srv/signed', facts('Jan')),
      '/srv/signed',
      'no placeholder: unchanged',
    );
  });

  it('keeps each part one readable folder: letters and emoji stay, separators and bidi controls go', () => {
    const cases: [string, string][] = [
      ['Łucja Żółć-Świątek 🙂', 'Łucja Żółć-Świątek 🙂'],
      ['../../etc', '_.._etc'],
      ['Ana/Ruiz\\López', 'Ana_Ruiz_López'],
      ['Ali\u202Egnp.exe', 'Ali_gnp.exe'],
      ['  ..hidden  ', 'hidden'],
      ['CON', '_CON'],
      ['dots...', 'dots'],
      ['\u0007', '_'],
      ['', 'signer'],
      ['A'.repeat(300), 'A'.repeat(80)],
    ];
    for (const [signer, folder] of cases)
      assert.equal(
        applyFolderTemplate('/out/{signer}', facts(signer)),
        `/out/${folder}`,
        JSON.stringify(signer),
      );
    assert.equal(applyFolderTemplate('/out/{id}', facts('x', '')), '/out/id', 'no ID number: a fixed word');
  });

  it('refuses braces that are no placeholder, and checks the fixed part as a folder', async () => {
    assert.deepEqual(folderTemplateProblem('/out/{name}'), {
      code: 'folderPlaceholder',
      placeholder: '{name}',
      allowed: ['{signer}', '{id}', '{date}', '{job}'],
    });
    assert.deepEqual(folderTemplateProblem('/out/{signer'), { code: 'folderBrace' });
    assert.equal(folderTemplateProblem('/out/{date}/{signer}'), null);
    assert.equal(fixedFolderPart('/out/a/{date}/b'), '/out/a/');
    assert.equal(fixedFolderPart('C:\\Signed\\{signer}'), 'C:\\Signed\\');

    const work = mkdtempSync(join(tmpdir(), 'folder-template-'));
    const accepted = await checkSetting('outputDir', `${work}/later/{date}/{signer}`);
    assert.deepEqual(accepted, { ok: true, value: `${work}/later/{date}/{signer}` });
    const file = join(work, 'a-file');
    writeFileSync(file, '');
    const blocked = await checkSetting('outputDir', `${file}/{signer}`);
    assert.ok(!blocked.ok && blocked.problem.code === 'folderIsFile', JSON.stringify(blocked));
    const unknown = await checkSetting('outputDir', `${work}/{customer}`);
    assert.ok(!unknown.ok && unknown.problem.code === 'folderPlaceholder', JSON.stringify(unknown));
    const relative = await checkSetting('outputDir', '{signer}/signed');
    assert.ok(!relative.ok && relative.problem.code === 'folderRelative');
  });

  it("is accepted by the CLI's --out relative to the working folder, and refused there with the same words", async () => {
    const work = mkdtempSync(join(tmpdir(), 'folder-template-cli-'));
    const cwd = process.cwd();
    process.chdir(work);
    try {
      assert.equal(
        await checkOutOption('signed/{date}/{signer}'),
        join(work, 'signed', '{date}', '{signer}'),
      );
      await assert.rejects(
        checkOutOption('signed/{customer}'),
        /--out signed\/\{customer\}: .*\{customer\}, which is not a placeholder/,
      );
    } finally {
      process.chdir(cwd);
    }
  });

  it('is a folder per day and signer on a new desk', () => {
    assert.equal(defaultOutputFolder('/home/rao'), '/home/rao/One-Shot Desk/Signed/{date}/{signer}');
  });
});

// Its own profile and RAO in the shared test keychain: test files run two at a time.
describe('a started job keeps the folder its template gave', { skip: SKIP }, () => {
  let sandbox: SandboxHandle;
  const work = mkdtempSync(join(tmpdir(), 'folder-template-jobs-'));
  const dataDir = join(work, 'data');
  const out = join(work, 'signed');

  const open = async (): Promise<{ desk: Desk; bridge: BridgeDispatcher }> => {
    const desk = await openDesk({ dataDir });
    const bridge = createDispatcher(
      coreOperations(desk, { version: '0.1.0', training: true, dataDir }),
      desk,
    );
    return { desk, bridge };
  };

  before(async () => {
    sandbox = await startSandbox({ log: () => {} });
  });
  after(async () => {
    await sandbox.stop();
  });

  it('resolves {date}/{signer} once at Start, keeps it after a restart, and saves there', async () => {
    const first = await open();
    const profile = {
      id: 'office-folder-template',
      name: 'Office',
      baseUrl: sandbox.baseUrl,
      env: 'sandbox' as const,
      caPem: null,
      pinSha256: null,
      defaultRegistrationAuthority: '3',
      defaultProfile: 'PFnubeAFCiudadano',
    };
    assert.ok((await first.bridge.call('profiles.save', profile)).ok);
    assert.ok((await first.bridge.call('profiles.setActive', { profileId: profile.id })).ok);
    const token = { profileId: profile.id, username: 'rao-folder-template', password: 'pw', pin: '1234' };
    assert.ok((await first.bridge.call('tokens.create', token)).ok);
    const template = join(out, '{date}', '{signer}');
    assert.ok((await first.bridge.call('settings.set', { key: 'outputDir', value: template })).ok);

    // Two customers, each with a file called contract.pdf.
    const signers = [
      { ...SIGNER, given_name: 'Jan', surname_1: 'Kowalski', surname_2: '' },
      { ...SIGNER, given_name: 'Łucja', surname_1: 'Żółć', surname_2: '', serial_number: 'X9876543' },
    ];
    const ids: string[] = [];
    for (const [i, signer] of signers.entries()) {
      const dir = join(work, `in-${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'contract.pdf'), await makePdf());
      const drafted = await first.bridge.call('jobs.draft', { paths: [join(dir, 'contract.pdf')] });
      assert.ok(drafted.ok, JSON.stringify(drafted));
      const jobId = (drafted.value as { id: string }).id;
      const details = await first.bridge.call('jobs.details', { jobId });
      assert.ok(details.ok);
      assert.equal(
        (details.value as { outputDir: string }).outputDir,
        template,
        'a draft holds the template',
      );
      const updated = await first.bridge.call('jobs.update', {
        jobId,
        signer,
        auth: { method: 'external', type: 'biometric', value: `bio-folder-${i}` },
      });
      assert.ok(updated.ok, JSON.stringify(updated));
      ids.push(jobId);
    }
    // Started with the runner stopped: nothing is saved before the restart.
    const started = await first.bridge.call('jobs.start', { jobIds: ids });
    assert.ok(started.ok, JSON.stringify(started));
    const day = localDay(new Date());
    const expected = [join(out, day, 'Jan Kowalski'), join(out, day, 'Łucja Żółć')];
    assert.deepEqual(
      ids.map((id) => first.desk.store.jobs.get(id).outputDir),
      expected,
      'the concrete folder is stored on the job as it leaves its draft',
    );
    await first.desk.close();

    // A restart on "another day" with another template: the started jobs keep their folders.
    const second = await open();
    try {
      assert.ok(
        (await second.bridge.call('settings.set', { key: 'outputDir', value: join(out, 'other', '{job}') }))
          .ok,
      );
      const stored = second.desk.store.jobs.get(ids[0] as string);
      assert.equal(stored.outputDir, expected[0]);
      assert.equal(folderForJob(stored, new Date(2030, 0, 1)), expected[0], 'never resolved again');
      second.desk.runner.start();
      for (let i = 0; i < 600; i++) {
        if (ids.every((id) => second.desk.store.jobs.get(id).state === 'done')) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(
        ids.map((id) => second.desk.store.jobs.get(id).state),
        ['done', 'done'],
      );
      for (const folder of expected) assert.deepEqual(readdirSync(folder), ['contract.signed.pdf'], folder);
      assert.ok(!existsSync(join(out, 'other')), 'the new template is for jobs started from now on');

      // A job created with its template (the CLI's way) gets its folder before the queue runs it.
      const stored0 = second.desk.store.jobs.get(ids[0] as string);
      const queued = second.desk.store.jobs.create({
        profileId: stored0.profileId,
        raoUsername: stored0.raoUsername,
        label: stored0.label,
        signer: stored0.signer,
        auth: { method: 'otp', delivery: 'sms' },
        outputDir: join(out, '{signer} {id}'),
        // A draft, so that the running queue leaves it alone; the CLI's jobs are queued.
        state: 'draft',
        documents: [],
      });
      settleOutputFolders(second.desk.store, [queued.id]);
      assert.equal(second.desk.store.jobs.get(queued.id).outputDir, join(out, 'Jan Kowalski 678Z'));
    } finally {
      await second.desk.runner.stop();
      await second.desk.close();
    }
  });
});
