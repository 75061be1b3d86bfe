// The Optimizer client against every answer the published material shows (ONE-SHOT-API.md,
// "Evidence beyond the seeds"), served by a scripted server over a real socket: each test names the
// published fact it covers. Where the evidence is silent the client must accept every plausible
// variant; these tests hold it to that, independently of what the sandbox happens to answer.
import { strict as assert } from 'node:assert';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  OptimizerClient,
  OptimizerError,
  type OptimizerErrorKind,
  type UploadFile,
} from '../../electron/core/optimizer/index';
import { makePdf } from '../fixtures/pdfs';
import { reply, scriptedOptimizer } from '../helpers/fake-optimizer';
import { PRESET_TOKEN_UID, SIGNER } from '../helpers/sandbox';

const work = mkdtempSync(join(tmpdir(), 'optimizer-variants-'));
after(() => rmSync(work, { recursive: true, force: true }));

let fake: Awaited<ReturnType<typeof scriptedOptimizer>>;
let client: OptimizerClient;
before(async () => {
  fake = await scriptedOptimizer();
  client = new OptimizerClient({ id: 'variants', baseUrl: fake.baseUrl });
});
after(async () => {
  await client.close();
  await fake.close();
});

async function failure(promise: Promise<unknown>, kind: OptimizerErrorKind): Promise<OptimizerError> {
  const error = await promise.then(
    () => assert.fail(`expected an OptimizerError of kind ${kind}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof OptimizerError, String(error));
  assert.equal(error.kind, kind, error.message);
  return error;
}

let counter = 0;
async function pdfs(names: string[]): Promise<(UploadFile & { sha256: string })[]> {
  return Promise.all(
    names.map(async (filename, i) => {
      const path = join(work, `${++counter}.pdf`);
      const bytes = await makePdf({ text: `${filename} ${i} ${counter}` });
      writeFileSync(path, bytes);
      return { path, filename, sha256: createHash('sha256').update(bytes).digest('hex') };
    }),
  );
}

const pdfBytes = Buffer.from('%PDF-1.7\n%%EOF\n');

describe('routes as the new API declares them', () => {
  it('asks for the contract at /contract/{pk}, without a trailing slash (operation id …__request_pk__get)', async () => {
    fake.answers.push((_req, res) => reply(res, 200, pdfBytes.toString('latin1'), 'application/pdf'));
    await client.downloadContract('822001', join(work, 'contract.pdf'));
    assert.equal(fake.seen.at(-1)?.url, '/api/v1/contract/822001');
  });

  it('follows a same-origin 307 of a GET once (FastAPI redirect_slashes), keeping the query', async () => {
    fake.answers.push((_req, res) => {
      res.writeHead(307, { location: `${fake.origin}/api/v1/document/5/abc?document_type=signed` });
      res.end();
    });
    fake.answers.push((_req, res) => reply(res, 200, pdfBytes.toString('latin1'), 'application/pdf'));
    const saved = await client.downloadDocument('5', 'abc', 'signed', join(work, 'redirected.pdf'));
    assert.equal(saved.bytes, pdfBytes.length);
    assert.deepEqual(
      fake.seen.slice(-2).map((s) => s.url),
      ['/api/v1/document/5/abc?document_type=signed', '/api/v1/document/5/abc?document_type=signed'],
    );
  });

  it('follows a relative 308 of a JSON GET', async () => {
    fake.answers.push((_req, res) => {
      res.writeHead(308, { location: '/api/v1/request/9' });
      res.end();
    });
    fake.answers.push((_req, res) =>
      reply(res, 200, { secrets: {}, request: { pk: 9, status: 'ENROLLREADY' } }),
    );
    assert.equal((await client.getRequest('9')).status, 'ENROLLREADY');
  });

  it('never follows a redirect to another origin, and says so with the step and the status', async () => {
    fake.answers.push((_req, res) => {
      res.writeHead(307, { location: 'http://127.0.0.2:9/api/v1/contract/5' });
      res.end();
    });
    const error = await failure(client.downloadContract('5', join(work, 'never.pdf')), 'server');
    assert.match(error.message, /^Getting the service contract failed: HTTP 307\b/);
    assert.equal(error.retryable, false);
  });

  it('never follows a redirect of a POST or DELETE (the body would be sent twice)', async () => {
    fake.answers.push((_req, res) => {
      res.writeHead(307, { location: `${fake.origin}/api/v1/otp/5/` });
      res.end();
    });
    const before = fake.seen.length;
    const error = await failure(client.sendOtp('5'), 'server');
    assert.equal(fake.seen.length, before + 1, 'one call only');
    assert.match(error.message, /^Sending the code failed: HTTP 307\b/);
  });

  it('gives up after three hops of redirects', async () => {
    for (let i = 0; i < 4; i++)
      fake.answers.push((_req, res) => {
        res.writeHead(307, { location: `${fake.origin}/api/v1/request/${i}` });
        res.end();
      });
    await failure(client.getRequest('1'), 'server');
  });

  it('deletes every document with DELETE /document/{pk} (the new API’s delete-all)', async () => {
    fake.answers.push((_req, res) =>
      reply(res, 200, { status: 'success', message: 'Documents deleted for Request 5' }),
    );
    await client.deleteDocuments('5', ['u1', 'u2']);
    assert.deepEqual(fake.seen.at(-1), { method: 'DELETE', url: '/api/v1/document/5', body: '' });
  });

  it('falls back to one DELETE per document where delete-all answers 405 or 404, a 404 there meaning gone', async () => {
    fake.answers.push((_req, res) => reply(res, 405, { detail: 'Method Not Allowed' }));
    fake.answers.push((_req, res) => reply(res, 200, { status: 'success' }));
    fake.answers.push((_req, res) => reply(res, 404, { detail: 'Document u2 not found' }));
    await client.deleteDocuments('5', ['u1', 'u2']);
    assert.deepEqual(
      fake.seen.slice(-3).map((s) => `${s.method} ${s.url}`),
      ['DELETE /api/v1/document/5', 'DELETE /api/v1/document/5/u1', 'DELETE /api/v1/document/5/u2'],
    );
  });

  it('lists documents as the old API did (uid map of upload_date, ext, size, mime, filename), with no signed flag', async () => {
    fake.answers.push((_req, res) =>
      reply(res, 200, {
        status: '200 OK',
        details: {
          '604b889f-6b3a-4af7-a24a-b5e610e7f7c1': {
            upload_date: '2026-12-05 10:00',
            ext: '.pdf',
            size: 128012,
            mime: 'application/pdf',
            filename: 'test-11.pdf',
          },
        },
      }),
    );
    assert.deepEqual(await client.listDocuments('5'), [
      { uid: '604b889f-6b3a-4af7-a24a-b5e610e7f7c1', filename: 'test-11.pdf', size: 128012 },
    ]);
  });

  it('says there is no document list (null) where the Optimizer has no such route', async () => {
    fake.answers.push((_req, res) => reply(res, 404, { detail: 'Not Found' }));
    assert.equal(await client.listDocuments('5'), null);
    fake.answers.push((_req, res) => reply(res, 405, { detail: 'Method Not Allowed' }));
    assert.equal(await client.listDocuments('5'), null);
    fake.answers.push((_req, res) => reply(res, 404, { detail: 'Request 5 not found' }));
    await failure(client.listDocuments('5'), 'not_found');
  });
});

describe('routes the new API may not have (/hello, /version: not published)', () => {
  it('takes a missing /hello or /version as reachable with no version, not as offline', async () => {
    fake.answers.push((_req, res) => reply(res, 404, { detail: 'Not Found' }));
    assert.deepEqual(await client.hello(), { raw: null });
    fake.answers.push((_req, res) => reply(res, 405, { detail: 'Method Not Allowed' }));
    assert.deepEqual(await client.version(), { raw: null });
  });

  it('still takes a server error on /hello for a failure', async () => {
    fake.answers.push((_req, res) => reply(res, 503, { detail: 'Service Unavailable' }));
    await failure(client.hello(), 'server');
  });
});

describe('success envelopes', () => {
  it('reads the new API’s {"status":"success","details":{"pk"}} and the old {"status":"200 OK","details":…}', async () => {
    fake.answers.push((_req, res) =>
      reply(res, 200, {
        status: 'success',
        message: 'Request created with pk 123456',
        details: { status: 'CREATED', asyncmode: 'false', pk: '123456' },
      }),
    );
    assert.deepEqual(await client.createRequest({ ...SIGNER, token: PRESET_TOKEN_UID }), {
      pk: '123456',
      status: 'CREATED',
    });
    fake.answers.push((_req, res) => reply(res, 200, { status: '200 OK', details: { pk: 42 } }));
    assert.equal((await client.createRequest({ ...SIGNER, token: PRESET_TOKEN_UID })).pk, '42');
  });

  it('reads the request status from GET /request/{pk} → request.status (ENROLLREADY, ISSUED, CANCELLED)', async () => {
    for (const status of ['ENROLLREADY', 'ISSUED', 'CANCELLED']) {
      fake.answers.push((_req, res) =>
        reply(res, 200, { secrets: { puk: '1' }, request: { pk: 7, status } }),
      );
      assert.equal((await client.getRequest('7')).status, status);
    }
  });

  it('reads a sign answer whose documents map is empty, as the seed shows', async () => {
    fake.answers.push((_req, res) =>
      reply(res, 200, {
        status: 'success',
        message: 'Signature process for Request 825527 completed',
        detail: { request: 825527, documents: {} },
      }),
    );
    const signed = await client.sign('825527', { secret: '123456' });
    assert.deepEqual(signed.documents, {});
  });
});

describe('upload answers', () => {
  it('pairs one file with the new API’s {"detail":{"name":"file","uid":"<uuid>"}}', async () => {
    const [one] = await pdfs(['contrato.pdf']);
    fake.answers.push((_req, res) =>
      reply(res, 200, {
        status: 'success',
        detail: { name: 'file', uid: '604b889f-6b3a-4af7-a24a-b5e610e7f7c1' },
      }),
    );
    assert.deepEqual(await client.uploadDocuments('5', [one!]), [
      { uid: '604b889f-6b3a-4af7-a24a-b5e610e7f7c1', filename: 'contrato.pdf' },
    ]);
  });

  it('pairs several files by form field when the list is not in upload order, even two files of one name', async () => {
    const files = await pdfs(['umowa.pdf', 'umowa.pdf', 'aneks.pdf']);
    fake.answers.push((_req, res) =>
      reply(res, 200, {
        status: 'success',
        detail: [
          { name: 'file3', uid: 'c3' },
          { name: 'file', uid: 'a1' },
          { name: 'file2', uid: 'b2' },
        ],
      }),
    );
    assert.deepEqual(
      (await client.uploadDocuments('5', files)).map((d) => d.uid),
      ['a1', 'b2', 'c3'],
    );
  });

  it('pairs the old API’s list of {digest, uid, key, filename} with file2 listed before file', async () => {
    const files = await pdfs(['same.pdf', 'same.pdf']);
    fake.answers.push((_req, res) =>
      reply(res, 200, {
        status: '200 OK',
        details: [
          { digest: files[1]!.sha256, uid: '0f3a', key: 'file2', filename: 'same.pdf' },
          { digest: files[0]!.sha256, uid: '9e1b', key: 'file', filename: 'same.pdf' },
        ],
      }),
    );
    assert.deepEqual(
      (await client.uploadDocuments('5', files)).map((d) => d.uid),
      ['9e1b', '0f3a'],
    );
  });

  it('pairs by digest when no form field is given', async () => {
    const files = await pdfs(['x.pdf', 'x.pdf']);
    fake.answers.push((_req, res) =>
      reply(res, 200, {
        status: 'success',
        detail: [
          { uid: 'second', digest: files[1]!.sha256.toUpperCase() },
          { uid: 'first', digest: files[0]!.sha256 },
        ],
      }),
    );
    assert.deepEqual(
      (await client.uploadDocuments('5', files)).map((d) => d.uid),
      ['first', 'second'],
    );
  });

  it('pairs a map keyed by uid, uids opaque (hyphenated or 32 hex digits)', async () => {
    const files = await pdfs(['a.pdf', 'b.pdf']);
    fake.answers.push((_req, res) =>
      reply(res, 200, {
        status: 'success',
        details: {
          '3bf8d8ebd96c41ea83add78a7016c7da': { name: 'file2', filename: 'b.pdf' },
          '604b889f-6b3a-4af7-a24a-b5e610e7f7c1': { name: 'file', filename: 'a.pdf' },
        },
      }),
    );
    assert.deepEqual(
      (await client.uploadDocuments('5', files)).map((d) => d.uid),
      ['604b889f-6b3a-4af7-a24a-b5e610e7f7c1', '3bf8d8ebd96c41ea83add78a7016c7da'],
    );
  });

  it('never pairs by position: two same-named files with bare uids are an unknown outcome', async () => {
    const files = await pdfs(['dup.pdf', 'dup.pdf']);
    fake.answers.push((_req, res) =>
      reply(res, 200, { status: 'success', detail: [{ uid: 'p' }, { uid: 'q' }] }),
    );
    const error = await failure(client.uploadDocuments('5', files), 'unknown_outcome');
    assert.equal(error.retryable, true);
  });
});

describe('error bodies', () => {
  it('reads FastAPI’s HTTPException {"detail":"…"} and names the step, the status and the words', async () => {
    fake.answers.push((_req, res) => reply(res, 404, { detail: 'Request 822001 not found' }));
    const error = await failure(client.getRequest('822001'), 'not_found');
    assert.equal(error.serverMessage, 'Request 822001 not found');
    assert.equal(
      error.message,
      "Reading the request's status failed: HTTP 404. The Optimizer does not know the request, document or token asked for. The Optimizer said: “Request 822001 not found”",
    );
  });

  it('reads a 422 in pydantic v1 wording (field required, value_error.missing) and v2 (Field required, missing)', async () => {
    fake.answers.push((_req, res) =>
      reply(res, 422, {
        detail: [{ loc: ['body', 'given_name'], msg: 'field required', type: 'value_error.missing' }],
      }),
    );
    const v1 = await failure(client.createRequest({ ...SIGNER, token: PRESET_TOKEN_UID }), 'validation');
    assert.deepEqual(v1.fields, { given_name: ['field required'] });
    fake.answers.push((_req, res) =>
      reply(res, 422, {
        detail: [{ type: 'missing', loc: ['body', 'surname_1'], msg: 'Field required', input: null }],
      }),
    );
    const v2 = await failure(client.createRequest({ ...SIGNER, token: PRESET_TOKEN_UID }), 'validation');
    assert.deepEqual(v2.fields, { surname_1: ['Field required'] });
    assert.match(v2.message, /^Creating the request failed: HTTP 422\. .*surname_1: Field required/);
  });

  it('reads {"status":"error","message":…} and the old {"status":"404 Not Found","details":…}', async () => {
    fake.answers.push((_req, res) =>
      reply(res, 412, { status: 'error', message: 'Request already in ISSUED status' }),
    );
    await failure(client.sign('5', { secret: '123456' }), 'conflict_state');
    fake.answers.push((_req, res) =>
      reply(res, 404, { status: '404 Not Found', details: 'Document abc not found' }),
    );
    const gone = await failure(client.deleteDocument('5', 'abc'), 'not_found');
    assert.equal(gone.serverMessage, 'Document abc not found');
  });

  it('takes a 200 whose status says "404 Not Found" for the failure it is (status text and code disagree)', async () => {
    fake.answers.push((_req, res) =>
      reply(res, 200, { status: '404 Not Found', details: 'Request 5 not found' }),
    );
    await failure(client.getRequest('5'), 'not_found');
  });

  it('takes the old API’s 500 carrying a field map for a validation error naming the field, not a retryable one', async () => {
    fake.answers.push((_req, res) => reply(res, 500, { email: ['Enter a valid email address'] }));
    const error = await failure(client.createRequest({ ...SIGNER, token: PRESET_TOKEN_UID }), 'validation');
    assert.deepEqual(error.fields, { email: ['Enter a valid email address'] });
    assert.equal(error.retryable, false);
    assert.match(error.message, /email: Enter a valid email address/);
  });

  it('keeps a plain 500 retryable', async () => {
    fake.answers.push((_req, res) => reply(res, 500, { detail: 'Internal Server Error' }));
    const error = await failure(client.sign('5', { secret: '123456' }), 'server');
    assert.equal(error.retryable, true);
    assert.match(error.message, /^Signing failed: HTTP 500\b/);
  });

  it('reads the one published 403 "Confirmation Code invalid" as a refused code without inventing attempts', async () => {
    fake.answers.push((_req, res) => reply(res, 403, { detail: 'Confirmation Code invalid' }));
    const error = await failure(client.sign('5', { secret: '123456' }), 'otp_wrong');
    assert.equal(error.attemptsLeft, undefined);
    assert.ok(!error.message.includes('123456'));
  });

  it('reads 412 "Otp generated less than a minute ago" as the code cool-down', async () => {
    fake.answers.push((_req, res) =>
      reply(res, 412, {
        detail: 'Error occured during OTP generation: Otp generated less than a minute ago',
      }),
    );
    await failure(client.sendOtp('5'), 'otp_cooldown');
  });

  it('reads 403 "Invalid RAO Credentials" and 404 "Error getting RAO\'s id" as refused credentials', async () => {
    fake.answers.push((_req, res) => reply(res, 403, { detail: 'Invalid RAO Credentials' }));
    await failure(client.createRequest({ ...SIGNER, token: PRESET_TOKEN_UID }), 'auth');
    fake.answers.push((_req, res) =>
      reply(res, 404, { detail: "Error getting RAO's id: token 3bf8d8ebd96c41ea83add78a7016c7da not found" }),
    );
    const error = await failure(client.createRequest({ ...SIGNER, token: PRESET_TOKEN_UID }), 'auth');
    assert.ok(!error.message.includes('3bf8d8eb'), error.message);
  });

  it('reads 415 as an unsupported file and 400 "Maximum number of document reached" as refused data', async () => {
    const [one] = await pdfs(['scan.pdf']);
    fake.answers.push((_req, res) => reply(res, 415, { detail: 'Unsupported file type' }));
    await failure(client.uploadDocuments('5', [one!]), 'unsupported_media');
    fake.answers.push((_req, res) => reply(res, 400, { detail: 'Maximum number of document reached' }));
    await failure(client.uploadDocuments('5', [one!]), 'validation');
  });
});
