// The seeds' eight steps of the classic workflow, done with curl exactly as the documentation shows
// them, against the sandbox command; the signed PDF must be valid for pdfsig.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { makePdf } from '../fixtures/pdfs';
import { nssDbTrusting, pdfsig, qpdfCheck } from '../helpers/pdf-judges';
import { spawnSandbox } from '../helpers/sandbox-process';

function curl(...args: string[]): string {
  return execFileSync('curl', ['-sS', '--fail-with-body', ...args], { encoding: 'utf8' });
}

it("walks the seeds' eight steps with curl and gets a PDF that pdfsig calls valid", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'seed-steps-'));
  writeFileSync(join(dir, 'doc.pdf'), await makePdf({ pages: 2, text: 'Contract of sale' }));
  const sandbox = await spawnSandbox(['--port', '0', '--data', join(dir, 'data')]);
  try {
    const base = sandbox.baseUrl;
    // 1. list tokens: the preset sandbox token is there
    const tokens = JSON.parse(curl(`${base}/tokens`)) as { detail: Record<string, unknown> };
    const token = Object.keys(tokens.detail).find((t) => t === '3bf8d8eb-d96c-41ea-83ad-d78a7016c7da');
    assert.ok(token);
    // 2. create the request
    const created = JSON.parse(
      curl(
        '-X',
        'POST',
        `${base}/create`,
        '-H',
        'Content-Type: multipart/form-data',
        '-F',
        'given_name=Nombre',
        '-F',
        'surname_1=Apellido1',
        '-F',
        'id_document_type=IDC',
        '-F',
        'id_document_country=ES',
        '-F',
        'serial_number=0000000T',
        '-F',
        'email=name@domain.com',
        '-F',
        'mobile_phone_number=+34600000000',
        '-F',
        'registration_authority=3',
        '-F',
        'profile=PFnubeAFCiudadano',
        '-F',
        `token=${token}`,
      ),
    ) as { details: { pk: string } };
    const pk = created.details.pk;
    // 3. upload
    const uploaded = JSON.parse(
      curl('-X', 'POST', `${base}/document/${pk}`, '-F', `file=@${join(dir, 'doc.pdf')}`),
    ) as { status: string; detail: { name: string; uid: string } };
    assert.equal(uploaded.detail.name, 'file');
    const uid = uploaded.detail.uid;
    // 4. contract: the step text writes `/contract/{pk}/`, which FastAPI redirects (curl -L follows)
    curl('-L', '-o', join(dir, 'contract.pdf'), `${base}/contract/${pk}/`);
    assert.ok(qpdfCheck(join(dir, 'contract.pdf')).ok);
    // 5. OTP (read from the sandbox inbox instead of a phone)
    curl(
      '-X',
      'POST',
      `${base}/otp/${pk}`,
      '-H',
      'Content-Type: application/json',
      '-d',
      '{"delivery_method":"sms"}',
    );
    const otp = (JSON.parse(curl(`${base}/sandbox/inbox/${pk}`)) as { otp: string }).otp;
    // 6. sign
    const signBody = JSON.stringify({
      secret: otp,
      signature: { appearance: { position: '50,50,250,120', page: 0, text: ['Signed with One-Shot'] } },
    });
    const signed = JSON.parse(
      curl('-X', 'POST', `${base}/sign/${pk}`, '-H', 'Content-Type: application/json', '-d', signBody),
    ) as { status: string; message: string };
    assert.equal(signed.status, 'success');
    assert.equal(signed.message, `Signature process for Request ${pk} completed`);
    // 7. download the signed document
    curl('-o', join(dir, 'signed.pdf'), `${base}/document/${pk}/${uid}?document_type=signed`);
    // 8. delete it from the Optimizer
    curl('-X', 'DELETE', `${base}/document/${pk}/${uid}`);

    const judged = pdfsig(
      join(dir, 'signed.pdf'),
      nssDbTrusting(execFileSync('curl', ['-sS', `${base}/sandbox/ca.pem`], { encoding: 'utf8' })),
    );
    assert.equal(judged.signatures.length, 1, judged.output);
    assert.ok(judged.signatures[0]!.valid && judged.signatures[0]!.trusted, judged.output);
    assert.ok(qpdfCheck(join(dir, 'signed.pdf')).ok);
    const stats = JSON.parse(curl(`${base}/sandbox/stats`)) as {
      requests: Record<string, Record<string, number>>;
    };
    assert.deepEqual(stats.requests[pk], {
      creates: 1,
      uploads: 1,
      documents: 1,
      duplicate_documents: 0,
      otp_sends: 1,
      sign_calls: 1,
      sign_successes: 1,
      certificates: 1,
      deletes: 1,
      stored_documents: 0,
    });
  } finally {
    await sandbox.kill();
  }
});
