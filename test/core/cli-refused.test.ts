// `resume --drop-refused`: a batch job one of whose documents the Optimizer refuses (415) stops,
// naming it with the Optimizer's words; resume takes that document out and finishes the job with
// the others, none of them uploaded twice and none left on the Optimizer.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { makePdf } from '../fixtures/pdfs';
import { runCliToEnd } from '../helpers/cli-process';
import { nssDbTrusting, pdfsig } from '../helpers/pdf-judges';
import { call, PRESET_TOKEN_UID, SIGNER } from '../helpers/sandbox';
import { spawnSandbox, type SandboxProcess } from '../helpers/sandbox-process';

const SKIP =
  process.env.ONESHOT_TEST_KEYRING !== undefined
    ? false
    : 'no Secret Service: run through node test/run.mjs (the CLI keeps tokens in the keychain)';
const work = mkdtempSync(join(tmpdir(), 'cli-refused-'));
type Stats = { requests: Record<string, Record<string, number>> };

describe('CLI: a refused document', { skip: SKIP }, () => {
  let sandbox: SandboxProcess;
  before(async () => {
    sandbox = await spawnSandbox([
      '--port',
      '0',
      '--data',
      join(work, 'sandbox'),
      '--refuse-documents',
      'scan',
    ]);
  });
  after(async () => sandbox.kill());

  it('stops the job naming the refused file; resume --drop-refused finishes it with the others', async () => {
    const docs = join(work, 'docs');
    mkdirSync(docs);
    const paths: string[] = [];
    for (const name of ['umowa.pdf', 'scan-dowodu.pdf', 'aneks.pdf']) {
      const path = join(docs, name);
      writeFileSync(path, await makePdf({ text: name }));
      paths.push(path);
    }
    const manifest = join(work, 'batch.json');
    writeFileSync(
      manifest,
      JSON.stringify([{ signer: SIGNER, documents: paths, ext_auth: { type: 'biometric', value: 'bio-9' } }]),
    );
    const data = join(work, 'data');
    const out = join(work, 'out');
    const first = await runCliToEnd([
      'batch',
      '--optimizer',
      sandbox.baseUrl,
      '--token',
      PRESET_TOKEN_UID,
      '--manifest',
      manifest,
      '--out',
      out,
      '--data',
      data,
      '--json',
    ]);
    assert.equal(first.code, 1, first.stderr);
    assert.match(
      first.stderr,
      /failed at uploading — The Optimizer refused “scan-dowodu\.pdf”: .*not accepted/,
    );

    // Without --drop-refused nothing changes: the job stays stopped, the refusal is not retried.
    const plain = await runCliToEnd(['resume', '--data', data, '--json']);
    assert.equal(plain.code, 1, plain.stderr);

    const resumed = await runCliToEnd(['resume', '--data', data, '--drop-refused', '--json']);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, /removed scan-dowodu\.pdf \(the Optimizer said: .*not accepted/);
    assert.deepEqual(JSON.parse(resumed.stdout.trim().split('\n').at(-1)!), {
      jobs: 1,
      done: 1,
      failed: 0,
      documents: 2,
    });
    const saved = readdirSync(out).sort();
    assert.deepEqual(saved, ['aneks.signed.pdf', 'umowa.signed.pdf']);
    const nss = nssDbTrusting(await fetch(`${sandbox.baseUrl}/sandbox/ca.pem`).then((r) => r.text()));
    for (const f of saved) assert.ok(pdfsig(join(out, f), nss).signatures.at(-1)?.valid);

    const stats = (await call<Stats>(sandbox.baseUrl, 'GET', '/sandbox/stats')).body.requests;
    const used = Object.values(stats).filter((s) => (s.documents ?? 0) > 0);
    assert.equal(used.length, 1);
    assert.equal(used[0]?.documents, 2, 'no document uploaded twice');
    assert.equal(used[0]?.certificates, 1);
    assert.equal(used[0]?.stored_documents, 0);
  });
});
