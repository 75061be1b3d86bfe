// electron/core/pdf: the offline check of a queued file and the verification of signed PDFs made
// by the sandbox Optimizer (and by openssl, for ECDSA and RSA-PSS), compared with poppler's pdfsig.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { PDFDict, PDFDocument, PDFName, PDFString } from 'pdf-lib';
import type { PDFRef } from 'pdf-lib';
import type { SandboxHandle } from '../../electron/sandbox/index';
import { startSandbox } from '../../electron/sandbox/index';
import { appendIncrementalUpdate, readLastSection } from '../../electron/sandbox/pdf/incremental';
import { signPdfIncrementally } from '../../electron/sandbox/pdf/sign-pdf';
import type { SubFilter } from '../../electron/sandbox/pdf/sign-pdf';
import { findSignatureDictionaries } from '../../electron/core/pdf/byte-range';
import { inspectLocalPdf, verifySignedPdf, verifySignedPdfBytes } from '../../electron/core/pdf/index';
import type { SignedPdfVerification } from '../../electron/core/pdf/index';
import { makeEncryptedPdf, makePdf } from '../fixtures/pdfs';
import { nssDbTrusting, pdfsig } from '../helpers/pdf-judges';
import { call, createRequest, download, upload } from '../helpers/sandbox';

const SUBFILTERS: SubFilter[] = ['adbe.pkcs7.detached', 'ETSI.CAdES.detached'];
const SIGNER_CN = 'María Núñez García - SANDBOX';

let sandbox: SandboxHandle;
let base: string;
let nss: string;
const work = mkdtempSync(join(tmpdir(), 'pdf-verify-'));
let fileCounter = 0;

before(async () => {
  sandbox = await startSandbox({ log: () => {}, extAuthTypes: ['biometric'] });
  base = sandbox.baseUrl;
  nss = nssDbTrusting(sandbox.caPem);
});
after(async () => {
  await sandbox.stop();
  rmSync(work, { recursive: true, force: true });
});

function save(bytes: Uint8Array, name = `file-${++fileCounter}.pdf`): string {
  const file = join(work, name);
  writeFileSync(file, bytes);
  return file;
}

/** One request, one document, signed by the sandbox Optimizer; returns the signed bytes. */
async function signWithSandbox(
  pdf: Uint8Array,
  subfilter: SubFilter = 'adbe.pkcs7.detached',
): Promise<Buffer> {
  const pk = await createRequest(base);
  const [uid] = await upload(base, pk, [{ name: 'document.pdf', bytes: pdf }]);
  const signed = await call(base, 'POST', `/sign/${pk}`, {
    secret: 'x',
    ext_unlock_type: 'biometric',
    ext_unlock_value: 'v',
    signature: { subfilter },
  });
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  const res = await download(base, `/document/${pk}/${uid}?document_type=signed`);
  assert.equal(res.status, 200);
  return res.bytes;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Where the last signature's /Contents hex string starts ('<') and ends (after '>'), from its /ByteRange. */
function lastContents(result: SignedPdfVerification): { start: number; end: number } {
  const range = result.last?.byteRange;
  assert.ok(range && range.length === 4);
  return { start: range[1]!, end: range[2]! };
}

function assertPdfsig(
  file: string,
  expected: { count: number; lastValid: boolean; lastWhole: boolean },
): void {
  const judged = pdfsig(file, nss);
  assert.equal(judged.signatures.length, expected.count, judged.output);
  const last = judged.signatures[judged.signatures.length - 1]!;
  assert.equal(last.valid, expected.lastValid, judged.output);
  assert.equal(last.wholeDocument, expected.lastWhole, judged.output);
}

describe('verifySignedPdf', () => {
  let original: Uint8Array;
  const signedBySubFilter = new Map<SubFilter, Buffer>();
  before(async () => {
    // A classic xref table and no object streams, so page objects can be edited in place.
    original = await makePdf({ pages: 2, text: 'to be signed', objectStreams: false });
    for (const subfilter of SUBFILTERS)
      signedBySubFilter.set(subfilter, await signWithSandbox(original, subfilter));
  });

  for (const subfilter of SUBFILTERS) {
    it(`accepts a fresh ${subfilter} signature, reads the signer and checks trust`, async () => {
      const signed = signedBySubFilter.get(subfilter)!;
      const file = save(signed);
      const result = await verifySignedPdf(file, {
        trustedCaPems: [sandbox.caPem],
        expectedOriginal: { size: original.length, sha256: sha256(original) },
      });
      assert.deepEqual(result.problems, []);
      assert.deepEqual(result.warnings, []);
      assert.equal(result.ok, true);
      assert.equal(result.signatures.length, 1);
      const last = result.last!;
      assert.equal(last.kind, 'signature');
      assert.equal(last.coversWholeFile, true);
      assert.equal(last.digestMatches, true);
      assert.equal(last.signatureValid, true);
      assert.equal(last.issuedByTrustedCa, true);
      assert.equal(last.subFilter, subfilter);
      assert.equal(last.digestAlgorithm, 'sha256');
      assert.equal(last.byteRange[0], 0);
      assert.equal(last.byteRange[2]! + last.byteRange[3]!, signed.length);
      assert.equal(signed[last.byteRange[1]!], 0x3c); // '<'
      assert.equal(signed[last.byteRange[2]! - 1], 0x3e); // '>'
      assert.equal(last.signer?.commonName, SIGNER_CN);
      assert.equal(last.signer?.serialNumber, 'IDCES-12345678Z');
      assert.equal(last.signer?.givenName, 'María');
      assert.equal(last.signer?.surname, 'Núñez García');
      assert.equal(last.signer?.email, 'maria.nunez@example.com');
      assert.equal(last.signer?.issuer, 'One-Shot SANDBOX CA');
      assert.ok(
        Date.parse(last.signer.notBefore) < Date.now() && Date.now() < Date.parse(last.signer.notAfter),
      );
      assert.ok(last.signingTime && Math.abs(Date.parse(last.signingTime) - Date.now()) < 120_000);
      // PAdES baseline forbids the signingTime attribute: the time then comes from /M.
      assert.equal(last.signingTimeSource, subfilter === 'ETSI.CAdES.detached' ? 'pdf' : 'signed-attribute');
      assert.equal(last.certificateValidAtSigningTime, true);
      assert.equal(last.name, SIGNER_CN);
      assert.deepEqual(result.original, { preserved: true, size: original.length });
      assert.equal(result.sha256, sha256(signed));
      assertPdfsig(file, { count: 1, lastValid: true, lastWhole: true });
    });
  }

  it('finds the original as a prefix from its SHA-256 alone, and says when it is not there', async () => {
    const signed = signedBySubFilter.get('adbe.pkcs7.detached')!;
    const found = await verifySignedPdfBytes(signed, { expectedOriginalSha256: sha256(original) });
    assert.deepEqual(found.original, { preserved: true, size: original.length });
    const other = await verifySignedPdfBytes(signed, {
      expectedOriginal: { size: 100, sha256: sha256(original) },
    });
    assert.deepEqual(other.original, { preserved: false });
    assert.equal(other.ok, true, 'a rewritten original is a warning, not a failed signature');
    assert.match(other.warnings.join('\n'), /does not begin with the original document/);
  });

  it('lists both signatures of a twice-signed PDF; the last covers the file', async () => {
    const once = signedBySubFilter.get('ETSI.CAdES.detached')!;
    const twice = await signWithSandbox(once, 'adbe.pkcs7.detached');
    const file = save(twice);
    const result = await verifySignedPdf(file, {
      trustedCaPems: [sandbox.caPem],
      expectedOriginalSha256: sha256(once),
    });
    assert.deepEqual(result.problems, []);
    assert.deepEqual(result.warnings, []);
    assert.equal(result.ok, true);
    assert.equal(result.signatures.length, 2);
    const [first, second] = result.signatures;
    assert.equal(result.last, second);
    assert.equal(first!.subFilter, 'ETSI.CAdES.detached');
    assert.equal(first!.coversWholeFile, false);
    assert.equal(first!.signedLength, once.length);
    assert.equal(first!.digestMatches, true);
    assert.equal(first!.signatureValid, true);
    assert.equal(second!.subFilter, 'adbe.pkcs7.detached');
    assert.equal(second!.coversWholeFile, true);
    assert.equal(second!.signedLength, twice.length);
    assert.notEqual(first!.signer?.certificateSerial, second!.signer?.certificateSerial);
    assert.deepEqual(result.original, { preserved: true, size: once.length });
    assertPdfsig(file, { count: 2, lastValid: true, lastWhole: true });
  });

  it('reports a byte changed inside the signed range as a digest mismatch', async () => {
    const signed = Buffer.from(signedBySubFilter.get('adbe.pkcs7.detached')!);
    // Widen the first page by one point: "/MediaBox [ 0 0 595.28" becomes "[ 0 0 596.28".
    const mediaBox = signed.indexOf('/MediaBox [ 0 0 595.28', 0, 'latin1');
    assert.ok(mediaBox > 0);
    signed[mediaBox + '/MediaBox [ 0 0 59'.length] = '6'.charCodeAt(0);
    const file = save(signed);
    const result = await verifySignedPdfBytes(signed, { trustedCaPems: [sandbox.caPem] });
    assert.equal(result.ok, false);
    assert.equal(result.last?.digestMatches, false);
    assert.equal(result.last?.coversWholeFile, true);
    assert.equal(result.last?.signatureValid, true, 'the signed attributes themselves are intact');
    assert.match(result.problems.join('\n'), /no longer matches the document/);
    assertPdfsig(file, { count: 1, lastValid: false, lastWhole: true });
  });

  it('reports an unsigned incremental update after the signature', async () => {
    const signed = signedBySubFilter.get('adbe.pkcs7.detached')!;
    // Change the document title in a proper incremental update, as an editor would.
    const doc = await PDFDocument.load(signed, { updateMetadata: false });
    const previous = readLastSection(signed, doc.context);
    const infoRef = previous.trailer.get(PDFName.of('Info')) as PDFRef;
    const info = doc.context.lookup(infoRef, PDFDict);
    info.set(PDFName.of('Title'), PDFString.of('Changed after signing'));
    const updated = appendIncrementalUpdate(
      signed,
      [{ ref: infoRef, object: info }],
      previous,
      doc.context,
    ).bytes;
    const file = save(updated);
    const result = await verifySignedPdf(file, { trustedCaPems: [sandbox.caPem] });
    assert.equal(result.ok, false);
    assert.equal(result.last?.coversWholeFile, false);
    assert.equal(result.last?.digestMatches, true);
    assert.equal(result.last?.signatureValid, true);
    assert.match(
      result.problems.join('\n'),
      /^The signature does not cover the whole file: \d+ bytes were added/,
    );
    assertPdfsig(file, { count: 1, lastValid: true, lastWhole: false });

    const junk = await verifySignedPdfBytes(Buffer.concat([signed, Buffer.from('\n% appended\n')]));
    assert.equal(junk.ok, false);
    assert.equal(junk.last?.coversWholeFile, false);
    assert.match(junk.problems.join('\n'), /12 bytes were added/);
  });

  it('reports a byte changed inside /Contents without crashing', async () => {
    const signed = signedBySubFilter.get('ETSI.CAdES.detached')!;
    const clean = await verifySignedPdfBytes(signed);
    const { start } = lastContents(clean);
    const hex = signed.toString('latin1', start + 1, clean.last!.byteRange[2]! - 1);
    const derLength = hex.replace(/(00)+$/, '').length / 2;

    // Inside the signature value, which ends the DER (there are no unsigned attributes).
    const inSignature = Buffer.from(signed);
    const at = start + 1 + (derLength - 20) * 2;
    inSignature[at] = inSignature[at] === 0x41 ? 0x42 : 0x41;
    const broken = await verifySignedPdfBytes(inSignature, { trustedCaPems: [sandbox.caPem] });
    assert.equal(broken.ok, false);
    assert.equal(broken.last?.digestMatches, true);
    assert.equal(broken.last?.signatureValid, false);
    assert.match(broken.problems.join('\n'), /does not verify with the signer's certificate/);
    assertPdfsig(save(inSignature), { count: 1, lastValid: false, lastWhole: true });

    // In the outer header: the CMS cannot be parsed at all.
    const inHeader = Buffer.from(signed);
    inHeader[start + 1] = 0x41; // "30 82 ..." becomes "A0 82 ..."
    const unreadable = await verifySignedPdfBytes(inHeader);
    assert.equal(unreadable.ok, false);
    assert.equal(unreadable.last?.signatureValid, false);
    assert.equal(unreadable.last?.signer, undefined);
    assert.match(unreadable.problems.join('\n'), /^The signature cannot be read: /);

    // A non-hex character: the /Contents string itself is broken.
    const notHex = Buffer.from(signed);
    notHex[start + 10] = 0x5a; // 'Z'
    const garbled = await verifySignedPdfBytes(notHex);
    assert.equal(garbled.ok, false);
    assert.ok(garbled.problems.length > 0);
  });

  it('does not trust a signer issued by another CA', async () => {
    const other = join(work, 'other-ca');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        ...'-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2'.split(' '),
        ...['-keyout', `${other}.key`, '-out', `${other}.pem`, '-subj', '/CN=Some Other CA'],
        ...'-addext basicConstraints=critical,CA:TRUE'.split(' '),
      ],
      { stdio: 'pipe' },
    );
    const signed = signedBySubFilter.get('adbe.pkcs7.detached')!;
    const result = await verifySignedPdfBytes(signed, {
      trustedCaPems: [readFileSync(`${other}.pem`, 'utf8')],
    });
    assert.equal(result.ok, false);
    assert.equal(result.last?.issuedByTrustedCa, false);
    assert.equal(result.last?.signatureValid, true);
    assert.match(
      result.problems.join('\n'),
      /"One-Shot SANDBOX CA", which is not a trusted certification authority/,
    );

    const noTrustAsked = await verifySignedPdfBytes(signed);
    assert.equal(noTrustAsked.ok, true);
    assert.equal(noTrustAsked.last?.issuedByTrustedCa, undefined);
  });

  it('says clearly that a PDF without signature is not signed', async () => {
    const file = save(await makePdf());
    const result = await verifySignedPdf(file, { trustedCaPems: [sandbox.caPem] });
    assert.equal(result.ok, false);
    assert.deepEqual(result.signatures, []);
    assert.equal(result.last, null);
    assert.deepEqual(result.problems, [
      'The file has no digital signature: it was not signed, or its signature cannot be found.',
    ]);

    // A signature whose dictionary was mangled: the field is still there, so say so.
    const signed = signedBySubFilter.get('adbe.pkcs7.detached')!;
    const mangled = Buffer.from(signed.toString('latin1').replace('/ByteRange', '/ByteRangX'), 'latin1');
    const unreadable = await verifySignedPdfBytes(mangled);
    assert.equal(unreadable.ok, false);
    assert.equal(unreadable.last, null);
    assert.match(unreadable.problems.join('\n'), /has a signature field, but its signature cannot be read/);
  });

  it('verifies ECDSA, RSA-PSS and BER-encoded signatures made by openssl cms', async () => {
    const dir = mkdtempSync(join(work, 'openssl-'));
    const run = (args: string[]): void => {
      execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    };
    run([
      'req',
      '-x509',
      ...'-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -keyout ca.key -out ca.pem'.split(
        ' ',
      ),
      ...['-subj', '/CN=OpenSSL Test CA', '-addext', 'basicConstraints=critical,CA:TRUE'],
      ...['-addext', 'keyUsage=critical,keyCertSign,cRLSign'],
    ]);
    writeFileSync(join(dir, 'signer.ext'), 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n');
    // ECDSA P-384; RSA-PSS; and RSA with -stream, which writes BER with indefinite lengths (and
    // embeds the content instead of leaving it detached).
    const kinds: Record<string, { newKey: string; options: string[] }> = {
      ec: { newKey: '-newkey ec -pkeyopt ec_paramgen_curve:P-384', options: [] },
      pss: { newKey: '-newkey rsa:2048', options: ['-keyopt', 'rsa_padding_mode:pss'] },
      ber: { newKey: '-newkey rsa:2048', options: ['-stream'] },
    };
    for (const [kind, { newKey, options }] of Object.entries(kinds)) {
      run([
        'req',
        ...newKey.split(' '),
        '-nodes',
        '-keyout',
        `${kind}.key`,
        '-out',
        `${kind}.csr`,
        '-subj',
        `/CN=${kind} signer/emailAddress=${kind}@example.com`,
      ]);
      run([
        ...`x509 -req -in ${kind}.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 -out ${kind}.pem`.split(
          ' ',
        ),
        ...['-extfile', 'signer.ext'],
      ]);
      const signed = await signPdfIncrementally(await makePdf(), {
        signerName: `${kind} signer`,
        signingTime: new Date(),
        subFilter: 'adbe.pkcs7.detached',
        createCms: ({ ranges }) => {
          writeFileSync(join(dir, `${kind}.bin`), Buffer.concat(ranges));
          run([
            ...`cms -sign -binary -outform DER -md sha384 -nosmimecap -signer ${kind}.pem -inkey ${kind}.key`.split(
              ' ',
            ),
            ...options,
            ...`-certfile ca.pem -in ${kind}.bin -out ${kind}.der`.split(' '),
          ]);
          return Promise.resolve(readFileSync(join(dir, `${kind}.der`)));
        },
      });
      const result = await verifySignedPdfBytes(signed, {
        trustedCaPems: [readFileSync(join(dir, 'ca.pem'), 'utf8')],
      });
      assert.deepEqual(result.problems, [], kind);
      assert.equal(result.ok, true, kind);
      assert.equal(result.last?.digestAlgorithm, 'sha384', kind);
      assert.equal(result.last?.signer?.commonName, `${kind} signer`);
      assert.equal(result.last?.signer?.email, `${kind}@example.com`);
      assert.equal(result.last?.signer?.issuer, 'OpenSSL Test CA');
      assert.equal(result.last?.signingTimeSource, 'signed-attribute');

      const tampered = Buffer.from(signed);
      tampered[20] = tampered[20] === 0x41 ? 0x42 : 0x41;
      const broken = await verifySignedPdfBytes(tampered);
      assert.equal(broken.ok, false, kind);
      assert.equal(broken.last?.digestMatches, false, kind);
    }
  });
});

describe('signature dictionary scanning', () => {
  it('finds /Contents before or after /ByteRange, in direct dictionaries too, and ignores stream data', () => {
    const text = [
      '%PDF-1.7',
      '4 0 obj',
      '<< /Length 30 >>',
      'stream',
      '<< /ByteRange [0 1 2 3] >> obj',
      'endstream',
      'endobj',
      '5 0 obj',
      "<< /Type /Sig /Contents <30 80 00> /Filter /Adobe.PPKLite /ByteRange [0 1 2 3] /M (D:20250102030405+01'00') /Name (A \\(B\\)) >>",
      'endobj',
      '6 0 obj',
      '<< /FT /Sig /T (f) /V << /Type /Sig /ByteRange[0 7 8 9]/Contents<ABCD>/SubFilter/ETSI.CAdES.detached /Name <FEFF00D1> >> >>',
      'endobj',
      '%%EOF',
    ].join('\n');
    const file = Buffer.from(text, 'latin1');
    const found = findSignatureDictionaries(file);
    assert.equal(found.length, 2);
    const [first, second] = found;
    assert.equal(first!.objectNumber, 5);
    assert.deepEqual(first!.byteRange, [0, 1, 2, 3]);
    assert.equal(file.toString('latin1', first!.contents!.start, first!.contents!.end), '<30 80 00>');
    assert.deepEqual([...first!.contents!.bytes], [0x30, 0x80, 0x00]);
    assert.equal(first!.m, "D:20250102030405+01'00'");
    assert.equal(first!.name, 'A (B)');
    assert.equal(second!.objectNumber, 6);
    assert.deepEqual(second!.byteRange, [0, 7, 8, 9]);
    assert.equal(file.toString('latin1', second!.contents!.start, second!.contents!.end), '<ABCD>');
    assert.equal(second!.subFilter, 'ETSI.CAdES.detached');
    assert.equal(second!.name, 'Ñ');
  });
});

describe('inspectLocalPdf', () => {
  it('counts the pages of a good PDF and hashes it', async () => {
    for (const objectStreams of [true, false]) {
      const bytes = await makePdf({ pages: 3, objectStreams });
      const file = save(bytes, `good-${objectStreams}.pdf`);
      const result = await inspectLocalPdf(file);
      assert.deepEqual(result, {
        ok: true,
        pages: 3,
        size: bytes.length,
        sha256: sha256(bytes),
        hasSignatures: false,
        signatureCount: 0,
        title: 'One-Shot Desk test document',
      });
    }
  });

  it('refuses an empty file', async () => {
    const result = await inspectLocalPdf(save(new Uint8Array(0), 'blank.pdf'));
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'empty');
    assert.match(!result.ok ? result.message : '', /^blank\.pdf is empty/);
  });

  it('refuses a text file renamed .pdf, saying what it looks like', async () => {
    const file = save(Buffer.from('Meeting notes\nBring the signed contract.\n'), 'notes.pdf');
    const result = await inspectLocalPdf(file);
    assert.equal(!result.ok && result.reason, 'not_pdf');
    assert.match(
      !result.ok ? result.message : '',
      /^notes\.pdf is not a PDF \(it starts like a text file\): /,
    );
    const html = await inspectLocalPdf(
      save(Buffer.from('<!DOCTYPE html><html><body>404</body></html>'), 'page.pdf'),
    );
    assert.match(
      !html.ok ? html.message : '',
      /^page\.pdf is not a PDF \(it starts like a web page\): the download probably failed/,
    );
  });

  it('refuses an encrypted PDF', async () => {
    const result = await inspectLocalPdf(save(await makeEncryptedPdf(), 'report.pdf'));
    assert.equal(!result.ok && result.reason, 'encrypted');
    assert.equal(
      !result.ok && result.message,
      'report.pdf is protected with a password: ask for an unprotected copy.',
    );
  });

  it('refuses a truncated PDF as damaged', async () => {
    for (const objectStreams of [true, false]) {
      const bytes = await makePdf({ pages: 2, objectStreams });
      const result = await inspectLocalPdf(
        save(bytes.subarray(0, Math.floor(bytes.length * 0.6)), 'cut.pdf'),
      );
      assert.equal(!result.ok && result.reason, 'damaged', JSON.stringify(result));
      assert.match(!result.ok ? result.message : '', /^cut\.pdf is damaged: it ends abruptly/);
    }
  });

  it('reports a missing file', async () => {
    const result = await inspectLocalPdf(join(work, 'nowhere', 'gone.pdf'));
    assert.equal(!result.ok && result.reason, 'not_found');
    assert.match(!result.ok ? result.message : '', /^gone\.pdf was not found/);
  });

  it('refuses a file larger than maxBytes without reading it', async () => {
    const bytes = await makePdf();
    const result = await inspectLocalPdf(save(bytes, 'big.pdf'), { maxBytes: 200 });
    assert.equal(!result.ok && result.reason, 'too_large');
    assert.match(!result.ok ? result.message : '', /^big\.pdf is \d+ KB, more than the 1 KB limit/);
  });

  it('notices the signatures already in a signed PDF', async () => {
    const once = await signWithSandbox(await makePdf({ objectStreams: false }));
    const onceResult = await inspectLocalPdf(save(once));
    assert.equal(onceResult.ok && onceResult.hasSignatures, true);
    assert.equal(onceResult.ok && onceResult.signatureCount, 1);
    assert.equal(onceResult.ok && onceResult.pages, 1);
    assert.equal(onceResult.ok && onceResult.sha256, sha256(once));
    const twice = await signWithSandbox(once, 'ETSI.CAdES.detached');
    const twiceResult = await inspectLocalPdf(save(twice));
    assert.equal(twiceResult.ok && twiceResult.signatureCount, 2);
  });
});
