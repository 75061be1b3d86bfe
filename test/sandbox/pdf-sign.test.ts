// PAdES signing by incremental update, judged by independent tools: poppler's pdfsig (signature
// validity and trust against an NSS database), qpdf --check (structure) and pdftoppm (rendering).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFNumber,
  PDFRawStream,
} from 'pdf-lib';
import type { PDFRef } from 'pdf-lib';
import { create as createQrCode } from 'qrcode';
import { countPages, PdfSignError, signPdfIncrementally } from '../../electron/sandbox/pdf/sign-pdf';
import type { PdfSignOptions, SignatureAppearance } from '../../electron/sandbox/pdf/sign-pdf';
import { makeEncryptedPdf, makePdf } from '../fixtures/pdfs';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], cwd?: string): Run {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function mustRun(command: string, args: string[], cwd?: string): string {
  const result = run(command, args, cwd);
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

/** Command-line words; arguments containing spaces are passed separately. */
const words = (line: string): string[] => line.split(' ');

/**
 * A throw-away CA and an NSS database that trusts it. Like One-Shot, every signer gets a fresh
 * certificate. (pdfsig 22.12 with NSS sometimes reports "Unknown issue with Certificate" for the
 * second of two signatures made with the *same* certificate in one file; distinct certificates, as
 * One-Shot issues them, are not affected.)
 */
class TestPki {
  readonly nssDir: string;
  private files = 0;
  private static readonly newKey = words('-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes');

  constructor(readonly dir: string) {
    this.nssDir = join(dir, 'nss');
    const caExtensions = words(
      '-addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign',
    );
    const caSubject = ['-subj', '/CN=One-Shot Desk Test CA/O=Sandbox'];
    const caFiles = words('-keyout ca.key -out ca.pem -days 30');
    mustRun('openssl', ['req', '-x509', ...TestPki.newKey, ...caFiles, ...caSubject, ...caExtensions], dir);
    const signerExtensions = [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,nonRepudiation',
      'extendedKeyUsage=emailProtection',
      'subjectKeyIdentifier=hash',
      'authorityKeyIdentifier=keyid',
    ];
    writeFileSync(join(dir, 'signer.ext'), signerExtensions.join('\n'));
    mkdirSync(this.nssDir);
    mustRun('certutil', ['-N', '-d', `sql:${this.nssDir}`, '--empty-password']);
    mustRun('certutil', [
      '-A',
      '-d',
      `sql:${this.nssDir}`,
      ...words('-n ca -t CT,C,C -i'),
      join(dir, 'ca.pem'),
    ]);
  }

  /** Issues a signer certificate and returns a `createCms` that signs with it via `openssl cms`. */
  signer(commonName: string): PdfSignOptions['createCms'] {
    const id = `signer-${++this.files}`;
    const subject = ['-subj', `/CN=${commonName}/O=Sandbox`];
    mustRun(
      'openssl',
      ['req', ...TestPki.newKey, ...words(`-keyout ${id}.key -out ${id}.csr`), ...subject],
      this.dir,
    );
    const issue = `x509 -req -in ${id}.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out ${id}.pem -days 30`;
    mustRun('openssl', [...words(issue), '-extfile', 'signer.ext'], this.dir);
    return ({ ranges }) => {
      const n = ++this.files;
      writeFileSync(join(this.dir, `content-${n}.bin`), Buffer.concat(ranges));
      // Detached, since -nodetach is absent; the CA certificate rides along for path building.
      const sign = 'cms -sign -binary -outform DER -md sha256 -nosmimecap';
      const files = `-signer ${id}.pem -inkey ${id}.key -certfile ca.pem -in content-${n}.bin -out cms-${n}.der`;
      mustRun('openssl', words(`${sign} ${files}`), this.dir);
      return Promise.resolve(readFileSync(join(this.dir, `cms-${n}.der`)));
    };
  }

  pdfsig(file: string): string {
    return mustRun('pdfsig', ['-nssdir', `sql:${this.nssDir}`, file]);
  }
}

/** A small RGBA PNG (a blue disc on a yellow square), encoded here to need no image files. */
function makePng(size = 48): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer): number => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) {
      const inside = (x - size / 2) ** 2 + (y - size / 2) ** 2 < (size / 3) ** 2;
      rows.push(...(inside ? [20, 60, 200, 255] : [250, 210, 40, 255]));
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

interface Gray {
  width: number;
  height: number;
  pixels: Buffer;
}

/** Renders one page (1-based) as viewers show it (crop box, /Rotate) in a trivially parsed binary PGM. */
function renderGray(file: string, pageNumber: number, dpi: number): Gray {
  const prefix = `${file}-p${pageNumber}`;
  mustRun('pdftoppm', [
    '-r',
    String(dpi),
    '-f',
    String(pageNumber),
    '-l',
    String(pageNumber),
    '-gray',
    '-cropbox',
    '-singlefile',
    file,
    prefix,
  ]);
  const pgm = readFileSync(`${prefix}.pgm`);
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40));
  assert.ok(header, 'pdftoppm wrote a binary PGM');
  const [, width, height] = header.map(Number) as [number, number, number];
  return { width, height, pixels: pgm.subarray(header[0].length) };
}

interface PixelBox {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** Share of non-white pixels in a pixel box (clamped to the image). */
function ink(image: Gray, box: PixelBox): number {
  let dark = 0;
  let total = 0;
  for (let y = Math.max(0, Math.round(box.top)); y < Math.min(image.height, Math.round(box.bottom)); y++) {
    for (let x = Math.max(0, Math.round(box.left)); x < Math.min(image.width, Math.round(box.right)); x++) {
      total++;
      if (image.pixels[y * image.width + x]! < 224) dark++;
    }
  }
  return total === 0 ? 0 : dark / total;
}

/** Where a user-space rectangle appears in the rendered (cropped, rotated) page image. */
function pixelBox(
  rect: [number, number, number, number],
  rotation: 0 | 90 | 180 | 270,
  crop: [number, number, number, number],
  dpi: number,
): PixelBox {
  const s = dpi / 72;
  const [x1, y1, x2, y2] = rect;
  const [cx0, cy0, cx1, cy1] = crop;
  const boxes = {
    0: { left: x1 - cx0, right: x2 - cx0, top: cy1 - y2, bottom: cy1 - y1 },
    90: { left: y1 - cy0, right: y2 - cy0, top: x1 - cx0, bottom: x2 - cx0 },
    180: { left: cx1 - x2, right: cx1 - x1, top: y1 - cy0, bottom: y2 - cy0 },
    270: { left: cy1 - y2, right: cy1 - y1, top: cx1 - x2, bottom: cx1 - x1 },
  };
  const b = boxes[rotation];
  return { left: b.left * s, right: b.right * s, top: b.top * s, bottom: b.bottom * s };
}

function grow(box: PixelBox, by: number): PixelBox {
  return { left: box.left - by, top: box.top - by, right: box.right + by, bottom: box.bottom + by };
}

/** The ring between `box` grown by `inner` and by `outer` pixels: must stay blank around a stamp. */
function ringInk(image: Gray, box: PixelBox, inner: number, outer: number): number {
  const o = grow(box, outer);
  const i = grow(box, inner);
  return Math.max(
    ink(image, { ...o, bottom: i.top }),
    ink(image, { ...o, top: i.bottom }),
    ink(image, { left: o.left, right: i.left, top: i.top, bottom: i.bottom }),
    ink(image, { left: i.right, right: o.right, top: i.top, bottom: i.bottom }),
  );
}

interface SignatureWidget {
  rect: number[];
  page: PDFRef | undefined;
  appearance: Buffer | undefined;
  resources: PDFDict | undefined;
  matrix: number[] | undefined;
}

/** The widget of the field named `fieldName`, read back with pdf-lib. */
async function readWidget(
  pdf: Uint8Array,
  fieldName: string,
): Promise<{ widget: SignatureWidget; doc: PDFDocument }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const { context } = doc;
  const acroForm = context.lookup(doc.catalog.get(PDFName.of('AcroForm')), PDFDict);
  const fields = context.lookup(acroForm.get(PDFName.of('Fields')), PDFArray);
  for (const ref of fields.asArray()) {
    const field = context.lookup(ref, PDFDict);
    if (field.lookup(PDFName.of('T'))?.toString() !== `(${fieldName})`) continue;
    const numbers = (array: PDFArray): number[] =>
      array.asArray().map((n) => (n instanceof PDFNumber ? n.asNumber() : NaN));
    const ap = field.lookupMaybe(PDFName.of('AP'), PDFDict);
    const stream = ap?.lookup(PDFName.of('N'));
    const normal = stream instanceof PDFRawStream ? stream : undefined;
    const matrix = normal?.dict.lookupMaybe(PDFName.of('Matrix'), PDFArray);
    return {
      doc,
      widget: {
        rect: numbers(field.lookup(PDFName.of('Rect'), PDFArray)),
        page: field.get(PDFName.of('P')) as PDFRef | undefined,
        appearance: normal ? Buffer.from(decodePDFRawStream(normal).decode()) : undefined,
        resources: normal?.dict.lookupMaybe(PDFName.of('Resources'), PDFDict),
        matrix: matrix ? numbers(matrix) : undefined,
      },
    };
  }
  throw new Error(`no field ${fieldName}`);
}

function expectQpdfClean(file: string): void {
  const check = run('qpdf', ['--check', file]);
  assert.equal(check.status, 0, `qpdf --check failed: ${check.stdout}${check.stderr}`);
  assert.equal(check.stderr, '');
  assert.doesNotMatch(check.stdout, /warning|error:/i);
  assert.match(check.stdout, /No syntax or stream encoding errors found/);
}

/** pdfsig's lines for each signature, in document order. */
function signatureReports(pdfsigOutput: string): string[] {
  return pdfsigOutput.split(/^Signature #\d+:$/m).slice(1);
}

void describe('signPdfIncrementally', () => {
  let dir: string;
  let pki: TestPki;
  let createCms: PdfSignOptions['createCms'];
  const signingTime = new Date('2025-03-14T09:26:53Z');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'oneshot-pdf-sign-'));
    pki = new TestPki(dir);
    createCms = pki.signer('Test Signer');
  });
  // KEEP_PDF_TEST_DIR=1 keeps the signed files and certificates for a look with other tools.
  after(() => {
    if (process.env.KEEP_PDF_TEST_DIR) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  });

  const options = (extra: Partial<PdfSignOptions> = {}): PdfSignOptions => ({
    signerName: 'Test Signer',
    signingTime,
    subFilter: 'ETSI.CAdES.detached',
    createCms,
    ...extra,
  });
  const save = (name: string, bytes: Uint8Array): string => {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    return file;
  };

  for (const objectStreams of [false, true]) {
    const kind = objectStreams ? 'cross-reference stream' : 'classic xref table';
    void it(`signs a multi-page PDF with a ${kind} visibly on page index 1`, async () => {
      const original = await makePdf({ pages: 3, objectStreams, text: kind });
      const signed = await signPdfIncrementally(
        original,
        options({ reason: 'Contract approval', appearance: { position: '60,80,320,180', page: 1 } }),
      );
      assert.ok(
        signed.subarray(0, original.length).equals(Buffer.from(original)),
        'original bytes are a prefix',
      );
      const tail = signed.toString('latin1', original.length);
      assert.equal(/^\s*xref\b/m.test(tail), !objectStreams, 'the update uses the same kind of xref section');
      assert.equal(/\/Type \/XRef/.test(tail), objectStreams);

      const file = save(`visible-${objectStreams ? 'stream' : 'table'}.pdf`, signed);
      const report = pki.pdfsig(file);
      assert.equal(signatureReports(report).length, 1);
      assert.match(report, /Signature Validation: Signature is Valid\./);
      assert.match(report, /Certificate Validation: Certificate is Trusted\./);
      assert.match(report, /- Total document signed/);
      assert.match(report, /Signature Type: ETSI\.CAdES\.detached/);
      expectQpdfClean(file);
      assert.equal(await countPages(signed), 3);
    });
  }

  void it('adds a second signature in a new revision, leaving the first valid', async () => {
    const original = await makePdf({ pages: 2 });
    const once = await signPdfIncrementally(
      original,
      options({ createCms: pki.signer('First Signer'), appearance: { position: '50,50,250,120', page: 0 } }),
    );
    const twice = await signPdfIncrementally(
      once,
      options({
        createCms: pki.signer('Second Signer'),
        subFilter: 'adbe.pkcs7.detached',
        appearance: { position: '300,50,500,120', page: 0 },
      }),
    );
    assert.ok(twice.subarray(0, once.length).equals(once), 'the first signed revision is a prefix');
    const file = save('twice.pdf', twice);
    const reports = signatureReports(pki.pdfsig(file));
    assert.equal(reports.length, 2);
    const [first, second] = reports as [string, string];
    assert.match(first, /Signature Field Name: Signature1/);
    assert.match(first, /Signer Certificate Common Name: First Signer/);
    assert.match(second, /Signature Field Name: Signature2/);
    assert.match(second, /Signer Certificate Common Name: Second Signer/);
    for (const report of reports) {
      assert.match(report, /Signature Validation: Signature is Valid\./);
      assert.match(report, /Certificate Validation: Certificate is Trusted\./);
    }
    // The first signature covers its own revision only; the second covers the whole file.
    assert.match(first, /- Not total document signed/);
    assert.match(second, /- Total document signed/);
    assert.match(second, /Signature Type: adbe\.pkcs7\.detached/);
    expectQpdfClean(file);
  });

  void it('puts the widget exactly at the requested /Rect on the requested page', async () => {
    const signed = await signPdfIncrementally(
      await makePdf({ pages: 3 }),
      options({ fieldName: 'Firma cliente', appearance: { position: '320.5,200,100,140.25', page: 2 } }),
    );
    const { widget, doc } = await readWidget(signed, 'Firma cliente');
    assert.deepEqual(widget.rect, [100, 140.25, 320.5, 200], 'reversed corners are normalised');
    assert.equal(widget.page, doc.getPages()[2]!.ref);
    assert.ok(widget.appearance?.includes('SANDBOX'));
  });

  void it('joins an existing AcroForm, keeping its fields and choosing a free field name', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    const field = doc.getForm().createTextField('Signature1');
    field.setText('already here');
    field.addToPage(page, { x: 50, y: 700, width: 200, height: 30 });
    const original = await doc.save();
    const signed = await signPdfIncrementally(
      original,
      options({ appearance: { position: '50,50,250,120' } }),
    );
    const names = (await PDFDocument.load(signed))
      .getForm()
      .getFields()
      .map((f) => f.getName());
    assert.deepEqual(names, ['Signature1', 'Signature2']);
    const file = save('with-form.pdf', signed);
    assert.match(pki.pdfsig(file), /Signature Field Name: Signature2[\s\S]*Signature is Valid\./);
    expectQpdfClean(file);
  });

  void it('makes an invisible signature when the appearance has no position', async () => {
    const signed = await signPdfIncrementally(
      await makePdf({ pages: 2 }),
      options({ appearance: { page: 1 } }),
    );
    const { widget, doc } = await readWidget(signed, 'Signature1');
    assert.deepEqual(widget.rect, [0, 0, 0, 0]);
    assert.equal(widget.page, doc.getPages()[0]!.ref);
    assert.equal(widget.appearance, undefined);
    const file = save('invisible.pdf', signed);
    assert.match(pki.pdfsig(file), /Signature is Valid\./);
    expectQpdfClean(file);
  });

  void it('draws the stamp inside the box on a /Rotate 90 page and on a page cropped at (50,50)', async () => {
    const crop: [number, number, number, number] = [50, 50, 545, 792];
    const original = await makePdf({ pages: 3, rotate: { 1: 90 }, cropBox: { 2: crop } });
    const rect: [number, number, number, number] = [120, 300, 380, 420];
    const position = rect.join(',');
    const cases = [
      { page: 1, rotation: 90 as const, crop: [0, 0, 595.28, 841.89] as [number, number, number, number] },
      { page: 2, rotation: 0 as const, crop },
    ];
    for (const { page, rotation, crop: box } of cases) {
      const signed = await signPdfIncrementally(original, options({ appearance: { position, page } }));
      const { widget } = await readWidget(signed, 'Signature1');
      assert.deepEqual(widget.rect, rect);
      assert.ok(widget.appearance?.includes('SANDBOX'), 'the appearance says SANDBOX');
      assert.deepEqual(widget.matrix, rotation === 90 ? [0, 1, -1, 0, 0, 0] : undefined);

      const file = save(`placed-${page}.pdf`, signed);
      expectQpdfClean(file);
      const image = renderGray(file, page + 1, 72);
      const expected = pixelBox(rect, rotation, box, 72);
      assert.ok(ink(image, grow(expected, -2)) > 0.01, `ink inside the box on page ${page}`);
      for (const edge of [
        { ...expected, bottom: expected.top + 2 },
        { ...expected, top: expected.bottom - 2 },
        { ...expected, right: expected.left + 2 },
        { ...expected, left: expected.right - 2 },
      ]) {
        assert.ok(ink(image, edge) > 0.4, `the border is drawn on page ${page}`);
      }
      assert.ok(ringInk(image, expected, 3, 15) < 0.002, `nothing drawn around the box on page ${page}`);
      // The SANDBOX header runs along the top edge as seen on screen, so the stamp reads upright.
      const header = { ...expected, top: expected.top + 2, bottom: expected.top + 12 };
      const footer = { ...expected, top: expected.bottom - 12, bottom: expected.bottom - 2 };
      assert.ok(ink(image, { ...header, left: header.left + 20, right: header.right - 20 }) > 0.05);
      assert.ok(ink(image, { ...footer, left: footer.left + 20, right: footer.right - 20 }) < 0.01);
    }
  });

  void it('draws a PNG image and a QR code in the stamp', async () => {
    const appearance: SignatureAppearance = {
      position: '60,560,400,680',
      page: 0,
      b64_image: makePng().toString('base64'),
      qrcode: 'https://sandbox.example/verify/0123456789',
      text: ['Signed by: María Núñez', 'ID: 12345678Z'],
      reason: 'Conformidad',
      location: 'Barcelona',
      timezone: 'Europe/Madrid',
    };
    const signed = await signPdfIncrementally(await makePdf(), options({ appearance }));
    const { widget } = await readWidget(signed, 'Signature1');
    const xobjects = widget.resources?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    const image = xobjects?.lookup(PDFName.of('Im1'));
    assert.ok(image instanceof PDFRawStream);
    assert.equal(image.dict.get(PDFName.of('Subtype')), PDFName.of('Image'));
    const content = widget.appearance!.toString('latin1');
    assert.match(content, /\/Im1 Do/);
    assert.ok((content.match(/ 1 re/g) ?? []).length > 50, 'QR modules are drawn as rectangles');
    assert.match(content, /\(Date:/);
    assert.ok(
      content.includes('2025-03-14\xa010:26:53\xa0+01:00'),
      'signing time in Europe/Madrid, kept on one line',
    );

    const file = save('image-qr.pdf', signed);
    expectQpdfClean(file);
    assert.match(pki.pdfsig(file), /Signature is Valid\./);
    const rendered = renderGray(file, 1, 72);
    const box = pixelBox([60, 560, 400, 680], 0, [0, 0, 595.28, 841.89], 72);
    assert.ok(ink(rendered, grow(box, -2)) > 0.1, 'image and QR darken the stamp');
    assert.ok(ringInk(rendered, box, 3, 15) < 0.002);

    // Every module, sampled at its centre in a 144 dpi rendering, matches the symbol qrcode encodes.
    const placement = /q ([\d.]+) 0 0 \1 ([\d.]+) ([\d.]+) cm 1 g 0 0 (\d+) \4 re f/.exec(content);
    assert.ok(placement, 'the QR code is drawn in module units');
    const [unit, qrX, qrY, side] = placement.slice(1).map(Number) as [number, number, number, number];
    const symbol = createQrCode(appearance.qrcode!, { errorCorrectionLevel: 'M' }).modules;
    const quietZone = (side - symbol.size) / 2;
    const sharp = renderGray(file, 1, 144);
    let mismatches = 0;
    for (let row = 0; row < symbol.size; row++) {
      for (let col = 0; col < symbol.size; col++) {
        const x = 60 + qrX + (quietZone + col + 0.5) * unit;
        const y = 560 + qrY + (side - quietZone - row - 0.5) * unit;
        const pixel = sharp.pixels[Math.round((841.89 - y) * 2) * sharp.width + Math.round(x * 2)]!;
        if (pixel < 128 !== (symbol.get(row, col) === 1)) mismatches++;
      }
    }
    assert.equal(mismatches, 0, 'the rendered QR code is the encoded symbol');

    // A crisp rendering of just the stamp, for a human to look at.
    const results = new URL('../../test-results/', import.meta.url).pathname;
    mkdirSync(results, { recursive: true });
    const scale = 150 / 72;
    mustRun('pdftoppm', [
      '-r',
      '150',
      '-f',
      '1',
      '-l',
      '1',
      '-png',
      '-singlefile',
      '-x',
      String(Math.round((60 - 10) * scale)),
      '-y',
      String(Math.round((841.89 - 680 - 10) * scale)),
      '-W',
      String(Math.round(360 * scale)),
      '-H',
      String(Math.round(140 * scale)),
      file,
      join(results, 'sandbox-stamp'),
    ]);
  });

  void it('keeps Spanish accents in WinAnsi and transliterates what WinAnsi lacks', async () => {
    const signed = await signPdfIncrementally(
      await makePdf(),
      options({ appearance: { position: '50,50,300,150', text: ['Firmado por Núñez', 'Łukasz Żółć'] } }),
    );
    const { widget } = await readWidget(signed, 'Signature1');
    const content = widget.appearance!;
    assert.ok(content.includes(Buffer.from('N\u00fa\u00f1ez', 'latin1')), 'ú and ñ as WinAnsi bytes FA F1');
    assert.ok(content.includes(Buffer.from('Lukasz Z\u00f3lc', 'latin1')), 'Ł→L, Ż→Z, ć→c, ó kept');
    const file = save('accents.pdf', signed);
    expectQpdfClean(file);
  });

  void it('refuses what it cannot sign, with a reason', async () => {
    const pdf = await makePdf({ pages: 3 });
    const rejects = async (
      input: Uint8Array,
      extra: Partial<PdfSignOptions>,
      reason: string,
      message?: RegExp,
    ) => {
      await assert.rejects(signPdfIncrementally(input, options(extra)), (error: unknown) => {
        assert.ok(error instanceof PdfSignError, String(error));
        assert.equal(error.reason, reason);
        if (message) assert.match(error.message, message);
        return true;
      });
    };
    await rejects(pdf, { appearance: { position: '10,10,100,100', page: 3 } }, 'page_out_of_range', /3 page/);
    await rejects(pdf, { appearance: { position: '10,10,100,100', page: -1 } }, 'page_out_of_range');
    for (const position of [
      'a,b,c,d',
      '10,10,100',
      '10,10,100,100,5',
      '10,10,10.5,100',
      '1e999,0,5,5',
      '10,,20,30',
    ]) {
      await rejects(pdf, { appearance: { position } }, 'bad_position');
    }
    await rejects(await makeEncryptedPdf(), {}, 'encrypted');
    await rejects(Buffer.from('Just some notes.\n', 'utf8'), {}, 'not_pdf');
    await rejects(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Broken\n', 'latin1'), {}, 'damaged');
    await rejects(
      pdf,
      { appearance: { position: '10,10,100,100', b64_image: 'bm90IGFuIGltYWdl' } },
      'bad_image',
    );
    await rejects(pdf, { contentsSize: 64 }, 'cms_too_large');

    const notes = save('notes.txt', Buffer.from('Just some notes.\n'));
    await assert.rejects(countPages(readFileSync(notes)), (error: unknown) => {
      return error instanceof PdfSignError && error.reason === 'not_pdf';
    });
    await assert.rejects(countPages(await makeEncryptedPdf()), (error: unknown) => {
      return error instanceof PdfSignError && error.reason === 'encrypted';
    });
  });
});
