// Keeping a stamp off what is printed on the page: whether a box covers the page's text or images,
// the nearest free spot of the same size, and a stamp made to fit a page smaller than itself. Core
// reads the page's content with pdf.js; the placement editor checks the box live with the same
// functions. Pure: boxes are on the displayed page in points (ScreenBox at scale 1, origin at its
// top-left), so "near the chosen corner" means what the RAO sees, whatever /Rotate or page box.
import type { ScreenBox } from './appearance';

export interface PageSize {
  width: number;
  height: number;
}

/** What is printed on one page, as boxes on the displayed page. */
export interface PageContent {
  text: readonly ScreenBox[];
  images: readonly ScreenBox[];
}

/**
 * An overlap shallower than this (points, on either axis) is a touch, not a cover: a stamp drawn
 * against a line of text, or a descender's estimated box, must not be reported.
 */
export const COVER_TOLERANCE = 1;

/** The space a suggested spot keeps from the nearest text or image, in points. */
export const CONTENT_GAP = 3;

/** A suggested spot stays this far in from the page's edges (less when the box was nearer). */
export const EDGE_MARGIN = 18;

/**
 * An image covering this share of the page is a background or a scanned page: every spot covers
 * it, so it says nothing about where the stamp should go.
 */
export const BACKGROUND_SHARE = 0.85;

/** How far apart candidate spots are tried, in points. */
const STEP = 2;

/** How deep two boxes overlap on each axis (negative: they are apart on that axis). */
function depth(a: ScreenBox, b: ScreenBox): { x: number; y: number } {
  return {
    x: Math.min(a.left + a.width, b.left + b.width) - Math.max(a.left, b.left),
    y: Math.min(a.top + a.height, b.top + b.height) - Math.max(a.top, b.top),
  };
}

/** The boxes among `boxes` that `box` covers by more than the tolerance on both axes. */
export function coveredBy(
  box: ScreenBox,
  boxes: readonly ScreenBox[],
  tolerance = COVER_TOLERANCE,
): ScreenBox[] {
  return boxes.filter((b) => {
    const d = depth(box, b);
    return d.x > tolerance && d.y > tolerance;
  });
}

/** Images that matter for placement: not backgrounds or scans filling most of the page. */
export function foregroundImages(images: readonly ScreenBox[], page: PageSize): ScreenBox[] {
  const pageArea = page.width * page.height;
  return images.filter((image) => {
    const d = depth(image, { left: 0, top: 0, width: page.width, height: page.height });
    const visible = Math.max(0, d.x) * Math.max(0, d.y);
    return visible > 0 && visible < BACKGROUND_SHARE * pageArea;
  });
}

/** What a box covers on a page: text boxes and (foreground) image boxes. */
export function coverage(
  box: ScreenBox,
  content: PageContent,
  page: PageSize,
): { text: number; images: number } {
  return {
    text: coveredBy(box, content.text).length,
    images: coveredBy(box, foregroundImages(content.images, page)).length,
  };
}

/**
 * A box larger than the page, scaled down evenly (never squeezed out of shape) about its centre
 * and held on the page. `shrunk` says the size changed.
 */
export function fitOnPage(box: ScreenBox, page: PageSize): { box: ScreenBox; shrunk: boolean } {
  const scale = Math.min(1, page.width / box.width, page.height / box.height);
  const width = box.width * scale;
  const height = box.height * scale;
  const centreX = box.left + box.width / 2;
  const centreY = box.top + box.height / 2;
  const left = Math.min(Math.max(centreX - width / 2, 0), page.width - width);
  const top = Math.min(Math.max(centreY - height / 2, 0), page.height - height);
  return { box: { left, top, width, height }, shrunk: scale < 1 };
}

/**
 * The free spot nearest to `box` (same size) where it covers no text or image, keeping
 * CONTENT_GAP from them and EDGE_MARGIN from the page's edges (or the box's own distance, when it
 * sat nearer an edge). Null when the page has no such spot. Each candidate is checked in constant time
 * against a summed-area table of the occupied cells, so a dense page costs milliseconds.
 */
export function findFreeSpot(box: ScreenBox, content: PageContent, page: PageSize): ScreenBox | null {
  const { width, height } = box;
  if (!(width > 0 && height > 0) || width > page.width || height > page.height) return null;
  const margin = Math.max(
    0,
    Math.min(EDGE_MARGIN, box.left, box.top, page.width - box.left - width, page.height - box.top - height),
  );
  const cols = Math.max(1, Math.ceil(page.width / STEP));
  const rows = Math.max(1, Math.ceil(page.height / STEP));
  const occupied = occupancy([...content.text, ...foregroundImages(content.images, page)], cols, rows);
  const taken = (left: number, top: number): boolean => {
    const c0 = Math.max(0, Math.floor(left / STEP));
    const r0 = Math.max(0, Math.floor(top / STEP));
    const c1 = Math.min(cols, Math.ceil((left + width) / STEP));
    const r1 = Math.min(rows, Math.ceil((top + height) / STEP));
    return sumOf(occupied, cols, c0, r0, c1, r1) > 0;
  };

  // Every candidate is tried (each in constant time) and the nearest free one kept.
  let best: { left: number; top: number } | null = null;
  let bestDistance = Infinity;
  const ys = positions(margin, page.height - margin - height, box.top);
  for (const left of positions(margin, page.width - margin - width, box.left))
    for (const top of ys) {
      const distance = Math.hypot(left - box.left, top - box.top);
      if (distance < bestDistance && !taken(left, top)) {
        best = { left, top };
        bestDistance = distance;
      }
    }
  return best ? { ...best, width, height } : null;
}

/** Positions from `low` to `high` every STEP, with both ends and the wanted one (clamped). */
function positions(low: number, high: number, wanted: number): number[] {
  if (high < low) return [];
  const out = new Set<number>([low, high, Math.min(Math.max(wanted, low), high)]);
  for (let p = Math.ceil(low / STEP) * STEP; p <= high; p += STEP) out.add(p);
  return [...out];
}

/**
 * A summed-area table over a grid of STEP-point cells, a cell counted as occupied when any box
 * (grown by CONTENT_GAP) touches it: a spot found free is free, never just nearly.
 */
function occupancy(boxes: readonly ScreenBox[], cols: number, rows: number): Int32Array {
  const marks = new Int32Array((cols + 1) * (rows + 1));
  for (const b of boxes) {
    const c0 = Math.max(0, Math.floor((b.left - CONTENT_GAP) / STEP));
    const r0 = Math.max(0, Math.floor((b.top - CONTENT_GAP) / STEP));
    const c1 = Math.min(cols, Math.ceil((b.left + b.width + CONTENT_GAP) / STEP));
    const r1 = Math.min(rows, Math.ceil((b.top + b.height + CONTENT_GAP) / STEP));
    if (c1 <= c0 || r1 <= r0) continue;
    marks[r0 * (cols + 1) + c0]! += 1;
    marks[r0 * (cols + 1) + c1]! -= 1;
    marks[r1 * (cols + 1) + c0]! -= 1;
    marks[r1 * (cols + 1) + c1]! += 1;
  }
  // Differences → occupied cells (0/1) → sums of every rectangle from the origin.
  const cells = new Int32Array(cols * rows);
  for (let r = 0; r < rows; r++) {
    let run = 0;
    for (let c = 0; c < cols; c++) {
      run += marks[r * (cols + 1) + c]!;
      const above = r > 0 ? cells[(r - 1) * cols + c]! : 0;
      cells[r * cols + c] = above + run;
    }
  }
  const table = new Int32Array((cols + 1) * (rows + 1));
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const filled = cells[r * cols + c]! > 0 ? 1 : 0;
      table[(r + 1) * (cols + 1) + c + 1] =
        filled +
        table[r * (cols + 1) + c + 1]! +
        table[(r + 1) * (cols + 1) + c]! -
        table[r * (cols + 1) + c]!;
    }
  return table;
}

/** Occupied cells in columns c0..c1-1 and rows r0..r1-1. */
function sumOf(table: Int32Array, cols: number, c0: number, r0: number, c1: number, r1: number): number {
  if (c1 <= c0 || r1 <= r0) return 0;
  const w = cols + 1;
  return table[r1 * w + c1]! - table[r0 * w + c1]! - table[r1 * w + c0]! + table[r0 * w + c0]!;
}
