// The visible stamp: a form XObject with the SANDBOX notice, the signer's lines, an optional image
// and QR code, and a thin border, turned so that it reads upright on a rotated page. Where each
// line and graphic goes is shared/stamp-layout.ts's answer, the same the desk's preview shows.
import { StandardFonts } from 'pdf-lib';
import type { PDFDocument, PDFFont, PDFImage, PDFRef } from 'pdf-lib';
import { PdfSignError } from './errors';
import type { Rotation } from './form';
import { encodeQr, qrOperators } from './qr';
import type { QrSymbol } from './qr';
import {
  layoutStamp,
  LEADING,
  MIN_TEXT_SIZE,
  type StampBox,
  type StampLayout,
} from '../../../shared/stamp-layout';
import { SANDBOX_NOTICES, SANDBOX_NOTICE_SHORT, stampLines } from './stamp-text';
import type { PdfSignOptions } from './types';
import { winAnsiLiteral } from './winansi';

export interface Rect {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

type Graphic = { kind: 'image'; aspect: number } | { kind: 'qr'; symbol: QrSymbol };

/** Helvetica's descent (0.207 em): the header's baseline sits that far above its lowest ink. */
const DESCENT = 0.207;

/** Maps the upright stamp onto the page so that it cancels the viewer's /Rotate (§12.5.5). */
const ROTATION_MATRIX: Record<Rotation, number[] | undefined> = {
  0: undefined,
  90: [0, 1, -1, 0, 0, 0],
  180: [-1, 0, 0, -1, 0, 0],
  270: [0, -1, 1, 0, 0, 0],
};

const num = (value: number): string => String(Math.round(value * 1000) / 1000);

async function embedStampImage(doc: PDFDocument, base64: string): Promise<PDFImage> {
  const bytes = Buffer.from(base64.replace(/^data:[^,]*,/, ''), 'base64');
  try {
    if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
      return await doc.embedPng(bytes);
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) return await doc.embedJpg(bytes);
  } catch (error) {
    throw new PdfSignError('bad_image', `The stamp image cannot be read: ${String(error)}`);
  }
  throw new PdfSignError('bad_image', 'The stamp image is not a PNG (nor a JPEG)');
}

/** The layout's boxes run from the stamp's top-left, y down; the form XObject's y runs up. */
const upright = (box: StampBox, height: number): StampBox => ({
  ...box,
  y: height - box.y - box.height,
});

function textOperators(layout: StampLayout, height: number, fontName: string): string {
  const area = upright(layout.textArea, height);
  const ops = [`q ${num(area.x)} ${num(area.y)} ${num(area.width)} ${num(area.height)} re W n`];
  for (const line of layout.lines) {
    ops.push(
      `BT /${fontName} ${num(layout.size)} Tf 1 0 0 1 ${num(line.x)} ${num(height - line.baseline)} Tm ${winAnsiLiteral(line.text)} Tj ET`,
    );
  }
  ops.push('Q');
  return ops.join('\n');
}

function graphicOperators(graphics: Graphic[], layout: StampLayout, height: number): string[] {
  return graphics.map((graphic, index) => {
    const box = upright(layout.graphics[index] ?? { x: 0, y: 0, width: 0, height: 0 }, height);
    return graphic.kind === 'image'
      ? `q ${num(box.width)} 0 0 ${num(box.height)} ${num(box.x)} ${num(box.y)} cm /Im1 Do Q`
      : qrOperators(graphic.symbol, box.x, box.y, box.height);
  });
}

function headerOperators(
  width: number,
  height: number,
  pad: number,
  bold: PDFFont,
  full: string,
): [string, number] {
  const room = width - 2 * pad;
  let notice = full;
  let size = Math.min(10, Math.max(MIN_TEXT_SIZE, height * 0.12));
  if (bold.widthOfTextAtSize(notice, size) > room) {
    size = Math.max(MIN_TEXT_SIZE, (size * room) / bold.widthOfTextAtSize(notice, size));
    if (bold.widthOfTextAtSize(notice, size) > room) notice = SANDBOX_NOTICE_SHORT;
  }
  const x = (width - bold.widthOfTextAtSize(notice, size)) / 2;
  const baseline = height - pad - (1 - DESCENT) * size;
  const ops = `BT /F2 ${num(size)} Tf 0.75 0.05 0.05 rg 1 0 0 1 ${num(x)} ${num(baseline)} Tm ${winAnsiLiteral(notice)} Tj ET`;
  return [ops, size * LEADING];
}

/**
 * Builds the /AP /N form XObject for a widget at `rect` on a page with `rotation`, embedding the
 * fonts and image it needs into `doc` (they are written when the document is flushed).
 */
export async function buildAppearance(
  doc: PDFDocument,
  rect: Rect,
  rotation: Rotation,
  options: PdfSignOptions,
): Promise<PDFRef> {
  const appearance = options.appearance ?? {};
  const turned = rotation === 90 || rotation === 270;
  const width = turned ? rect.y2 - rect.y1 : rect.x2 - rect.x1;
  const height = turned ? rect.x2 - rect.x1 : rect.y2 - rect.y1;
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const image = appearance.b64_image ? await embedStampImage(doc, appearance.b64_image) : undefined;
  const graphics: Graphic[] = [];
  if (image) graphics.push({ kind: 'image', aspect: image.width / image.height });
  if (appearance.qrcode) graphics.push({ kind: 'qr', symbol: encodeQr(appearance.qrcode) });

  // The same padding as the shared layout's, so the header sits inside the same margin.
  const pad = Math.max(1, Math.min(4, Math.min(width, height) * 0.05));
  // The border's stroke stays wholly inside the box, where the viewer clips the appearance.
  const draw: string[] = [`0.75 w 0.2 0.25 0.45 RG 0.75 0.75 ${num(width - 1.5)} ${num(height - 1.5)} re S`];
  const notice = SANDBOX_NOTICES[options.language ?? 'EN'];
  const [header, headerHeight] = headerOperators(width, height, pad, bold, notice);
  draw.push(`q 0 0 ${num(width)} ${num(height)} re W n ${header} Q`);
  const layout = layoutStamp({
    width,
    height,
    headerHeight,
    graphics: graphics.map((g) => (g.kind === 'image' ? g.aspect : 1)),
    horizontal: appearance.horizontal,
    lines: stampLines(options),
    textSize: appearance.text_size,
    textAlign: appearance.text_align,
  });
  draw.push(...graphicOperators(graphics, layout, height));
  draw.push(`0.1 g ${textOperators(layout, height, 'F1')}`);

  const stream = doc.context.stream(Buffer.from(draw.join('\n'), 'latin1'), {
    Type: 'XObject',
    Subtype: 'Form',
    BBox: [0, 0, width, height],
    Matrix: ROTATION_MATRIX[rotation],
    Resources: {
      Font: { F1: regular.ref, F2: bold.ref },
      ...(image ? { XObject: { Im1: image.ref } } : {}),
    },
  });
  return doc.context.register(stream);
}
