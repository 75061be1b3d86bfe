// One stamp layout (shared/stamp-layout.ts) for the sandbox's PDF writer and the desk's preview: for
// the same design, values and box, the lines the writer draws into the signed PDF's appearance are
// the lines the preview shows, at the same size, broken at the same places, at the same x.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { Encodings, Font, FontNames } from '@pdf-lib/standard-fonts';
import { decodePDFRawStream, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { signPdfIncrementally } from '../../electron/sandbox/pdf/sign-pdf';
import { previewLayout } from '../../renderer/src/templates/stamp-preview-layout';
import type { TemplateDesign } from '../../shared/contract-appearance';
import type { CommunicationLanguage } from '../../shared/signer';
import { measureHelvetica } from '../../shared/stamp-layout';
import { STANDARD_TEMPLATE, templateToSignature, type PlaceholderValues } from '../../shared/template';
import { makePdf } from '../fixtures/pdfs';

interface DrawnLine {
  text: string;
  size: number;
  x: number;
}

/** The text the writer drew into the signature widget's appearance: one entry per Tj. */
async function drawnLines(pdf: Uint8Array): Promise<DrawnLine[]> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('FT')) !== PDFName.of('Sig')) continue;
    const normal = object.lookup(PDFName.of('AP'), PDFDict).lookup(PDFName.of('N'));
    assert.ok(normal instanceof PDFRawStream, 'the widget has an appearance stream');
    const content = Buffer.from(decodePDFRawStream(normal).decode()).toString('latin1');
    return [
      ...content.matchAll(
        /BT \/F1 ([\d.]+) Tf 1 0 0 1 (-?[\d.]+) (-?[\d.]+) Tm \(((?:\\.|[^\\)])*)\) Tj ET/g,
      ),
    ].map((m) => ({ size: Number(m[1]), x: Number(m[2]), text: (m[4] ?? '').replace(/\\(.)/g, '$1') }));
  }
  throw new Error('no signature widget');
}

interface Case {
  name: string;
  design: TemplateDesign;
  values: PlaceholderValues;
  box: { width: number; height: number };
  language?: CommunicationLanguage;
}

const values: PlaceholderValues = {
  signer: 'María Núñez García',
  id: '12345678Z',
  date: '2026-11-25 10:32 UTC+01:00',
};

const CASES: Case[] = [
  {
    name: 'the standard design in Spanish',
    design: STANDARD_TEMPLATE,
    values,
    box: { width: 200, height: 70 },
    language: 'ES',
  },
  {
    name: 'long lines wrapped, centred, with reason and location, in Polish',
    design: {
      ...STANDARD_TEMPLATE,
      lines: ['Signed electronically by {signer} for the contract of the current account', 'ID {id}'],
      textAlign: 'center',
      textSize: 9,
      reason: 'Conformidad con el contrato',
      location: 'Barcelona',
    },
    values,
    box: { width: 150, height: 110 },
    language: 'PL',
  },
  {
    name: 'a word too long for the box, cut between characters, right-aligned',
    design: {
      ...STANDARD_TEMPLATE,
      lines: ['Ref {id}-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'],
      textAlign: 'right',
      textSize: 10,
    },
    values,
    box: { width: 120, height: 60 },
  },
  {
    name: 'a QR code beside the text in a wide box',
    design: { ...STANDARD_TEMPLATE, qrcode: 'https://verify.example/{id}', textSize: 7 },
    values,
    box: { width: 200, height: 150 },
    language: 'ES',
  },
  {
    name: 'a QR code above the text in a tall box',
    design: { ...STANDARD_TEMPLATE, qrcode: 'https://verify.example/{id}', textSize: 7 },
    values,
    box: { width: 100, height: 200 },
    language: 'EN',
  },
];

describe('one stamp layout for the PDF writer and the preview', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      const signature = templateToSignature(c.design, c.values, c.language);
      const x1 = 60;
      const y1 = 80;
      const signed = await signPdfIncrementally(await makePdf({ pages: 1 }), {
        appearance: {
          ...signature.appearance,
          position: `${x1},${y1},${x1 + c.box.width},${y1 + c.box.height}`,
          page: 0,
          date: c.values.date,
        },
        signerName: c.values.signer ?? '',
        language: c.language,
        signingTime: new Date('2026-11-25T09:32:00Z'),
        subFilter: 'adbe.pkcs7.detached',
        createCms: () => Promise.resolve(Buffer.alloc(64, 1)),
      });
      const drawn = await drawnLines(signed);
      const preview = previewLayout(c.design, c.values, c.box.width, c.box.height, c.language).layout;

      assert.ok(drawn.length >= 3, `the writer drew ${drawn.length} lines`);
      assert.deepEqual(
        drawn.map((l) => l.text),
        preview.lines.map((l) => l.text),
      );
      for (const [index, line] of drawn.entries()) {
        assert.equal(line.size, preview.size, `size of line ${index}`);
        // The writer's numbers are rounded to thousandths.
        assert.ok(Math.abs(line.x - (preview.lines[index]?.x ?? NaN)) < 0.002, `x of line ${index}`);
      }
    });
  }

  it('breaks lines, so the comparison above is about wrapping too', () => {
    const c = CASES[1]!;
    const preview = previewLayout(c.design, c.values, c.box.width, c.box.height, c.language).layout;
    // Two design lines, reason, location and date: five before wrapping.
    assert.ok(preview.lines.length > 5, JSON.stringify(preview.lines.map((l) => l.text)));
    assert.ok(
      preview.lines.some((l) => l.text.startsWith('Powód: ')),
      'Polish words from the service',
    );
  });

  it('measures text with the standard font’s own widths for every WinAnsi character', () => {
    const helvetica = Font.load(FontNames.Helvetica);
    const codePoints = [
      ...Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i),
      ...Array.from({ length: 0x100 - 0xa0 }, (_, i) => 0xa0 + i),
      // WinAnsi's 0x80–0x9F (not U+0178: pdf-lib's own table gives it ÿ's glyph; Ÿ is 667 wide).
      ...[0x20ac, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152],
      ...[0x017d, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a],
      ...[0x0153, 0x017e],
    ];
    for (const cp of codePoints) {
      const glyph = Encodings.WinAnsi.encodeUnicodeCodePoint(cp);
      assert.equal(
        measureHelvetica(String.fromCodePoint(cp), 1000),
        helvetica.getWidthOfGlyph(glyph.name),
        `U+${cp.toString(16)}`,
      );
    }
    // Letters the font lacks are measured as the base letter the writer draws in their place.
    assert.equal(measureHelvetica('łś', 10), measureHelvetica('ls', 10));
    assert.equal(measureHelvetica('\u0178', 1000), 667);
  });
});
