// How a visible signature's stamp is laid out, in one place: which lines it carries (the design's
// own and those the service adds in its own words), the font size, the line breaks and where each
// line, image and QR code sits in the box. The sandbox's PDF writer draws from this layout and the
// renderer's preview shows it, so the preview cannot promise lines the PDF will not have. Pure: no
// DOM, no Node. Coordinates are PDF points from the stamp's top-left corner, y down.
import type { CommunicationLanguage } from './signer';
import { winAnsiCode } from './win-ansi';

// --- the words the service adds to a stamp --------------------------------------------------------

/** What the signing service writes under the design's lines, in the request's language. */
export interface StampWords {
  signedBy: string;
  date: string;
  reason: string;
  location: string;
}

// Every character here is in WinAnsi, so the standard PDF font draws it as written.
export const STAMP_WORDS: Readonly<Record<CommunicationLanguage, StampWords>> = {
  EN: { signedBy: 'Signed by', date: 'Date', reason: 'Reason', location: 'Location' },
  ES: { signedBy: 'Firmado por', date: 'Fecha', reason: 'Motivo', location: 'Lugar' },
  PL: { signedBy: 'Podpisany przez', date: 'Data', reason: 'Powód', location: 'Miejsce' },
};

export interface StampContent {
  /** The design's lines, placeholders filled (`appearance.text`); a line may hold line breaks. */
  text?: readonly string[];
  /** Written as "Signed by: …" when the design gives no line at all. */
  signerName: string;
  /** The signing time as it will be printed. */
  date: string;
  reason?: string;
  location?: string;
  /** The request's communication language; English when absent. */
  language?: CommunicationLanguage;
}

/** Every line of the stamp's text, in order, before wrapping. */
export function stampLines(content: StampContent): string[] {
  const words = STAMP_WORDS[content.language ?? 'EN'];
  const given = (content.text ?? [])
    .flatMap((line) => line.split(/\r?\n/))
    .filter((line) => line.trim() !== '');
  const lines = given.length > 0 ? [...given] : [`${words.signedBy}: ${content.signerName}`];
  lines.push(`${words.date}: ${content.date}`);
  if (content.reason) lines.push(`${words.reason}: ${content.reason}`);
  if (content.location) lines.push(`${words.location}: ${content.location}`);
  return lines;
}

// --- measuring text in the standard Helvetica font ----------------------------------------------

/** Helvetica's advance widths (1/1000 em, Adobe's AFM) by WinAnsi byte, 0x20…0xFF; 0: no glyph. */
// prettier-ignore
const HELVETICA_WIDTHS: readonly number[] = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556,
  556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778,
  722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278,
  278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
  556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 0, 556, 0, 222, 556, 333,
  1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 222, 222, 333, 333, 350, 556, 1000, 333,
  1000, 500, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584,
  333, 737, 333, 400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611, 667,
  667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278, 722, 722, 778, 778, 778,
  778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611, 556, 556, 556, 556, 556, 556, 889, 500, 556,
  556, 556, 556, 278, 278, 278, 278, 556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556,
  500, 556, 500,
];

/** What a character outside WinAnsi is drawn as: its base letter (ł→l, ś→s), else "?". */
const UNDRAWN = 556;
const STROKED: Readonly<Record<string, string>> = { Ł: 'L', ł: 'l', Đ: 'D', đ: 'd', ı: 'i' };

function charWidth(char: string): number {
  const code = winAnsiCode(char.codePointAt(0) ?? 0);
  if (code !== undefined) return HELVETICA_WIDTHS[code - 0x20] || UNDRAWN;
  // The writer draws other white space as a space.
  if (/\s/u.test(char)) return HELVETICA_WIDTHS[0] ?? UNDRAWN;
  const base = (STROKED[char] ?? char).normalize('NFD').replace(/\p{M}/gu, '');
  if (base === '' || base === char) return UNDRAWN;
  return [...base].reduce((sum, c) => sum + charWidth(c), 0);
}

/** Width of `text` at `size` points in Helvetica, as a PDF draws it (no kerning). */
export function measureHelvetica(text: string, size: number): number {
  let units = 0;
  for (const char of text.normalize('NFC')) units += charWidth(char);
  return (units * size) / 1000;
}

// --- fitting the lines --------------------------------------------------------------------------

export type MeasureText = (text: string, size: number) => number;

export interface FittedText {
  readonly size: number;
  readonly lines: readonly string[];
}

export const LEADING = 1.2;
export const MIN_TEXT_SIZE = 4;
/** Larger text only makes a big stamp look like a poster. */
const MAX_TEXT_SIZE = 24;
/** Helvetica's glyphs span -0.207..0.718 em; centring that span centres the line visually. */
const DESCENT = 0.207;
const GLYPH_HEIGHT = 0.925;

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
  measure: MeasureText = measureHelvetica,
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

// --- the whole stamp ----------------------------------------------------------------------------

export interface StampBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type StampAlign = 'left' | 'center' | 'right';

export interface StampLayoutInput {
  /** The stamp's size in points (as the reader sees it, after the page's rotation). */
  width: number;
  height: number;
  /** Room kept at the top for a notice above everything (the sandbox's SANDBOX line), in points. */
  headerHeight?: number;
  /** Width / height of each graphic in drawing order: the image's aspect, 1 for a QR code. */
  graphics?: readonly number[];
  /** Graphics beside the text (true) or above it; default: beside in a wide box. */
  horizontal?: boolean;
  /** The lines to show, as `stampLines` gives them. */
  lines: readonly string[];
  /** A fixed size in points; otherwise the largest that fits. */
  textSize?: number;
  textAlign?: string;
  measure?: MeasureText;
}

export interface StampLine {
  text: string;
  /** Left edge of the line, points from the stamp's left. */
  x: number;
  /** Baseline, points from the stamp's top. */
  baseline: number;
}

export interface StampLayout {
  /** Margin inside the border. */
  pad: number;
  graphics: StampBox[];
  /** Where the text goes; lines beyond it are clipped. */
  textArea: StampBox;
  size: number;
  align: StampAlign;
  lines: StampLine[];
}

/** Lays a stamp out: graphics beside or above the text, the text fitted and centred vertically. */
export function layoutStamp(input: StampLayoutInput): StampLayout {
  const { width, height } = input;
  const measure = input.measure ?? measureHelvetica;
  const pad = Math.max(1, Math.min(4, Math.min(width, height) * 0.05));
  const header = input.headerHeight ?? 0;
  const body: StampBox = {
    x: pad,
    y: pad + header,
    width: Math.max(0, width - 2 * pad),
    height: Math.max(0, height - 2 * pad - header),
  };
  const horizontal = input.horizontal ?? width >= height;
  const { boxes, textArea } = placeGraphics(input.graphics ?? [], body, horizontal, pad);

  const fixed = input.textSize;
  const validSize = fixed !== undefined && Number.isFinite(fixed) && fixed > 0 ? fixed : undefined;
  const fitted = fitText(input.lines, textArea.width, textArea.height, measure, validSize);
  const requested = input.textAlign?.trim().toLowerCase();
  const align: StampAlign = requested === 'center' || requested === 'right' ? requested : 'left';
  const lead = fitted.size * LEADING;
  // Centred when it fits; otherwise start at the top and let the clip cut the bottom.
  const top = textArea.y + Math.max(0, (textArea.height - fitted.lines.length * lead) / 2);
  const lines = fitted.lines.map((text, index) => {
    const lineWidth = measure(text, fitted.size);
    const x =
      align === 'left'
        ? textArea.x
        : align === 'right'
          ? textArea.x + textArea.width - lineWidth
          : textArea.x + (textArea.width - lineWidth) / 2;
    const baseline =
      top + (index + 1) * lead - (lead - GLYPH_HEIGHT * fitted.size) / 2 - DESCENT * fitted.size;
    return { text, x, baseline };
  });
  return { pad, graphics: boxes, textArea, size: fitted.size, align, lines };
}

/** The graphics in a row beside (horizontal) or above the text; what is left is the text's. */
function placeGraphics(
  aspects: readonly number[],
  body: StampBox,
  horizontal: boolean,
  gap: number,
): { boxes: StampBox[]; textArea: StampBox } {
  if (aspects.length === 0) return { boxes: [], textArea: body };
  const aspectSum = aspects.reduce((a, b) => a + b, 0);
  const gaps = gap * (aspects.length - 1);
  const size = horizontal
    ? Math.max(0, Math.min(body.height, (body.width * 0.45 - gaps) / aspectSum))
    : Math.max(0, Math.min(body.height * 0.5, (body.width - gaps) / aspectSum));
  const rowWidth = size * aspectSum + gaps;
  let x = horizontal ? body.x : body.x + (body.width - rowWidth) / 2;
  // A row beside the text is centred on it; a row above the text sits at the top.
  const y = horizontal ? body.y + (body.height - size) / 2 : body.y;
  const boxes = aspects.map((aspect) => {
    const box = { x, y, width: size * aspect, height: size };
    x += box.width + gap;
    return box;
  });
  const textArea = horizontal
    ? {
        x: body.x + rowWidth + gap,
        y: body.y,
        width: Math.max(0, body.width - rowWidth - gap),
        height: body.height,
      }
    : {
        x: body.x,
        y: body.y + size + gap,
        width: body.width,
        height: Math.max(0, body.height - size - gap),
      };
  return { boxes, textArea };
}
