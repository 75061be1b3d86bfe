// The visible stamp: a form XObject with the SANDBOX notice, the signer's lines, an optional image
// and QR code, and a thin border, turned so that it reads upright on a rotated page.
import { StandardFonts } from 'pdf-lib';
import type { PDFDocument, PDFFont, PDFImage, PDFRef } from 'pdf-lib';
import { PdfSignError } from './errors';
import type { Rotation } from './form';
import { encodeQr, qrOperators } from './qr';
import type { QrSymbol } from './qr';
import { SANDBOX_NOTICE, SANDBOX_NOTICE_SHORT, stampLines } from './stamp-text';
import { fitText, LEADING, MIN_TEXT_SIZE } from './text-layout';
import type { MeasureText } from './text-layout';
import type { PdfSignOptions } from './types';
import { winAnsiLiteral } from './winansi';

export interface Rect {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

type Graphic = { kind: 'image'; aspect: number } | { kind: 'qr'; symbol: QrSymbol };

type Align = 'left' | 'center' | 'right';

/** Helvetica's glyphs span -0.207..0.718 em; centring that span centres the line visually. */
const DESCENT = 0.207;
const GLYPH_HEIGHT = 0.925;

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

function textOperators(
  fitted: { size: number; lines: readonly string[] },
  area: Box,
  align: Align,
  fontName: string,
  measure: MeasureText,
): string {
  const { size, lines } = fitted;
  const lead = size * LEADING;
  const blockHeight = lines.length * lead;
  // Centred when it fits; otherwise start at the top and let the clip cut the bottom.
  const top = area.y + area.height - Math.max(0, (area.height - blockHeight) / 2);
  const ops = [`q ${num(area.x)} ${num(area.y)} ${num(area.width)} ${num(area.height)} re W n`];
  lines.forEach((line, index) => {
    const width = measure(line, size);
    const x =
      align === 'left'
        ? area.x
        : align === 'right'
          ? area.x + area.width - width
          : area.x + (area.width - width) / 2;
    const baseline = top - (index + 1) * lead + (lead - GLYPH_HEIGHT * size) / 2 + DESCENT * size;
    ops.push(
      `BT /${fontName} ${num(size)} Tf 1 0 0 1 ${num(x)} ${num(baseline)} Tm ${winAnsiLiteral(line)} Tj ET`,
    );
  });
  ops.push('Q');
  return ops.join('\n');
}

/** Places the graphics beside (horizontal) or above the text; returns what is left for the text. */
function placeGraphics(
  graphics: Graphic[],
  body: Box,
  horizontal: boolean,
  gap: number,
  draw: string[],
): Box {
  if (graphics.length === 0) return body;
  const aspects = graphics.map((g) => (g.kind === 'image' ? g.aspect : 1));
  const aspectSum = aspects.reduce((a, b) => a + b, 0);
  const gaps = gap * (graphics.length - 1);
  const height = horizontal
    ? Math.max(0, Math.min(body.height, (body.width * 0.45 - gaps) / aspectSum))
    : Math.max(0, Math.min(body.height * 0.5, (body.width - gaps) / aspectSum));
  const rowWidth = height * aspectSum + gaps;
  let x = horizontal ? body.x : body.x + (body.width - rowWidth) / 2;
  const y = horizontal ? body.y + (body.height - height) / 2 : body.y + body.height - height;
  graphics.forEach((graphic, index) => {
    const width = height * (aspects[index] ?? 1);
    if (graphic.kind === 'image') {
      draw.push(`q ${num(width)} 0 0 ${num(height)} ${num(x)} ${num(y)} cm /Im1 Do Q`);
    } else {
      draw.push(qrOperators(graphic.symbol, x, y, height));
    }
    x += width + gap;
  });
  return horizontal
    ? {
        x: body.x + rowWidth + gap,
        y: body.y,
        width: Math.max(0, body.width - rowWidth - gap),
        height: body.height,
      }
    : { x: body.x, y: body.y, width: body.width, height: Math.max(0, body.height - height - gap) };
}

function headerOperators(width: number, height: number, pad: number, bold: PDFFont): [string, number] {
  const room = width - 2 * pad;
  let notice = SANDBOX_NOTICE;
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

  const pad = Math.max(1, Math.min(4, Math.min(width, height) * 0.05));
  // The border's stroke stays wholly inside the box, where the viewer clips the appearance.
  const draw: string[] = [`0.75 w 0.2 0.25 0.45 RG 0.75 0.75 ${num(width - 1.5)} ${num(height - 1.5)} re S`];
  const [header, headerHeight] = headerOperators(width, height, pad, bold);
  draw.push(`q 0 0 ${num(width)} ${num(height)} re W n ${header} Q`);
  const body = {
    x: pad,
    y: pad,
    width: width - 2 * pad,
    height: Math.max(0, height - 2 * pad - headerHeight),
  };
  // Unless told, graphics go beside the text in a wide box and above it in a tall one.
  const horizontal = appearance.horizontal ?? width >= height;
  const textArea = placeGraphics(graphics, body, horizontal, pad, draw);
  const measure: MeasureText = (text, size) => regular.widthOfTextAtSize(text, size);
  const fixedSize = appearance.text_size;
  const validSize =
    fixedSize !== undefined && Number.isFinite(fixedSize) && fixedSize > 0 ? fixedSize : undefined;
  const fitted = fitText(stampLines(options), textArea.width, textArea.height, measure, validSize);
  const requestedAlign = appearance.text_align?.trim().toLowerCase();
  const align: Align = requestedAlign === 'center' || requestedAlign === 'right' ? requestedAlign : 'left';
  draw.push(`0.1 g ${textOperators(fitted, textArea, align, 'F1', measure)}`);

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
