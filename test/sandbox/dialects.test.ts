// The sandbox answers as the published evidence says the Optimizer answers (ONE-SHOT-API.md,
// "Evidence beyond the seeds"): each fact has a test named after it, on the default dialect; then
// every dialect's envelopes and error shapes, one sandbox per dialect.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  SANDBOX_DIALECTS,
  startSandbox,
  type SandboxDialect,
  type SandboxHandle,
} from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import {
  call,
  createRequest,
  download,
  listDocuments,
  pdfForm,
  sendOtpAndRead,
  signerForm,
  upload,
  uploadedUids,
  withSandbox,
} from '../helpers/sandbox';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const EXT_AUTH = { secret: 'customer-code', ext_unlock_type: 'biometric', ext_unlock_value: 'bio-1' };
type Stats = { requests: Record<string, Record<string, number>> };

async function statusOf(base: string, pk: number): Promise<string> {
  return (await call<{ request: { status: string } }>(base, 'GET', `/request/${pk}`)).body.request.status;
}

describe('published facts (default dialect)', () => {
  let sandbox: SandboxHandle;
  let base: string;
  let pdf: Uint8Array;
  before(async () => {
    sandbox = await startSandbox({ log: () => {} });
    base = sandbox.baseUrl;
    pdf = await makePdf({ pages: 1, text: 'evidence' });
  });
  after(async () => sandbox.stop());

  const withDocument = async (): Promise<{ pk: number; uid: string }> => {
    const pk = await createRequest(base);
    const [uid] = await upload(base, pk, [{ name: 'doc.pdf', bytes: pdf }]);
    return { pk, uid: uid! };
  };

  it('answers 307 to /contract/{pk}/ with Location /contract/{pk} (FastAPI redirect_slashes)', async () => {
    const pk = await createRequest(base);
    const res = await fetch(`${base}/contract/${pk}/?lang=es`, { redirect: 'manual' });
    assert.equal(res.status, 307);
    assert.equal(res.headers.get('location'), `${base}/contract/${pk}?lang=es`);
    assert.equal(await res.text(), '');
    const followed = await download(base, `/contract/${pk}`);
    assert.equal(followed.status, 200);
    assert.equal(followed.headers.get('content-type'), 'application/pdf');
    // The other direction, and a POST: Starlette redirects whatever the method (307 keeps it).
    const slashed = await call(base, 'GET', `/request/${pk}/`);
    assert.deepEqual([slashed.status, slashed.headers.get('location')], [307, `${base}/request/${pk}`]);
    const post = await call(base, 'POST', `/document/${pk}/`, pdfForm([{ name: 'a.pdf', bytes: pdf }]));
    assert.deepEqual([post.status, post.headers.get('location')], [307, `${base}/document/${pk}`]);
    assert.deepEqual(await listDocuments(base, pk), {}, 'a redirected upload stores nothing');
  });

  it('builds the 307 Location from the Host header the client sent', async () => {
    const { port } = sandbox;
    const res = await fetch(`http://localhost:${port}/oneshot/api/v1/tokens/`, { redirect: 'manual' });
    assert.equal(res.headers.get('location'), `http://localhost:${port}/oneshot/api/v1/tokens`);
  });

  it('answers 404 {detail:"Not Found"} for unknown paths and 405 {detail:"Method Not Allowed"} for a wrong method', async () => {
    assert.deepEqual(await call(base, 'GET', '/contracts/1').then((r) => [r.status, r.body]), [
      404,
      { detail: 'Not Found' },
    ]);
    assert.deepEqual(await call(base, 'PUT', '/contract/1').then((r) => [r.status, r.body]), [
      405,
      { detail: 'Method Not Allowed' },
    ]);
    assert.equal((await call(base, 'GET', '/contract//')).status, 404);
  });

  it('answers one upload with {status:success, detail:{name, uid}} and a hyphenated uuid', async () => {
    const pk = await createRequest(base);
    const res = await call<{ status: string; detail: { name: string; uid: string } }>(
      base,
      'POST',
      `/document/${pk}`,
      pdfForm([{ name: 'one.pdf', bytes: pdf }]),
    );
    assert.equal(res.status, 200);
    assert.deepEqual(Object.keys(res.body).sort(), ['detail', 'status']);
    assert.equal(res.body.status, 'success');
    assert.deepEqual(Object.keys(res.body.detail).sort(), ['name', 'uid']);
    assert.equal(res.body.detail.name, 'file');
    assert.match(res.body.detail.uid, UUID);
  });

  it('lists several uploads out of upload order, each named by its form field', async () => {
    const pk = await createRequest(base);
    const files = ['a', 'b', 'c'].map((n) => ({ name: `${n}.pdf`, bytes: pdf }));
    const res = await call<{ status: string; detail: { name: string; uid: string }[] }>(
      base,
      'POST',
      `/document/${pk}`,
      pdfForm(files),
    );
    assert.equal(res.body.status, 'success');
    assert.deepEqual(
      res.body.detail.map((d) => d.name),
      ['file3', 'file', 'file2'],
    );
    for (const d of res.body.detail) assert.match(d.uid, UUID);
    const byField = uploadedUids(res.body, ['file', 'file2', 'file3']);
    const list = await listDocuments(base, pk);
    assert.deepEqual(
      byField.map((uid) => list[uid]?.filename),
      ['a.pdf', 'b.pdf', 'c.pdf'],
    );
  });

  it('document list carries only upload_date, ext, size, mime, filename', async () => {
    const { pk, uid } = await withDocument();
    const res = await call<{ status: string; detail: Record<string, Record<string, unknown>> }>(
      base,
      'GET',
      `/documents/${pk}`,
    );
    assert.equal(res.body.status, 'success');
    assert.deepEqual(Object.keys(res.body.detail), [uid]);
    const entry = res.body.detail[uid]!;
    assert.deepEqual(Object.keys(entry).sort(), ['ext', 'filename', 'mime', 'size', 'upload_date']);
    assert.deepEqual(
      { ext: entry.ext, size: entry.size, mime: entry.mime, filename: entry.filename },
      { ext: '.pdf', size: pdf.length, mime: 'application/pdf', filename: 'doc.pdf' },
    );
    assert.ok(!Number.isNaN(Date.parse(String(entry.upload_date))));
  });

  it('DELETE /document/{pk} deletes all; DELETE /documents/{pk} is 405', async () => {
    const pk = await createRequest(base);
    await upload(base, pk, [
      { name: 'a.pdf', bytes: pdf },
      { name: 'b.pdf', bytes: pdf },
    ]);
    const old = await call(base, 'DELETE', `/documents/${pk}`);
    assert.deepEqual([old.status, old.body], [405, { detail: 'Method Not Allowed' }]);
    let stats = await call<Stats>(base, 'GET', '/sandbox/stats');
    assert.equal(stats.body.requests[pk]?.stored_documents, 2);
    const all = await call(base, 'DELETE', `/document/${pk}`);
    assert.deepEqual(
      [all.status, all.body],
      [200, { status: 'success', message: `Documents deleted for Request ${pk}` }],
    );
    assert.deepEqual(await listDocuments(base, pk), {});
    stats = await call<Stats>(base, 'GET', '/sandbox/stats');
    assert.equal(stats.body.requests[pk]?.stored_documents, 0, 'no document left on the sandbox');
    assert.equal(stats.body.requests[pk]?.deletes, 2);
  });

  it('GET /request shows ISSUED after sign and CANCELLED after cancel, and names no documents', async () => {
    const signed = await withDocument();
    assert.equal(await statusOf(base, signed.pk), 'ENROLLREADY');
    assert.equal((await call(base, 'POST', `/sign/${signed.pk}`, EXT_AUTH)).status, 200);
    const got = await call<{ secrets: Record<string, string>; request: Record<string, unknown> }>(
      base,
      'GET',
      `/request/${signed.pk}`,
    );
    assert.deepEqual(Object.keys(got.body).sort(), ['request', 'secrets']);
    assert.equal(got.body.request.status, 'ISSUED');
    assert.ok(!('documents' in got.body.request));

    const cancelled = await withDocument();
    const res = await call(base, 'DELETE', `/request/${cancelled.pk}`);
    assert.deepEqual(res.body, { status: 'success', message: `Request ${cancelled.pk} deleted` });
    assert.equal(await statusOf(base, cancelled.pk), 'CANCELLED');
    assert.deepEqual(
      Object.keys(await listDocuments(base, cancelled.pk)),
      [cancelled.uid],
      'cancelling never deletes documents',
    );
  });

  it('answers sign with {status:success, message:"Signature process for Request N completed", detail:{request:N, documents:{}}}', async () => {
    const { pk, uid } = await withDocument();
    const res = await call(base, 'POST', `/sign/${pk}`, EXT_AUTH);
    assert.deepEqual(res.body, {
      status: 'success',
      message: `Signature process for Request ${pk} completed`,
      detail: { request: pk, documents: {} },
    });
    // Whether a document is signed is known from its signed download.
    assert.equal((await download(base, `/document/${pk}/${uid}?document_type=signed`)).status, 200);
  });

  it('412 Request already in ISSUED status on a second sign', async () => {
    const { pk } = await withDocument();
    assert.equal((await call(base, 'POST', `/sign/${pk}`, EXT_AUTH)).status, 200);
    const again = await call(base, 'POST', `/sign/${pk}`, EXT_AUTH);
    assert.deepEqual([again.status, again.body], [412, { detail: 'Request already in ISSUED status' }]);
    const stats = await call<Stats>(base, 'GET', '/sandbox/stats');
    assert.equal(stats.body.requests[pk]?.certificates, 1, 'no second certificate');
  });

  it('secret required with ext_unlock_type', async () => {
    const { pk } = await withDocument();
    const res = await call(base, 'POST', `/sign/${pk}`, {
      ext_unlock_type: 'biometric',
      ext_unlock_value: 'x',
    });
    assert.deepEqual(
      [res.status, res.body],
      [422, { detail: [{ loc: ['body', 'secret'], msg: 'field required', type: 'value_error.missing' }] }],
    );
  });

  it('one plain 403 Confirmation Code invalid for wrong, expired, locked and absent codes', async () => {
    const plain = { detail: 'Confirmation Code invalid' };
    const refused = async (pk: number, secret: string): Promise<void> => {
      const res = await call(base, 'POST', `/sign/${pk}`, { secret });
      assert.deepEqual([res.status, res.body], [403, plain]);
    };
    const absent = await withDocument();
    await refused(absent.pk, '123456');

    const locked = await withDocument();
    const code = await sendOtpAndRead(base, locked.pk);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) await refused(locked.pk, wrong);
    await refused(locked.pk, code);

    const expired = await withDocument();
    const late = await sendOtpAndRead(base, expired.pk);
    await call(base, 'POST', '/sandbox/clock', { advance_seconds: 5 * 60 + 1 });
    await refused(expired.pk, late);
  });

  it('412 "Error occured during OTP generation: Otp generated less than a minute ago"', async () => {
    const { pk } = await withDocument();
    await sendOtpAndRead(base, pk);
    const again = await call(base, 'POST', `/otp/${pk}`, { delivery_method: 'sms' });
    assert.deepEqual(
      [again.status, again.body],
      [412, { detail: 'Error occured during OTP generation: Otp generated less than a minute ago' }],
    );
  });

  it('answers the other published refusals with their codes and words', async () => {
    const rao = await call(base, 'POST', '/token', { username: 'u', password: 'p', pin: 'x' });
    assert.deepEqual([rao.status, rao.body], [403, { detail: 'Invalid RAO Credentials' }]);
    const token = await call(base, 'POST', '/create', signerForm({}, '00000000-0000-0000-0000-000000000000'));
    assert.equal(token.status, 404);
    assert.match(String(token.body.detail), /^Error getting RAO's id/);
    const phone = await call(base, 'POST', '/create', signerForm({ mobile_phone_number: '600123456' }));
    assert.deepEqual(
      [phone.status, phone.body],
      [400, { detail: 'Please use the mobile phone number with an international prefix' }],
    );
    const pk = await createRequest(base);
    const notPdf = await call(
      base,
      'POST',
      `/document/${pk}`,
      pdfForm([{ name: 'x.pdf', bytes: Buffer.from('no') }]),
    );
    assert.equal(notPdf.status, 415);
    assert.match(String(notPdf.body.detail), /x\.pdf/);
    const many = Array.from({ length: 11 }, (_, i) => ({ name: `${i}.pdf`, bytes: pdf }));
    const tooMany = await call(base, 'POST', `/document/${pk}`, pdfForm(many));
    assert.equal(tooMany.status, 400);
    assert.match(String(tooMany.body.detail), /^Maximum number of document reached/);
    const missing = await call(base, 'GET', '/request/999999999');
    assert.deepEqual([missing.status, missing.body], [404, { detail: 'Request 999999999 not found' }]);
    assert.equal((await call(base, 'DELETE', `/request/${pk}`)).status, 200);
    const closed = await call(base, 'POST', `/otp/${pk}`, {});
    assert.deepEqual([closed.status, closed.body], [412, { detail: 'Invalid request status' }]);
  });
});

describe('async sign (useasync=true)', () => {
  it('async sign answers early and becomes ISSUED', async () => {
    await withSandbox({ asyncSignMs: 1500 }, async ({ baseUrl: base }) => {
      const pk = await createRequest(base, { useasync: 'true' });
      const [uid] = await upload(base, pk, [{ name: 'a.pdf', bytes: await makePdf({}) }]);
      const started = performance.now();
      const res = await call(base, 'POST', `/sign/${pk}`, EXT_AUTH);
      assert.ok(performance.now() - started < 1200, 'answered before the background work ended');
      assert.deepEqual(
        [res.status, res.body],
        [
          200,
          {
            status: 'success',
            message: `Signature process for Request ${pk} started`,
            detail: { request: pk, documents: {} },
          },
        ],
      );
      assert.equal(await statusOf(base, pk), 'ENROLLREADY');
      const again = await call(base, 'POST', `/sign/${pk}`, EXT_AUTH);
      assert.deepEqual([again.status, again.body], [412, { detail: 'Invalid request status' }]);
      const late = await call(
        base,
        'POST',
        `/document/${pk}`,
        pdfForm([{ name: 'b.pdf', bytes: await makePdf({}) }]),
      );
      assert.equal(late.status, 412, 'no upload while the signature runs');
      const deadline = Date.now() + 15_000;
      while ((await statusOf(base, pk)) !== 'ISSUED') {
        assert.ok(Date.now() < deadline, 'the async signature never committed');
        await sleep(100);
      }
      assert.equal((await download(base, `/document/${pk}/${uid}?document_type=signed`)).status, 200);
    });
  });

  it('stop() lets a running async signature commit before it closes the store', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'async-stop-'));
    try {
      const first = await startSandbox({ log: () => {}, dataDir, asyncSignMs: 300 });
      const pk = await createRequest(first.baseUrl, { useasync: 'true' });
      await upload(first.baseUrl, pk, [{ name: 'a.pdf', bytes: await makePdf({}) }]);
      assert.equal((await call(first.baseUrl, 'POST', `/sign/${pk}`, EXT_AUTH)).status, 200);
      await first.stop();
      const second = await startSandbox({ log: () => {}, dataDir });
      try {
        assert.equal(await statusOf(second.baseUrl, pk), 'ISSUED');
      } finally {
        await second.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

/** What each dialect is expected to say; written out here, independent of the sandbox's own builders. */
interface DialectWords {
  ok: string;
  error(status: number, message: string): unknown;
  routing(status: number, message: string): unknown;
  /** The key a route the new API answers with `detail` uses in this dialect. */
  detailKey: 'detail' | 'details';
  listKey: 'detail' | 'details';
  badEmail: [number, unknown];
  badPhone: [number, unknown];
  missingUsername: [number, unknown];
  badDeliveryMethod: [number, unknown];
  wrongCode: string;
}

const PHONE = 'Please use the mobile phone number with an international prefix';
const fastapiError = (_status: number, message: string): unknown => ({ detail: message });
const v1Missing = {
  detail: [{ loc: ['body', 'username'], msg: 'field required', type: 'value_error.missing' }],
};
const v1Enum = {
  detail: [
    {
      loc: ['body', 'delivery_method'],
      msg: "value is not a valid enumeration member; permitted: 'sms', 'whatsapp'",
      type: 'type_error.enum',
    },
  ],
};
const fastapiWords: DialectWords = {
  ok: 'success',
  error: fastapiError,
  routing: fastapiError,
  detailKey: 'detail',
  listKey: 'detail',
  badEmail: [400, { detail: { email: ['Enter a valid email address'] } }],
  badPhone: [400, { detail: PHONE }],
  missingUsername: [422, v1Missing],
  badDeliveryMethod: [422, v1Enum],
  wrongCode: 'Confirmation Code invalid',
};
const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  412: 'Precondition Failed',
  415: 'Unsupported Media Type',
};
const legacyError = (status: number, message: string): unknown => ({
  status: `${status} ${STATUS_TEXT[status]}`,
  details: message,
});

const WORDS: Record<SandboxDialect, DialectWords> = {
  fastapi: fastapiWords,
  'fastapi-v2': {
    ...fastapiWords,
    missingUsername: [
      422,
      { detail: [{ type: 'missing', loc: ['body', 'username'], msg: 'Field required', input: null }] },
    ],
    badDeliveryMethod: [
      422,
      {
        detail: [
          {
            type: 'enum',
            loc: ['body', 'delivery_method'],
            msg: "Input should be 'sms' or 'whatsapp'",
            input: 'pigeon',
            ctx: { expected: "'sms' or 'whatsapp'" },
          },
        ],
      },
    ],
  },
  legacy: {
    ok: '200 OK',
    error: legacyError,
    routing: legacyError,
    detailKey: 'details',
    listKey: 'details',
    badEmail: [500, { email: ['Enter a valid email address'] }],
    badPhone: [500, { mobile_phone_number: [PHONE] }],
    missingUsername: [400, { status: '400 Bad Request', details: 'Missing parameter: username' }],
    badDeliveryMethod: [400, { status: '400 Bad Request', details: 'Invalid parameter: delivery_method' }],
    wrongCode: 'Confirmation Code invalid',
  },
  'status-message': {
    ...fastapiWords,
    error: (_status, message) => ({ status: 'error', message }),
    listKey: 'details',
    badEmail: [
      400,
      {
        status: 'error',
        message: 'Invalid request data',
        details: { email: ['Enter a valid email address'] },
      },
    ],
    badPhone: [400, { status: 'error', message: PHONE }],
  },
  'otp-reasons': { ...fastapiWords, wrongCode: 'Confirmation Code invalid (2 attempt(s) left)' },
};

for (const dialect of SANDBOX_DIALECTS) {
  describe(`dialect ${dialect}`, () => {
    const words = WORDS[dialect];
    let sandbox: SandboxHandle;
    let base: string;
    before(async () => {
      sandbox = await startSandbox({ log: () => {}, dialect });
      base = sandbox.baseUrl;
    });
    after(async () => sandbox.stop());

    it(`${dialect}: reports itself at GET /sandbox/dialect`, async () => {
      assert.deepEqual((await call(base, 'GET', '/sandbox/dialect')).body, { dialect });
    });

    it(`${dialect}: success envelopes for token, create, otp, sign and deletes`, async () => {
      const token = await call<Record<string, unknown>>(base, 'POST', '/token', {
        username: 'rao',
        password: 'p',
        pin: '1234',
      });
      assert.equal(token.body.status, words.ok);
      assert.equal(token.body.message, 'Token created');
      assert.match(String((token.body.details as { token_uid: string }).token_uid), UUID);
      const created = await call<Record<string, unknown>>(base, 'POST', '/create', signerForm());
      const pk = Number((created.body.details as { pk: string }).pk);
      assert.deepEqual(created.body, {
        status: words.ok,
        message: `Request created with pk ${pk}`,
        details: { status: 'CREATED', asyncmode: 'false', pk: String(pk) },
      });
      const [uid] = await upload(base, pk, [{ name: 'a.pdf', bytes: await makePdf({}) }]);
      const otp = await call(base, 'POST', `/otp/${pk}`, { delivery_method: 'sms' });
      assert.deepEqual(otp.body, {
        status: words.ok,
        [words.detailKey]: 'OTP successfully sent to +34******456',
      });
      const inbox = await call<{ otp: string }>(base, 'GET', `/sandbox/inbox/${pk}`);
      const signed = await call(base, 'POST', `/sign/${pk}`, { secret: inbox.body.otp });
      assert.deepEqual(signed.body, {
        status: words.ok,
        message: `Signature process for Request ${pk} completed`,
        [words.detailKey]: { request: pk, documents: {} },
      });
      const list = await call(base, 'GET', `/documents/${pk}`);
      assert.deepEqual(Object.keys(list.body).sort(), [words.listKey, 'status'].sort());
      const one = await call(base, 'DELETE', `/document/${pk}/${uid}`);
      assert.deepEqual(one.body, { status: words.ok, message: `Document ${uid} deleted` });
      const all = await call(base, 'DELETE', `/document/${pk}`);
      assert.deepEqual(all.body, { status: words.ok, message: `Documents deleted for Request ${pk}` });
      const other = await createRequest(base);
      const cancelled = await call(base, 'DELETE', `/request/${other}`);
      assert.deepEqual(cancelled.body, { status: words.ok, message: `Request ${other} deleted` });
    });

    it(`${dialect}: application errors (404, 412, 415, 403) in its error shape`, async () => {
      const missing = await call(base, 'GET', '/request/5');
      assert.deepEqual([missing.status, missing.body], [404, words.error(404, 'Request 5 not found')]);
      const pk = await createRequest(base);
      const notPdf = await call(
        base,
        'POST',
        `/document/${pk}`,
        pdfForm([{ name: 'n.pdf', bytes: Buffer.from('x') }]),
      );
      assert.deepEqual(
        [notPdf.status, notPdf.body],
        [415, words.error(415, 'Unsupported file type: n.pdf is not a PDF')],
      );
      await upload(base, pk, [{ name: 'a.pdf', bytes: await makePdf({}) }]);
      const code = await sendOtpAndRead(base, pk);
      const wrong = await call(base, 'POST', `/sign/${pk}`, {
        secret: code === '000000' ? '111111' : '000000',
      });
      assert.deepEqual([wrong.status, wrong.body], [403, words.error(403, words.wrongCode)]);
      const soon = await call(base, 'POST', `/otp/${pk}`, {});
      assert.deepEqual(
        [soon.status, soon.body],
        [412, words.error(412, 'Error occured during OTP generation: Otp generated less than a minute ago')],
      );
      assert.deepEqual(await call(base, 'GET', '/nowhere').then((r) => [r.status, r.body]), [
        404,
        words.routing(404, 'Not Found'),
      ]);
      assert.deepEqual(await call(base, 'DELETE', `/documents/${pk}`).then((r) => [r.status, r.body]), [
        405,
        words.routing(405, 'Method Not Allowed'),
      ]);
    });

    it(`${dialect}: malformed input (missing field, bad enum) in its validation shape`, async () => {
      const missing = await call(base, 'POST', '/token', { password: 'p' });
      assert.deepEqual([missing.status, missing.body], words.missingUsername);
      const pk = await createRequest(base);
      const badEnum = await call(base, 'POST', `/otp/${pk}`, { delivery_method: 'pigeon' });
      assert.deepEqual([badEnum.status, badEnum.body], words.badDeliveryMethod);
    });

    it(`${dialect}: bad signer fields (e-mail, phone prefix) in its field-error shape`, async () => {
      const email = await call(base, 'POST', '/create', signerForm({ email: 'not-an-email' }));
      assert.deepEqual([email.status, email.body], words.badEmail);
      const phone = await call(base, 'POST', '/create', signerForm({ mobile_phone_number: '600123456' }));
      assert.deepEqual([phone.status, phone.body], words.badPhone);
    });

    it(`${dialect}: 307 to the declared route for a slash too many`, async () => {
      const res = await call(base, 'GET', '/tokens/');
      assert.deepEqual([res.status, res.headers.get('location')], [307, `${base}/tokens`]);
    });
  });
}

describe('dialect-specific answers', () => {
  it('legacy: 500 with a bare field map for a bad e-mail', async () => {
    await withSandbox({ dialect: 'legacy' }, async ({ baseUrl }) => {
      const res = await call(
        baseUrl,
        'POST',
        '/create',
        signerForm({ email: 'x', id_document_country: 'Spain' }),
      );
      assert.equal(res.status, 500);
      assert.deepEqual(res.body, {
        email: ['Enter a valid email address'],
        id_document_country: ['Enter a valid ISO 3166-1 alpha-2 country code'],
      });
    });
  });

  it('legacy: upload answer is a list of {digest, uid, key, filename}, file2 before file, a list even for one file', async () => {
    await withSandbox({ dialect: 'legacy' }, async ({ baseUrl }) => {
      const pk = await createRequest(baseUrl);
      const a = await makePdf({ text: 'a' });
      const b = await makePdf({ text: 'b' });
      const two = await call<{
        status: string;
        details: { digest: string; uid: string; key: string; filename: string }[];
      }>(
        baseUrl,
        'POST',
        `/document/${pk}`,
        pdfForm([
          { name: 'a.pdf', bytes: a },
          { name: 'b.pdf', bytes: b },
        ]),
      );
      assert.equal(two.body.status, '200 OK');
      const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
      assert.deepEqual(
        two.body.details.map((d) => [d.key, d.filename, d.digest]),
        [
          ['file2', 'b.pdf', sha(b)],
          ['file', 'a.pdf', sha(a)],
        ],
      );
      const one = await call<{ details: unknown[] }>(
        baseUrl,
        'POST',
        `/document/${pk}`,
        pdfForm([{ name: 'c.pdf', bytes: a }]),
      );
      assert.ok(Array.isArray(one.body.details) && one.body.details.length === 1);
    });
  });

  it('status-message: upload answer is a map keyed by uid naming each form field', async () => {
    await withSandbox({ dialect: 'status-message' }, async ({ baseUrl }) => {
      const pk = await createRequest(baseUrl);
      const res = await call<{ status: string; details: Record<string, { name: string; filename: string }> }>(
        baseUrl,
        'POST',
        `/document/${pk}`,
        pdfForm([
          { name: 'a.pdf', bytes: await makePdf({}) },
          { name: 'b.pdf', bytes: await makePdf({ text: 'b' }) },
        ]),
      );
      assert.equal(res.body.status, 'success');
      const entries = Object.entries(res.body.details);
      assert.deepEqual(
        entries.map(([, d]) => [d.name, d.filename]),
        [
          ['file2', 'b.pdf'],
          ['file', 'a.pdf'],
        ],
      );
      for (const [uid] of entries) assert.match(uid, UUID);
    });
  });

  it('otp-reasons: a refused code says why in brackets (attempts left, locked, expired, none sent)', async () => {
    await withSandbox({ dialect: 'otp-reasons' }, async ({ baseUrl }) => {
      const refusal = async (pk: number, secret: string): Promise<unknown> =>
        (await call(baseUrl, 'POST', `/sign/${pk}`, { secret })).body;
      const pk = await createRequest(baseUrl);
      await upload(baseUrl, pk, [{ name: 'a.pdf', bytes: await makePdf({}) }]);
      assert.deepEqual(await refusal(pk, '1'), {
        detail: 'Confirmation Code invalid (no code has been sent for this request)',
      });
      const code = await sendOtpAndRead(baseUrl, pk);
      const wrong = code === '000000' ? '111111' : '000000';
      assert.deepEqual(await refusal(pk, wrong), { detail: 'Confirmation Code invalid (2 attempt(s) left)' });
      assert.deepEqual(await refusal(pk, wrong), { detail: 'Confirmation Code invalid (1 attempt(s) left)' });
      const locked = {
        detail: 'Confirmation Code invalid (locked after 3 wrong attempts: request a new code)',
      };
      assert.deepEqual(await refusal(pk, wrong), locked);
      assert.deepEqual(await refusal(pk, code), locked);
      await call(baseUrl, 'POST', '/sandbox/clock', { advance_seconds: 61 });
      const fresh = await sendOtpAndRead(baseUrl, pk);
      await call(baseUrl, 'POST', '/sandbox/clock', { advance_seconds: 5 * 60 + 1 });
      assert.deepEqual(await refusal(pk, fresh), {
        detail: 'Confirmation Code invalid (expired: request a new code)',
      });
    });
  });

  it('fastapi-v2: type errors in pydantic v2 words (int_parsing, string_type)', async () => {
    await withSandbox({ dialect: 'fastapi-v2' }, async ({ baseUrl }) => {
      const pk = await call(baseUrl, 'GET', '/request/abc');
      assert.deepEqual(pk.body, {
        detail: [
          {
            type: 'int_parsing',
            loc: ['path', 'request_pk'],
            msg: 'Input should be a valid integer, unable to parse string as an integer',
            input: 'abc',
          },
        ],
      });
      const token = await call(baseUrl, 'POST', '/token', { username: 7 });
      assert.deepEqual(token.body, {
        detail: [
          { type: 'string_type', loc: ['body', 'username'], msg: 'Input should be a valid string', input: 7 },
        ],
      });
    });
  });
});
