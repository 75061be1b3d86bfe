// Finds signature dictionaries by scanning the file's bytes for /ByteRange keys and reading the
// enclosing object with offsets kept, so that every revision's signature is seen (incremental
// updates append, they never move earlier bytes) and /Contents is located independently of what
// /ByteRange claims.
import { createHash, type Hash } from 'node:crypto';
import { streamRange, type ByteSource } from './byte-source';
import {
  decodeTextString,
  isDelimiter,
  isWhitespace,
  PdfReader,
  type PdfDict,
  type PdfValue,
} from './pdf-syntax';

export interface SignatureDictionary {
  /** The indirect object holding the dictionary (it may be nested, e.g. a field's direct /V). */
  objectNumber: number;
  generation: number;
  /** Offset of the dictionary's '<<'. */
  dictionaryStart: number;
  /** The numbers of /ByteRange as written; empty when it is not an array of numbers. */
  byteRange: number[];
  /** Offsets of the /Contents hex string: `start` is the '<', `end` is just after the '>'. */
  contents?: { start: number; end: number; bytes: Buffer };
  type?: string;
  filter?: string;
  subFilter?: string;
  /** /M as written, e.g. "D:20250101120000+01'00'". */
  m?: string;
  name?: string;
  reason?: string;
  location?: string;
}

export interface ByteRangeCheck {
  /** [start, length] pairs inside the file. */
  wellFormed: boolean;
  /** `[0, a, b, c]` with a = offset of '<' and b = just after '>' of this dictionary's /Contents. */
  excludesExactlyContents: boolean;
  /** excludesExactlyContents and b + c is the file length. */
  coversWholeFile: boolean;
  /** b + c: the length of the revision this signature covers. */
  signedLength: number;
  /** Bytes after the covered revision (0 when the signature covers the whole file). */
  bytesAfter: number;
}

const BYTE_RANGE = Buffer.from('/ByteRange', 'latin1');
const OBJ = Buffer.from('obj', 'latin1');
/** How far back from /ByteRange to look for "N G obj": past a /Contents of several hundred KB. */
const MAX_LOOKBACK = 8 * 1024 * 1024;
const MAX_HEADER_CANDIDATES = 64;

export function findSignatureDictionaries(file: Buffer): SignatureDictionary[] {
  const found: SignatureDictionary[] = [];
  let at = file.indexOf(BYTE_RANGE);
  while (at >= 0) {
    const next = file[at + BYTE_RANGE.length];
    if (next === undefined || isWhitespace(next) || isDelimiter(next)) {
      const dictionary = readEnclosingDictionary(file, at);
      if (dictionary && !found.some((d) => d.dictionaryStart === dictionary.dictionaryStart)) {
        found.push(dictionary);
      }
    }
    at = file.indexOf(BYTE_RANGE, at + BYTE_RANGE.length);
  }
  // File order of /Contents is signing order: each signature covers everything before it.
  return found.sort(
    (a, b) => (a.contents?.start ?? a.dictionaryStart) - (b.contents?.start ?? b.dictionaryStart),
  );
}

/** How far around a /ByteRange key to read first: enough for a dictionary with a 16 KB /Contents. */
const FIRST_REACH = 64 * 1024;

/**
 * The signature dictionary holding the /ByteRange key at `keyAt`, read from a window of `source`
 * around it (a larger one when the first cuts the dictionary), with offsets in the file's terms.
 */
export async function readSignatureDictionaryAt(
  source: ByteSource,
  keyAt: number,
): Promise<SignatureDictionary | undefined> {
  for (const reach of [FIRST_REACH, MAX_LOOKBACK]) {
    const start = Math.max(0, keyAt - reach);
    const window = await source.read(start, keyAt - start + reach);
    const found = readEnclosingDictionary(window, keyAt - start);
    if (found) {
      return {
        ...found,
        dictionaryStart: found.dictionaryStart + start,
        ...(found.contents
          ? {
              contents: {
                ...found.contents,
                start: found.contents.start + start,
                end: found.contents.end + start,
              },
            }
          : {}),
      };
    }
    if (start === 0 && start + window.length >= source.size) break;
  }
  return undefined;
}

/** Walks back to the nearest "N G obj" whose object has a dictionary with this very /ByteRange key. */
function readEnclosingDictionary(file: Buffer, keyAt: number): SignatureDictionary | undefined {
  const floor = Math.max(0, keyAt - MAX_LOOKBACK);
  let candidate = file.lastIndexOf(OBJ, keyAt);
  for (let tries = 0; candidate >= floor && tries < MAX_HEADER_CANDIDATES; tries++) {
    const header = /(\d+)[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]*$/.exec(
      file.toString('latin1', Math.max(0, candidate - 24), candidate),
    );
    const after = file[candidate + OBJ.length];
    if (header && (after === undefined || isWhitespace(after) || isDelimiter(after))) {
      try {
        const value = new PdfReader(file, candidate + OBJ.length).parseValue();
        const dict = dictionaryWithKeyAt(value, keyAt);
        // The nearest object does not hold the key as a dictionary key: it is stream data or
        // string content, not a signature dictionary.
        return dict ? describe(dict, Number(header[1]), Number(header[2])) : undefined;
      } catch {
        // Not parseable from here; an earlier "obj" may still be the right one.
      }
    }
    candidate = candidate === 0 ? -1 : file.lastIndexOf(OBJ, candidate - 1);
  }
  return undefined;
}

function dictionaryWithKeyAt(value: PdfValue, keyAt: number): PdfDict | undefined {
  if (value.start > keyAt || value.end <= keyAt) return undefined;
  if (value.kind === 'dict') {
    for (const entry of value.entries.values()) {
      if (entry.keyStart === keyAt) return value;
      const inner = dictionaryWithKeyAt(entry.value, keyAt);
      if (inner) return inner;
    }
  }
  if (value.kind === 'array') {
    for (const item of value.items) {
      const inner = dictionaryWithKeyAt(item, keyAt);
      if (inner) return inner;
    }
  }
  return undefined;
}

function describe(dict: PdfDict, objectNumber: number, generation: number): SignatureDictionary {
  const get = (key: string): PdfValue | undefined => dict.entries.get(key)?.value;
  const name = (key: string): string | undefined => {
    const value = get(key);
    return value?.kind === 'name' ? value.value : undefined;
  };
  const text = (key: string): string | undefined => {
    const value = get(key);
    return value?.kind === 'string' ? decodeTextString(value.bytes) : undefined;
  };
  const byteRangeValue = get('ByteRange');
  const byteRange =
    byteRangeValue?.kind === 'array' && byteRangeValue.items.every((item) => item.kind === 'number')
      ? byteRangeValue.items.map((item) => (item.kind === 'number' ? item.value : NaN))
      : [];
  const contentsValue = get('Contents');
  return {
    objectNumber,
    generation,
    dictionaryStart: dict.start,
    byteRange,
    contents:
      contentsValue?.kind === 'string'
        ? { start: contentsValue.start, end: contentsValue.end, bytes: contentsValue.bytes }
        : undefined,
    type: name('Type'),
    filter: name('Filter'),
    subFilter: name('SubFilter'),
    m: text('M'),
    name: text('Name'),
    reason: text('Reason'),
    location: text('Location'),
  };
}

export function checkByteRange(signature: SignatureDictionary, fileLength: number): ByteRangeCheck {
  const range = signature.byteRange;
  const wellFormed =
    range.length >= 2 &&
    range.length % 2 === 0 &&
    range.every((n) => Number.isSafeInteger(n) && n >= 0) &&
    pairs(range).every(([start, length], i, all) => {
      const previous = all[i - 1];
      return start + length <= fileLength && (!previous || previous[0] + previous[1] <= start);
    });
  const [first, a, b, c] = range;
  const excludesExactlyContents =
    wellFormed &&
    range.length === 4 &&
    first === 0 &&
    signature.contents !== undefined &&
    a === signature.contents.start &&
    b === signature.contents.end;
  const signedLength = wellFormed && range.length === 4 && b !== undefined && c !== undefined ? b + c : 0;
  return {
    wellFormed,
    excludesExactlyContents,
    coversWholeFile: excludesExactlyContents && signedLength === fileLength,
    signedLength,
    bytesAfter: signedLength > 0 ? Math.max(0, fileLength - signedLength) : 0,
  };
}

/** Feeds the bytes a (well-formed) /ByteRange covers to `hash`. */
export function hashByteRange(file: Buffer, byteRange: readonly number[], hash: Hash): Hash {
  for (const [start, length] of pairs(byteRange)) hash.update(file.subarray(start, start + length));
  return hash;
}

export function byteRangeDigest(file: Buffer, byteRange: readonly number[], algorithm: string): Buffer {
  return hashByteRange(file, byteRange, createHash(algorithm)).digest();
}

export function byteRangeBytes(file: Buffer, byteRange: readonly number[]): Buffer {
  return Buffer.concat(pairs(byteRange).map(([start, length]) => file.subarray(start, start + length)));
}

/** The digests of the bytes a (well-formed) /ByteRange covers, read from `source` in chunks. */
export async function digestByteRangeOf(
  source: ByteSource,
  byteRange: readonly number[],
  algorithm: string,
): Promise<Buffer> {
  const hash = createHash(algorithm);
  for (const [start, length] of pairs(byteRange)) {
    await streamRange(source, start, length, (chunk) => hash.update(chunk));
  }
  return hash.digest();
}

/** The covered bytes themselves, for the rare signature made directly over them. */
export async function byteRangeBytesOf(source: ByteSource, byteRange: readonly number[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const [start, length] of pairs(byteRange)) parts.push(await source.read(start, length));
  return Buffer.concat(parts);
}

function pairs(range: readonly number[]): [number, number][] {
  const result: [number, number][] = [];
  for (let i = 0; i + 1 < range.length; i += 2) result.push([range[i] ?? 0, range[i + 1] ?? 0]);
  return result;
}
