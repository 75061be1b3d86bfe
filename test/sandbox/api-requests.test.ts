// Tokens, requests, uploads, the contract and document housekeeping, each over a real socket.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SandboxHandle } from '../../electron/sandbox/index';
import { startSandbox } from '../../electron/sandbox/index';
import { makeEncryptedPdf, makePdf } from '../fixtures/pdfs';
import { pdfText } from '../helpers/pdf-judges';
import {
  call,
  createRequest,
  download,
  listDocuments,
  pdfForm,
  PRESET_TOKEN_UID,
  signerForm,
  upload,
} from '../helpers/sandbox';

let sandbox: SandboxHandle;
let base: string;
before(async () => {
  sandbox = await startSandbox({ log: () => {} });
  base = sandbox.baseUrl;
});
after(async () => sandbox.stop());

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('service identity', () => {
  it('answers /hello and /version', async () => {
    const hello = await call(base, 'GET', '/hello');
    assert.equal(hello.status, 200);
    assert.match(String(hello.body.message), /SANDBOX/);
    const version = await call(base, 'GET', '/version');
    assert.equal(version.status, 200);
    assert.equal(version.body.sandbox, true);
    assert.equal(typeof version.body.version, 'string');
  });

  it('answers unknown paths with 404 and wrong methods with 405, FastAPI style', async () => {
    assert.deepEqual((await call(base, 'GET', '/nope')).body, { detail: 'Not Found' });
    const wrong = await call(base, 'PATCH', '/hello');
    assert.equal(wrong.status, 405);
    assert.deepEqual(wrong.body, { detail: 'Method Not Allowed' });
  });
});

describe('tokens', () => {
  it('lists the preset sandbox token', async () => {
    const res = await call<{ status: string; detail: Record<string, unknown> }>(base, 'GET', '/tokens');
    assert.equal(res.body.status, 'success');
    assert.ok(PRESET_TOKEN_UID in res.body.detail);
  });

  it('creates, reads and deletes a token, keeping only whether password and PIN were given', async () => {
    const created = await call<{ status: string; message: string; details: { token_uid: string } }>(
      base,
      'POST',
      '/token',
      {
        username: '2626807',
        password: 'secret',
        pin: '1234',
        env: 'sandbox',
      },
    );
    assert.equal(created.status, 200);
    assert.equal(created.body.message, 'Token created');
    const uid = created.body.details.token_uid;
    const got = await call<{ details: Record<string, string> }>(base, 'GET', `/token/${uid}`);
    assert.deepEqual(
      { ...got.body.details, rao_id: 'x' },
      { username: '2626807', password: 'true', pin: 'true', rao_id: 'x', env: 'sandbox' },
    );
    assert.ok(!JSON.stringify(got.body).includes('secret'));
    const withoutPin = await call<{ details: { token_uid: string } }>(base, 'POST', '/token', {
      username: 'u2',
    });
    const details = await call<{ details: Record<string, string> }>(
      base,
      'GET',
      `/token/${withoutPin.body.details.token_uid}`,
    );
    assert.equal(details.body.details.password, 'false');
    assert.equal(details.body.details.pin, 'false');
    const deleted = await call(base, 'DELETE', `/token/${uid}`);
    assert.equal(deleted.body.message, `Token ${uid} deleted successfully`);
    assert.equal((await call(base, 'GET', `/token/${uid}`)).status, 404);
    assert.equal((await call(base, 'DELETE', `/token/${uid}`)).status, 404);
  });

  it('refuses a token without username (422) or with a malformed PIN (403)', async () => {
    const missing = await call<{ detail: unknown[] }>(base, 'POST', '/token', { password: 'x' });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.detail, [
      { loc: ['body', 'username'], msg: 'field required', type: 'value_error.missing' },
    ]);
    const badEnv = await call<{ detail: { loc: string[] }[] }>(base, 'POST', '/token', {
      username: 'u',
      env: 'test',
    });
    assert.equal(badEnv.status, 422);
    assert.deepEqual(badEnv.body.detail[0]?.loc, ['body', 'env']);
    const badPin = await call(base, 'POST', '/token', { username: 'u', password: 'p', pin: 'abc' });
    assert.equal(badPin.status, 403);
    assert.deepEqual(badPin.body, { detail: 'Invalid RAO Credentials' });
  });
});

describe('create request', () => {
  it('answers with the seed envelope and a pk', async () => {
    const res = await call<{
      status: string;
      message: string;
      details: { status: string; pk: string; asyncmode: string };
    }>(base, 'POST', '/create', signerForm());
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'success');
    assert.equal(res.body.details.status, 'CREATED');
    assert.match(res.body.details.pk, /^\d+$/);
    assert.equal(res.body.message, `Request created with pk ${res.body.details.pk}`);
    const got = await call<{ secrets: Record<string, string>; request: Record<string, unknown> }>(
      base,
      'GET',
      `/request/${res.body.details.pk}`,
    );
    assert.equal(got.body.request.status, 'ENROLLREADY');
    assert.equal(got.body.request.given_name, 'María');
    assert.equal(got.body.request.pk, Number(res.body.details.pk));
    assert.ok(got.body.secrets.puk && got.body.secrets.enrollment_code);
  });

  it('accepts RAO credentials instead of a token, and ID images in JPEG or PNG', async () => {
    const form = signerForm({ username: 'rao1', password: 'pw', pin: '1234' }, undefined);
    form.append('document_front', new Blob([PNG_1PX], { type: 'image/png' }), 'front.png');
    form.append(
      'document_owner',
      new Blob([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0])], { type: 'image/jpeg' }),
      'selfie.jpg',
    );
    const res = await call(base, 'POST', '/create', form);
    assert.equal(res.status, 200, JSON.stringify(res.body));
  });

  it('lists every missing field in FastAPI 422 shape', async () => {
    const form = new FormData();
    form.append('given_name', 'Ana');
    const res = await call<{ detail: { loc: string[]; msg: string; type: string }[] }>(
      base,
      'POST',
      '/create',
      form,
    );
    assert.equal(res.status, 422);
    const fields = res.body.detail.map((d) => d.loc[1]);
    for (const f of [
      'surname_1',
      'id_document_country',
      'serial_number',
      'email',
      'mobile_phone_number',
      'registration_authority',
      'profile',
      'token',
    ]) {
      assert.ok(fields.includes(f), `missing ${f} in ${JSON.stringify(fields)}`);
    }
    assert.ok(
      res.body.detail.every(
        (d) => d.loc[0] === 'body' && d.type === 'value_error.missing' && d.msg.startsWith('field required'),
      ),
    );
  });

  it('refuses an unknown document type or language with 422', async () => {
    const res = await call<{ detail: { loc: string[]; type: string }[] }>(
      base,
      'POST',
      '/create',
      signerForm({ id_document_type: 'XYZ', communication_language: 'FR' }),
    );
    assert.equal(res.status, 422);
    assert.deepEqual(res.body.detail.map((d) => d.loc[1]).sort(), [
      'communication_language',
      'id_document_type',
    ]);
    assert.ok(res.body.detail.every((d) => d.type === 'type_error.enum'));
  });

  it('refuses a phone without international prefix with the published message', async () => {
    const res = await call(base, 'POST', '/create', signerForm({ mobile_phone_number: '600123456' }));
    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      detail: 'Please use the mobile phone number with an international prefix',
    });
  });

  it('answers bad e-mail and country with a per-field map in detail', async () => {
    const res = await call<{ detail: Record<string, string[]> }>(
      base,
      'POST',
      '/create',
      signerForm({ email: 'not-an-email', id_document_country: 'Spain' }),
    );
    assert.equal(res.status, 400);
    assert.deepEqual(Object.keys(res.body.detail).sort(), ['email', 'id_document_country']);
    assert.deepEqual(res.body.detail.email, ['Enter a valid email address']);
  });

  it('answers an unknown token with 404 "Error getting RAO\'s id…"', async () => {
    const res = await call(base, 'POST', '/create', signerForm({}, '00000000-0000-0000-0000-000000000000'));
    assert.equal(res.status, 404);
    assert.match(String(res.body.detail), /^Error getting RAO's id/);
  });

  it('refuses an ID image that is not JPEG or PNG with 415', async () => {
    const form = signerForm();
    form.append('document_front', new Blob(['GIF89a....']), 'front.gif');
    const res = await call(base, 'POST', '/create', form);
    assert.equal(res.status, 415);
    assert.match(String(res.body.detail), /document_front/);
  });

  it('answers billing credentials that are not base64 with 500, as published', async () => {
    const res = await call(
      base,
      'POST',
      '/create',
      signerForm({ billing_username: 'b', billing_password: 'not base64!' }),
    );
    assert.equal(res.status, 500);
    assert.match(String(res.body.detail), /base64/);
  });

  it('answers a non-numeric pk with 422 and an unknown pk with 404', async () => {
    const bad = await call<{ detail: { loc: string[] }[] }>(base, 'GET', '/request/abc');
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.body.detail[0]?.loc, ['path', 'request_pk']);
    assert.equal((await call(base, 'GET', '/request/999999999')).status, 404);
  });
});

describe('upload documents', () => {
  it('gives a hyphenated uuid per document, lists the published fields and serves the original', async () => {
    const pk = await createRequest(base);
    const a = await makePdf({ pages: 2, text: 'A' });
    const b = await makePdf({ pages: 1, text: 'B' });
    const uids = await upload(base, pk, [
      { name: 'a.pdf', bytes: a },
      { name: 'b.pdf', bytes: b },
    ]);
    for (const uid of uids)
      assert.match(uid, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const list = await listDocuments(base, pk);
    assert.deepEqual(
      uids.map((uid) => [list[uid]?.filename, list[uid]?.size, list[uid]?.ext, list[uid]?.mime]),
      [
        ['a.pdf', a.length, '.pdf', 'application/pdf'],
        ['b.pdf', b.length, '.pdf', 'application/pdf'],
      ],
    );
    const original = await download(base, `/document/${pk}/${uids[0]}?document_type=original`);
    assert.deepEqual(new Uint8Array(original.bytes), a);
    assert.equal((await download(base, `/document/${pk}/${uids[0]}?document_type=signed`)).status, 404);
    assert.equal((await call(base, 'GET', `/document/${pk}/${uids[0]}?document_type=other`)).status, 422);
  });

  it('refuses more than 10 files in one call, storing none', async () => {
    const pk = await createRequest(base);
    const pdf = await makePdf({});
    const files = Array.from({ length: 11 }, (_, i) => ({ name: `d${i}.pdf`, bytes: pdf }));
    const res = await call(base, 'POST', `/document/${pk}`, pdfForm(files));
    assert.equal(res.status, 400);
    assert.match(
      String(res.body.detail),
      /^Maximum number of document reached \(at most 10 files per upload call\)$/,
    );
    assert.deepEqual(await listDocuments(base, pk), {});
    assert.equal((await upload(base, pk, files.slice(0, 10))).length, 10);
  });

  it('refuses a non-PDF or encrypted file with 415, storing none of the call', async () => {
    const pk = await createRequest(base);
    const text = await call(
      base,
      'POST',
      `/document/${pk}`,
      pdfForm([
        { name: 'ok.pdf', bytes: await makePdf({}) },
        { name: 'notes.pdf', bytes: Buffer.from('just text, renamed') },
      ]),
    );
    assert.equal(text.status, 415);
    assert.match(String(text.body.detail), /notes\.pdf/);
    const encrypted = await call(
      base,
      'POST',
      `/document/${pk}`,
      pdfForm([{ name: 'locked.pdf', bytes: await makeEncryptedPdf() }]),
    );
    assert.equal(encrypted.status, 415);
    assert.match(String(encrypted.body.detail), /encrypted/);
    assert.deepEqual(await listDocuments(base, pk), {});
  });

  it('keeps non-ASCII file names as sent (UTF-8)', async () => {
    const pk = await createRequest(base);
    const [uid] = await upload(base, pk, [{ name: 'Contrato Núñez – Łódź.pdf', bytes: await makePdf({}) }]);
    assert.equal((await listDocuments(base, pk))[uid!]?.filename, 'Contrato Núñez – Łódź.pdf');
  });

  it('downloads a name outside Latin-1 with an ASCII filename and the exact UTF-8 filename* (RFC 6266)', async () => {
    const pk = await createRequest(base);
    const name = 'Umowa zażółć 🖋 \u202Egpj.pdf';
    const [uid] = await upload(base, pk, [{ name, bytes: await makePdf({}) }]);
    const res = await download(base, `/document/${pk}/${uid}`);
    assert.equal(res.status, 200);
    const header = res.headers.get('content-disposition') ?? '';
    assert.match(
      header,
      /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''[A-Za-z0-9%!#$&+.^_`|~-]+$/,
    );
    assert.equal(/filename="([^"]*)"/.exec(header)?.[1], 'Umowa zazo_c _ _gpj.pdf');
    assert.equal(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(header)?.[1] ?? ''), name);
  });

  it('counts a document uploaded twice to one request as a duplicate', async () => {
    const pk = await createRequest(base);
    const pdf = await makePdf({ text: 'twice' });
    await upload(base, pk, [{ name: 'x.pdf', bytes: pdf }]);
    await upload(base, pk, [{ name: 'x.pdf', bytes: pdf }]);
    const stats = await call<{ requests: Record<string, Record<string, number>> }>(
      base,
      'GET',
      '/sandbox/stats',
    );
    assert.deepEqual(
      {
        uploads: stats.body.requests[pk]?.uploads,
        documents: stats.body.requests[pk]?.documents,
        dup: stats.body.requests[pk]?.duplicate_documents,
      },
      { uploads: 2, documents: 2, dup: 1 },
    );
  });

  it('answers an upload without a file with 422 and to an unknown request with 404', async () => {
    const pk = await createRequest(base);
    assert.equal((await call(base, 'POST', `/document/${pk}`, new FormData())).status, 422);
    assert.equal(
      (
        await call(
          base,
          'POST',
          '/document/999999999',
          pdfForm([{ name: 'a.pdf', bytes: await makePdf({}) }]),
        )
      ).status,
      404,
    );
  });
});

describe('contract and housekeeping', () => {
  it('serves a contract PDF naming the signer, the profile and the sandbox terms', async () => {
    const pk = await createRequest(base);
    const res = await download(base, `/contract/${pk}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const dir = mkdtempSync(join(tmpdir(), 'contract-'));
    writeFileSync(join(dir, 'c.pdf'), res.bytes);
    const text = pdfText(join(dir, 'c.pdf'));
    assert.match(text, /María Núñez García/);
    assert.match(text, /PFnubeAFCiudadano/);
    assert.match(text, /SANDBOX/);
    assert.match(text, /no legal value/i);
  });

  it('deletes one document, then all of them, and a cancelled request refuses new work', async () => {
    const pk = await createRequest(base);
    const pdf = await makePdf({});
    const uids = await upload(base, pk, [
      { name: '1.pdf', bytes: pdf },
      { name: '2.pdf', bytes: await makePdf({ text: '2' }) },
      { name: '3.pdf', bytes: await makePdf({ text: '3' }) },
    ]);
    const one = await call(base, 'DELETE', `/document/${pk}/${uids[0]}`);
    assert.equal(one.status, 200);
    assert.equal((await call(base, 'DELETE', `/document/${pk}/${uids[0]}`)).status, 404);
    assert.equal((await download(base, `/document/${pk}/${uids[0]}`)).status, 404);
    const all = await call(base, 'DELETE', `/document/${pk}`);
    assert.deepEqual(all.body, { status: 'success', message: `Documents deleted for Request ${pk}` });
    assert.deepEqual(await listDocuments(base, pk), {});
    const cancelled = await call(base, 'DELETE', `/request/${pk}`);
    assert.equal(cancelled.body.message, `Request ${pk} deleted`);
    assert.equal(
      (await call<{ request: { status: string } }>(base, 'GET', `/request/${pk}`)).body.request.status,
      'CANCELLED',
    );
    const late = await call(base, 'POST', `/document/${pk}`, pdfForm([{ name: 'a.pdf', bytes: pdf }]));
    assert.equal(late.status, 412);
    assert.equal((await call(base, 'POST', `/otp/${pk}`, {})).status, 412);
    assert.equal((await call(base, 'DELETE', `/request/${pk}`)).status, 412);
  });

  it('updates a request (Video ID) only with its scratchcard', async () => {
    const pk = await createRequest(base);
    const got = await call<{ request: { scratchcard: string } }>(base, 'GET', `/request/${pk}`);
    const body = {
      scratchcard: got.body.request.scratchcard,
      email: 'new@example.com',
      registration_authority: '3',
      profile: 'P',
      country_name: 'PL',
    };
    const ok = await call<{ email: string; country_name: string }>(base, 'PUT', `/request/${pk}`, body);
    assert.equal(ok.status, 200);
    assert.equal(ok.body.email, 'new@example.com');
    assert.equal((await call(base, 'PUT', `/request/${pk}`, { ...body, scratchcard: '1' })).status, 403);
    assert.equal((await call(base, 'PUT', `/request/${pk}`, { scratchcard: '1' })).status, 422);
  });
});
