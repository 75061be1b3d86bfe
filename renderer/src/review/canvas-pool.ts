// Canvases for page drawings, recycled: allocating (and zeroing) a fresh page-sized bitmap for
// every page that scrolls into view was the viewer's largest single cost on the main thread. A page
// that leaves gives its canvas back; the next page of the same size draws on it without a new
// allocation. The pool is bounded, so pages far away hold no pixels at all.

/** Canvases kept for reuse; any beyond this are emptied at once. */
const POOL_SIZE = 8;

const free: HTMLCanvasElement[] = [];

/** A detached canvas of exactly `width` × `height` pixels, reused when one that size is free. */
export function takeCanvas(width: number, height: number): HTMLCanvasElement {
  const same = free.findIndex((c) => c.width === width && c.height === height);
  // Chromium keeps the bitmap when a canvas is given its own size again; any other size reallocates.
  const canvas = same >= 0 ? free.splice(same, 1)[0]! : (free.pop() ?? document.createElement('canvas'));
  if (canvas.width !== width) canvas.width = width;
  if (canvas.height !== height) canvas.height = height;
  return canvas;
}

/** Gives a canvas back: detached, unlabelled, and kept for the next page or emptied. */
export function giveBackCanvas(element: Element): void {
  if (!(element instanceof HTMLCanvasElement)) return;
  element.remove();
  for (const name of ['role', 'aria-label', 'aria-hidden']) element.removeAttribute(name);
  if (free.length < POOL_SIZE && !free.includes(element)) free.push(element);
  else {
    // Frees its pixels now rather than at the next garbage collection.
    element.width = 0;
    element.height = 0;
  }
}
