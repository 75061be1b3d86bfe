// Fits the stamp's lines into a box: word wrapping and the largest font size that fits, so the
// signer's text stays legible whatever the requested rectangle.

/** Width of `text` at `size` points in the font being laid out. */
export type MeasureText = (text: string, size: number) => number;

export interface FittedText {
  readonly size: number;
  readonly lines: readonly string[];
}

export const LEADING = 1.2;
export const MIN_TEXT_SIZE = 4;
/** Larger text only makes a big stamp look like a poster. */
const MAX_TEXT_SIZE = 24;

function breakWord(word: string, maxWidth: number, size: number, measure: MeasureText): string[] {
  const pieces: string[] = [];
  let piece = '';
  for (const char of word) {
    if (piece !== '' && measure(piece + char, size) > maxWidth) {
      pieces.push(piece);
      piece = '';
    }
    piece += char;
  }
  if (piece !== '') pieces.push(piece);
  return pieces;
}

/**
 * Greedy word wrap. A word wider than the box is broken between characters when `breakWords`,
 * otherwise the line does not fit at this size (undefined).
 */
export function wrapLine(
  line: string,
  maxWidth: number,
  size: number,
  measure: MeasureText,
  breakWords: boolean,
): string[] | undefined {
  if (measure(line, size) <= maxWidth) return [line];
  const wrapped: string[] = [];
  let current = '';
  for (const word of line.split(' ').filter((w) => w !== '')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (measure(candidate, size) <= maxWidth) {
      current = candidate;
      continue;
    }
    if (current !== '') wrapped.push(current);
    if (measure(word, size) <= maxWidth) {
      current = word;
      continue;
    }
    if (!breakWords) return undefined;
    const pieces = breakWord(word, maxWidth, size, measure);
    current = pieces.pop() ?? '';
    wrapped.push(...pieces);
  }
  if (current !== '') wrapped.push(current);
  return wrapped;
}

function wrapAll(
  lines: readonly string[],
  width: number,
  size: number,
  measure: MeasureText,
  breakWords: boolean,
): string[] | undefined {
  const wrapped: string[] = [];
  for (const line of lines) {
    const pieces = wrapLine(line, width, size, measure, breakWords);
    if (!pieces) return undefined;
    wrapped.push(...pieces);
  }
  return wrapped;
}

/** Wrapping must buy at least this much size to be preferred over the lines as given. */
const WRAP_GAIN = 1.15;

/**
 * With a fixed size the lines are only wrapped (overflow is clipped by the caller). Otherwise the
 * largest size, in half points, at which the lines fit; lines are wrapped between words only if
 * that allows clearly larger text, and words are cut only when nothing else fits at the minimum.
 */
export function fitText(
  lines: readonly string[],
  width: number,
  height: number,
  measure: MeasureText,
  fixedSize?: number,
): FittedText {
  const lastResort = (size: number): FittedText => ({
    size,
    lines: wrapAll(lines, width, size, measure, true) ?? [],
  });
  if (fixedSize !== undefined) return lastResort(fixedSize);
  const fitsHeight = (count: number, size: number): boolean => count * size * LEADING <= height;
  let wrappedFit: FittedText | undefined;
  const start = Math.max(MIN_TEXT_SIZE, Math.floor(Math.min(MAX_TEXT_SIZE, height / LEADING) * 2) / 2);
  for (let size = start; size >= MIN_TEXT_SIZE; size -= 0.5) {
    if (fitsHeight(lines.length, size) && lines.every((line) => measure(line, size) <= width)) {
      return wrappedFit && wrappedFit.size >= size * WRAP_GAIN ? wrappedFit : { size, lines };
    }
    if (!wrappedFit) {
      const wrapped = wrapAll(lines, width, size, measure, false);
      if (wrapped && fitsHeight(wrapped.length, size)) wrappedFit = { size, lines: wrapped };
    }
  }
  return wrappedFit ?? lastResort(MIN_TEXT_SIZE);
}
