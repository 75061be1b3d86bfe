// One streamed pass over a signed PDF for everything the verification needs from the whole file:
// its SHA-256, where each /ByteRange key is (every revision's signature dictionaries), whether a
// signature field is marked at all, and the digests of the prefixes that may be the original.
import { createHash } from 'node:crypto';
import { STREAM_CHUNK, type ByteSource } from './byte-source';
import { isDelimiter, isWhitespace } from './pdf-syntax';

export interface SignedFileScan {
  sha256: string;
  /** The %PDF- header is within the first 1024 bytes. */
  hasHeader: boolean;
  /** Offsets of every "/ByteRange" key (followed by a delimiter or whitespace). */
  byteRangeKeys: number[];
  /** "/FT /Sig" or "/Type /Sig" somewhere: a signature was there even if its dictionary is unreadable. */
  hasSignatureMarkers: boolean;
  /** SHA-256 (hex) of the file's first `n` bytes, for each `n` asked for that the file reaches. */
  prefixDigests: Map<number, string>;
  /** Ends of revisions: just after each %%EOF, with or without its end of line. */
  revisionEnds: number[];
}

const BYTE_RANGE = '/ByteRange';
const SIG = '/Sig';
const EOF_MARK = '%%EOF';
/** Bytes kept from one chunk to the next, more than any match plus the context it needs. */
const OVERLAP = 64;

/**
 * Scans `source` once. `prefixes` are lengths whose digest is wanted; with `atRevisionEnds` the
 * digest at every revision end is taken too (an original given by its digest alone). `chunk` is
 * the bytes read at a time (a test makes it small to put matches across chunk boundaries).
 */
export async function scanSignedFile(
  source: ByteSource,
  prefixes: readonly number[],
  atRevisionEnds: boolean,
  chunk = STREAM_CHUNK,
): Promise<SignedFileScan> {
  const hash = createHash('sha256');
  let hashed = 0;
  const prefixDigests = new Map<number, string>();
  const pendingPrefixes = [...new Set(prefixes)]
    .filter((n) => n >= 0 && n <= source.size)
    .sort((a, b) => a - b);
  const byteRangeKeys: number[] = [];
  const revisionEnds: number[] = [];
  let hasSignatureMarkers = false;
  let hasHeader = false;

  /** Where a digest is still wanted: kept until the hash gets there, which may be a window later. */
  const cuts = [...pendingPrefixes];
  /** Hashes up to `limit`, taking the digest at every wanted cut on the way. */
  const hashTo = (window: Buffer, windowStart: number, limit: number): void => {
    const due = cuts.filter((c) => c >= hashed && c <= limit).sort((a, b) => a - b);
    const later = cuts.filter((c) => c > limit);
    cuts.splice(0, cuts.length, ...later);
    for (const cut of due) {
      hash.update(window.subarray(hashed - windowStart, cut - windowStart));
      hashed = cut;
      prefixDigests.set(cut, hash.copy().digest('hex'));
    }
    hash.update(window.subarray(hashed - windowStart, limit - windowStart));
    hashed = limit;
  };

  const reused = Buffer.allocUnsafe(Math.min(source.size, chunk + OVERLAP));
  for (let chunkStart = 0; chunkStart < source.size; chunkStart += chunk) {
    const windowStart = Math.max(0, chunkStart - OVERLAP);
    const wanted = reused.subarray(0, chunk + (chunkStart - windowStart));
    const window = reused.subarray(0, await source.readInto(wanted, windowStart));
    const windowEnd = windowStart + window.length;
    const last = windowEnd >= source.size;
    if (chunkStart === 0) hasHeader = window.subarray(0, 1024).indexOf('%PDF-', 0, 'latin1') >= 0;
    // A match belongs to this window when the context it needs ends in the new part of it (or
    // the file ends): one in the overlap was already judged by the window before.
    const owned = (at: number, needs: number): boolean =>
      windowStart + at + needs > chunkStart && (last || windowStart + at + needs <= windowEnd);

    for (let at = window.indexOf(BYTE_RANGE); at >= 0; at = window.indexOf(BYTE_RANGE, at + 1)) {
      const next = window[at + BYTE_RANGE.length];
      if (!owned(at, BYTE_RANGE.length + 1)) continue;
      if (next === undefined || isWhitespace(next) || isDelimiter(next)) byteRangeKeys.push(windowStart + at);
    }
    if (!hasSignatureMarkers) {
      for (let at = window.indexOf(SIG); at >= 0; at = window.indexOf(SIG, at + 1)) {
        const next = window[at + SIG.length];
        if (!owned(at, SIG.length + 1) || (next !== undefined && !isWhitespace(next) && !isDelimiter(next))) {
          continue;
        }
        if (/\/(FT|Type)[\0\t\n\f\r ]*$/.test(window.toString('latin1', Math.max(0, at - 12), at))) {
          hasSignatureMarkers = true;
          break;
        }
      }
    }
    for (let at = window.indexOf(EOF_MARK); at >= 0; at = window.indexOf(EOF_MARK, at + 1)) {
      if (!owned(at, EOF_MARK.length + 2)) continue;
      let end = windowStart + at + EOF_MARK.length;
      const ends = [end];
      if (window[end - windowStart] === 0x0d) ends.push(++end);
      if (window[end - windowStart] === 0x0a) ends.push(++end);
      revisionEnds.push(...ends);
      if (atRevisionEnds) cuts.push(...ends);
    }
    // The hash trails the window by the overlap, so a cut found there is still ahead of it.
    hashTo(window, windowStart, last ? windowEnd : Math.max(hashed, windowEnd - OVERLAP));
  }
  if (source.size === 0 && pendingPrefixes.includes(0)) prefixDigests.set(0, hash.copy().digest('hex'));
  return {
    sha256: hash.digest('hex'),
    hasHeader,
    byteRangeKeys,
    hasSignatureMarkers,
    prefixDigests,
    revisionEnds,
  };
}
