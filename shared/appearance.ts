// Where a visible signature lands, in one place. People see a page as pdf.js renders it (rotated,
// cropped, scaled, origin at its top-left, y down); the sign call wants PDF user-space points
// with the origin at the bottom-left of the unrotated page (ONE-SHOT-API.md). Every conversion
// between the two goes through this module, so the drawn box, the numbers the RAO types, the
// batch rules and the widget the service writes can never disagree. Pure: no DOM, no Node.

/** A box on the rendered page: CSS pixels from the page's top-left corner, as the RAO sees it. */
export interface ScreenBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export type Rotation = 0 | 90 | 180 | 270;

/** The fields of a pdf.js PageViewport that decide where a point lands. */
export interface PageView {
  /** The page's visible box (CropBox within MediaBox) in user-space points, as pdf.js `page.view`. */
  viewBox: readonly [number, number, number, number];
  rotation: Rotation;
  /** CSS pixels per point. */
  scale: number;
}

/** A normalised rectangle in PDF user-space points: x1 < x2, y1 < y2. */
export type PdfRect = [number, number, number, number];

export const POINTS_PER_MM = 72 / 25.4;

/** Below this the stamp's text is too small to read on paper (about 25 × 8.5 mm). */
export const MIN_READABLE = { width: 72, height: 24 } as const;

export const mmToPoints = (mm: number): number => mm * POINTS_PER_MM;
export const pointsToMm = (points: number): number => points / POINTS_PER_MM;

/**
 * Any angle pdf.js or a PDF may give, reduced to a quarter turn clockwise. As pdf.js reads /Rotate,
 * a value that is not a whole quarter turn (45, NaN) means no turn: the page is shown unrotated.
 */
export function normaliseRotation(degrees: number): Rotation {
  if (!Number.isFinite(degrees) || degrees % 90 !== 0) return 0;
  return (((degrees % 360) + 360) % 360) as Rotation;
}

function corners(viewBox: PageView['viewBox']): { x1: number; y1: number; x2: number; y2: number } {
  const [a, b, c, d] = viewBox;
  return { x1: Math.min(a, c), y1: Math.min(b, d), x2: Math.max(a, c), y2: Math.max(b, d) };
}

/** The rendered page's size in CSS pixels (a quarter turn swaps width and height). */
export function viewSize(view: PageView): { width: number; height: number } {
  const { x1, y1, x2, y2 } = corners(view.viewBox);
  const across = (x2 - x1) * view.scale;
  const down = (y2 - y1) * view.scale;
  return view.rotation % 180 === 0 ? { width: across, height: down } : { width: down, height: across };
}

/** A user-space point → CSS pixels on the rendered page (pdf.js convertToViewportPoint). */
export function toScreenPoint(x: number, y: number, view: PageView): [number, number] {
  const b = corners(view.viewBox);
  const s = view.scale;
  switch (view.rotation) {
    case 0:
      return [(x - b.x1) * s, (b.y2 - y) * s];
    case 90:
      return [(y - b.y1) * s, (x - b.x1) * s];
    case 180:
      return [(b.x2 - x) * s, (y - b.y1) * s];
    case 270:
      return [(b.y2 - y) * s, (b.x2 - x) * s];
  }
}

/** CSS pixels on the rendered page → a user-space point (pdf.js convertToPdfPoint). */
export function toPdfPoint(left: number, top: number, view: PageView): [number, number] {
  const b = corners(view.viewBox);
  const s = view.scale;
  switch (view.rotation) {
    case 0:
      return [b.x1 + left / s, b.y2 - top / s];
    case 90:
      return [b.x1 + top / s, b.y1 + left / s];
    case 180:
      return [b.x2 - left / s, b.y1 + top / s];
    case 270:
      return [b.x2 - top / s, b.y2 - left / s];
  }
}

export function normaliseRect(a: number, b: number, c: number, d: number): PdfRect {
  return [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
}

/** The box the RAO drew → the rectangle the sign call's `position` describes. */
export function toPdfRect(box: ScreenBox, view: PageView): PdfRect {
  const [ax, ay] = toPdfPoint(box.left, box.top, view);
  const [bx, by] = toPdfPoint(box.left + box.width, box.top + box.height, view);
  return normaliseRect(ax, ay, bx, by);
}

/** A user-space rectangle → the box it covers on the rendered page. */
export function fromPdfRect(rect: readonly [number, number, number, number], view: PageView): ScreenBox {
  const [ax, ay] = toScreenPoint(rect[0], rect[1], view);
  const [bx, by] = toScreenPoint(rect[2], rect[3], view);
  return {
    left: Math.min(ax, bx),
    top: Math.min(ay, by),
    width: Math.abs(bx - ax),
    height: Math.abs(by - ay),
  };
}

const round2 = (n: number): string => {
  const r = Math.round(n * 100) / 100;
  return String(Object.is(r, -0) ? 0 : r);
};

/** The `position` string of the sign body: "x1,y1,x2,y2", points to two decimals. */
export function formatPosition(rect: readonly [number, number, number, number]): string {
  const [x1, y1, x2, y2] = normaliseRect(rect[0], rect[1], rect[2], rect[3]);
  return [x1, y1, x2, y2].map(round2).join(',');
}

/** "x1,y1,x2,y2" → a normalised rectangle, or null when it is not four numbers. */
export function parsePosition(position: string): PdfRect | null {
  const parts = position.split(',').map((p) => p.trim());
  if (parts.length !== 4 || parts.some((p) => !/^-?\d+(\.\d+)?$/.test(p))) return null;
  const [a, b, c, d] = parts.map(Number) as [number, number, number, number];
  return normaliseRect(a, b, c, d);
}

// --- pages: people count from 1, the sign body from 0 ------------------------------------------

/** The page rule of a placement: the first page, the last, or a page number counted from 1. */
export type PageRule = 'first' | 'last' | number;

/** The page index the sign body wants (from 0), or null when the document has no such page. */
export function pageIndexFor(rule: PageRule, pageCount: number): number | null {
  const index = rule === 'first' ? 0 : rule === 'last' ? pageCount - 1 : toApiPage(rule);
  return Number.isInteger(index) && index >= 0 && index < pageCount ? index : null;
}

/** The one place where a page as people number it becomes the API's page index. */
export const toApiPage = (pageNumber: number): number => pageNumber - 1;
export const toPageNumber = (apiPage: number): number => apiPage + 1;

// --- batch rules ---------------------------------------------------------------------------------

export const CORNERS = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export type Corner = (typeof CORNERS)[number];

/**
 * One placement for many documents: a page rule and a box held at a distance from a corner of the
 * page as it is displayed (after /Rotate), in points. `x` and `y` are the gaps between the corner
 * and the box's nearest edges, so "bottom-right, 36, 36" stays in that corner on any page size.
 */
export interface CornerRule {
  page: PageRule;
  corner: Corner;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of a rule on one page, in that page's CSS pixels. */
export function boxForRule(rule: CornerRule, view: PageView): ScreenBox {
  const size = viewSize(view);
  const width = rule.width * view.scale;
  const height = rule.height * view.scale;
  const dx = rule.x * view.scale;
  const dy = rule.y * view.scale;
  const left = rule.corner.endsWith('left') ? dx : size.width - dx - width;
  const top = rule.corner.startsWith('top') ? dy : size.height - dy - height;
  return { left, top, width, height };
}

/** A drawn box as a rule held to the nearest corner of its page (for "apply to every document"). */
export function ruleForBox(box: ScreenBox, view: PageView, page: PageRule): CornerRule {
  const size = viewSize(view);
  const s = view.scale;
  const fromRight = size.width - box.left - box.width;
  const fromBottom = size.height - box.top - box.height;
  const horizontal = box.left <= fromRight ? 'left' : 'right';
  const vertical = box.top <= fromBottom ? 'top' : 'bottom';
  return {
    page,
    corner: `${vertical}-${horizontal}`,
    x: (horizontal === 'left' ? box.left : fromRight) / s,
    y: (vertical === 'top' ? box.top : fromBottom) / s,
    width: box.width / s,
    height: box.height / s,
  };
}

/** Moves a box (keeping its size where it can) so that it lies on the page. */
export function keepOnPage(box: ScreenBox, view: PageView): { box: ScreenBox; moved: boolean } {
  const size = viewSize(view);
  const width = Math.min(box.width, size.width);
  const height = Math.min(box.height, size.height);
  const left = Math.min(Math.max(box.left, 0), size.width - width);
  const top = Math.min(Math.max(box.top, 0), size.height - height);
  const moved =
    Math.abs(left - box.left) > 1e-6 ||
    Math.abs(top - box.top) > 1e-6 ||
    width !== box.width ||
    height !== box.height;
  return { box: { left, top, width, height }, moved };
}

/**
 * Anchor text: the stamp sits at an offset from a phrase found on the page. The offset is measured
 * on the displayed page in points, from the phrase's top-left corner to the box's top-left corner.
 */
export interface AnchorRule {
  text: string;
  dx: number;
  dy: number;
}

/** The box for an anchor, given where the phrase was found (its box on the displayed page). */
export function boxForAnchor(
  phrase: ScreenBox,
  anchor: AnchorRule,
  size: { width: number; height: number },
  view: PageView,
): ScreenBox {
  return {
    left: phrase.left + anchor.dx * view.scale,
    top: phrase.top + anchor.dy * view.scale,
    width: size.width * view.scale,
    height: size.height * view.scale,
  };
}

/** Whether a box (in points) is below the size a stamp needs to stay readable. */
export const tooSmallToRead = (widthPt: number, heightPt: number): boolean =>
  widthPt < MIN_READABLE.width || heightPt < MIN_READABLE.height;
