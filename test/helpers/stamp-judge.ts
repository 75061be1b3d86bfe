// Judges a signed PDF from outside: the signature widget's /Rect and page as qpdf --json reads
// them, and the word boxes pdftotext -bbox finds on that page, turned back into user space. A
// stamp is judged to cover the text when any word box overlaps its /Rect.
import { spawnSync } from 'node:child_process';

export type Rect = [number, number, number, number];

export interface Word {
  text: string;
  rect: Rect;
}

interface QpdfJson {
  pages: { object: string }[];
  qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>];
}

function qpdfJson(path: string): QpdfJson {
  const out = spawnSync('qpdf', ['--json=2', '--json-key=pages', '--json-key=qpdf', path], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  // qpdf exits 3 for warnings; its JSON is still whole.
  if (out.status !== 0 && out.status !== 3) throw new Error(`qpdf --json failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as QpdfJson;
}

/** Every visible signature widget: its /Rect and the page (from 1) it is on, as qpdf reads them. */
export function signatureRects(path: string): { page: number; rect: Rect; mediaBox: Rect }[] {
  const json = qpdfJson(path);
  const objects = json.qpdf[1];
  const pages = json.pages.map((p) => p.object);
  const found: { page: number; rect: Rect; mediaBox: Rect }[] = [];
  for (const entry of Object.values(objects)) {
    const value = entry.value;
    if (!value || value['/FT'] !== '/Sig' || !Array.isArray(value['/Rect'])) continue;
    const rect = (value['/Rect'] as number[]).map(Number) as Rect;
    if (rect[2] - rect[0] <= 0 || rect[3] - rect[1] <= 0) continue;
    const pageRef = String(value['/P']);
    const page = objects[`obj:${pageRef}`]?.value;
    const box = (page?.['/MediaBox'] as number[] | undefined)?.map(Number) as Rect | undefined;
    if (!box) throw new Error(`the widget's page ${pageRef} has no /MediaBox of its own`);
    found.push({ page: pages.indexOf(pageRef) + 1, rect: rect, mediaBox: box });
  }
  return found;
}

/**
 * The words pdftotext finds on a page (unrotated pages only), in user space. pdftotext measures
 * from the MediaBox's top-left corner, y down.
 */
export function wordsOnPage(path: string, page: number, mediaBox: Rect): Word[] {
  const out = spawnSync('pdftotext', ['-bbox', '-f', String(page), '-l', String(page), path, '-'], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(`pdftotext -bbox failed: ${out.stderr}`);
  const words: Word[] = [];
  const pattern =
    /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)<\/word>/g;
  for (const m of out.stdout.matchAll(pattern)) {
    const [xMin, yMin, xMax, yMax] = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
    words.push({
      text: m[5] ?? '',
      rect: [mediaBox[0] + xMin, mediaBox[3] - yMax, mediaBox[0] + xMax, mediaBox[3] - yMin],
    });
  }
  return words;
}

export const intersects = (a: Rect, b: Rect): boolean =>
  Math.min(a[2], b[2]) - Math.max(a[0], b[0]) > 0 && Math.min(a[3], b[3]) - Math.max(a[1], b[1]) > 0;

const same = (a: Word, b: Word): boolean =>
  a.text === b.text && a.rect.every((v, i) => Math.abs(v - (b.rect[i] ?? NaN)) < 0.5);

/**
 * The signed page's words that overlap the signature widget's /Rect, split into the document's own
 * (also on the same page of the unsigned original, same text and place) and the stamp's (what the
 * widget's appearance wrote there: pdftotext reads it too).
 */
export function wordsUnderSignature(
  signedPath: string,
  originalPath: string,
): { rect: Rect; page: number; words: Word[]; under: Word[]; stamp: Word[] } {
  const widgets = signatureRects(signedPath);
  if (widgets.length !== 1) throw new Error(`expected one visible signature widget, found ${widgets.length}`);
  const { rect, page, mediaBox } = widgets[0]!;
  const words = wordsOnPage(signedPath, page, mediaBox);
  const original = wordsOnPage(originalPath, page, mediaBox);
  const overlapping = words.filter((w) => intersects(w.rect, rect));
  return {
    rect,
    page,
    words,
    under: overlapping.filter((w) => original.some((o) => same(o, w))),
    stamp: overlapping.filter((w) => !original.some((o) => same(o, w))),
  };
}
