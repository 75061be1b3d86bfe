// The Optimizer client against the sandbox over real sockets: every route, every error kind the
// sandbox can produce, TLS trust and pinning, streamed uploads, atomic downloads and cancellation;
// and against a small fake server for the envelope shapes the sandbox does not use.
import { strict as assert } from 'node:assert';
import busboy from 'busboy';
import { createHash, randomUUID } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { connect as tlsConnect } from 'node:tls';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { after, before, describe, it } from 'node:test';
import {
  OptimizerClient,
  OptimizerError,
  redact,
  type CreateRequestFields,
  type OptimizerErrorKind,
  type OptimizerProfile,
  type OptimizerTimeouts,
  type UploadFile,
} from '../../electron/core/optimizer/index';
import {
  startSandbox,
  PRESET_TOKEN_UID,
  type SandboxHandle,
  type SandboxOptions,
} from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { fakeOptimizer, reply } from '../helpers/fake-optimizer';
import { SIGNER } from '../helpers/sandbox';
import { spawnSandbox } from '../helpers/sandbox-process';

const work = mkdtempSync(join(tmpdir(), 'optimizer-client-'));
after(() => rmSync(work, { recursive: true, force: true }));

const FIELDS: CreateRequestFields = { ...SIGNER, token: PRESET_TOKEN_UID };
const SIGNATURE = { appearance: { position: '50,50,250,120', page: 0, text: ['Signed'] } };

function clientFor(
  baseUrl: string,
  profile: Partial<OptimizerProfile> = {},
  timeouts: Partial<OptimizerTimeouts> = {},
): OptimizerClient {
  return new OptimizerClient({ id: 'test', baseUrl, ...profile }, { timeouts });
}

async function withSandbox(
  options: SandboxOptions,
  run: (sandbox: SandboxHandle) => Promise<void>,
): Promise<void> {
  const sandbox = await startSandbox({ log: () => {}, ...options });
  try {
    await run(sandbox);
  } finally {
    await sandbox.stop();
  }
}

let pdfCounter = 0;
async function pdfFiles(count: number, prefix = 'doc'): Promise<UploadFile[]> {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const filename = `${prefix}-${i + 1}.pdf`;
      const path = join(work, `${++pdfCounter}-${filename}`);
      writeFileSync(path, await makePdf({ text: `${prefix} ${i + 1}` }));
      return { path, filename };
    }),
  );
}

async function inboxCode(baseUrl: string, pk: string): Promise<string> {
  const res = await fetch(`${baseUrl}/sandbox/inbox/${pk}`);
  const body = (await res.json()) as { otp: string };
  return body.otp;
}

async function sandboxPost(baseUrl: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 200);
}

async function totals(baseUrl: string): Promise<Record<string, number>> {
  const res = await fetch(`${baseUrl}/sandbox/stats`);
  return ((await res.json()) as { total: Record<string, number> }).total;
}

/** Awaits a rejection with an OptimizerError of this kind whose words hide every secret given. */
async function failsWith(
  promise: Promise<unknown>,
  kind: OptimizerErrorKind,
  secrets: string[] = [],
): Promise<OptimizerError> {
  const error = await promise.then(
    () => assert.fail(`expected an OptimizerError of kind ${kind}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof OptimizerError, `not an OptimizerError: ${String(error)}`);
  assert.equal(error.kind, kind, `${error.kind}: ${error.message}`);
  for (const secret of secrets) {
    const words = `${error.message} ${error.serverMessage ?? ''} ${JSON.stringify(error.fields ?? {})}`;
    assert.ok(!words.includes(secret), `"${secret}" leaked in: ${words}`);
  }
  return error;
}

async function closedPort(): Promise<number> {
  const server = createNetServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('OptimizerClient: every route against the sandbox', () => {
  let sandbox: SandboxHandle;
  let client: OptimizerClient;
  before(async () => {
    sandbox = await startSandbox({ log: () => {} });
    client = clientFor(sandbox.baseUrl);
  });
  after(async () => {
    await client.close();
    await sandbox.stop();
  });

  it('answers hello and version', async () => {
    assert.match((await client.hello()).message ?? '', /Hello/);
    assert.equal((await client.version()).version, '1.0.0-sandbox');
  });

  it('creates, lists, reads and deletes a token', async () => {
    const { tokenUid } = await client.createToken({
      username: 'rao.lopez',
      password: 'pw-secret',
      pin: '4321',
    });
    assert.ok((await client.listTokens()).some((t) => t.tokenUid === tokenUid && t.username === 'rao.lopez'));
    assert.ok((await client.listTokens()).some((t) => t.tokenUid === PRESET_TOKEN_UID));
    const info = await client.getToken(tokenUid);
    assert.equal(info.username, 'rao.lopez');
    assert.equal(info.hasPassword, true);
    assert.equal(info.hasPin, true);
    assert.equal(info.env, 'sandbox');
    assert.match(info.raoId, /^\d+$/);
    await client.deleteToken(tokenUid);
    const gone = await failsWith(client.getToken(tokenUid), 'not_found', [tokenUid]);
    assert.match(gone.serverMessage ?? '', /^Token \[hidden\] not found$/);
  });

  it('runs a whole request: create, 12 files in two uploads, list, contract, code, sign, download, delete', async () => {
    const { pk, status } = await client.createRequest(FIELDS);
    assert.match(pk, /^\d+$/);
    assert.equal(status, 'CREATED');
    assert.equal((await client.getRequest(pk)).status, 'ENROLLREADY');

    const files = await pdfFiles(12);
    const progress: [number, number][] = [];
    const first = await client.uploadDocuments(pk, files.slice(0, 10), (sent, total) =>
      progress.push([sent, total]),
    );
    const second = await client.uploadDocuments(pk, files.slice(10));
    const uploaded = [...first, ...second];
    assert.deepEqual(
      uploaded.map((d) => d.filename),
      files.map((f) => f.filename),
    );
    assert.equal(new Set(uploaded.map((d) => d.uid)).size, 12);
    const last = progress.at(-1)!;
    assert.equal(last[0], last[1], 'progress ends at the whole body');
    assert.ok(progress.every(([sent], i) => i === 0 || sent >= progress[i - 1]![0]));

    const listed = (await client.listDocuments(pk)) ?? [];
    assert.equal(listed.length, 12);
    for (const [i, doc] of uploaded.entries()) {
      const entry = listed.find((d) => d.uid === doc.uid);
      assert.equal(entry?.filename, doc.filename);
      assert.equal(entry?.size, readFileSync(files[i]!.path).length);
    }

    const contract = await client.downloadContract(pk, join(work, 'contract.pdf'));
    assert.equal(readFileSync(contract.path).subarray(0, 5).toString(), '%PDF-');
    assert.equal(contract.bytes, readFileSync(contract.path).length);

    assert.match((await client.sendOtp(pk, 'whatsapp')).message ?? '', /OTP successfully sent/);
    const code = await inboxCode(sandbox.baseUrl, pk);
    const signed = await client.sign(pk, { secret: code, signature: SIGNATURE });
    assert.match(signed.message ?? '', new RegExp(`Signature process for Request ${pk} completed`));
    assert.equal((await client.getRequest(pk)).status, 'ISSUED');

    const target = uploaded[0]!;
    const seen: number[] = [];
    const saved = await client.downloadDocument(pk, target.uid, 'signed', join(work, 'signed-1.pdf'), (n) =>
      seen.push(n),
    );
    assert.equal(saved.bytes, readFileSync(saved.path).length);
    assert.equal(seen.at(-1), saved.bytes);
    const original = await client.downloadDocument(pk, target.uid, 'original', join(work, 'original-1.pdf'));
    assert.equal(original.sha256, createHash('sha256').update(readFileSync(files[0]!.path)).digest('hex'));

    await client.deleteDocument(pk, target.uid);
    assert.equal((await client.listDocuments(pk))?.length, 11);
    await client.deleteDocuments(
      pk,
      uploaded.map((d) => d.uid),
    );
    assert.deepEqual(await client.listDocuments(pk), []);
  });

  it('cancels a request, and a second cancel is a conflict of state', async () => {
    const { pk } = await client.createRequest(FIELDS);
    await client.cancelRequest(pk);
    assert.equal((await client.getRequest(pk)).status, 'CANCELLED');
    const error = await failsWith(client.cancelRequest(pk), 'conflict_state');
    assert.equal(error.status, 412);
    assert.match(error.serverMessage ?? '', /CANCELLED/);
  });

  it('sends ID images with the create form, and refuses a text file as an image', async () => {
    const png = join(work, 'front.png');
    writeFileSync(png, Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 1)]));
    const { pk } = await client.createRequest(FIELDS, { document_front: png, document_rear: png });
    assert.match(pk, /^\d+$/);
    const text = join(work, 'front.jpg');
    writeFileSync(text, 'not an image');
    const error = await failsWith(
      client.createRequest(FIELDS, { document_front: text }),
      'unsupported_media',
    );
    assert.equal(error.status, 415);
    assert.match(error.serverMessage ?? '', /JPEG or PNG/);
  });

  it('refuses 11 files in one upload before sending anything', async () => {
    const { pk } = await client.createRequest(FIELDS);
    const before = await totals(sandbox.baseUrl);
    const error = await failsWith(client.uploadDocuments(pk, await pdfFiles(11)), 'validation');
    assert.equal(error.status, undefined);
    assert.equal(error.retryable, false);
    assert.match(error.message, /At most 10 files/);
    assert.deepEqual(await totals(sandbox.baseUrl), before);
  });

  it('refuses an upload of a file that does not exist before sending anything', async () => {
    const error = await failsWith(
      client.uploadDocuments('1', [{ path: join(work, 'missing.pdf'), filename: 'missing.pdf' }]),
      'validation',
    );
    assert.match(error.message, /missing\.pdf cannot be read/);
  });

  it('maps a 422 to validation with the fields named by loc', async () => {
    const { given_name: _, ...missing } = FIELDS;
    const error = await failsWith(client.createRequest(missing as CreateRequestFields), 'validation', [
      PRESET_TOKEN_UID,
    ]);
    assert.equal(error.status, 422);
    assert.deepEqual(error.fields, { given_name: ['field required'] });
    assert.match(error.serverMessage ?? '', /given_name: field required/);
  });

  it('maps a 400 per-field map to validation with its fields', async () => {
    const error = await failsWith(
      client.createRequest({ ...FIELDS, email: 'not-an-email', id_document_country: 'Spain' }),
      'validation',
    );
    assert.equal(error.status, 400);
    assert.deepEqual(error.fields?.email, ['Enter a valid email address']);
    assert.ok(error.fields?.id_document_country);
    assert.match(error.message, /^Creating the request failed: HTTP 400\. /);
  });

  it('maps an unknown token to auth without showing the token uid', async () => {
    const token = randomUUID();
    const error = await failsWith(client.createRequest({ ...FIELDS, token }), 'auth', [token]);
    assert.equal(error.status, 404);
    assert.match(error.serverMessage ?? '', /Error getting RAO's id/);
    assert.equal(error.retryable, false);
  });

  it('maps refused RAO credentials to auth without showing the password or PIN', async () => {
    const error = await failsWith(
      client.createRequest({
        ...FIELDS,
        token: undefined,
        username: 'rao',
        password: 'hunter22',
        pin: 'x12',
      }),
      'auth',
      ['hunter22'],
    );
    assert.equal(error.status, 403);
    assert.equal(error.serverMessage, 'Invalid RAO Credentials');
  });

  it('maps a missing request to not_found and writes no file for a missing document', async () => {
    const error = await failsWith(client.getRequest('999999999'), 'not_found');
    assert.equal(error.status, 404);
    assert.match(error.serverMessage ?? '', /Request 999999999 not found/);
    const { pk } = await client.createRequest(FIELDS);
    const dest = join(work, 'never.pdf');
    await failsWith(client.downloadDocument(pk, 'f'.repeat(32), 'original', dest), 'not_found');
    assert.equal(existsSync(dest), false);
  });

  it('maps a text file named .pdf to unsupported_media', async () => {
    const { pk } = await client.createRequest(FIELDS);
    const path = join(work, 'notes.pdf');
    writeFileSync(path, 'these are plain notes, not a PDF\n');
    const error = await failsWith(
      client.uploadDocuments(pk, [{ path, filename: 'notes.pdf' }]),
      'unsupported_media',
    );
    assert.equal(error.status, 415);
    assert.match(error.serverMessage ?? '', /notes\.pdf is not a PDF/);
  });

  it('maps the one published 403 for wrong, void and expired codes to otp_wrong without inventing attempts, and a second sign to conflict_state', async () => {
    const { pk } = await client.createRequest(FIELDS);
    await client.uploadDocuments(pk, await pdfFiles(1));
    await client.sendOtp(pk, 'sms');
    const cooldown = await failsWith(client.sendOtp(pk, 'sms'), 'otp_cooldown');
    assert.equal(cooldown.status, 412);
    assert.match(cooldown.serverMessage ?? '', /Otp generated less than a minute ago/);
    const code = await inboxCode(sandbox.baseUrl, pk);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 3; i++) {
      const refused = await failsWith(client.sign(pk, { secret: wrong, signature: SIGNATURE }), 'otp_wrong', [
        wrong,
      ]);
      assert.equal(refused.status, 403);
      assert.equal(refused.attemptsLeft, undefined);
      assert.equal(refused.serverMessage, 'Confirmation Code invalid');
    }
    // Void after three wrong codes: the right one is refused in the same words.
    await failsWith(client.sign(pk, { secret: code }), 'otp_wrong', [code]);

    await sandboxPost(sandbox.baseUrl, '/sandbox/clock', { advance_seconds: 61 });
    await client.sendOtp(pk, 'sms');
    await client.sign(pk, { secret: await inboxCode(sandbox.baseUrl, pk), signature: SIGNATURE });
    const again = await failsWith(client.sign(pk, { secret: code, signature: SIGNATURE }), 'conflict_state');
    assert.match(again.serverMessage ?? '', /Request already in ISSUED status/);
  });

  it('maps an unknown external method to validation', async () => {
    const { pk } = await client.createRequest(FIELDS);
    await client.uploadDocuments(pk, await pdfFiles(1));
    const external = { secret: 'customer-code', ext_unlock_type: 'palmprint', ext_unlock_value: 'vein-7731' };
    const refused = await failsWith(client.sign(pk, external), 'validation', ['customer-code', 'vein-7731']);
    assert.match(refused.serverMessage ?? '', /"palmprint" is not accepted/);
  });
});

describe('OptimizerClient: an Optimizer that gives reasons for a refused code (dialect otp-reasons)', () => {
  it('maps wrong codes to otp_wrong with attempts left, then otp_locked, and an old code to otp_expired', async () => {
    await withSandbox({ dialect: 'otp-reasons' }, async (sandbox) => {
      const client = clientFor(sandbox.baseUrl);
      try {
        const { pk } = await client.createRequest(FIELDS);
        await client.uploadDocuments(pk, await pdfFiles(1));
        await client.sendOtp(pk, 'sms');
        const code = await inboxCode(sandbox.baseUrl, pk);
        const wrong = code === '000000' ? '111111' : '000000';
        const first = await failsWith(client.sign(pk, { secret: wrong }), 'otp_wrong', [wrong]);
        assert.equal(first.attemptsLeft, 2);
        assert.match(first.serverMessage ?? '', /Confirmation Code invalid \(2 attempt\(s\) left\)/);
        assert.equal((await failsWith(client.sign(pk, { secret: wrong }), 'otp_wrong')).attemptsLeft, 1);
        const locked = await failsWith(client.sign(pk, { secret: wrong }), 'otp_locked');
        assert.match(locked.serverMessage ?? '', /locked/);

        await sandboxPost(sandbox.baseUrl, '/sandbox/clock', { advance_seconds: 61 });
        await client.sendOtp(pk, 'sms');
        const fresh = await inboxCode(sandbox.baseUrl, pk);
        await sandboxPost(sandbox.baseUrl, '/sandbox/clock', { advance_seconds: 301 });
        const expired = await failsWith(client.sign(pk, { secret: fresh }), 'otp_expired', [fresh]);
        assert.match(expired.serverMessage ?? '', /expired/);
      } finally {
        await client.close();
      }
    });
  });
});

describe('OptimizerClient: network failures', () => {
  it('maps a 503 to a retryable server error', async () => {
    await withSandbox({ failRate: 1 }, async ({ baseUrl }) => {
      const client = clientFor(baseUrl);
      const error = await failsWith(client.hello(), 'server');
      assert.equal(error.status, 503);
      assert.equal(error.retryable, true);
      assert.match(error.serverMessage ?? '', /temporarily unavailable/);
      await client.close();
    });
  });

  it('maps a closed port to offline, for a read and for a create alike', async () => {
    const port = await closedPort();
    const client = clientFor(`http://127.0.0.1:${port}/oneshot/api/v1`);
    const read = await failsWith(client.hello(), 'offline');
    assert.equal(read.message, `The Optimizer at 127.0.0.1:${port} cannot be reached.`);
    assert.equal(read.retryable, true);
    assert.equal(read.code, 'ECONNREFUSED');
    await failsWith(client.createRequest(FIELDS), 'offline', [PRESET_TOKEN_UID]);
    await client.close();
  });

  it('maps a slow answer to timeout for a read and to unknown_outcome for a create', async () => {
    await withSandbox({ latencyMs: 400 }, async ({ baseUrl }) => {
      const client = clientFor(baseUrl, {}, { readMs: 100, writeMs: 100 });
      const read = await failsWith(client.hello(), 'timeout');
      assert.match(read.message, /did not answer in time \(100 ms\)/);
      const write = await failsWith(client.createRequest(FIELDS), 'unknown_outcome');
      assert.equal(write.retryable, true);
      await client.close();
    });
  });

  it('maps a response lost after a create to unknown_outcome, though the request was created', async () => {
    await withSandbox({ loseResponseRate: 1 }, async ({ baseUrl }) => {
      const client = clientFor(baseUrl);
      const error = await failsWith(client.createRequest(FIELDS), 'unknown_outcome', [PRESET_TOKEN_UID]);
      assert.match(error.message, /may or may not have been done/);
      assert.equal((await totals(baseUrl)).creates, 1);
      await failsWith(client.listTokens(), 'offline');
      await client.close();
    });
  });

  it('maps a connection reset to offline for a read and unknown_outcome for a write', async () => {
    await withSandbox({ resetRate: 1 }, async ({ baseUrl }) => {
      const client = clientFor(baseUrl);
      await failsWith(client.version(), 'offline');
      await failsWith(client.sendOtp('1'), 'unknown_outcome');
      await client.close();
    });
  });

  it('rejects with an AbortError when a slow sign is cancelled (the Optimizer still signs)', async () => {
    await withSandbox({ signMs: 1500 }, async ({ baseUrl }) => {
      const client = clientFor(baseUrl);
      const { pk } = await client.createRequest(FIELDS);
      await client.uploadDocuments(pk, await pdfFiles(1));
      await client.sendOtp(pk);
      const code = await inboxCode(baseUrl, pk);
      const started = Date.now();
      await assert.rejects(
        client.sign(pk, { secret: code, signature: SIGNATURE }, { signal: AbortSignal.timeout(200) }),
        { name: 'AbortError' },
      );
      assert.ok(Date.now() - started < 1000);
      const controller = new AbortController();
      controller.abort();
      await assert.rejects(client.hello({ signal: controller.signal }), { name: 'AbortError' });
      // The server was not told: the signature completes there, which is what recovery must check.
      while ((await client.getRequest(pk)).status !== 'ISSUED') await new Promise((r) => setTimeout(r, 100));
      await client.close();
    });
  });
});

describe('OptimizerClient: TLS', () => {
  let sandbox: SandboxHandle;
  let pinHex: string;
  before(async () => {
    sandbox = await startSandbox({ log: () => {}, tls: true });
    const port = Number(new URL(sandbox.baseUrl).port);
    const socket = tlsConnect({ host: '127.0.0.1', port, rejectUnauthorized: false });
    await once(socket, 'secureConnect');
    pinHex = createHash('sha256').update(socket.getPeerCertificate().raw).digest('hex');
    socket.destroy();
  });
  after(() => sandbox.stop());

  it('refuses the sandbox certificate without its CA', async () => {
    const client = clientFor(sandbox.baseUrl);
    const error = await failsWith(client.hello(), 'tls');
    assert.equal(error.retryable, false);
    assert.match(error.message, /not issued by an authority trusted/);
    await client.close();
  });

  it('accepts the sandbox certificate with its CA', async () => {
    const client = clientFor(sandbox.baseUrl, { caPem: sandbox.caPem });
    assert.equal((await client.version()).version, '1.0.0-sandbox');
    await client.close();
  });

  it('refuses a certificate that does not match the pin, even from a trusted CA', async () => {
    const client = clientFor(sandbox.baseUrl, { caPem: sandbox.caPem, pinSha256: 'ab'.repeat(32) });
    const error = await failsWith(client.hello(), 'tls');
    assert.match(error.message, /not the one pinned/);
    await failsWith(client.createRequest(FIELDS), 'tls');
    await client.close();
  });

  it('accepts the pinned certificate, as hex with the CA and as base64 alone', async () => {
    const withCa = clientFor(sandbox.baseUrl, { caPem: sandbox.caPem, pinSha256: pinHex });
    assert.equal((await withCa.version()).version, '1.0.0-sandbox');
    await withCa.close();
    const pinOnly = clientFor(sandbox.baseUrl, { pinSha256: Buffer.from(pinHex, 'hex').toString('base64') });
    assert.equal((await pinOnly.version()).version, '1.0.0-sandbox');
    await pinOnly.close();
  });
});

/** A stand-in Optimizer that answers in the other shapes the API notes mention. */
describe('OptimizerClient: answers in other shapes', () => {
  const answers: ((req: IncomingMessage, res: ServerResponse, body: string) => void)[] = [];
  let fake: Awaited<ReturnType<typeof fakeOptimizer>>;
  let client: OptimizerClient;
  before(async () => {
    fake = await fakeOptimizer((req, res, body) => {
      const next = answers.shift();
      if (next) next(req, res, body);
      else reply(res, 500, { detail: 'no answer prepared' });
    });
    client = clientFor(fake.baseUrl);
  });
  after(async () => {
    await client.close();
    await fake.close();
  });

  it('maps upload uids given as a bare string, as details.uid, as a list and as a map by filename', async () => {
    const [one, two] = await pdfFiles(2, 'shape');
    let seenPath = '';
    answers.push((req, res) => {
      seenPath = req.url ?? '';
      reply(res, 200, 'uid-bare');
    });
    assert.deepEqual(await client.uploadDocuments('7', [one!]), [
      { uid: 'uid-bare', filename: one!.filename },
    ]);
    assert.equal(seenPath, '/api/v1/document/7');
    answers.push((_req, res) => reply(res, 200, { status: 'success', details: { uid: 'uid-nested' } }));
    assert.equal((await client.uploadDocuments('7', [one!]))[0]?.uid, 'uid-nested');
    answers.push((_req, res) =>
      reply(res, 200, {
        status: 'success',
        detail: [
          { uid: 'b', filename: two!.filename },
          { uid: 'a', filename: one!.filename },
        ],
      }),
    );
    assert.deepEqual(
      (await client.uploadDocuments('7', [one!, two!])).map((d) => d.uid),
      ['a', 'b'],
    );
    answers.push((_req, res) =>
      reply(res, 200, { status: 'success', details: { u2: two!.filename, u1: one!.filename } }),
    );
    assert.deepEqual(
      (await client.uploadDocuments('7', [one!, two!])).map((d) => d.uid),
      ['u1', 'u2'],
    );
  });

  it('calls an upload answer that names fewer uids than files an unknown outcome', async () => {
    const files = await pdfFiles(2, 'short');
    answers.push((_req, res) => reply(res, 200, { status: 'success', details: { only: { field: 'file' } } }));
    const error = await failsWith(client.uploadDocuments('7', files), 'unknown_outcome');
    assert.equal(error.retryable, true);
  });

  it('reads the pk from the message and the status from details when the usual places are empty', async () => {
    answers.push((_req, res) =>
      reply(res, 200, { status: 'success', message: 'Request created with pk 123456' }),
    );
    assert.deepEqual(await client.createRequest(FIELDS), { pk: '123456' });
    answers.push((_req, res) => reply(res, 200, { status: 'success', details: { status: 'VIDEOPENDING' } }));
    assert.equal((await client.getRequest('123456')).status, 'VIDEOPENDING');
    answers.push((_req, res) =>
      reply(res, 200, { status: 'success', detail: { abc: { filename: 'x.pdf', size: 3, signed: 'true' } } }),
    );
    assert.deepEqual(await client.listDocuments('1'), [{ uid: 'abc', filename: 'x.pdf', size: 3 }]);
  });

  it('treats a 200 whose body says error as a failure classified by its words', async () => {
    answers.push((_req, res) =>
      reply(res, 200, { status: 'error', message: 'Request already in ISSUED status' }),
    );
    const error = await failsWith(client.sign('1', { secret: '424242' }), 'conflict_state', ['424242']);
    assert.equal(error.status, 200);
    answers.push((_req, res) =>
      reply(res, 200, { status: 'Error', detail: 'Confirmation Code invalid (expired)' }),
    );
    await failsWith(client.sign('1', { secret: '424242' }), 'otp_expired');
  });

  it('reads a plain-text 403 code refusal and a 400 per-field map in detail', async () => {
    answers.push((_req, res) =>
      reply(res, 403, 'Confirmation Code invalid (1 attempt(s) left)', 'text/plain'),
    );
    const wrong = await failsWith(client.sign('1', { secret: '999999' }), 'otp_wrong');
    assert.equal(wrong.attemptsLeft, 1);
    assert.equal(wrong.serverMessage, 'Confirmation Code invalid (1 attempt(s) left)');
    answers.push((_req, res) =>
      reply(res, 400, { status: 'error', detail: { email: ['Enter a valid email address'] } }),
    );
    const invalid = await failsWith(client.createRequest(FIELDS), 'validation');
    assert.deepEqual(invalid.fields, { email: ['Enter a valid email address'] });
  });

  it('keeps an HTML 502 from a proxy as a retryable server error without its HTML', async () => {
    answers.push((_req, res) => reply(res, 502, '<html><body>Bad gateway</body></html>', 'text/html'));
    const error = await failsWith(client.hello(), 'server');
    assert.equal(error.status, 502);
    assert.equal(error.retryable, true);
    assert.equal(error.serverMessage, undefined);
    assert.ok(!error.message.includes('<'));
  });

  it('leaves no file at the destination when a download is cut short', async () => {
    answers.push((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': 100_000 });
      res.write(Buffer.alloc(20_000, 0x25), () => res.destroy());
    });
    const dir = join(work, 'cut');
    const error = await failsWith(
      client.downloadDocument('1', 'u', 'signed', join(dir, 'cut.pdf')),
      'offline',
    );
    assert.equal(error.retryable, true);
    assert.deepEqual(readdirSync(dir), []);
  });

  it('sends fields and file names as UTF-8 multipart with an exact Content-Length', async () => {
    const [file] = await pdfFiles(1, 'utf8');
    const named = { path: file!.path, filename: 'Contrato Núñez "firmado".pdf' };
    const seen: { fields: Record<string, string>; files: string[]; length: number; received: number } = {
      fields: {},
      files: [],
      length: 0,
      received: 0,
    };
    answers.push((req, res, body) => {
      seen.length = Number(req.headers['content-length']);
      seen.received = Buffer.byteLength(body, 'latin1');
      const parser = busboy({ headers: req.headers, defParamCharset: 'utf8' });
      parser.on('field', (name, value) => (seen.fields[name] = value));
      parser.on('file', (_field, stream, info) => {
        seen.files.push(info.filename ?? '');
        stream.resume();
      });
      parser.on('close', () => reply(res, 200, { status: 'success', details: { pk: '42' } }));
      parser.end(Buffer.from(body, 'latin1'));
    });
    const png = join(work, 'owner.png');
    writeFileSync(png, Buffer.from('89504e470d0a1a0a', 'hex'));
    await client.createRequest(
      { ...FIELDS, given_name: 'José Ñandú', useasync: true },
      { document_owner: png },
    );
    assert.equal(seen.fields.given_name, 'José Ñandú');
    assert.equal(seen.fields.useasync, 'true');
    assert.deepEqual(seen.files, ['owner.png']);
    assert.equal(seen.received, seen.length);
    answers.push((req, res, body) => {
      const parser = busboy({ headers: req.headers, defParamCharset: 'utf8' });
      parser.on('file', (field, stream, info) => {
        seen.files.push(`${field}:${info.filename}`);
        stream.resume();
      });
      parser.on('close', () => reply(res, 200, 'uid-1'));
      parser.end(Buffer.from(body, 'latin1'));
    });
    await client.uploadDocuments('42', [named]);
    assert.equal(seen.files.at(-1), 'file:Contrato Núñez %22firmado%22.pdf');
  });

  it('hides secrets and uid-shaped values from text', () => {
    const token = randomUUID();
    assert.equal(
      redact(`Error getting RAO's id: token ${token} not found`),
      "Error getting RAO's id: token [id] not found",
    );
    assert.equal(redact('pin 123456 refused', ['123456']), 'pin [hidden] refused');
  });
});

describe('OptimizerClient: connections', () => {
  it('opens no more connections than the profile allows and reuses them', async () => {
    const fake = await fakeOptimizer((_req, res) => {
      setTimeout(() => reply(res, 200, { status: 'success', message: 'Hello' }), 50);
    });
    const client = clientFor(fake.baseUrl, { maxConnections: 3 });
    const answers = await Promise.all(Array.from({ length: 9 }, () => client.hello()));
    assert.ok(answers.every((a) => a.message === 'Hello'));
    await client.hello();
    assert.equal(fake.sockets(), 3);
    await client.close();
    await fake.close();
  });
});

/** A valid one-page PDF of about `size` bytes, written in 1 MiB blocks (never whole in memory). */
async function writeLargePdf(path: string, size: number): Promise<void> {
  const out = createWriteStream(path);
  let position = 0;
  const offsets: number[] = [];
  const emit = async (data: string | Buffer): Promise<void> => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    if (!out.write(bytes)) await once(out, 'drain');
    position += bytes.length;
  };
  await emit('%PDF-1.4\n');
  for (const [n, object] of [
    [1, '<< /Type /Catalog /Pages 2 0 R >>'],
    [2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>'],
    [3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>'],
  ] as const) {
    offsets[n] = position;
    await emit(`${n} 0 obj\n${object}\nendobj\n`);
  }
  const block = Buffer.alloc(1 << 20, '% padding: a content stream of comments\n');
  const blocks = Math.ceil(size / block.length);
  offsets[4] = position;
  await emit(`4 0 obj\n<< /Length ${blocks * block.length} >>\nstream\n`);
  for (let i = 0; i < blocks; i++) await emit(block);
  await emit('\nendstream\nendobj\n');
  const xref = position;
  const rows = [1, 2, 3, 4].map((n) => `${String(offsets[n]).padStart(10, '0')} 00000 n \n`).join('');
  await emit(
    `xref\n0 5\n0000000000 65535 f \n${rows}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
  );
  out.end();
  await once(out, 'finish');
}

describe('OptimizerClient: large files', () => {
  // The sandbox runs in its own process here, so that only the client's memory is measured.
  let sandbox: Awaited<ReturnType<typeof spawnSandbox>>;
  let client: OptimizerClient;
  let pk: string;
  let bigUid: string;
  const big = join(work, 'big.pdf');
  const FILE_SIZE = 60 * 1024 * 1024;
  before(async () => {
    [sandbox] = await Promise.all([spawnSandbox(['--port', '0']), writeLargePdf(big, FILE_SIZE)]);
    client = clientFor(sandbox.baseUrl);
    ({ pk } = await client.createRequest(FIELDS));
  });
  after(async () => {
    await client.close();
    await sandbox.kill();
  });

  it('streams a 60 MB upload from disk without holding it in memory', async (t) => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    // Warm up every code path first, so that compiled code and pools are not counted.
    const small = join(work, 'small.pdf');
    await writeLargePdf(small, 2 * 1024 * 1024);
    await client.uploadDocuments(pk, [{ path: small, filename: 'small.pdf' }], () => process.memoryUsage());
    gc();
    gc();
    const start = process.memoryUsage();
    let peakRss = start.rss;
    let peakBuffers = start.arrayBuffers;
    let nextSample = 0;
    const [uploaded] = await client.uploadDocuments(pk, [{ path: big, filename: 'big.pdf' }], (sent) => {
      if (sent < nextSample) return;
      nextSample = sent + 2 * 1024 * 1024;
      gc(); // live memory: what is still referenced, not garbage awaiting collection
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
    });
    bigUid = uploaded!.uid;
    const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;
    t.diagnostic(
      `file ${mib(FILE_SIZE)}; rss ${mib(start.rss)} → peak ${mib(peakRss)} (+${mib(peakRss - start.rss)}); ` +
        `arrayBuffers ${mib(start.arrayBuffers)} → peak ${mib(peakBuffers)} (+${mib(peakBuffers - start.arrayBuffers)})`,
    );
    assert.ok(peakBuffers - start.arrayBuffers < 8 * 1024 * 1024, 'arrayBuffers grew by 8 MiB or more');
    assert.ok(peakRss - start.rss < 24 * 1024 * 1024, 'rss grew by 24 MiB or more');
    const listed = (await client.listDocuments(pk)) ?? [];
    assert.ok(listed.some((d) => d.uid === bigUid && d.size > FILE_SIZE));
  });

  it('writes a download atomically: nothing at the destination after it is aborted, the whole file after', async () => {
    const dir = join(work, 'downloads');
    const dest = join(dir, 'big-copy.pdf');
    const controller = new AbortController();
    await assert.rejects(
      client.downloadDocument(
        pk,
        bigUid,
        'original',
        dest,
        (received) => {
          if (received > 1024 * 1024) controller.abort();
        },
        { signal: controller.signal },
      ),
      { name: 'AbortError' },
    );
    assert.deepEqual(readdirSync(dir), [], 'neither the file nor a .part file is left');
    const whole = await client.downloadDocument(pk, bigUid, 'original', dest);
    assert.ok(whole.bytes > FILE_SIZE);
    assert.deepEqual(readdirSync(dir), ['big-copy.pdf']);
  });
});
