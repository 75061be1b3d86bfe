// Reads a PDF's cross-reference (ISO 32000-1 §7.5.4-7.5.8) from the end of the file: the last
// startxref, then every section chained by /Prev (classic tables, cross-reference streams and
// hybrid files' /XRefStm), newest first, so each object number maps to where its latest version is.
import { inflateSync } from 'node:zlib';
import type { ByteSource } from './byte-source';
import { isWhitespace, PdfReader, PdfSyntaxError, type PdfDict, type PdfValue } from './pdf-syntax';

export type XrefEntry =
  | { type: 'offset'; offset: number; generation: number }
  | { type: 'compressed'; stream: number; index: number };

export interface CrossReference {
  /** Latest entry per object number; null when the latest section marks it free. */
  entries: Map<number, XrefEntry | null>;
  /** Trailer dictionaries (or cross-reference stream dictionaries), newest first. */
  trailers: PdfDict[];
  /** Offset of the newest section: what startxref says. */
  startxref: number;
  /** The newest section is a cross-reference stream. */
  isStream: boolean;
}

/** The structure cannot be read as written (a reconstruction from the objects may still work). */
export class PdfStructureError extends Error {
  override name = 'PdfStructureError';
}

/** Thrown by a parse that ran off the end of its window: read a larger one. */
class NeedMoreBytes extends Error {}

const TAIL_WINDOW = 2048;
const FIRST_WINDOW = 16 * 1024;
/** No single object, table or trailer read here is allowed to be larger than this. */
const MAX_WINDOW = 64 * 1024 * 1024;
const MAX_SECTIONS = 10_000;
/** Decoded cross-reference or object streams larger than this are refused as damaged. */
export const MAX_DECODED_STREAM = 64 * 1024 * 1024;

/**
 * Parses something at `at` from a window of the file, growing the window while the parse runs off
 * its end and the file goes on.
 */
export async function parseAt<T>(
  source: ByteSource,
  at: number,
  parse: (window: Buffer, atEnd: boolean) => T,
  first = FIRST_WINDOW,
): Promise<T> {
  for (let size = first; ; size *= 8) {
    const window = await source.read(at, Math.min(size, MAX_WINDOW));
    const atEnd = at + window.length >= source.size;
    try {
      return parse(window, atEnd);
    } catch (error) {
      const ranOut =
        error instanceof NeedMoreBytes ||
        (error instanceof PdfSyntaxError && /end of data|not closed/.test(error.message));
      if (!ranOut || atEnd || size >= MAX_WINDOW) {
        if (error instanceof NeedMoreBytes) throw new PdfStructureError(`data at ${at} is cut short`);
        throw error;
      }
    }
  }
}

/** A tokenizer over a window: whitespace and comments skipped, regular tokens returned. */
function token(reader: PdfReader, window: Buffer, atEnd: boolean): string {
  reader.skipWhitespace();
  const start = reader.pos;
  while (reader.pos < window.length && !isWhitespace(window[reader.pos]) && window[reader.pos] !== 0x25) {
    const byte = window[reader.pos];
    if (byte === 0x3c || byte === 0x2f || byte === 0x5b) break;
    reader.pos++;
  }
  if (reader.pos >= window.length && !atEnd) throw new NeedMoreBytes();
  return window.toString('latin1', start, reader.pos);
}

export async function readCrossReference(source: ByteSource): Promise<CrossReference> {
  const tailStart = Math.max(0, source.size - TAIL_WINDOW);
  const tail = await source.read(tailStart, TAIL_WINDOW);
  const keyword = tail.lastIndexOf('startxref', undefined, 'latin1');
  const match = keyword < 0 ? null : /^startxref[\0\t\n\f\r ]+(\d+)/.exec(tail.toString('latin1', keyword));
  if (!match?.[1]) throw new PdfStructureError('no startxref');
  const startxref = Number(match[1]);
  if (startxref >= source.size) throw new PdfStructureError('startxref points past the end of the file');

  const entries = new Map<number, XrefEntry | null>();
  const trailers: PdfDict[] = [];
  const seen = new Set<number>();
  let isStream = false;
  let next: number | undefined = startxref;
  while (next !== undefined) {
    if (seen.has(next) || seen.size >= MAX_SECTIONS) throw new PdfStructureError('/Prev chain loops');
    seen.add(next);
    const section = await readSection(source, next);
    if (trailers.length === 0) isStream = section.isStream;
    for (const [num, entry] of section.entries) if (!entries.has(num)) entries.set(num, entry);
    const hybrid = numberIn(section.trailer, 'XRefStm');
    if (!section.isStream && hybrid !== undefined && !seen.has(hybrid)) {
      // A hybrid file's stream holds the objects in object streams, which its table leaves out.
      seen.add(hybrid);
      try {
        const extra = await readSection(source, hybrid);
        for (const [num, entry] of extra.entries) if (!entries.has(num)) entries.set(num, entry);
      } catch {
        // Readers that ignore /XRefStm see the table alone; so do we when the stream is unreadable.
      }
    }
    trailers.push(section.trailer);
    next = numberIn(section.trailer, 'Prev');
    if (next !== undefined && next >= source.size) throw new PdfStructureError('/Prev points past the end');
  }
  return { entries, trailers, startxref, isStream };
}

function numberIn(dict: PdfDict, key: string): number | undefined {
  const value = dict.entries.get(key)?.value;
  return value?.kind === 'number' && value.integer ? value.value : undefined;
}

interface Section {
  entries: Map<number, XrefEntry | null>;
  trailer: PdfDict;
  isStream: boolean;
}

async function readSection(source: ByteSource, at: number): Promise<Section> {
  const head = (await source.read(at, 32)).toString('latin1');
  if (/^[\0\t\n\f\r ]*xref/.test(head)) return parseAt(source, at, parseTable);
  if (/^[\0\t\n\f\r ]*\d+[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+obj/.test(head)) return readXrefStream(source, at);
  throw new PdfStructureError(`startxref does not point to a cross-reference section (${at})`);
}

function parseTable(window: Buffer, atEnd: boolean): Section {
  const reader = new PdfReader(window, 0);
  if (token(reader, window, atEnd) !== 'xref') throw new PdfStructureError('xref keyword expected');
  const entries = new Map<number, XrefEntry | null>();
  for (;;) {
    const word = token(reader, window, atEnd);
    if (word === 'trailer') break;
    const first = Number(word);
    const count = Number(token(reader, window, atEnd));
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(count) || first < 0 || count < 0) {
      throw new PdfStructureError(`bad cross-reference subsection "${word}"`);
    }
    for (let i = 0; i < count; i++) {
      const offset = Number(token(reader, window, atEnd));
      const generation = Number(token(reader, window, atEnd));
      const kind = token(reader, window, atEnd);
      if (
        !Number.isSafeInteger(offset) ||
        !Number.isSafeInteger(generation) ||
        (kind !== 'n' && kind !== 'f')
      ) {
        throw new PdfStructureError(`bad cross-reference entry for object ${first + i}`);
      }
      if (!entries.has(first + i)) {
        entries.set(first + i, kind === 'n' ? { type: 'offset', offset, generation } : null);
      }
    }
  }
  const trailer = new PdfReader(window, reader.pos).parseValue();
  if (trailer.kind !== 'dict') throw new PdfStructureError('trailer is not a dictionary');
  return { entries, trailer, isStream: false };
}

export interface StreamAt {
  /** Offset of the first byte of the stream's data. */
  dataStart: number;
  /** /Length as written (a number, or a reference to resolve). */
  length: PdfValue | undefined;
}

export interface ParsedIndirect {
  objectNumber: number;
  generation: number;
  value: PdfValue;
  stream?: StreamAt;
}

/** "N G obj value [stream…|endobj]" at `base` in the file, read from its window. */
export function parseIndirect(window: Buffer, atEnd: boolean, base: number): ParsedIndirect {
  const reader = new PdfReader(window, 0);
  const objectNumber = Number(token(reader, window, atEnd));
  const generation = Number(token(reader, window, atEnd));
  if (!Number.isSafeInteger(objectNumber) || !Number.isSafeInteger(generation)) {
    throw new PdfStructureError(`no object at ${base}`);
  }
  if (token(reader, window, atEnd) !== 'obj') throw new PdfStructureError(`no object at ${base}`);
  const value = reader.parseValue();
  // The keyword after the value proves the value was not cut by the window's end.
  reader.skipWhitespace();
  const keywordAt = reader.pos;
  const keyword = token(reader, window, atEnd);
  if (keyword === 'stream' && value.kind === 'dict') {
    let dataStart = keywordAt + 'stream'.length;
    if (window[dataStart] === 0x0d) dataStart++;
    if (window[dataStart] === 0x0a) dataStart++;
    return {
      objectNumber,
      generation,
      value,
      stream: { dataStart: base + dataStart, length: value.entries.get('Length')?.value },
    };
  }
  return { objectNumber, generation, value };
}

/** Decodes stream data with the filters cross-reference and object streams use (Flate, PNG predictors). */
export function decodeStream(dict: PdfDict, data: Buffer): Buffer {
  const filter = dict.entries.get('Filter')?.value;
  const filters =
    filter === undefined
      ? []
      : filter.kind === 'name'
        ? [filter.value]
        : filter.kind === 'array'
          ? filter.items.map((item) => (item.kind === 'name' ? item.value : '?'))
          : ['?'];
  if (
    filters.length > 1 ||
    (filters[0] !== undefined && filters[0] !== 'FlateDecode' && filters[0] !== 'Fl')
  ) {
    throw new PdfStructureError(`stream filter ${filters.join(', ')} is not supported here`);
  }
  let decoded = data;
  if (filters.length === 1) {
    try {
      decoded = inflateSync(data, { maxOutputLength: MAX_DECODED_STREAM, finishFlush: 2 /* Z_SYNC_FLUSH */ });
    } catch (error) {
      throw new PdfStructureError(`stream data cannot be decompressed (${String(error)})`);
    }
  }
  const parms = dict.entries.get('DecodeParms')?.value;
  const parmsDict =
    parms?.kind === 'dict'
      ? parms
      : parms?.kind === 'array' && parms.items[0]?.kind === 'dict'
        ? parms.items[0]
        : undefined;
  const predictor = parmsDict ? (numberIn(parmsDict, 'Predictor') ?? 1) : 1;
  if (predictor >= 10)
    return undoPngPredictor(decoded, parmsDict ? (numberIn(parmsDict, 'Columns') ?? 1) : 1);
  if (predictor !== 1) throw new PdfStructureError(`predictor ${predictor} is not supported here`);
  return decoded;
}

/** PNG row filters (RFC 2083 §6), one byte per sample as cross-reference streams use. */
function undoPngPredictor(data: Buffer, columns: number): Buffer {
  const rowLength = columns + 1;
  const rows = Math.floor(data.length / rowLength);
  const out = Buffer.alloc(rows * columns);
  for (let r = 0; r < rows; r++) {
    const type = data[r * rowLength] ?? 0;
    for (let c = 0; c < columns; c++) {
      const raw = data[r * rowLength + 1 + c] ?? 0;
      const left = c > 0 ? (out[r * columns + c - 1] ?? 0) : 0;
      const up = r > 0 ? (out[(r - 1) * columns + c] ?? 0) : 0;
      const upLeft = r > 0 && c > 0 ? (out[(r - 1) * columns + c - 1] ?? 0) : 0;
      let value = raw;
      if (type === 1) value = raw + left;
      else if (type === 2) value = raw + up;
      else if (type === 3) value = raw + ((left + up) >> 1);
      else if (type === 4) {
        const p = left + up - upLeft;
        const pa = Math.abs(p - left);
        const pb = Math.abs(p - up);
        const pc = Math.abs(p - upLeft);
        value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[r * columns + c] = value & 0xff;
    }
  }
  return out;
}

async function readXrefStream(source: ByteSource, at: number): Promise<Section> {
  const object = await parseAt(source, at, (window, atEnd) => parseIndirect(window, atEnd, at));
  const dict = object.value;
  if (dict.kind !== 'dict' || !object.stream) throw new PdfStructureError(`object at ${at} is not a stream`);
  if (dict.entries.get('Type')?.value.kind !== 'name')
    throw new PdfStructureError('cross-reference stream without /Type');
  const length = object.stream.length;
  if (length?.kind !== 'number' || !length.integer || length.value < 0 || length.value > MAX_DECODED_STREAM) {
    throw new PdfStructureError('cross-reference stream without a usable /Length');
  }
  const data = decodeStream(dict, await source.read(object.stream.dataStart, length.value));
  const widthsValue = dict.entries.get('W')?.value;
  const widths =
    widthsValue?.kind === 'array'
      ? widthsValue.items.map((item) => (item.kind === 'number' ? item.value : -1))
      : [];
  const [w0 = -1, w1 = -1, w2 = -1] = widths;
  if (widths.length !== 3 || Math.min(w0, w1, w2) < 0 || Math.max(w0, w1, w2) > 8) {
    throw new PdfStructureError('cross-reference stream with a bad /W');
  }
  const size = numberIn(dict, 'Size') ?? 0;
  const indexValue = dict.entries.get('Index')?.value;
  const index =
    indexValue?.kind === 'array'
      ? indexValue.items.map((item) => (item.kind === 'number' ? item.value : -1))
      : [0, size];
  const rowLength = w0 + w1 + w2;
  const field = (row: number, from: number, width: number, fallback: number): number => {
    if (width === 0) return fallback;
    let value = 0;
    for (let i = 0; i < width; i++) value = value * 256 + (data[row * rowLength + from + i] ?? 0);
    return value;
  };
  const entries = new Map<number, XrefEntry | null>();
  let row = 0;
  for (let i = 0; i + 1 < index.length; i += 2) {
    const first = index[i] ?? -1;
    const count = index[i + 1] ?? -1;
    if (first < 0 || count < 0) throw new PdfStructureError('cross-reference stream with a bad /Index');
    for (let n = 0; n < count && (row + 1) * rowLength <= data.length; n++, row++) {
      const type = field(row, 0, w0, 1);
      const second = field(row, w0, w1, 0);
      const third = field(row, w0 + w1, w2, 0);
      if (entries.has(first + n)) continue;
      if (type === 1) entries.set(first + n, { type: 'offset', offset: second, generation: third });
      else if (type === 2) entries.set(first + n, { type: 'compressed', stream: second, index: third });
      else if (type === 0) entries.set(first + n, null);
    }
  }
  return { entries, trailer: dict, isStream: true };
}
