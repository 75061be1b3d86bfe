// Big files in constant memory: the local check, the sandbox's signing and the verification read a
// PDF through its cross-reference and stream the rest. Checked on the layouts writers produce
// (classic tables, cross-reference and object streams, linearized, incremental updates), on damaged
// files, across chunk boundaries, and end to end on a generated 50 MB file judged by qpdf and pdfsig.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, statSync, writeFileSync, mkdtempSync, createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BufferSource, FileSource } from '../../electron/core/pdf/byte-source';
import { PdfStructureError } from '../../electron/core/pdf/cross-reference';
import { readOutline } from '../../electron/core/pdf/document-outline';
import { inspectLocalPdf, verifySignedPdf } from '../../electron/core/pdf/index';
import { PdfObjects } from '../../electron/core/pdf/pdf-objects';
import { scanSignedFile } from '../../electron/core/pdf/signed-file-scan';
import type { SandboxHandle } from '../../electron/sandbox/index';
import { startSandbox } from '../../electron/sandbox/index';
import { makePdf } from '../fixtures/pdfs';
import { writeBigPdf } from '../helpers/big-pdf';
import { nssDbTrusting, pdfsig, qpdfCheck } from '../helpers/pdf-judges';
import { call, createRequest, download, upload } from '../helpers/sandbox';

const work = mkdtempSync(join(tmpdir(), 'pdf-streaming-'));
let sandbox: SandboxHandle;
let nss: string;

before(async () => {
  sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'] });
  nss = nssDbTrusting(sandbox.caPem);
});
after(async () => {
  await sandbox.stop();
  rmSync(work, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Signs `pdf` (a file) with the sandbox through its REST API and saves the signed copy. */
async function signWithSandbox(pdf: string, out: string): Promise<void> {
  const pk = await createRequest(sandbox.baseUrl);
  const [uid] = await upload(sandbox.baseUrl, pk, [{ name: 'document.pdf', bytes: readFileSync(pdf) }]);
  const signed = await call(sandbox.baseUrl, 'POST', `/sign/${pk}`, {
    secret: 'x',
    ext_unlock_type: 'biometric',
    ext_unlock_value: 'v',
    signature: { appearance: { position: '50,50,250,120', page: 1 } },
  });
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  const res = await download(sandbox.baseUrl, `/document/${pk}/${uid}?document_type=signed`);
  assert.equal(res.status, 200);
  writeFileSync(out, res.bytes);
}

async function outlineOf(bytes: Uint8Array): Promise<Awaited<ReturnType<typeof readOutline>>> {
  return readOutline(await PdfObjects.open(new BufferSource(Buffer.from(bytes))));
}

function qpdf(args: string[]): void {
  execFileSync('qpdf', args, { stdio: 'pipe' });
}

describe('PDF structure read through the cross-reference', () => {
  it('reads pages, title and signatures the same way whatever the writer laid out', async () => {
    const plain = join(work, 'plain.pdf');
    writeFileSync(plain, await makePdf({ pages: 3, objectStreams: false }));
    const layouts: Record<string, string> = { plain };
    const variants: [string, string[]][] = [
      ['object-streams', ['--object-streams=generate']],
      ['linearized', ['--linearize']],
      ['qdf', ['--qdf', '--object-streams=disable']],
      ['linearized-object-streams', ['--linearize', '--object-streams=generate']],
    ];
    for (const [name, args] of variants) {
      layouts[name] = join(work, `${name}.pdf`);
      qpdf([...args, plain, layouts[name]]);
    }
    layouts['pdf-lib-streams'] = join(work, 'pdf-lib-streams.pdf');
    writeFileSync(layouts['pdf-lib-streams'], await makePdf({ pages: 3, objectStreams: true }));

    for (const [name, path] of Object.entries(layouts)) {
      const objects = await PdfObjects.open(new BufferSource(readFileSync(path)));
      const outline = await readOutline(objects);
      assert.deepEqual(
        outline,
        { encrypted: false, pages: 3, signatureCount: 0, title: 'One-Shot Desk test document' },
        name,
      );
    }
    const streams = await PdfObjects.open(new BufferSource(readFileSync(layouts['object-streams']!)));
    assert.equal(streams.xref.isStream, true, 'qpdf wrote a cross-reference stream');
    assert.ok(
      [...streams.xref.entries.values()].some((e) => e?.type === 'compressed'),
      'some objects are read out of object streams',
    );
  });

  it('follows /Prev through incremental updates: each signature counted, the latest version of each object read', async () => {
    for (const objectStreams of [false, true]) {
      const original = join(work, `inc-${objectStreams}.pdf`);
      writeFileSync(original, await makePdf({ pages: 2, objectStreams }));
      const once = join(work, `inc-${objectStreams}-1.pdf`);
      const twice = join(work, `inc-${objectStreams}-2.pdf`);
      await signWithSandbox(original, once);
      await signWithSandbox(once, twice);
      const objects = await PdfObjects.open(new BufferSource(readFileSync(twice)));
      assert.equal(objects.xref.trailers.length, 3, 'three sections chained by /Prev');
      assert.equal(objects.xref.isStream, objectStreams);
      const outline = await readOutline(objects);
      assert.equal(outline.pages, 2);
      assert.equal(outline.signatureCount, 2);
      const checked = await inspectLocalPdf(twice);
      assert.equal(checked.ok && checked.signatureCount, 2);
    }
  });

  it('refuses a cross-reference that points nowhere, and the local check still rebuilds a small file', async () => {
    const good = Buffer.from(await makePdf({ pages: 2, objectStreams: false }));
    const text = good.toString('latin1');
    const startxref = /startxref\s+(\d+)/.exec(text.slice(text.lastIndexOf('startxref')))!;
    const wrong = Buffer.from(
      text.slice(0, text.lastIndexOf('startxref')) + `startxref\n${Number(startxref[1]) + 7}\n%%EOF\n`,
      'latin1',
    );
    await assert.rejects(outlineOf(wrong), PdfStructureError);
    const file = join(work, 'shifted-xref.pdf');
    writeFileSync(file, wrong);
    const result = await inspectLocalPdf(file);
    assert.equal(result.ok && result.pages, 2, JSON.stringify(result));

    const looped = Buffer.from(
      text.replace(/trailer\s*<</, (m) => `${m} /Prev ${startxref[1]} `),
      'latin1',
    );
    await assert.rejects(outlineOf(looped), /\/Prev chain loops/);
  });

  it('reports a large file whose cross-reference is broken as damaged without reading it whole', async () => {
    const file = join(work, 'big-broken.pdf');
    await writeBigPdf(file, { bytes: 40 * 1024 * 1024, pages: 2 });
    const handle = await open(file, 'r+');
    try {
      const size = (await handle.stat()).size;
      const tail = Buffer.alloc(64);
      await handle.read(tail, 0, 64, size - 64);
      const at = tail.toString('latin1').lastIndexOf('startxref');
      // The offset now points into image data.
      await handle.write(Buffer.from('startxref\n1000     ', 'latin1'), 0, 19, size - 64 + at);
    } finally {
      await handle.close();
    }
    const result = await inspectLocalPdf(file);
    assert.equal(!result.ok && result.reason, 'damaged', JSON.stringify(result));
    assert.match(!result.ok ? result.message : '', /^big-broken\.pdf is damaged and cannot be read/);
  });
});

describe('the signed file scan', () => {
  it('finds the same signatures, revision ends and digests whatever the chunk size', async () => {
    // Signed twice by the test above (classic tables): two signatures, three revisions.
    const original = join(work, 'inc-false.pdf');
    const twice = join(work, 'inc-false-2.pdf');
    const bytes = readFileSync(twice);
    const source = new BufferSource(bytes);
    const originalSize = statSync(original).size;
    const whole = await scanSignedFile(source, [originalSize], true);
    assert.equal(whole.byteRangeKeys.length, 2);
    assert.equal(whole.sha256, sha256(bytes));
    assert.equal(whole.prefixDigests.get(originalSize), sha256(bytes.subarray(0, originalSize)));
    for (const chunk of [97, 100, 128, 1000]) {
      const small = await scanSignedFile(source, [originalSize], true, chunk);
      assert.deepEqual(small.byteRangeKeys, whole.byteRangeKeys, `chunk ${chunk}`);
      assert.deepEqual(small.revisionEnds, whole.revisionEnds, `chunk ${chunk}`);
      assert.deepEqual([...small.prefixDigests].sort(), [...whole.prefixDigests].sort(), `chunk ${chunk}`);
      assert.equal(small.sha256, whole.sha256);
      assert.equal(small.hasSignatureMarkers, true);
      assert.equal(small.hasHeader, true);
    }
  });
});

describe('a 50 MB PDF end to end', () => {
  it('is checked, signed by the sandbox, verified and accepted by qpdf and pdfsig', async () => {
    const original = join(work, 'big.pdf');
    await writeBigPdf(original, { bytes: 50 * 1024 * 1024, pages: 3 });
    assert.ok(qpdfCheck(original).ok, 'the generated file is valid');
    const checked = await inspectLocalPdf(original);
    assert.equal(checked.ok, true, JSON.stringify(checked));
    assert.equal(checked.ok && checked.pages, 3);
    assert.equal(checked.ok && checked.sha256, await sha256OfFile(original));

    const signed = join(work, 'big.signed.pdf');
    await signWithSandbox(original, signed);
    const judged = qpdfCheck(signed);
    assert.ok(judged.ok, judged.output);
    const sig = pdfsig(signed, nss);
    assert.equal(sig.signatures.length, 1, sig.output);
    assert.equal(sig.signatures[0]?.valid, true, sig.output);
    assert.equal(sig.signatures[0]?.wholeDocument, true, sig.output);

    const size = statSync(original).size;
    const result = await verifySignedPdf(signed, {
      trustedCaPems: [sandbox.caPem],
      expectedOriginal: { size, sha256: await sha256OfFile(original) },
    });
    assert.deepEqual(result.problems, []);
    assert.equal(result.ok, true);
    assert.deepEqual(result.original, { preserved: true, size });
    assert.equal(result.sha256, await sha256OfFile(signed));

    const reread = await FileSource.open(signed);
    try {
      const outline = await readOutline(await PdfObjects.open(reread));
      assert.deepEqual([outline.pages, outline.signatureCount], [3, 1]);
    } finally {
      await reread.close();
    }
  });
});
