// The OTP rules and the sign call: real certificates, real PAdES, judged by pdfsig and qpdf.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SandboxHandle } from '../../electron/sandbox/index';
import { startSandbox } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { nssDbTrusting, pdfsig, qpdfCheck } from '../helpers/pdf-judges';
import { signatureWidgets } from '../helpers/pdf-inspect';
import { call, createRequest, download, sendOtpAndRead, upload } from '../helpers/sandbox';

let sandbox: SandboxHandle;
let base: string;
let nss: string;
const work = mkdtempSync(join(tmpdir(), 'otp-sign-'));
before(async () => {
  sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric', 'videoid'] });
  base = sandbox.baseUrl;
  nss = nssDbTrusting(sandbox.caPem);
});
after(async () => sandbox.stop());

async function requestWithDocuments(count = 1, pages = 2): Promise<{ pk: number; uids: string[] }> {
  const pk = await createRequest(base);
  const files = await Promise.all(
    Array.from({ length: count }, async (_, i) => ({
      name: `doc${i}.pdf`,
      bytes: await makePdf({ pages, text: `document ${i}` }),
    })),
  );
  return { pk, uids: await upload(base, pk, files) };
}

async function advanceClock(seconds: number): Promise<void> {
  assert.equal((await call(base, 'POST', '/sandbox/clock', { advance_seconds: seconds })).status, 200);
}

async function savedSigned(pk: number, uid: string): Promise<string> {
  const res = await download(base, `/document/${pk}/${uid}?document_type=signed`);
  assert.equal(res.status, 200);
  const file = join(work, `${pk}-${uid}.pdf`);
  writeFileSync(file, res.bytes);
  return file;
}

function assertJudgedValid(file: string, expectedSignatures = 1): void {
  const judged = pdfsig(file, nss);
  assert.equal(judged.signatures.length, expectedSignatures, judged.output);
  for (const s of judged.signatures) {
    assert.ok(s.valid, `signature #${s.index} not valid:\n${judged.output}`);
    assert.ok(s.trusted, `signature #${s.index} not trusted:\n${judged.output}`);
  }
  const check = qpdfCheck(file);
  assert.ok(check.ok, check.output);
}

describe('OTP', () => {
  it('delivers 6 digits to the sandbox inbox and masks the phone in the answer', async () => {
    const { pk } = await requestWithDocuments();
    const sent = await call(base, 'POST', `/otp/${pk}`, { delivery_method: 'whatsapp' });
    assert.equal(sent.status, 200);
    assert.equal(sent.body.status, 'success');
    assert.match(String(sent.body.detail), /^OTP successfully sent to \+34\*+456$/);
    const inbox = await call<{ otp: string; delivery_method: string; sent_at: string }>(
      base,
      'GET',
      `/sandbox/inbox/${pk}`,
    );
    assert.match(inbox.body.otp, /^\d{6}$/);
    assert.equal(inbox.body.delivery_method, 'whatsapp');
    assert.ok(!Number.isNaN(Date.parse(inbox.body.sent_at)));
  });

  it('refuses a second code within 60 s with 412, and allows it after', async () => {
    const { pk } = await requestWithDocuments();
    await sendOtpAndRead(base, pk);
    const again = await call(base, 'POST', `/otp/${pk}`, {});
    assert.equal(again.status, 412);
    assert.deepEqual(again.body, {
      detail: 'Error occured during OTP generation: Otp generated less than a minute ago',
    });
    await advanceClock(61);
    assert.equal((await call(base, 'POST', `/otp/${pk}`, {})).status, 200);
  });

  it('refuses an unknown delivery method with 422', async () => {
    const { pk } = await requestWithDocuments();
    assert.equal((await call(base, 'POST', `/otp/${pk}`, { delivery_method: 'pigeon' })).status, 422);
  });

  it('answers a wrong code with a plain 403 and voids the code after 3 wrong attempts', async () => {
    const { pk } = await requestWithDocuments();
    const otp = await sendOtpAndRead(base, pk);
    const wrong = otp === '000000' ? '111111' : '000000';
    for (let attempt = 1; attempt <= 3; attempt++) {
      const refused = await call(base, 'POST', `/sign/${pk}`, { secret: wrong });
      assert.equal(refused.status, 403);
      assert.deepEqual(refused.body, { detail: 'Confirmation Code invalid' });
    }
    const right = await call(base, 'POST', `/sign/${pk}`, { secret: otp });
    assert.equal(right.status, 403, 'the right code no longer works once void');
    assert.deepEqual(right.body, { detail: 'Confirmation Code invalid' });
    await advanceClock(61);
    const fresh = await sendOtpAndRead(base, pk);
    assert.equal((await call(base, 'POST', `/sign/${pk}`, { secret: fresh })).status, 200);
  });

  it('expires a code after 5 minutes', async () => {
    const { pk } = await requestWithDocuments();
    const otp = await sendOtpAndRead(base, pk);
    await advanceClock(5 * 60 + 1);
    const res = await call(base, 'POST', `/sign/${pk}`, { secret: otp });
    assert.equal(res.status, 403);
    assert.deepEqual(res.body, { detail: 'Confirmation Code invalid' });
  });

  it('refuses a sign call with no code sent', async () => {
    const { pk } = await requestWithDocuments();
    assert.equal((await call(base, 'POST', `/sign/${pk}`, { secret: '123456' })).status, 403);
  });
});

describe('sign', () => {
  it('signs every document with a visible stamp where asked; pdfsig calls it valid and trusted', async () => {
    const { pk, uids } = await requestWithDocuments(2, 3);
    const otp = await sendOtpAndRead(base, pk);
    const res = await call<{
      status: string;
      message: string;
      detail: { request: number; documents: Record<string, unknown> };
    }>(base, 'POST', `/sign/${pk}`, {
      secret: otp,
      signature: {
        appearance: {
          position: '100,120,300,200',
          page: 1,
          text: ['Signed at the desk'],
          reason: 'Contract',
          location: 'Barcelona',
        },
        subfilter: 'ETSI.CAdES.detached',
        level: 'BES',
        use_tsa: true,
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.message, `Signature process for Request ${pk} completed`);
    assert.equal(res.body.detail.request, pk);
    assert.deepEqual(res.body, {
      status: 'success',
      message: `Signature process for Request ${pk} completed`,
      detail: { request: pk, documents: {} },
    });
    for (const uid of uids) {
      const file = await savedSigned(pk, uid);
      assertJudgedValid(file);
      const judged = pdfsig(file, nss);
      assert.match(judged.signatures[0]?.signerName ?? '', /MAR[IÍ]A N[UÚ][NÑ]EZ|María Núñez/i);
      const widgets = await signatureWidgets(
        new Uint8Array(
          await download(base, `/document/${pk}/${uid}?document_type=signed`).then((d) => d.bytes),
        ),
      );
      assert.equal(widgets.length, 1);
      assert.deepEqual(widgets[0]?.rect, [100, 120, 300, 200]);
      assert.equal(widgets[0]?.pageIndex, 1);
      assert.equal(widgets[0]?.subFilter, 'ETSI.CAdES.detached');
    }
    const request = await call<{ request: { status: string; certificate_set: string[] } }>(
      base,
      'GET',
      `/request/${pk}`,
    );
    assert.equal(request.body.request.status, 'ISSUED');
    assert.equal(request.body.request.certificate_set.length, 1);
  });

  it('refuses a second sign call with 412 "Request already in ISSUED status"', async () => {
    const { pk } = await requestWithDocuments();
    const otp = await sendOtpAndRead(base, pk);
    assert.equal((await call(base, 'POST', `/sign/${pk}`, { secret: otp })).status, 200);
    const again = await call(base, 'POST', `/sign/${pk}`, { secret: otp });
    assert.equal(again.status, 412);
    assert.deepEqual(again.body, { detail: 'Request already in ISSUED status' });
    const stats = await call<{ requests: Record<string, Record<string, number>> }>(
      base,
      'GET',
      '/sandbox/stats',
    );
    assert.equal(stats.body.requests[pk]?.sign_calls, 2);
    assert.equal(stats.body.requests[pk]?.sign_successes, 1);
    assert.equal(stats.body.requests[pk]?.certificates, 1);
  });

  it('refuses to sign before any upload with 412', async () => {
    const pk = await createRequest(base);
    const otp = await sendOtpAndRead(base, pk);
    const res = await call(base, 'POST', `/sign/${pk}`, { secret: otp });
    assert.equal(res.status, 412);
  });

  it('requires secret (422) and accepts an accepted external authentication without OTP', async () => {
    const { pk, uids } = await requestWithDocuments();
    const missing = await call<{ detail: { loc: string[] }[] }>(base, 'POST', `/sign/${pk}`, {
      ext_unlock_type: 'biometric',
      ext_unlock_value: 'bio-1',
    });
    assert.equal(missing.status, 422);
    assert.deepEqual(missing.body.detail[0]?.loc, ['body', 'secret']);
    const unknown = await call(base, 'POST', `/sign/${pk}`, {
      secret: 'code',
      ext_unlock_type: 'palm-reading',
      ext_unlock_value: 'x',
    });
    assert.equal(unknown.status, 403);
    const noValue = await call(base, 'POST', `/sign/${pk}`, { secret: 'code', ext_unlock_type: 'biometric' });
    assert.equal(noValue.status, 422);
    const ok = await call(base, 'POST', `/sign/${pk}`, {
      secret: 'customer-code',
      ext_unlock_type: 'videoid',
      ext_unlock_value: 'vid-42',
    });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assertJudgedValid(await savedSigned(pk, uids[0]!));
    assert.equal((await call(base, 'GET', '/sandbox/stats')).status, 200);
  });

  it('checks pages and positions before consuming the code', async () => {
    const { pk } = await requestWithDocuments(1, 2);
    const otp = await sendOtpAndRead(base, pk);
    const page = await call(base, 'POST', `/sign/${pk}`, {
      secret: otp,
      signature: { appearance: { position: '1,1,90,40', page: 2 } },
    });
    assert.equal(page.status, 400);
    assert.match(String(page.body.detail), /page 2 .* 2 page/);
    const position = await call(base, 'POST', `/sign/${pk}`, {
      secret: otp,
      signature: { appearance: { position: '1,1,90' } },
    });
    assert.equal(position.status, 400);
    const badType = await call(base, 'POST', `/sign/${pk}`, {
      secret: otp,
      signature: { appearance: { page: 'one' } },
    });
    assert.equal(badType.status, 422);
    const badSub = await call(base, 'POST', `/sign/${pk}`, {
      secret: otp,
      signature: { subfilter: 'x509.rsa_sha1' },
    });
    assert.equal(badSub.status, 422);
    assert.equal(
      (await call(base, 'POST', `/sign/${pk}`, { secret: otp })).status,
      200,
      'the code survived the refused calls',
    );
  });

  it('applies signature_by_doc to its document and signs without appearance invisibly', async () => {
    const { pk, uids } = await requestWithDocuments(2, 2);
    const otp = await sendOtpAndRead(base, pk);
    const res = await call(base, 'POST', `/sign/${pk}`, {
      secret: otp,
      signature_by_doc: {
        [uids[1]!]: {
          appearance: { position: '50,60,250,110', page: 0, qrcode: 'https://example.com/verify' },
        },
      },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const invisible = await signatureWidgets(
      new Uint8Array((await download(base, `/document/${pk}/${uids[0]}?document_type=signed`)).bytes),
    );
    assert.deepEqual(invisible[0]?.rect, [0, 0, 0, 0]);
    const visible = await signatureWidgets(
      new Uint8Array((await download(base, `/document/${pk}/${uids[1]}?document_type=signed`)).bytes),
    );
    assert.deepEqual(visible[0]?.rect, [50, 60, 250, 110]);
    for (const uid of uids) assertJudgedValid(await savedSigned(pk, uid));
  });

  it('refuses signature_by_doc for a document that is not in the request', async () => {
    const { pk } = await requestWithDocuments();
    const otp = await sendOtpAndRead(base, pk);
    const res = await call(base, 'POST', `/sign/${pk}`, {
      secret: otp,
      signature_by_doc: { nope: { appearance: {} } },
    });
    assert.equal(res.status, 404);
  });

  it('keeps an earlier signature valid when a signed PDF is signed again in a second request', async () => {
    const first = await requestWithDocuments(1, 1);
    const otp1 = await sendOtpAndRead(base, first.pk);
    await call(base, 'POST', `/sign/${first.pk}`, {
      secret: otp1,
      signature: { appearance: { position: '40,40,240,100', page: 0 } },
    });
    const once = (await download(base, `/document/${first.pk}/${first.uids[0]}?document_type=signed`)).bytes;
    const pk2 = await createRequest(base, {
      given_name: 'Jan',
      surname_1: 'Kowalski',
      surname_2: undefined,
      id_document_country: 'PL',
    });
    const [uid2] = await upload(base, pk2, [{ name: 'signed-once.pdf', bytes: once }]);
    const otp2 = await sendOtpAndRead(base, pk2);
    const res = await call(base, 'POST', `/sign/${pk2}`, {
      secret: otp2,
      signature: { appearance: { position: '300,40,500,100', page: 0 } },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const twice = await savedSigned(pk2, uid2!);
    assertJudgedValid(twice, 2);
    const judged = pdfsig(twice, nss);
    assert.ok(!judged.signatures[0]?.wholeDocument, 'the first signature covers only its own revision');
    assert.ok(judged.signatures[1]?.wholeDocument, 'the second signature covers the whole file');
  });
});
