// ID-document images sealed at rest with the key in a real Secret Service (the private
// gnome-keyring test/run.mjs starts): they round-trip, never reach the disk in clear, cannot be
// altered or moved to another job unnoticed, are refused when they are not what they claim, and are
// purged once the request exists — proven against the sandbox Optimizer through a recording proxy
// (the sandbox itself keeps no ID image, by design).
import { strict as assert } from 'node:assert';
import { randomBytes, randomUUID } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { OptimizerClient, OptimizerError } from '../../electron/core/optimizer/index';
import { listEvents } from '../../electron/core/store/index';
import {
  ID_IMAGE_KEY_ACCOUNT,
  ID_IMAGE_KEY_SERVICE,
  IdImageError,
  IdImageStore,
  MAX_ID_IMAGE_BYTES,
  OsKeychain,
  purgeJobIdImages,
  type IdImageAudit,
  type IdImageErrorCode,
  type Keychain,
} from '../../electron/core/vault/index';
import { startSandbox, type SandboxHandle } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { queueHarness, type Harness } from '../helpers/queue-harness';
import { call, PRESET_TOKEN_UID, SIGNER } from '../helpers/sandbox';
import { needsKeyring } from '../helpers/keyring';

const JPEG_HEAD = [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46];
const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** A picture's head followed by random bytes: every 64-byte run of it is unique to it. */
const jpeg = (size = 8192): Buffer => Buffer.concat([Buffer.from(JPEG_HEAD), randomBytes(size)]);
const png = (size = 8192): Buffer => Buffer.concat([Buffer.from(PNG_HEAD), randomBytes(size)]);

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Files under `dir` holding any 64-byte run of any image (taken every 512 bytes). */
function filesWithPlaintext(dir: string, images: readonly Buffer[]): string[] {
  const runs = images.flatMap((image) => {
    const found: Buffer[] = [];
    for (let at = 0; at + 64 <= image.length; at += 512) found.push(image.subarray(at, at + 64));
    return found;
  });
  return filesUnder(dir).filter((f) => {
    const bytes = readFileSync(f);
    return runs.some((run) => bytes.includes(run));
  });
}

async function failsWith(promise: Promise<unknown>, code: IdImageErrorCode, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => assert.fail(`expected an IdImageError ${code}`),
    (e: unknown) => e,
  );
  assert.ok(error instanceof IdImageError, `not an IdImageError: ${String(error)}`);
  assert.equal(error.code, code, error.message);
  assert.match(error.message, message);
}

/** The real keychain under a service of its own, for tests that must delete or spoil the key. */
function isolatedKeychain(real: Keychain): Keychain & { service: string } {
  const service = `oneshot-desk-test-${randomUUID()}`;
  const map = (s: string): string => (s === ID_IMAGE_KEY_SERVICE ? service : s);
  return {
    service,
    get: (s, a) => real.get(map(s), a),
    set: (s, a, secret) => real.set(map(s), a, secret),
    delete: (s, a) => real.delete(map(s), a),
    list: (s) => real.list(map(s)),
  };
}

const keychain = new OsKeychain({ timeoutMs: 10_000 });
const roots: string[] = [];
const newDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'id-images-'));
  roots.push(dir);
  return dir;
};
after(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

describe('IdImageStore on the real keychain', () => {
  let dir: string;
  let images: IdImageStore;
  before(() => {
    dir = join(newDir(), 'id-images');
    images = new IdImageStore({ dir, keychain });
  });

  it('seals a JPEG and a PNG and gives them back intact, with the key in the keychain', async (t) => {
    if (!needsKeyring(t)) return;
    const jobId = randomUUID();
    const front = jpeg();
    const rear = png();
    await images.put(jobId, 'document_front', front, 'image/jpeg');
    await images.put(jobId, 'document_rear', new Uint8Array(rear), 'image/png');
    assert.deepEqual(await images.sides(jobId), ['document_front', 'document_rear']);
    assert.deepEqual(await images.read(jobId, 'document_front'), { bytes: front, contentType: 'image/jpeg' });
    assert.deepEqual(await images.read(jobId, 'document_rear'), { bytes: rear, contentType: 'image/png' });
    assert.equal(await images.read(jobId, 'document_owner'), null);

    // A fresh store (no cache) finds the same key in the keychain.
    const again = new IdImageStore({ dir, keychain });
    assert.deepEqual((await again.read(jobId, 'document_front'))?.bytes, front);
    const key = await keychain.get(ID_IMAGE_KEY_SERVICE, ID_IMAGE_KEY_ACCOUNT);
    assert.equal(Buffer.from(key ?? '', 'base64').length, 32);

    const files = readdirSync(join(dir, jobId)).sort();
    assert.deepEqual(files, ['document_front.bin', 'document_rear.bin'], 'no temporary file left');
    if (process.platform !== 'win32') {
      for (const f of files) assert.equal(statSync(join(dir, jobId, f)).mode & 0o777, 0o600);
    }

    // Replacing a side keeps one file for it.
    const newer = jpeg(100);
    await images.put(jobId, 'document_front', newer, 'image/jpeg');
    assert.deepEqual((await images.read(jobId, 'document_front'))?.bytes, newer);
    assert.equal(await images.remove(jobId, 'document_rear'), true);
    assert.equal(await images.remove(jobId, 'document_rear'), false);
    assert.deepEqual(await images.sides(jobId), ['document_front']);
  });

  it('never writes an image in clear', async (t) => {
    if (!needsKeyring(t)) return;
    const jobId = randomUUID();
    const front = jpeg(64 * 1024);
    const owner = png(64 * 1024);
    await images.put(jobId, 'document_front', front, 'image/jpeg');
    await images.put(jobId, 'document_owner', owner, 'image/png');
    const written = filesUnder(join(dir, jobId));
    assert.equal(written.length, 2);
    assert.deepEqual(filesWithPlaintext(dir, [front, owner]), []);
    for (const f of written) {
      const head = readFileSync(f).subarray(0, 8);
      assert.ok(!head.includes(Buffer.from(JPEG_HEAD.slice(0, 3))) && !head.equals(Buffer.from(PNG_HEAD)));
    }
    // The test can see the plaintext when it is there: the search itself works.
    const probe = join(dir, 'probe.bin');
    writeFileSync(probe, Buffer.concat([randomBytes(10), front.subarray(5000, 5200)]));
    assert.deepEqual(filesWithPlaintext(dir, [front]), [probe]);
    rmSync(probe);
  });

  it('refuses a sealed file with one byte changed, or cut short', async (t) => {
    if (!needsKeyring(t)) return;
    const jobId = randomUUID();
    await images.put(jobId, 'document_front', jpeg(), 'image/jpeg');
    const path = join(dir, jobId, 'document_front.bin');
    const sealed = readFileSync(path);
    for (const at of [40, sealed.length - 1, 5 /* the content type, authenticated too */]) {
      const altered = Buffer.from(sealed);
      altered[at] = (altered[at] ?? 0) ^ 0x01;
      writeFileSync(path, altered);
      await failsWith(images.read(jobId, 'document_front'), 'tampered', /altered|damaged/);
    }
    writeFileSync(path, sealed.subarray(0, 20));
    await failsWith(images.read(jobId, 'document_front'), 'tampered', /damaged/);
    writeFileSync(path, Buffer.concat([Buffer.from('XXXX'), sealed.subarray(4)]));
    await failsWith(images.read(jobId, 'document_front'), 'tampered', /not a sealed ID image/);
  });

  it('refuses a sealed file moved to another job or another side', async (t) => {
    if (!needsKeyring(t)) return;
    const [a, b] = [randomUUID(), randomUUID()];
    await images.put(a, 'document_front', jpeg(), 'image/jpeg');
    await images.put(b, 'document_rear', png(), 'image/png');
    copyFileSync(join(dir, a, 'document_front.bin'), join(dir, b, 'document_front.bin'));
    await failsWith(images.read(b, 'document_front'), 'tampered', /belongs to another job/);
    copyFileSync(join(dir, a, 'document_front.bin'), join(dir, a, 'document_owner.bin'));
    await failsWith(images.read(a, 'document_owner'), 'tampered', /integrity check/);
    assert.ok(await images.read(a, 'document_front'), 'the original is still readable');
  });

  it('refuses what is not a JPEG or PNG of the type said, too large, or empty', async (t) => {
    if (!needsKeyring(t)) return;
    const jobId = randomUUID();
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(100)]);
    await failsWith(
      images.put(jobId, 'document_front', pdf, 'image/jpeg'),
      'invalid_input',
      /front of the ID document is not a JPEG or PNG picture/,
    );
    await failsWith(
      images.put(jobId, 'document_front', png(), 'image/jpeg'),
      'invalid_input',
      /is a PNG picture, not the JPEG it was said to be/,
    );
    await failsWith(
      images.put(jobId, 'document_rear', jpeg(), 'image/png'),
      'invalid_input',
      /is a JPEG picture, not the PNG/,
    );
    await failsWith(
      images.put(jobId, 'document_owner', jpeg(MAX_ID_IMAGE_BYTES), 'image/jpeg'),
      'invalid_input',
      /larger than 10 MB/,
    );
    await failsWith(
      images.put(jobId, 'document_owner', new Uint8Array(0), 'image/jpeg'),
      'invalid_input',
      /is empty/,
    );
    await failsWith(
      images.put(jobId, 'document_owner', jpeg(), 'image/gif' as 'image/jpeg'),
      'invalid_input',
      /must be a JPEG or PNG/,
    );
    await failsWith(
      images.put(jobId, 'passport' as 'document_front', jpeg(), 'image/jpeg'),
      'invalid_input',
      /not a kind of ID image/,
    );
    // Exactly 10 MB is accepted.
    const largest = jpeg(MAX_ID_IMAGE_BYTES - JPEG_HEAD.length);
    await images.put(jobId, 'document_owner', largest, 'image/jpeg');
    assert.deepEqual(await images.sides(jobId), ['document_owner']);
  });

  it('purges a job whole, any number of times', async (t) => {
    if (!needsKeyring(t)) return;
    const jobId = randomUUID();
    await images.put(jobId, 'document_front', jpeg(), 'image/jpeg');
    await images.put(jobId, 'document_rear', png(), 'image/png');
    writeFileSync(join(dir, jobId, 'document_rear.bin.abc.tmp'), 'left by a crash');
    assert.deepEqual(await images.purge(jobId), ['document_front', 'document_rear']);
    assert.equal(existsSync(join(dir, jobId)), false);
    assert.deepEqual(await images.purge(jobId), []);
    assert.deepEqual(await images.purge(randomUUID()), [], 'a job that never had images');
    assert.equal(await images.read(jobId, 'document_front'), null);
    assert.deepEqual(await images.sides(jobId), []);

    const events: { jobId: string | null; kind: string; data?: Record<string, unknown> }[] = [];
    const audit: IdImageAudit = { event: (id, kind, data) => void events.push({ jobId: id, kind, data }) };
    await images.put(jobId, 'document_owner', png(), 'image/png');
    await purgeJobIdImages(images, audit, jobId, 'removed');
    await purgeJobIdImages(images, audit, jobId, 'removed');
    assert.deepEqual(events, [
      { jobId, kind: 'id_images.purged', data: { reason: 'removed', sides: ['document_owner'] } },
    ]);
    // A purge that fails is recorded, not thrown.
    const failing = new IdImageStore({ dir, keychain });
    failing.purge = () => Promise.reject(new Error('EBUSY: the folder is in use'));
    await purgeJobIdImages(failing, audit, jobId, 'created');
    assert.deepEqual(events[1], {
      jobId,
      kind: 'id_images.purge_failed',
      data: { reason: 'created', message: 'EBUSY: the folder is in use' },
    });
  });

  it('refuses job ids that could leave its folder', async (t) => {
    if (!needsKeyring(t)) return;
    const outside = join(dir, '..', 'escaped');
    for (const jobId of ['..', '../escaped', 'a/b', 'a\\b', '', 'a'.repeat(101), 'a b', 'é', '.', '/tmp/x']) {
      await failsWith(images.put(jobId, 'document_front', jpeg(), 'image/jpeg'), 'invalid_input', /job id/);
      await failsWith(images.read(jobId, 'document_front'), 'invalid_input', /job id/);
      await failsWith(images.sides(jobId), 'invalid_input', /job id/);
      await failsWith(images.purge(jobId), 'invalid_input', /job id/);
    }
    assert.equal(existsSync(outside), false);
    assert.ok(existsSync(dir), 'purge("..") did not remove the store');
  });

  it('says images are lost when the keychain no longer has their key, and never makes one to read', async (t) => {
    if (!needsKeyring(t)) return;
    // Its own keychain entry: the shared key must not vanish under other tests.
    const isolated = isolatedKeychain(keychain);
    const own = join(newDir(), 'id-images');
    const jobId = randomUUID();
    try {
      await new IdImageStore({ dir: own, keychain: isolated }).put(
        jobId,
        'document_front',
        jpeg(),
        'image/jpeg',
      );
      assert.equal(await isolated.delete(ID_IMAGE_KEY_SERVICE, ID_IMAGE_KEY_ACCOUNT), true);

      const later = new IdImageStore({ dir: own, keychain: isolated });
      await failsWith(
        later.read(jobId, 'document_front'),
        'key_missing',
        /encrypted with a key that is no longer in the OS keychain, so it cannot be decrypted/,
      );
      assert.equal(
        await isolated.get(ID_IMAGE_KEY_SERVICE, ID_IMAGE_KEY_ACCOUNT),
        null,
        'no key made by read',
      );

      // New images get a new key; the old one still says it is lost, not that it was tampered with.
      const other = randomUUID();
      const fresh = png();
      await later.put(other, 'document_rear', fresh, 'image/png');
      assert.deepEqual((await later.read(other, 'document_rear'))?.bytes, fresh);
      await failsWith(later.read(jobId, 'document_front'), 'key_missing', /no longer in the OS keychain/);

      await isolated.set(ID_IMAGE_KEY_SERVICE, ID_IMAGE_KEY_ACCOUNT, 'not a key');
      await failsWith(
        new IdImageStore({ dir: own, keychain: isolated }).read(other, 'document_rear'),
        'key_invalid',
        /not one One-Shot Desk wrote/,
      );
    } finally {
      await isolated.delete(ID_IMAGE_KEY_SERVICE, ID_IMAGE_KEY_ACCOUNT);
    }
  });
});

// --- the create call, against the sandbox ---------------------------------------------------

interface RecordedCall {
  method: string;
  path: string;
  contentType: string;
  body: Buffer;
}

/** A reverse proxy that keeps every request it forwards: what the sandbox received, byte for byte. */
async function recordingProxy(
  target: string,
): Promise<{ origin: string; calls: RecordedCall[]; close(): Promise<void> }> {
  const calls: RecordedCall[] = [];
  const read = async (req: IncomingMessage): Promise<Buffer> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    return Buffer.concat(chunks);
  };
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await read(req);
      const path = req.url ?? '/';
      calls.push({ method: req.method ?? 'GET', path, contentType: req.headers['content-type'] ?? '', body });
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === 'string' && !['host', 'connection', 'content-length'].includes(k)) headers.set(k, v);
      }
      const answer = await fetch(`${target}${path}`, {
        method: req.method,
        headers,
        body: body.length > 0 ? body : undefined,
      });
      const out = Buffer.from(await answer.arrayBuffer());
      const type = answer.headers.get('content-type');
      res.writeHead(answer.status, type ? { 'content-type': type } : {});
      res.end(out);
    })().catch((error: unknown) => {
      res.writeHead(502);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The file parts of a recorded multipart body, by field. */
async function fileParts(
  recorded: RecordedCall,
): Promise<Map<string, { name: string; type: string; bytes: Buffer }>> {
  const form = await new Response(recorded.body, {
    headers: { 'content-type': recorded.contentType },
  }).formData();
  const parts = new Map<string, { name: string; type: string; bytes: Buffer }>();
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') continue;
    parts.set(field, { name: value.name, type: value.type, bytes: Buffer.from(await value.arrayBuffer()) });
  }
  return parts;
}

describe('create with sealed ID images, against the sandbox', () => {
  let sandbox: SandboxHandle;
  let proxy: Awaited<ReturnType<typeof recordingProxy>>;
  before(async () => {
    sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'] });
    proxy = await recordingProxy(new URL(sandbox.baseUrl).origin);
  });
  after(async () => {
    await proxy?.close();
    await sandbox?.stop();
  });

  async function withImages(
    run: (h: Harness, images: IdImageStore, dataDir: string) => Promise<void>,
  ): Promise<void> {
    const dataDir = newDir();
    const images = new IdImageStore({ dir: join(dataDir, 'id-images'), keychain });
    const base = `${proxy.origin}${new URL(sandbox.baseUrl).pathname}`;
    const h = await queueHarness(base, { dataDir, runner: { idImages: images } });
    try {
      await run(h, images, dataDir);
    } finally {
      await h.close();
    }
  }

  /** A job whose signer also names image files on disk (as the CLI does). */
  async function jobWithPaths(h: Harness, dataDir: string, paths: Record<string, string>) {
    const pdf = join(dataDir, `src-${randomUUID()}.pdf`);
    writeFileSync(pdf, await makePdf({ pages: 1, text: 'id images' }));
    const stored = await h.store.documents.import(pdf);
    return h.store.jobs.add({
      profileId: 'sandbox',
      raoUsername: 'sandbox-rao',
      label: 'id images',
      signer: { ...SIGNER, images: paths },
      auth: { method: 'external', type: 'biometric', value: 'bio-1' },
      outputDir: join(dataDir, 'out'),
      documents: [{ sha256: stored.sha256, filename: 'contract.pdf', size: stored.size, pages: 1 }],
    });
  }

  const createCalls = (): RecordedCall[] =>
    proxy.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/create'));

  it('sends the sealed images with the create call, then purges them and says so in the audit log', async (t) => {
    if (!needsKeyring(t)) return;
    await withImages(async (h, images, dataDir) => {
      // The owner photo comes from a path; the front too, but its sealed copy must win.
      const ownerPath = join(dataDir, 'owner.png');
      const stalePath = join(dataDir, 'stale-front.jpg');
      const owner = png();
      writeFileSync(ownerPath, owner);
      writeFileSync(stalePath, jpeg());
      const job = await jobWithPaths(h, dataDir, { document_owner: ownerPath, document_front: stalePath });
      const front = jpeg(200 * 1024);
      const rear = png(150 * 1024);
      await images.put(job.id, 'document_front', front, 'image/jpeg');
      await images.put(job.id, 'document_rear', rear, 'image/png');
      const before = createCalls().length;

      h.runner.start();
      const done = await h.waitFor(job.id, ['done', 'failed']);
      assert.equal(done.state, 'done', done.error?.message);

      const creates = createCalls().slice(before);
      assert.equal(creates.length, 1, 'one create call');
      const parts = await fileParts(creates[0]!);
      assert.deepEqual([...parts.keys()].sort(), ['document_front', 'document_owner', 'document_rear']);
      assert.deepEqual(parts.get('document_front'), {
        name: 'document_front.jpg',
        type: 'image/jpeg',
        bytes: front,
      });
      assert.deepEqual(parts.get('document_rear'), {
        name: 'document_rear.png',
        type: 'image/png',
        bytes: rear,
      });
      assert.deepEqual(parts.get('document_owner'), { name: 'owner.png', type: 'image/png', bytes: owner });
      // The sandbox accepted them as pictures and made exactly one request.
      const stats = await call<{ requests: Record<string, Record<string, number>> }>(
        sandbox.baseUrl,
        'GET',
        '/sandbox/stats',
      );
      assert.equal(stats.body.requests[done.requestPk ?? '']?.creates, 1);

      assert.equal(existsSync(join(images.dir, job.id)), false, 'the job folder is gone');
      const events = listEvents(h.store.db, { jobId: job.id });
      const created = events.findIndex((e) => e.kind === 'job.state' && e.data.to === 'created');
      const purged = events.findIndex((e) => e.kind === 'id_images.purged');
      assert.ok(created >= 0 && purged > created, 'purged after created was committed');
      assert.deepEqual(events[purged]?.data, {
        reason: 'created',
        sides: ['document_front', 'document_rear'],
      });
      const audit = JSON.stringify(events);
      assert.ok(!audit.includes(front.subarray(1000, 1048).toString('base64')), 'no image bytes in the log');
      assert.deepEqual(filesWithPlaintext(dataDir, [front, rear]), []);
      assert.equal(h.store.verifyAuditChain().ok, true);
    });
  });

  it('the client sends an in-memory image as given, and refuses a content type that would break the form', async () => {
    const client = new OptimizerClient({
      id: 'sandbox',
      baseUrl: `${proxy.origin}${new URL(sandbox.baseUrl).pathname}`,
    });
    try {
      const before = createCalls().length;
      const front = jpeg();
      const fields = { ...SIGNER, token: PRESET_TOKEN_UID };
      await client.createRequest(fields, {
        document_front: { bytes: new Uint8Array(front), filename: 'front.jpg', contentType: 'image/jpeg' },
      });
      const parts = await fileParts(createCalls()[before]!);
      assert.deepEqual(parts.get('document_front'), { name: 'front.jpg', type: 'image/jpeg', bytes: front });
      const refused = await client
        .createRequest(fields, {
          document_front: { bytes: front, filename: 'f.jpg', contentType: 'image/jpeg\r\nX-Injected: 1' },
        })
        .then(
          () => assert.fail('expected a refusal'),
          (e: unknown) => e,
        );
      assert.ok(refused instanceof OptimizerError && refused.kind === 'validation', String(refused));
      assert.equal(createCalls().length, before + 1, 'nothing sent for the refused form');
    } finally {
      await client.close();
    }
  });

  it('fails a job whose sealed image was altered, without retrying and without creating anything', async (t) => {
    if (!needsKeyring(t)) return;
    await withImages(async (h, images, dataDir) => {
      const job = await jobWithPaths(h, dataDir, {});
      await images.put(job.id, 'document_front', jpeg(), 'image/jpeg');
      const path = join(images.dir, job.id, 'document_front.bin');
      const sealed = readFileSync(path);
      sealed[sealed.length - 20] = (sealed[sealed.length - 20] ?? 0) ^ 0xff;
      writeFileSync(path, sealed);
      const before = createCalls().length;

      h.runner.start();
      const failed = await h.waitFor(job.id, ['failed', 'done']);
      assert.equal(failed.state, 'failed');
      assert.equal(failed.error?.kind, 'tampered');
      assert.equal(failed.error?.retryable, false);
      assert.match(failed.error?.message ?? '', /front of the ID document failed its integrity check/);
      assert.equal(failed.attempts, 1);
      assert.equal(createCalls().length, before);
      // Kept: a failed create may be retried once the person adds the image again.
      assert.deepEqual(await images.sides(job.id), ['document_front']);
    });
  });

  it('purges the images of a cancelled job, and sweeps those of jobs gone or past creation', async (t) => {
    if (!needsKeyring(t)) return;
    await withImages(async (h, images, dataDir) => {
      const cancelled = await jobWithPaths(h, dataDir, {});
      await images.put(cancelled.id, 'document_front', jpeg(), 'image/jpeg');
      await h.runner.cancel(cancelled.id);
      assert.equal(existsSync(join(images.dir, cancelled.id)), false);
      assert.deepEqual(
        listEvents(h.store.db, { jobId: cancelled.id }).find((e) => e.kind === 'id_images.purged')?.data,
        { reason: 'cancelled', sides: ['document_front'] },
      );

      // A draft keeps its images; a removed job's and a job already created (a crash came between
      // the commit and the purge) are swept when the runner starts.
      const draft = await h.store.jobs.add({
        profileId: 'sandbox',
        raoUsername: 'sandbox-rao',
        label: 'draft',
        signer: SIGNER,
        auth: { method: 'external', type: 'biometric', value: 'bio-1' },
        outputDir: join(dataDir, 'out'),
        state: 'draft',
        documents: [],
      });
      const removed = await jobWithPaths(h, dataDir, {});
      const created = await jobWithPaths(h, dataDir, {});
      for (const id of [draft.id, removed.id, created.id])
        await images.put(id, 'document_rear', png(), 'image/png');
      h.store.jobs.transition(removed.id, 'cancelled');
      h.store.jobs.remove(removed.id);
      h.store.jobs.transition(created.id, 'creating');
      h.store.jobs.transition(created.id, 'created', {}, { requestPk: '999999' });
      h.store.jobs.update(created.id, { paused: true });

      h.runner.start();
      await h.runner.stop(); // waits for the sweep
      assert.deepEqual(await images.sides(draft.id), ['document_rear']);
      assert.deepEqual(await images.sides(removed.id), []);
      assert.deepEqual(await images.sides(created.id), []);
      const swept = listEvents(h.store.db, { jobId: removed.id }).find((e) => e.kind === 'id_images.purged');
      assert.deepEqual(swept?.data, { reason: 'sweep', sides: ['document_rear'] });
    });
  });
});
