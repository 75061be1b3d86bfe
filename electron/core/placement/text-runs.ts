// A text run as pdf.js's text content gives it, and the box part of it covers in user space: shared
// by the anchor-phrase search and the page-content check.

export interface TextRun {
  str: string;
  width: number;
  height: number;
  transform: number[];
}

/**
 * The corners of part of a text run (from..to as fractions of its width) in user space: along the
 * run's baseline direction, from a fifth of the height below the baseline (descenders) to the top.
 * Glyph widths are taken as even, which is close enough to place a stamp beside the phrase.
 */
export function runCorners(run: TextRun, from: number, to: number): [number, number][] {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = run.transform;
  const along = Math.hypot(a, b) || 1;
  const up = Math.hypot(c, d) || 1;
  const ux = a / along;
  const uy = b / along;
  const vx = c / up;
  const vy = d / up;
  const height = run.height || up;
  const start = run.width * from;
  const end = run.width * to;
  const corners: [number, number][] = [];
  for (const s of [start, end]) {
    for (const h of [-0.2 * height, height]) corners.push([e + s * ux + h * vx, f + s * uy + h * vy]);
  }
  return corners;
}
