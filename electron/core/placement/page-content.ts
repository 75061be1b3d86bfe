// What is printed on one page, for keeping a stamp off it: the boxes of its text runs (pdf.js text
// content) and of its images (pdf.js operator list: every image paint operator with the transform
// in force). Only the page asked for is read, so a long document costs one page. Boxes are in PDF
// user space, like the stamp's rectangle.
import type { OPS as PdfOps, PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { normaliseRect, type PdfRect } from '../../../shared/appearance';
import { runCorners, type TextRun } from './text-runs';

export interface PageContentBoxes {
  text: PdfRect[];
  images: PdfRect[];
}

/** Enough for any real page; a page made of more boxes is judged on its first ones. */
const MAX_BOXES = 20_000;

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m × n: n applied first, as PDF's `cm` composes with the current matrix. */
function multiply(m: Matrix, n: readonly number[]): Matrix {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = n;
  return [
    a * m[0] + b * m[2],
    a * m[1] + b * m[3],
    c * m[0] + d * m[2],
    c * m[1] + d * m[3],
    e * m[0] + f * m[2] + m[4],
    e * m[1] + f * m[3] + m[5],
  ];
}

/** The unit square an image is painted into, through a matrix. */
function unitSquare(m: Matrix): PdfRect {
  const xs = [m[4], m[0] + m[4], m[2] + m[4], m[0] + m[2] + m[4]];
  const ys = [m[5], m[1] + m[5], m[3] + m[5], m[1] + m[3] + m[5]];
  return normaliseRect(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
}

const numbers = (value: unknown): number[] | null =>
  value && typeof (value as ArrayLike<number>).length === 'number'
    ? Array.from(value as ArrayLike<number>, Number)
    : null;

export async function readPageContent(page: PDFPageProxy): Promise<PageContentBoxes> {
  const text: PdfRect[] = [];
  for (const item of (await page.getTextContent()).items) {
    if (!('str' in item) || item.str.trim() === '' || text.length >= MAX_BOXES) continue;
    const run: TextRun = {
      str: item.str,
      width: item.width,
      height: item.height,
      transform: item.transform as number[],
    };
    const corners = runCorners(run, 0, 1);
    const xs = corners.map(([x]) => x);
    const ys = corners.map(([, y]) => y);
    text.push(normaliseRect(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)));
  }
  // pdf.js is loaded by the time a page exists; imported here, not at the top, so that nothing
  // loads it when the process starts (pdf-layout.ts loads it at the first PDF read).
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  return { text, images: imageBoxes(await page.getOperatorList(), OPS) };
}

/** Walks the operator list keeping the current transform, and boxes every image painted. */
function imageBoxes(list: { fnArray: number[]; argsArray: unknown[] }, OPS: typeof PdfOps): PdfRect[] {
  const images: PdfRect[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const paintAt = (m: Matrix): void => {
    if (images.length < MAX_BOXES) images.push(unitSquare(m));
  };
  list.fnArray.forEach((fn, i) => {
    const args = (list.argsArray[i] ?? []) as unknown[];
    switch (fn) {
      case OPS.save:
        stack.push(ctm);
        break;
      case OPS.restore:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.transform: {
        const m = numbers(args);
        if (m && m.length >= 6) ctm = multiply(ctm, m);
        break;
      }
      case OPS.paintFormXObjectBegin: {
        stack.push(ctm);
        const m = numbers(args[0]);
        if (m && m.length >= 6) ctm = multiply(ctm, m);
        break;
      }
      case OPS.paintFormXObjectEnd:
        ctm = stack.pop() ?? ctm;
        break;
      case OPS.paintImageXObject:
      case OPS.paintInlineImageXObject:
      case OPS.paintImageMaskXObject:
      case OPS.paintSolidColorImageMask:
        paintAt(ctm);
        break;
      case OPS.paintImageXObjectRepeat: {
        // [objId, scaleX, scaleY, positions]: each copy drawn at [sx 0 0 sy x y].
        const [, sx, sy] = args as [unknown, number, number];
        const at = numbers(args[3]) ?? [];
        for (let p = 0; p + 1 < at.length; p += 2)
          paintAt(multiply(ctm, [sx, 0, 0, sy, at[p] ?? 0, at[p + 1] ?? 0]));
        break;
      }
      case OPS.paintImageMaskXObjectRepeat: {
        // [image, scaleX, skewX, skewY, scaleY, positions].
        const [, a, b, c, d] = args as [unknown, number, number, number, number];
        const at = numbers(args[5]) ?? [];
        for (let p = 0; p + 1 < at.length; p += 2)
          paintAt(multiply(ctm, [a, b, c, d, at[p] ?? 0, at[p + 1] ?? 0]));
        break;
      }
      case OPS.paintImageMaskXObjectGroup: {
        const group = (args[0] ?? []) as { transform?: unknown }[];
        for (const image of group) {
          const m = numbers(image.transform);
          if (m && m.length >= 6) paintAt(multiply(ctm, m));
        }
        break;
      }
    }
  });
  return images;
}
