// The viewer's geometry, pure: zoom steps, where each page sits in the scrolled column, which page
// is under a scroll offset, and thumbnail sizes.

/** PDF points to CSS pixels, so that 100 % is the paper's real size. */
export const CSS_UNITS = 96 / 72;
export const PAD = 16;
export const GAP = 16;
export const THUMB_WIDTH = 96;
export const THUMB_CHROME = 36;
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
export const MIN_ZOOM = ZOOM_STEPS[0]!;
export const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
/** Opening size: fit width, but no bigger than this on a wide screen. */
export const MAX_AUTO_ZOOM = 1.25;

export type Zoom = 'auto' | 'fit' | number;
export interface PageSize {
  width: number;
  height: number;
}
export interface Layout {
  tops: number[];
  heights: number[];
  total: number;
  width: number;
}

export function pageLayout(sizes: PageSize[], zoom: number): Layout {
  const tops: number[] = [];
  const heights: number[] = [];
  let y = PAD;
  let width = 0;
  for (const size of sizes) {
    const height = size.height * CSS_UNITS * zoom;
    tops.push(y);
    heights.push(height);
    y += height + GAP;
    width = Math.max(width, size.width * CSS_UNITS * zoom);
  }
  return { tops, heights, total: y, width };
}

/** Index of the page under a scroll offset (the gap below a page counts as that page). */
export function pageIndexAt(layout: Layout, y: number): number {
  let low = 0;
  let high = layout.tops.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if ((layout.tops[mid] ?? 0) - GAP <= y) low = mid;
    else high = mid - 1;
  }
  return Math.max(low, 0);
}

export function thumbHeight(size: PageSize | undefined): number {
  return size ? (THUMB_WIDTH * size.height) / size.width : 0;
}

export function clamp(zoom: number): number {
  return Number.isFinite(zoom) ? Math.min(Math.max(zoom, MIN_ZOOM), MAX_ZOOM) : 1;
}

/**
 * Index of the page that takes most of the pane between `y` and `y + height`: what "Page x of y"
 * and the highlighted thumbnail name, so they always match what the reader looks at.
 */
export function mostVisiblePage(layout: Layout, y: number, height: number): number {
  const first = pageIndexAt(layout, y);
  if (height <= 0) return first;
  let best = first;
  let bestShown = -1;
  for (let i = first; i < layout.tops.length && (layout.tops[i] ?? 0) < y + height; i++) {
    const top = layout.tops[i] ?? 0;
    const shown = Math.min(top + (layout.heights[i] ?? 0), y + height) - Math.max(top, y);
    if (shown > bestShown) {
      best = i;
      bestShown = shown;
    }
  }
  return best;
}
