// Incremental update (ISO 32000-1 §7.5.6): finds the file's last cross-reference section and appends
// changed objects plus a new section chained to it by /Prev, leaving the original bytes untouched.
import { PDFDict, PDFName, PDFNumber, PDFObjectParser, PDFRawStream, PDFRef } from 'pdf-lib';
import type { PDFContext, PDFObject } from 'pdf-lib';
import { PdfSignError } from './errors';

export interface PreviousSection {
  /** Byte offset of the last cross-reference section: the new section's /Prev. */
  readonly startxref: number;
  /** The last section is a cross-reference stream, so the new one must be too (§7.5.8.4). */
  readonly isStream: boolean;
  /** The trailer dictionary, or the stream dictionary of a cross-reference stream. */
  readonly trailer: PDFDict;
  /** /Size: one more than the highest object number in use, object and xref streams included. */
  readonly size: number;
}

export interface UpdatedObject {
  readonly ref: PDFRef;
  readonly object: PDFObject;
}

export interface IncrementalUpdate {
  readonly bytes: Buffer;
  /** Where each written object starts in the whole file, by object number. */
  readonly offsets: ReadonlyMap<number, number>;
}

const damaged = (why: string): PdfSignError => new PdfSignError('damaged', `The PDF is damaged: ${why}`);

function latin1(pdf: Uint8Array, start: number, length: number): string {
  return Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1', start, start + length);
}

export function readLastSection(pdf: Uint8Array, context: PDFContext): PreviousSection {
  const buffer = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const keyword = buffer.lastIndexOf('startxref');
  const startxrefMatch = keyword < 0 ? null : /^startxref\s+(\d+)/.exec(latin1(pdf, keyword, 40));
  if (!startxrefMatch?.[1]) throw damaged('no startxref');
  const startxref = Number(startxrefMatch[1]);
  if (startxref >= pdf.length) throw damaged('startxref points past the end of the file');

  const head = latin1(pdf, startxref, 64);
  let trailer: PDFObject | undefined;
  let isStream = false;
  if (/^\s*xref\b/.test(head)) {
    const at = buffer.indexOf('trailer', startxref);
    if (at < 0) throw damaged('cross-reference table without trailer');
    trailer = PDFObjectParser.forBytes(pdf.subarray(at + 'trailer'.length), context).parseObject();
  } else {
    const header = /^\s*\d+\s+\d+\s+obj/.exec(head);
    if (!header) throw damaged('startxref does not point to a cross-reference section');
    const object = PDFObjectParser.forBytes(
      pdf.subarray(startxref + header[0].length),
      context,
    ).parseObject();
    if (object instanceof PDFRawStream && object.dict.get(PDFName.of('Type')) === PDFName.of('XRef')) {
      trailer = object.dict;
      isStream = true;
    }
  }
  if (!(trailer instanceof PDFDict)) throw damaged('unreadable trailer');
  const size = trailer.get(PDFName.of('Size'));
  if (!(size instanceof PDFNumber) || size.asNumber() < 1) throw damaged('trailer without /Size');
  return { startxref, isStream, trailer, size: size.asNumber() };
}

function serialise(object: PDFObject): Buffer {
  const bytes = Buffer.alloc(object.sizeInBytes());
  object.copyBytesInto(bytes, 0);
  return bytes;
}

/** Consecutive object numbers share one subsection: [first, count] pairs for /Index or `xref`. */
function subsections(numbers: number[]): [number, number][] {
  const result: [number, number][] = [];
  for (const n of numbers) {
    const last = result[result.length - 1];
    if (last && last[0] + last[1] === n) last[1] += 1;
    else result.push([n, 1]);
  }
  return result;
}

/** The file an update is appended to: its length, and whether it ends with an end of line. */
export interface UpdateBase {
  readonly length: number;
  readonly endsWithNewline: boolean;
}

/**
 * Appends `objects` to `original` with a cross-reference section of the same kind as the previous
 * one. Root, Info and ID are carried over from the previous trailer.
 */
export function appendIncrementalUpdate(
  original: Uint8Array,
  objects: readonly UpdatedObject[],
  previous: PreviousSection,
  context: PDFContext,
): IncrementalUpdate {
  const last = original[original.length - 1];
  const base = { length: original.length, endsWithNewline: last === 0x0a || last === 0x0d };
  const update = buildIncrementalUpdate(base, objects, previous, context);
  return {
    bytes: Buffer.concat([
      Buffer.from(original.buffer, original.byteOffset, original.byteLength),
      update.bytes,
    ]),
    offsets: update.offsets,
  };
}

/**
 * The bytes to append to a file of `base.length` bytes (a newline first if it lacks one): the
 * objects and a new cross-reference section; offsets are in the whole file's terms.
 */
export function buildIncrementalUpdate(
  base: UpdateBase,
  objects: readonly UpdatedObject[],
  previous: PreviousSection,
  context: PDFContext,
): IncrementalUpdate {
  const sorted = [...objects].sort((a, b) => a.ref.objectNumber - b.ref.objectNumber);
  const parts: Buffer[] = [];
  if (!base.endsWithNewline) parts.push(Buffer.from('\n'));
  let offset = base.length + parts.reduce((sum, part) => sum + part.length, 0);
  const offsets = new Map<number, number>();
  const write = (ref: PDFRef, body: Buffer): void => {
    offsets.set(ref.objectNumber, offset);
    const chunk = Buffer.concat([
      Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`),
      body,
      Buffer.from('\nendobj\n'),
    ]);
    parts.push(chunk);
    offset += chunk.length;
  };
  for (const { ref, object } of sorted) write(ref, serialise(object));

  const highest = sorted.reduce((max, { ref }) => Math.max(max, ref.objectNumber), 0);
  let size = Math.max(previous.size, highest + 1);
  const carried = {
    Root: previous.trailer.get(PDFName.of('Root')) ?? context.trailerInfo.Root,
    Info: previous.trailer.get(PDFName.of('Info')),
    ID: previous.trailer.get(PDFName.of('ID')),
    Prev: previous.startxref,
  };
  const xrefOffset = offset;

  if (previous.isStream) {
    const streamRef = PDFRef.of(size);
    size += 1;
    offsets.set(streamRef.objectNumber, xrefOffset);
    const entries = [...sorted.map(({ ref }) => ref), streamRef];
    const offsetWidth = Math.max(1, Math.ceil(Math.log2(xrefOffset + 1) / 8));
    const rows = Buffer.alloc(entries.length * (3 + offsetWidth));
    entries.forEach((ref, index) => {
      const row = index * (3 + offsetWidth);
      rows[row] = 1;
      rows.writeUIntBE(offsets.get(ref.objectNumber) ?? 0, row + 1, offsetWidth);
      rows.writeUInt16BE(ref.generationNumber, row + 1 + offsetWidth);
    });
    const stream = context.stream(rows, {
      Type: 'XRef',
      Size: size,
      Index: subsections(entries.map((ref) => ref.objectNumber)).flat(),
      W: [1, offsetWidth, 2],
      ...carried,
    });
    write(streamRef, serialise(stream));
  } else {
    let table = 'xref\n';
    for (const [first, count] of subsections(sorted.map(({ ref }) => ref.objectNumber))) {
      table += `${first} ${count}\n`;
      for (const { ref } of sorted.filter(
        (o) => o.ref.objectNumber >= first && o.ref.objectNumber < first + count,
      )) {
        const at = String(offsets.get(ref.objectNumber) ?? 0).padStart(10, '0');
        table += `${at} ${String(ref.generationNumber).padStart(5, '0')} n\r\n`;
      }
    }
    parts.push(Buffer.from(`${table}trailer\n`), serialise(context.obj({ Size: size, ...carried })));
    parts.push(Buffer.from('\n'));
  }
  parts.push(Buffer.from(`startxref\n${xrefOffset}\n%%EOF\n`));
  return { bytes: Buffer.concat(parts), offsets };
}
